/**
 * Resolves the CloudFormation intrinsics of the synthesized templates to the values a local
 * "deployment" has: every resource gets a physical name, an ARN and the attributes the templates
 * read (`Ref`, `Fn::GetAtt`), and `Fn::Join`, `Fn::Sub`, `Fn::Select`, `Fn::Split`, `Fn::If`,
 * `Fn::ImportValue` (across the stacks of one assembly) and the pseudo parameters are evaluated
 * as CloudFormation would. Values are AWS-shaped (`https://<api>.execute-api.<region>.<suffix>`),
 * not local URLs: what a host name stands for locally is decided once, in local-endpoints.ts.
 *
 * An intrinsic this module does not know fails with a message naming it and where it was found:
 * a silently wrong value would make the local stack differ from the deployment.
 */
import { createHash } from 'node:crypto';
import {
  type CfnResource,
  type CfnTemplate,
  type LocalDeployment,
  type StackTemplate,
  urlSuffix,
} from './template.ts';

export class UnresolvableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnresolvableError';
  }
}

/** A short stable suffix, as CloudFormation appends to generated names. */
const suffixOf = (text: string, length = 12) =>
  createHash('sha256').update(text).digest('hex').slice(0, length).toUpperCase();

/** The physical name and attributes of one resource. */
interface Physical {
  ref: string;
  attributes: Record<string, string>;
}

/**
 * Resolves the templates of one assembly. `dynamicReference` answers `{{resolve:...}}` strings
 * (Secrets Manager values); without it they are left as written.
 */
export class TemplateResolver {
  private readonly physical = new Map<string, Physical>();
  private readonly exports = new Map<string, { stack: StackTemplate; value: unknown }>();

  constructor(
    readonly stacks: StackTemplate[],
    readonly deployment: LocalDeployment,
    private readonly dynamicReference?: (reference: string) => string | undefined,
  ) {
    for (const stack of stacks) {
      for (const output of Object.values(stack.template.Outputs ?? {})) {
        const name = output.Export?.Name;
        if (typeof name === 'string') this.exports.set(name, { stack, value: output.Value });
      }
    }
  }

  stack(stackName: string): StackTemplate {
    const stack = this.stacks.find((s) => s.stackName === stackName);
    if (!stack) throw new UnresolvableError(`No stack ${stackName} in the assembly`);
    return stack;
  }

