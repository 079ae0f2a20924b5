/**
 * What the local stack reads from a synthesized cloud assembly: the functions (asset, handler,
 * environment, timeout, memory, role), the state machines (definition after substitutions), the
 * EventBridge rules (the upload rule's pattern, the schedules), the HTTP API, the uploads bucket's
 * CORS, the console's response headers, the user pools, the secrets and the stack outputs — all with
 * their intrinsics resolved to one local deployment. Nothing here is configured by hand: a change in
 * infra/ shows up locally.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TemplateResolver } from './intrinsics.ts';
import {
  type AssemblyPathHeaders,
  type DistributionConfig,
  type ResponseHeadersConfig,
  responseHeaders,
} from './response-headers.ts';
import {
  type CfnResource,
  type CfnTemplate,
  LOCAL_ACCOUNT_ID,
  type Partition,
  type StackTemplate,
} from './template.ts';

export interface AssemblyFunction {
  logicalId: string;
  name: string;
  arn: string;
  roleArn: string;
  /** Absolute path of the asset folder (`index.mjs`). */
  assetDir: string;
  handler: string;
  runtime: string;
  environment: Record<string, string>;
  timeoutSeconds: number;
  memorySizeMb: number;
  /** ReservedConcurrentExecutions, when the template reserves some. */
  reservedConcurrency: number | undefined;
  /** Asynchronous invocation settings (EventInvokeConfig), when the template has them. */
  asyncRetryAttempts: number;
  maxEventAgeSeconds: number;
}

export interface AssemblyStateMachine {
  name: string;
  arn: string;
  roleArn: string;
  definition: string;
}

/**
 * An EventBridge rule of the default bus: a pattern rule (`eventPattern`) or a schedule rule
 * (`scheduleExpression`); CloudFormation wants at least one of the two.
 */
export interface AssemblyRule {
  name: string;
  arn: string;
  /** Matched against every event put on the bus. Absent on a schedule rule, which matches none. */
  eventPattern?: Record<string, unknown>;
  /** `rate(...)` or `cron(...)`, as the template says; the local stack runs `rate` only. */
  scheduleExpression?: string;
  /** `State: DISABLED` rules deliver nothing, as in AWS. */
  enabled: boolean;
  targets: Array<{ arn: string; retryAttempts: number; maxEventAgeSeconds: number }>;
}

export interface AssemblyHttpApi {
  apiId: string;
  /** The execute-api address; undefined when the template switches it off (DisableExecuteApiEndpoint). */
  endpoint: string | undefined;
  /** `https://<domain>` of each custom domain mapped to the API (ApiMapping). */
  domainUrls: string[];
  /** `$default` or `METHOD /path` → the integrated function's ARN. */
  routes: Array<{ routeKey: string; functionArn: string; payloadFormatVersion: string }>;
  cors:
    | { allowOrigins: string[]; allowHeaders: string[]; allowMethods: string[]; maxAge?: number }
    | undefined;
}

export interface AssemblyBucket {
  name: string;
  arn: string;
  regionalDomainName: string;
  cors: Array<{
    allowedOrigins: string[];
    allowedMethods: string[];
    allowedHeaders: string[];
    exposedHeaders: string[];
    maxAge?: number;
  }>;
}

/** A DynamoDB table as CreateTable takes it (the template's keys, indexes and billing mode). */
export interface AssemblyTable {
  TableName: string;
  AttributeDefinitions: Array<{ AttributeName: string; AttributeType: 'S' | 'N' | 'B' }>;
  KeySchema: Array<{ AttributeName: string; KeyType: 'HASH' | 'RANGE' }>;
  GlobalSecondaryIndexes?: Array<{
    IndexName: string;
    KeySchema: Array<{ AttributeName: string; KeyType: 'HASH' | 'RANGE' }>;
    Projection: { ProjectionType?: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] };
  }>;
  BillingMode?: 'PAY_PER_REQUEST' | 'PROVISIONED';
}

export interface AssemblyUserPool {
  logicalId: string;
  id: string;
  issuer: string;
  clientIds: string[];
  /** Hosted sign-in domain (`https://<prefix>.auth.<region>.amazoncognito.com`). */
  domainUrl: string | undefined;
  groups: string[];
}

