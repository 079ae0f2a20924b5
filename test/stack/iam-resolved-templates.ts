/**
 * Test helper: the synthesized templates in cdk.out with their intrinsics replaced by plausible local
 * names (`<stack>-<logical id without hash>`), so the IAM and stand-in tests read the real roles and
 * policies without depending on the local stack's resolver. Only what these templates use is
 * handled (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::ImportValue, Fn::Select, Fn::Split).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ResolvedTemplate } from '#stack/iam/resolved-template';

export const ACCOUNT_ID = '000000000000';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface RawTemplate {
  Resources: Record<string, { Type: string; Properties?: Record<string, Json> }>;
  Outputs?: Record<string, { Value: Json; Export?: { Name: string } }>;
}

export interface LocalDeploymentTemplates {
  partition: 'aws' | 'aws-cn';
  region: string;
  accountId: string;
  stateful: ResolvedTemplate;
  stateless: ResolvedTemplate;
  /** Ref of a logical id in a stack. */
  ref(stack: 'IcpStateful' | 'IcpStateless', logicalIdPrefix: string): string;
  /** Fn::GetAtt <logical id>.Arn in a stack. */
  arn(stack: 'IcpStateful' | 'IcpStateless', logicalIdPrefix: string): string;
}

const ROOT = resolve(import.meta.dirname, '../..');

/** True when `npm run synth` has written both partitions' templates. */
export const hasSynthesizedTemplates = () =>
  existsSync(join(ROOT, 'cdk.out/IcpStateless.template.json')) &&
  existsSync(join(ROOT, 'cdk.out/aws-cn/IcpStateless.template.json'));

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