  /** Resolves every intrinsic in `value`, found in `stack`. */
  resolve(stack: StackTemplate, value: unknown, where = ''): unknown {
    if (Array.isArray(value)) {
      return value
        .map((item, index) => this.resolve(stack, item, `${where}[${index}]`))
        .filter((item) => item !== NO_VALUE);
    }
    if (typeof value === 'string') return this.dynamic(value);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [key, argument] = entries[0] as [string, unknown];
      if (key === 'Ref' || key.startsWith('Fn::') || key === 'Condition')
        return this.intrinsic(stack, key, argument, where);
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      const resolved = this.resolve(stack, item, where ? `${where}.${key}` : key);
      if (resolved !== NO_VALUE) out[key] = resolved;
    }
    return out;
  }

  /** Resolves `value` and requires a string. */
  resolveString(stack: StackTemplate, value: unknown, where = ''): string {
    const resolved = this.resolve(stack, value, where);
    if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
    if (typeof resolved !== 'string')
      throw new UnresolvableError(
        `${stack.stackName} ${where}: expected a string, got ${JSON.stringify(resolved)}`,
      );
    return resolved;
  }

  /** The whole template with its intrinsics resolved (resources, outputs). */
  resolvedTemplate(stack: StackTemplate): CfnTemplate {
    const resources: Record<string, CfnResource> = {};
    const refs: Record<string, string> = {};
    for (const [id, resource] of Object.entries(stack.template.Resources)) {
      if (resource.Condition && !this.condition(stack, resource.Condition)) continue;
      resources[id] = {
        ...resource,
        Properties: this.resolve(stack, resource.Properties ?? {}, id) as Record<string, unknown>,
      };
      refs[id] = this.ref(stack, id);
    }
    const outputs: CfnTemplate['Outputs'] = {};
    for (const [id, output] of Object.entries(stack.template.Outputs ?? {})) {
      outputs[id] = { Value: this.resolve(stack, output.Value, `Outputs.${id}`) };
    }
    return { Resources: resources, Outputs: outputs, Refs: refs };
  }

  /** The value of `Ref` for a resource. */
  ref(stack: StackTemplate, logicalId: string): string {
    return this.physicalOf(stack, logicalId).ref;
  }

  /** A `Fn::GetAtt` attribute of a resource. */
  attribute(stack: StackTemplate, logicalId: string, attribute: string): string {
    const physical = this.physicalOf(stack, logicalId);
    const value = physical.attributes[attribute];
    if (value === undefined) {
      const type = stack.template.Resources[logicalId]?.Type;
      throw new UnresolvableError(
        `${stack.stackName}: Fn::GetAtt ${logicalId}.${attribute} (${type}) has no local value; add it in local/stack/assembly/intrinsics.ts`,
      );
    }
    return value;
  }

  private dynamic(text: string): string {
    if (!this.dynamicReference || !text.includes('{{resolve:')) return text;
    return text.replace(
      /\{\{resolve:[^}]+\}\}/g,
      (reference) => this.dynamicReference?.(reference) ?? reference,
    );
  }

  private intrinsic(stack: StackTemplate, key: string, argument: unknown, where: string): unknown {
    const { partition, region, accountId } = this.deployment;
    switch (key) {
      case 'Ref': {
        const name = String(argument);
        switch (name) {
          case 'AWS::Partition':
            return partition;
          case 'AWS::Region':
            return region;
          case 'AWS::AccountId':
            return accountId;
          case 'AWS::URLSuffix':
            return urlSuffix(partition);
          case 'AWS::StackName':
            return stack.stackName;
          case 'AWS::StackId':
            return `arn:${partition}:cloudformation:${region}:${accountId}:stack/${stack.stackName}/local`;
          case 'AWS::NoValue':
            return NO_VALUE;
        }
        const parameter = stack.template.Parameters?.[name];
        if (parameter) return parameter.Default;
        return this.ref(stack, name);
      }
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = Array.isArray(argument)
          ? (argument as [string, string])
          : (String(argument).split(/\.(.+)/) as [string, string]);
        return this.attribute(stack, logicalId, this.resolveString(stack, attribute, where));
      }
      case 'Fn::Join': {
        const [separator, parts] = argument as [string, unknown[]];
        const resolved = this.resolve(stack, parts, where);
        if (!Array.isArray(resolved)) throw new UnresolvableError(`${where}: Fn::Join needs a list`);
        return resolved.map((part) => String(part)).join(separator);
      }
      case 'Fn::Sub': {
        const [text, variables] = Array.isArray(argument)
          ? (argument as [string, Record<string, unknown>])
          : [String(argument), {}];
        // `${!Literal}` is an escaped `${Literal}`.
        return text.replace(/\$\{(!?)([^}]*)\}/g, (_, escaped: string, name: string) => {
          if (escaped) return `\${${name}}`;
          if (name in variables) return this.resolveString(stack, variables[name], where);
          if (name.includes('.')) {
            const [logicalId, attribute] = name.split(/\.(.+)/) as [string, string];
            return this.attribute(stack, logicalId, attribute);
          }
          return this.resolveString(stack, { Ref: name }, where);
        });
      }
      case 'Fn::Select': {
        const [index, list] = argument as [unknown, unknown];
        const items = this.resolve(stack, list, where);
        if (!Array.isArray(items)) throw new UnresolvableError(`${where}: Fn::Select needs a list`);
        return items[Number(this.resolve(stack, index, where))];
      }
      case 'Fn::Split': {
        const [separator, text] = argument as [string, unknown];
        return this.resolveString(stack, text, where).split(separator);
      }
      case 'Fn::ImportValue': {
        const name = this.resolveString(stack, argument, where);
        const exported = this.exports.get(name);
        if (!exported) throw new UnresolvableError(`${stack.stackName} ${where}: no stack exports ${name}`);
        return this.resolve(exported.stack, exported.value, `Outputs(${name})`);
      }
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = argument as [string, unknown, unknown];
        return this.resolve(stack, this.condition(stack, condition) ? whenTrue : whenFalse, where);
      }
      case 'Fn::FindInMap': {
        const [map, top, second] = (argument as unknown[]).map((part) =>
          this.resolveString(stack, part, where),
        );
        const value = stack.template.Mappings?.[map as string]?.[top as string]?.[second as string];
        if (value === undefined)
          throw new UnresolvableError(`${where}: Fn::FindInMap ${map}.${top}.${second}`);
        return value;
      }
      case 'Fn::Base64':
        return Buffer.from(this.resolveString(stack, argument, where)).toString('base64');
      case 'Fn::Equals':
      case 'Fn::Not':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Condition':
        return this.conditionValue(stack, key, argument, where);
      default:
        throw new UnresolvableError(`${stack.stackName} ${where}: ${key} is not supported locally`);
    }
  }

  private condition(stack: StackTemplate, name: string): boolean {
    const definition = stack.template.Conditions?.[name];
    if (definition === undefined) throw new UnresolvableError(`${stack.stackName}: no condition ${name}`);
    return Boolean(this.resolve(stack, definition, `Conditions.${name}`));
  }

  private conditionValue(stack: StackTemplate, key: string, argument: unknown, where: string): boolean {
    const list = () => (argument as unknown[]).map((item) => this.resolve(stack, item, where));
    switch (key) {
      case 'Fn::Equals': {
        const [a, b] = list();
        return JSON.stringify(a) === JSON.stringify(b);
      }
      case 'Fn::Not':
        return !list()[0];
      case 'Fn::And':
        return list().every(Boolean);
      case 'Fn::Or':
        return list().some(Boolean);
      default:
        return this.condition(stack, String(argument));
    }
  }

  private physicalOf(stack: StackTemplate, logicalId: string): Physical {
    const key = `${stack.stackName}/${logicalId}`;
    const known = this.physical.get(key);
    if (known) return known;
    const resource = stack.template.Resources[logicalId];
    if (!resource) throw new UnresolvableError(`${stack.stackName}: no resource ${logicalId}`);
    const physical = this.name(stack, logicalId, resource);
    this.physical.set(key, physical);
    return physical;
  }

  /** A function given by name or ARN (a Lambda `FunctionName` property) → its unqualified ARN. */
  private functionArnOf(nameOrArn: string): string {
    if (nameOrArn.startsWith('arn:')) return nameOrArn.split(':').slice(0, 7).join(':');
    const { partition, region, accountId } = this.deployment;
    return `arn:${partition}:lambda:${region}:${accountId}:function:${nameOrArn}`;
  }

  /**
   * Physical names as CloudFormation would generate them (`<stack>-<logicalId>-<suffix>`) unless
   * the template names the resource, and the attributes of each type the templates read.
   */
  private name(stack: StackTemplate, logicalId: string, resource: CfnResource): Physical {
    const { partition, region, accountId } = this.deployment;
    const props = resource.Properties ?? {};
    const given = (property: string) =>
      props[property] === undefined
        ? undefined
        : this.resolveString(stack, props[property], `${logicalId}.${property}`);
    const generated = (max = 64) => {
      const suffix = suffixOf(`${stack.stackName}/${logicalId}`);
      return `${`${stack.stackName}-${logicalId}`.slice(0, max - suffix.length - 1)}-${suffix}`;
    };
    const arn = (service: string, resourcePart: string, withRegion = true) =>
      `arn:${partition}:${service}:${withRegion ? region : ''}:${withRegion || service === 'iam' ? accountId : ''}:${resourcePart}`;
    const suffix = urlSuffix(partition);
    switch (resource.Type) {
      case 'AWS::S3::Bucket': {
        const name = given('BucketName') ?? generated(63).toLowerCase();
        return {
          ref: name,
          attributes: {
            Arn: `arn:${partition}:s3:::${name}`,
            DomainName: `${name}.s3.${suffix}`,
            RegionalDomainName: `${name}.s3.${region}.${suffix}`,
            WebsiteURL: `http://${name}.s3-website.${region}.${suffix}`,
          },
        };
      }
      case 'AWS::DynamoDB::Table':
      case 'AWS::DynamoDB::GlobalTable': {
        const name = given('TableName') ?? generated(255);
        const tableArn = arn('dynamodb', `table/${name}`);
        return { ref: name, attributes: { Arn: tableArn, StreamArn: `${tableArn}/stream/local` } };
      }
      case 'AWS::KMS::Key': {
        const id = [8, 4, 4, 4, 12]
          .reduce<[string[], number]>(
            ([parts, at], length) => {
              const hex = createHash('sha256').update(`${stack.stackName}/${logicalId}`).digest('hex');
              return [[...parts, hex.slice(at, at + length)], at + length];
            },
            [[], 0],
          )[0]
          .join('-');
        return { ref: id, attributes: { Arn: arn('kms', `key/${id}`), KeyId: id } };
      }
      case 'AWS::IAM::Role': {
        const name = given('RoleName') ?? generated(64);
        return {
          ref: name,
          attributes: { Arn: arn('iam', `role/${name}`, false), RoleId: `AROA${suffixOf(name, 17)}` },
        };
      }
      case 'AWS::Lambda::Function': {
        const name = given('FunctionName') ?? generated(64);
        return { ref: name, attributes: { Arn: arn('lambda', `function:${name}`) } };
      }
      case 'AWS::Lambda::Version': {
        // Locally every deploy is the first: version 1 of the function.
        const functionArn = this.functionArnOf(given('FunctionName') ?? '');
        return { ref: `${functionArn}:1`, attributes: { Version: '1', FunctionArn: functionArn } };
      }
      case 'AWS::Lambda::Alias': {
        const aliasArn = `${this.functionArnOf(given('FunctionName') ?? '')}:${given('Name')}`;
        return { ref: aliasArn, attributes: { AliasArn: aliasArn } };
      }
      case 'AWS::StepFunctions::StateMachineVersion': {
        const versionArn = `${given('StateMachineArn')}:1`;
        return { ref: versionArn, attributes: { Arn: versionArn } };
      }
      case 'AWS::StepFunctions::StateMachineAlias': {
        // The alias names the version it routes to (RoutingConfiguration or DeploymentPreference).
        const alias = this.resolve(stack, props, logicalId) as {
          RoutingConfiguration?: Array<{ StateMachineVersionArn: string }>;
          DeploymentPreference?: { StateMachineVersionArn: string };
        };
        const versionArn =
          alias.RoutingConfiguration?.[0]?.StateMachineVersionArn ??
          alias.DeploymentPreference?.StateMachineVersionArn ??
          '';
        const aliasArn = `${versionArn.replace(/:\d+$/, '')}:${given('Name') ?? logicalId}`;
        return { ref: aliasArn, attributes: { Arn: aliasArn } };
      }
      case 'AWS::StepFunctions::StateMachine': {
        const name = given('StateMachineName') ?? generated(80);
        const machineArn = arn('states', `stateMachine:${name}`);
        // One local revision: the definition the assembly holds.
        return {
          ref: machineArn,
          attributes: { Arn: machineArn, Name: name, StateMachineRevisionId: 'local-1' },
        };
      }
      case 'AWS::SecretsManager::Secret': {
        const name = given('Name') ?? generated(64);
        const secretArn = arn('secretsmanager', `secret:${name}-${suffixOf(name, 6)}`);
        return { ref: secretArn, attributes: { Id: secretArn } };
      }
      case 'AWS::Cognito::UserPool': {
        const id = `${region}_${suffixOf(logicalId, 9)}`;
        return {
          ref: id,
          attributes: {
            Arn: arn('cognito-idp', `userpool/${id}`),
            ProviderName: `cognito-idp.${region}.${suffix}/${id}`,
            ProviderURL: `https://cognito-idp.${region}.${suffix}/${id}`,
          },
        };
      }
      case 'AWS::Cognito::UserPoolClient': {
        const id = suffixOf(logicalId, 26).toLowerCase();
        return { ref: id, attributes: { ClientId: id } };
      }
      case 'AWS::Cognito::UserPoolDomain': {
        const domain = given('Domain') ?? logicalId.toLowerCase();
        return { ref: domain, attributes: {} };
      }
      case 'AWS::ApiGatewayV2::Api': {
        const id = suffixOf(logicalId, 10).toLowerCase();
        return {
          ref: id,
          attributes: { ApiId: id, ApiEndpoint: `https://${id}.execute-api.${region}.${suffix}` },
        };
      }
      case 'AWS::ApiGatewayV2::DomainName': {
        // Ref is the domain name; the regional target is API Gateway's own `d-….execute-api` host.
        const name = given('DomainName') ?? logicalId.toLowerCase();
        return {
          ref: name,
          attributes: {
            RegionalDomainName: `d-${suffixOf(logicalId, 10).toLowerCase()}.execute-api.${region}.${suffix}`,
            RegionalHostedZoneId: `Z${suffixOf(logicalId, 13)}`,
          },
        };
      }
      case 'AWS::ApiGatewayV2::Stage':
        return { ref: given('StageName') ?? '$default', attributes: {} };
      case 'AWS::SES::EmailIdentity': {
        const identity = given('EmailIdentity') ?? logicalId;
        return { ref: identity, attributes: {} };
      }
      case 'AWS::Logs::LogGroup': {
        const name = given('LogGroupName') ?? generated(512);
        return { ref: name, attributes: { Arn: arn('logs', `log-group:${name}:*`) } };
      }
      case 'AWS::SQS::Queue': {
        const name = given('QueueName') ?? generated(80);
        return {
          ref: `https://sqs.${region}.${suffix}/${accountId}/${name}`,
          attributes: {
            Arn: arn('sqs', name),
            QueueName: name,
            QueueUrl: `https://sqs.${region}.${suffix}/${accountId}/${name}`,
          },
        };
      }
      case 'AWS::SNS::Topic': {
        const name = given('TopicName') ?? generated(256);
        return { ref: arn('sns', name), attributes: { TopicArn: arn('sns', name), TopicName: name } };
      }
      case 'AWS::CloudFront::Distribution': {
        const id = `E${suffixOf(logicalId, 13)}`;
        return {
          ref: id,
          attributes: {
            Id: id,
            DomainName: `d${suffixOf(logicalId, 13).toLowerCase()}.cloudfront.${partition === 'aws-cn' ? 'cn' : 'net'}`,
          },
        };
      }
      case 'AWS::CloudFront::CloudFrontOriginAccessIdentity': {
        const id = `E${suffixOf(logicalId, 13)}`;
        return { ref: id, attributes: { Id: id, S3CanonicalUserId: suffixOf(logicalId, 64).toLowerCase() } };
      }
      case 'AWS::Events::Rule': {
        const name = given('Name') ?? generated(64);
        return { ref: name, attributes: { Arn: arn('events', `rule/${name}`) } };
      }
      default: {
        // Resources the local stack never reads (alarms, policies, metadata) still get a stable
        // name, so a template that refers to them resolves; their attributes are not known.
        const name = generated(128);
        return { ref: name, attributes: { Id: name } };
      }
    }
  }
}

/** `AWS::NoValue`: the property is removed. */
const NO_VALUE = Symbol('AWS::NoValue');