export interface AssemblySecret {
  arn: string;
  /** The resolved properties (GenerateSecretString or SecretString). */
  properties: Record<string, unknown>;
}

export interface CloudAssembly {
  dir: string;
  partition: Partition;
  region: string;
  accountId: string;
  resolver: TemplateResolver;
  stacks: StackTemplate[];
  functions: AssemblyFunction[];
  stateMachines: AssemblyStateMachine[];
  rules: AssemblyRule[];
  httpApi: AssemblyHttpApi | undefined;
  uploadsBucket: AssemblyBucket;
  tables: AssemblyTable[];
  /** The console's response headers (the default behavior's response-headers policy), header → value. */
  consoleHeaders: Record<string, string>;
  /** The headers of the distribution's other behaviors (the hashed assets), by path pattern. */
  consolePathHeaders: AssemblyPathHeaders[];
  userPools: AssemblyUserPool[];
  secrets: AssemblySecret[];
  /** Email identities SES may send from (global regions). */
  emailIdentities: string[];
  /** Every stack's outputs by output id. */
  outputs: Record<string, string>;
  /** The templates with every intrinsic resolved (for the IAM evaluation). */
  resolvedTemplates(): CfnTemplate[];
}

interface Manifest {
  artifacts: Record<string, { type: string; environment?: string; properties?: { templateFile?: string } }>;
}

/**
 * Loads the assembly in `dir`. `dynamicReference` resolves `{{resolve:secretsmanager:…}}` values
 * (the local Secrets Manager); they stay as written without it.
 */