export function loadResolvedTemplates(partition: 'aws' | 'aws-cn'): LocalDeploymentTemplates {
  const dir = join(ROOT, partition === 'aws-cn' ? 'cdk.out/aws-cn' : 'cdk.out');
  const region = partition === 'aws-cn' ? 'cn-north-1' : 'ap-southeast-1';
  const accountId = ACCOUNT_ID;
  const suffix = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  const stacks = {
    IcpStateful: JSON.parse(readFileSync(join(dir, 'IcpStateful.template.json'), 'utf8')) as RawTemplate,
    IcpStateless: JSON.parse(readFileSync(join(dir, 'IcpStateless.template.json'), 'utf8')) as RawTemplate,
  };
  type StackName = keyof typeof stacks;

  const physical = (
    stack: StackName,
    logicalId: string,
  ): { ref: string; attributes: Record<string, string> } => {
    const resource = stacks[stack].Resources[logicalId];
    if (!resource) throw new Error(`${stack}: no resource ${logicalId}`);
    const props = resource.Properties ?? {};
    const name = `${stack}-${logicalId.replace(/[0-9A-F]{8}$/, '')}`;
    const arn = (service: string, rest: string) =>
      `arn:${partition}:${service}:${region}:${accountId}:${rest}`;
    switch (resource.Type) {
      case 'AWS::IAM::Role':
        return { ref: name, attributes: { Arn: `arn:${partition}:iam::${accountId}:role/${name}` } };
      case 'AWS::DynamoDB::GlobalTable':
      case 'AWS::DynamoDB::Table':
        return { ref: name, attributes: { Arn: arn('dynamodb', `table/${name}`) } };
      case 'AWS::S3::Bucket': {
        const bucket = name.toLowerCase();
        return {
          ref: bucket,
          attributes: {
            Arn: `arn:${partition}:s3:::${bucket}`,
            RegionalDomainName: `${bucket}.s3.${region}.${suffix}`,
            DomainName: `${bucket}.s3.${suffix}`,
          },
        };
      }
      case 'AWS::KMS::Key': {
        const h = hash(`${stack}/${logicalId}`);
        const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
        return { ref: id, attributes: { Arn: arn('kms', `key/${id}`) } };
      }
      case 'AWS::SecretsManager::Secret': {
        const secretArn = arn('secretsmanager', `secret:${name}-${hash(name).slice(0, 6)}`);
        return { ref: secretArn, attributes: {} };
      }
      case 'AWS::StepFunctions::StateMachine': {
        const machine = typeof props.StateMachineName === 'string' ? props.StateMachineName : name;
        return { ref: arn('states', `stateMachine:${machine}`), attributes: { Name: machine } };
      }
      case 'AWS::Lambda::Function':
        return { ref: name, attributes: { Arn: arn('lambda', `function:${name}`) } };
      case 'AWS::Logs::LogGroup':
        return { ref: name, attributes: { Arn: arn('logs', `log-group:${name}:*`) } };
      case 'AWS::SQS::Queue':
        return {
          ref: `https://sqs.${region}.${suffix}/${accountId}/${name}`,
          attributes: { Arn: arn('sqs', name), QueueName: name },
        };
      case 'AWS::SNS::Topic':
        return { ref: arn('sns', name), attributes: {} };
      case 'AWS::SES::EmailIdentity':
        return { ref: String(props.EmailIdentity), attributes: {} };
      case 'AWS::Events::Rule':
        return { ref: name, attributes: { Arn: arn('events', `rule/${name}`) } };
      default:
        return { ref: name, attributes: { Arn: arn('local', name) } };
    }
  };

  const exports = new Map<string, { stack: StackName; value: Json }>();
  for (const stack of Object.keys(stacks) as StackName[]) {
    for (const output of Object.values(stacks[stack].Outputs ?? {})) {
      if (output.Export) exports.set(output.Export.Name, { stack, value: output.Value });
    }
  }

  const resolveValue = (stack: StackName, value: Json): Json => {
    if (Array.isArray(value)) return value.map((item) => resolveValue(stack, item));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [key, argument] = entries[0] ?? [];
    if (entries.length === 1 && key !== undefined && argument !== undefined) {
      if (key === 'Ref') {
        const name = String(argument);
        if (name === 'AWS::Partition') return partition;
        if (name === 'AWS::Region') return region;
        if (name === 'AWS::AccountId') return accountId;
        if (name === 'AWS::URLSuffix') return suffix;
        if (name === 'AWS::StackName') return stack;
        return physical(stack, name).ref;
      }
      if (key === 'Fn::GetAtt') {
        const [logicalId, attribute] = argument as [string, string];
        const value = physical(stack, logicalId).attributes[attribute];
        return value ?? `${physical(stack, logicalId).ref}.${attribute}`;
      }
      if (key === 'Fn::Join') {
        const [separator, parts] = argument as [string, Json[]];
        return (resolveValue(stack, parts) as Json[]).map(String).join(separator);
      }
      if (key === 'Fn::Sub') {
        const [text, variables] = Array.isArray(argument)
          ? (argument as [string, Record<string, Json>])
          : [String(argument), {} as Record<string, Json>];
        return text.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
          if (name in variables) return String(resolveValue(stack, variables[name] as Json));
          if (name.includes('.')) {
            const [logicalId, attribute] = name.split('.') as [string, string];
            return String(resolveValue(stack, { 'Fn::GetAtt': [logicalId, attribute] }));
          }
          return String(resolveValue(stack, { Ref: name }));
        });
      }
      if (key === 'Fn::ImportValue') {
        const exported = exports.get(String(argument));
        if (!exported) throw new Error(`no export ${String(argument)}`);
        return resolveValue(exported.stack, exported.value);
      }
      if (key === 'Fn::Select') {
        const [index, list] = argument as [number, Json];
        return (resolveValue(stack, list) as Json[])[Number(index)] ?? null;
      }
      if (key === 'Fn::Split') {
        const [separator, text] = argument as [string, Json];
        return String(resolveValue(stack, text)).split(separator);
      }
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, resolveValue(stack, v)]));
  };

  const resolved = (stack: StackName): ResolvedTemplate => {
    const resources: ResolvedTemplate['Resources'] = {};
    const refs: Record<string, string> = {};
    for (const [logicalId, resource] of Object.entries(stacks[stack].Resources)) {
      resources[logicalId] = {
        Type: resource.Type,
        Properties: resolveValue(stack, resource.Properties ?? {}),
      };
      refs[logicalId] = physical(stack, logicalId).ref;
    }
    return { Resources: resources, Refs: refs };
  };

  const logicalId = (stack: StackName, prefix: string) => {
    const id = Object.keys(stacks[stack].Resources).find((k) => k.replace(/[0-9A-F]{8}$/, '') === prefix);
    if (!id) throw new Error(`${stack}: no resource ${prefix}`);
    return id;
  };

  return {
    partition,
    region,
    accountId,
    stateful: resolved('IcpStateful'),
    stateless: resolved('IcpStateless'),
    ref: (stack, prefix) => physical(stack, logicalId(stack, prefix)).ref,
    arn: (stack, prefix) => {
      const value = physical(stack, logicalId(stack, prefix));
      return value.attributes.Arn ?? value.ref;
    },
  };
}