export function loadCloudAssembly(
  dir: string,
  dynamicReference?: (reference: string) => string | undefined,
): CloudAssembly {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const stacks: StackTemplate[] = [];
  let region = '';
  for (const [stackName, artifact] of Object.entries(manifest.artifacts)) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) continue;
    region = artifact.environment?.split('/').pop() ?? region;
    stacks.push({
      stackName,
      template: JSON.parse(readFileSync(join(dir, artifact.properties.templateFile), 'utf8')) as CfnTemplate,
    });
  }
  const partition: Partition = region.startsWith('cn-') ? 'aws-cn' : 'aws';
  const resolver = new TemplateResolver(
    stacks,
    { partition, region, accountId: LOCAL_ACCOUNT_ID },
    dynamicReference,
  );
  const all = stacks.flatMap((stack) =>
    Object.entries(stack.template.Resources).map(([logicalId, resource]) => ({ stack, logicalId, resource })),
  );
  const ofType = (type: string) => all.filter((entry) => entry.resource.Type === type);
  const props = (resource: CfnResource) => resource.Properties ?? {};
  const str = (stack: StackTemplate, value: unknown, where: string) =>
    resolver.resolveString(stack, value, where);

  const invokeConfigs = new Map<string, { retry: number; age: number }>();
  for (const { stack, resource } of ofType('AWS::Lambda::EventInvokeConfig')) {
    const p = props(resource);
    invokeConfigs.set(str(stack, p.FunctionName, 'EventInvokeConfig'), {
      retry: Number(p.MaximumRetryAttempts ?? 2),
      age: Number(p.MaximumEventAgeInSeconds ?? 21600),
    });
  }

  const functions = ofType('AWS::Lambda::Function').map(
    ({ stack, logicalId, resource }): AssemblyFunction => {
      const p = props(resource);
      const assetPath = resource.Metadata?.['aws:asset:path'];
      if (typeof assetPath !== 'string') throw new Error(`${logicalId} has no asset in the assembly`);
      const variables = ((p.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ??
        {}) as Record<string, unknown>;
      const name = resolver.ref(stack, logicalId);
      const config = invokeConfigs.get(name);
      return {
        logicalId,
        name,
        arn: resolver.attribute(stack, logicalId, 'Arn'),
        roleArn: str(stack, p.Role, `${logicalId}.Role`),
        assetDir: join(dir, assetPath),
        handler: String(p.Handler ?? 'index.handler'),
        runtime: String(p.Runtime),
        environment: Object.fromEntries(
          Object.entries(variables).map(([key, value]) => [
            key,
            str(stack, value, `${logicalId}.Environment.${key}`),
          ]),
        ),
        timeoutSeconds: Number(p.Timeout ?? 3),
        memorySizeMb: Number(p.MemorySize ?? 128),
        reservedConcurrency:
          p.ReservedConcurrentExecutions === undefined ? undefined : Number(p.ReservedConcurrentExecutions),
        asyncRetryAttempts: config?.retry ?? 2,
        maxEventAgeSeconds: config?.age ?? 21600,
      };
    },
  );

  const stateMachines = ofType('AWS::StepFunctions::StateMachine').map(({ stack, logicalId, resource }) => {
    const p = props(resource);
    let definition: string;
    if (p.DefinitionString !== undefined)
      definition = str(stack, p.DefinitionString, `${logicalId}.DefinitionString`);
    else if (p.Definition !== undefined)
      definition = JSON.stringify(resolver.resolve(stack, p.Definition, logicalId));
    else {
      const key = str(
        stack,
        (p.DefinitionS3Location as { Key: unknown }).Key,
        `${logicalId}.DefinitionS3Location`,
      );
      definition = readFileSync(join(dir, `asset.${key}`), 'utf8');
    }
    const substitutions = (resolver.resolve(stack, p.DefinitionSubstitutions ?? {}, logicalId) ??
      {}) as Record<string, unknown>;
    definition = definition.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, name: string) =>
      name in substitutions ? String(substitutions[name]) : whole,
    );
    return {
      name: resolver.attribute(stack, logicalId, 'Name'),
      arn: resolver.ref(stack, logicalId),
      roleArn: str(stack, p.RoleArn, `${logicalId}.RoleArn`),
      definition,
    };
  });

  const rules = ofType('AWS::Events::Rule').map(({ stack, logicalId, resource }) => {
    const p = resolver.resolve(stack, props(resource), logicalId) as {
      EventPattern?: Record<string, unknown>;
      ScheduleExpression?: string;
      State?: string;
      Targets?: Array<{
        Arn: string;
        RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
      }>;
    };
    return {
      name: resolver.ref(stack, logicalId),
      arn: resolver.attribute(stack, logicalId, 'Arn'),
      ...(p.EventPattern ? { eventPattern: p.EventPattern } : {}),
      ...(p.ScheduleExpression ? { scheduleExpression: p.ScheduleExpression } : {}),
      enabled: p.State !== 'DISABLED',
      targets: (p.Targets ?? []).map((target) => ({
        arn: target.Arn,
        retryAttempts: target.RetryPolicy?.MaximumRetryAttempts ?? 185,
        maxEventAgeSeconds: target.RetryPolicy?.MaximumEventAgeInSeconds ?? 86400,
      })),
    };
  });

  let httpApi: AssemblyHttpApi | undefined;
  const [api] = ofType('AWS::ApiGatewayV2::Api');
  if (api) {
    const apiId = resolver.ref(api.stack, api.logicalId);
    const integrations = new Map(
      ofType('AWS::ApiGatewayV2::Integration').map(({ stack, logicalId, resource }) => [
        `integrations/${resolver.ref(stack, logicalId)}`,
        resolver.resolve(stack, props(resource), logicalId) as {
          IntegrationUri: string;
          PayloadFormatVersion?: string;
        },
      ]),
    );
    const cors = resolver.resolve(api.stack, props(api.resource).CorsConfiguration, api.logicalId) as
      | { AllowOrigins?: string[]; AllowHeaders?: string[]; AllowMethods?: string[]; MaxAge?: number }
      | undefined;
    const domainNames = new Map(
      ofType('AWS::ApiGatewayV2::DomainName').map(({ stack, logicalId, resource }) => [
        resolver.ref(stack, logicalId),
        str(stack, props(resource).DomainName, logicalId),
      ]),
    );
    const domainUrls = ofType('AWS::ApiGatewayV2::ApiMapping')
      .map(({ stack, logicalId, resource }) => ({
        api: str(stack, props(resource).ApiId, logicalId),
        domain: domainNames.get(str(stack, props(resource).DomainName, logicalId)),
      }))
      .filter((mapping) => mapping.api === apiId && mapping.domain)
      .map((mapping) => `https://${mapping.domain}`);
    httpApi = {
      apiId,
      endpoint:
        props(api.resource).DisableExecuteApiEndpoint === true
          ? undefined
          : resolver.attribute(api.stack, api.logicalId, 'ApiEndpoint'),
      domainUrls,
      routes: ofType('AWS::ApiGatewayV2::Route').map(({ stack, logicalId, resource }) => {
        const route = resolver.resolve(stack, props(resource), logicalId) as {
          RouteKey: string;
          Target: string;
        };
        const integration = integrations.get(route.Target);
        if (!integration)
          throw new Error(`Route ${route.RouteKey} targets ${route.Target}, which is not in the assembly`);
        return {
          routeKey: route.RouteKey,
          functionArn: integration.IntegrationUri,
          payloadFormatVersion: integration.PayloadFormatVersion ?? '2.0',
        };
      }),
      cors: cors
        ? {
            allowOrigins: cors.AllowOrigins ?? [],
            allowHeaders: cors.AllowHeaders ?? [],
            allowMethods: cors.AllowMethods ?? [],
            ...(cors.MaxAge === undefined ? {} : { maxAge: cors.MaxAge }),
          }
        : undefined,
    };
  }

  // The uploads bucket is the one with an event notification configuration (EventBridge).
  const bucketEntry =
    ofType('AWS::S3::Bucket').find(
      ({ resource }) => props(resource).NotificationConfiguration !== undefined,
    ) ?? ofType('AWS::S3::Bucket').find(({ resource }) => props(resource).CorsConfiguration !== undefined);
  if (!bucketEntry) throw new Error('The assembly has no uploads bucket');
  const bucketCors = (
    (
      resolver.resolve(
        bucketEntry.stack,
        props(bucketEntry.resource).CorsConfiguration ?? {},
        'UploadsBucket',
      ) as {
        CorsRules?: Array<Record<string, unknown>>;
      }
    ).CorsRules ?? []
  ).map((rule) => ({
    allowedOrigins: (rule.AllowedOrigins as string[]) ?? [],
    allowedMethods: (rule.AllowedMethods as string[]) ?? [],
    allowedHeaders: (rule.AllowedHeaders as string[]) ?? [],
    exposedHeaders: (rule.ExposedHeaders as string[]) ?? [],
    ...(rule.MaxAge === undefined ? {} : { maxAge: Number(rule.MaxAge) }),
  }));
  const uploadsBucket: AssemblyBucket = {
    name: resolver.ref(bucketEntry.stack, bucketEntry.logicalId),
    arn: resolver.attribute(bucketEntry.stack, bucketEntry.logicalId, 'Arn'),
    regionalDomainName: resolver.attribute(bucketEntry.stack, bucketEntry.logicalId, 'RegionalDomainName'),
    cors: bucketCors,
  };

  const tables = [...ofType('AWS::DynamoDB::Table'), ...ofType('AWS::DynamoDB::GlobalTable')].map(
    ({ stack, logicalId, resource }): AssemblyTable => {
      const p = resolver.resolve(stack, props(resource), logicalId) as Omit<AssemblyTable, 'TableName'> & {
        GlobalSecondaryIndexes?: Array<Record<string, unknown>>;
      };
      return {
        TableName: resolver.ref(stack, logicalId),
        AttributeDefinitions: p.AttributeDefinitions,
        KeySchema: p.KeySchema,
        ...(p.BillingMode ? { BillingMode: p.BillingMode } : {}),
        ...(p.GlobalSecondaryIndexes?.length
          ? {
              GlobalSecondaryIndexes: p.GlobalSecondaryIndexes.map((index) => ({
                IndexName: index.IndexName as string,
                KeySchema: index.KeySchema as AssemblyTable['KeySchema'],
                Projection: index.Projection as NonNullable<
                  AssemblyTable['GlobalSecondaryIndexes']
                >[number]['Projection'],
              })),
            }
          : {}),
      };
    },
  );

  // Each response-headers policy by its id, then the distribution's behaviors: the default one's
  // headers for every console path, and a path pattern's (the hashed assets) for its paths.
  const policies = new Map<string, Record<string, string>>();
  for (const { stack, logicalId, resource } of ofType('AWS::CloudFront::ResponseHeadersPolicy')) {
    const config = (
      resolver.resolve(stack, props(resource), logicalId) as {
        ResponseHeadersPolicyConfig: ResponseHeadersConfig;
      }
    ).ResponseHeadersPolicyConfig;
    policies.set(resolver.ref(stack, logicalId), responseHeaders(config));
  }
  const consoleHeaders: Record<string, string> = {};
  const consolePathHeaders: AssemblyPathHeaders[] = [];
  for (const { stack, logicalId, resource } of ofType('AWS::CloudFront::Distribution')) {
    const config = (
      resolver.resolve(stack, props(resource), logicalId) as { DistributionConfig: DistributionConfig }
    ).DistributionConfig;
    Object.assign(
      consoleHeaders,
      policies.get(config.DefaultCacheBehavior.ResponseHeadersPolicyId ?? '') ?? {},
    );
    for (const behavior of config.CacheBehaviors ?? []) {
      const headers = policies.get(behavior.ResponseHeadersPolicyId ?? '');
      if (headers) consolePathHeaders.push({ pathPattern: behavior.PathPattern, headers });
    }
  }

  const userPoolGroups = ofType('AWS::Cognito::UserPoolGroup').map(
    ({ stack, logicalId, resource }) =>
      resolver.resolve(stack, props(resource), logicalId) as { UserPoolId: string; GroupName: string },
  );
  const clients = ofType('AWS::Cognito::UserPoolClient').map(({ stack, logicalId, resource }) => ({
    id: resolver.ref(stack, logicalId),
    poolId: str(stack, props(resource).UserPoolId, logicalId),
  }));
  const domains = ofType('AWS::Cognito::UserPoolDomain').map(({ stack, logicalId, resource }) => ({
    prefix: resolver.ref(stack, logicalId),
    poolId: str(stack, props(resource).UserPoolId, logicalId),
  }));
  const userPools = ofType('AWS::Cognito::UserPool').map(({ stack, logicalId }) => {
    const id = resolver.ref(stack, logicalId);
    const domain = domains.find((d) => d.poolId === id);
    return {
      logicalId,
      id,
      issuer: resolver.attribute(stack, logicalId, 'ProviderURL'),
      clientIds: clients.filter((c) => c.poolId === id).map((c) => c.id),
      domainUrl: domain ? `https://${domain.prefix}.auth.${region}.amazoncognito.com` : undefined,
      groups: userPoolGroups.filter((g) => g.UserPoolId === id).map((g) => g.GroupName),
    };
  });

  const secrets = ofType('AWS::SecretsManager::Secret').map(({ stack, logicalId, resource }) => ({
    arn: resolver.ref(stack, logicalId),
    properties: resolver.resolve(stack, props(resource), logicalId) as Record<string, unknown>,
  }));

  const emailIdentities = ofType('AWS::SES::EmailIdentity').map(({ stack, logicalId }) =>
    resolver.ref(stack, logicalId),
  );

  const outputs: Record<string, string> = {};
  for (const stack of stacks) {
    for (const [id, output] of Object.entries(stack.template.Outputs ?? {})) {
      const value = resolver.resolve(stack, output.Value, `Outputs.${id}`);
      if (typeof value === 'string') outputs[id] = value;
    }
  }

  return {
    dir,
    partition,
    region,
    accountId: LOCAL_ACCOUNT_ID,
    resolver,
    stacks,
    functions,
    stateMachines,
    rules,
    httpApi,
    uploadsBucket,
    tables,
    consoleHeaders,
    consolePathHeaders,
    userPools,
    secrets,
    emailIdentities,
    outputs,
    resolvedTemplates: () => stacks.map((stack) => resolver.resolvedTemplate(stack)),
  };
}
