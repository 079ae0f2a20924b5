// biome-ignore-all lint/suspicious/noExplicitAny: synthesized CloudFormation templates are untyped JSON
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ASL placeholders are literally ${Name}
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SMTP_SECRET_PASSWORD_KEY, SMTP_SECRET_USERNAME_KEY } from '#adapters/email/email-from-config';
import { TABLE_SCHEMA } from '#adapters/table-schema';
import { buildApp, PROJECT_ROOT } from '../../infra/build-app.ts';
import { CONSOLE_CSP_OUTPUT } from '../../infra/console-files.ts';
import { CHINA_EXAMPLE_CONTEXT } from '../../infra/settings.ts';
import { UNVERSIONED_EXECUTIONS_CONTEXT } from '../../infra/stacks/workflow.ts';
import { aslPlaceholders } from '../../infra/state-machine-definition.ts';
import {
  lambdaGrantsOfMachine,
  liveAliasOfEachMachine,
  stepFunctionsStatements,
  taskAliasesInvokedByEachMachine,
} from './safe-deploys.ts';
import { FIXTURE_HANDLERS, FIXTURE_ROOT, type SynthResult, synthFixture } from './synth-fixture.ts';

type Resource = {
  Type: string;
  Properties?: Record<string, any>;
  Metadata?: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};

function resources(template: Record<string, any>, type: string): [string, Resource][] {
  return Object.entries(template.Resources as Record<string, Resource>).filter(([, r]) => r.Type === type);
}

function statements(template: Record<string, any>): { policy: string; statement: Record<string, any> }[] {
  return resources(template, 'AWS::IAM::Policy').flatMap(([policy, r]) =>
    ((r.Properties?.PolicyDocument.Statement ?? []) as Record<string, any>[]).map((statement) => ({
      policy,
      statement,
    })),
  );
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** What a cross-stack `Fn::ImportValue` in the stateless template stands for in the stateful one. */
function resolveImport(stateful: Record<string, any>, value: any): any {
  const name = value?.['Fn::ImportValue'];
  if (name === undefined) return value;
  const output = Object.values(stateful.Outputs as Record<string, any>).find((o) => o.Export?.Name === name);
  expect(output, `export ${name}`).toBeDefined();
  return output.Value;
}

/** `{ "Fn::GetAtt": [id, attribute] }` (after following an import) as `<id.attribute>`. */
function attributeOf(stateful: Record<string, any>, value: any): string | undefined {
  const getAtt = resolveImport(stateful, value)?.['Fn::GetAtt'];
  return Array.isArray(getAtt) ? `${getAtt[0]}.${getAtt[1]}` : undefined;
}

/**
 * The console's CSP as directive → sources, each intrinsic written as `<Logical.Attribute>` (a
 * stateful bucket's attribute followed through its export) or `<token>` for anything else. Global
 * regions send it as a header (the response-headers policy); China puts it in the page (the stack
 * output that infra/console-files.ts writes into index.html).
 */
function cspDirectives(stateless: Record<string, any>, stateful: Record<string, any>): Map<string, string[]> {
  const [policy] = resources(stateless, 'AWS::CloudFront::ResponseHeadersPolicy');
  const csp = (
    policy
      ? policy[1].Properties?.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy
          .ContentSecurityPolicy
      : stateless.Outputs?.[CONSOLE_CSP_OUTPUT]?.Value
  ) as string | { 'Fn::Join': [string, unknown[]] };
  const parts = typeof csp === 'string' ? [csp] : csp['Fn::Join'][1];
  const text = parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const attribute = attributeOf(stateful, part);
      return attribute ? `<${attribute}>` : '<token>';
    })
    .join('');
  return new Map(
    text.split(';').map((directive) => {
      const [name = '', ...sources] = directive.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe.each(['aws', 'aws-cn'] as const)('stacks in partition %s', (partition) => {
  let synth: SynthResult;
  let stateful: Record<string, any>;
  let stateless: Record<string, any>;
  const china = partition === 'aws-cn';

  beforeAll(() => {
    synth = synthFixture(partition); // throws when cdk-nag reports an unacknowledged finding
    stateful = synth.templates.stateful;
    stateless = synth.templates.stateless;
  }, 120_000);

  it('passes cdk-nag (AwsSolutions + Serverless), every acknowledgement with a written reason', () => {
    const acknowledged = [stateful, stateless].flatMap((t) =>
      Object.values(t.Resources as Record<string, Resource>).flatMap(
        (r) => (r.Metadata?.cdk_nag?.rules_to_suppress ?? []) as { id: string; reason: string }[],
      ),
    );
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const rule of acknowledged) expect(rule.reason.length, rule.id).toBeGreaterThan(30);
  });

  it('never writes arn:aws: literally', () => {
    expect(synth.texts.stateful).not.toContain('arn:aws:');
    expect(synth.texts.stateless).not.toContain('arn:aws:');
  });

  it('targets the partition’s region', () => {
    const region = china ? 'cn-north-1' : 'ap-southeast-1';
    expect(synth.texts.stateless).toContain(`states:${region}`);
  });

  it('encrypts the uploads bucket with the customer-managed key, blocks public access, versions and logs it', () => {
    const [, bucket] =
      resources(stateful, 'AWS::S3::Bucket').find(([id]) => id.startsWith('UploadsBucket')) ?? [];
    const p = bucket?.Properties ?? {};
    const rule = p.BucketEncryption.ServerSideEncryptionConfiguration[0];
    expect(rule.ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
    expect(rule.ServerSideEncryptionByDefault.KMSMasterKeyID['Fn::GetAtt'][0]).toMatch(/^DataKey/);
    expect(p.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(p.VersioningConfiguration.Status).toBe('Enabled');
    expect(p.LoggingConfiguration.DestinationBucketName.Ref).toMatch(/^AccessLogBucket/);
    expect(p.NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled).toBe(true);
    expect(p.CorsConfiguration.CorsRules[0].AllowedMethods).toContain('POST');
    const rules = p.LifecycleConfiguration.Rules as Record<string, any>[];
    expect(rules).toContainEqual(expect.objectContaining({ Prefix: 'quarantine/', ExpirationInDays: 30 }));
    expect(rules).toContainEqual(
      expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
    );
  });

  it('denies non-TLS requests on every bucket', () => {
    for (const template of [stateful, stateless]) {
      const buckets = resources(template, 'AWS::S3::Bucket').map(([id]) => id);
      const policies = resources(template, 'AWS::S3::BucketPolicy');
      for (const bucket of buckets) {
        const policy = policies.find(([, r]) => r.Properties?.Bucket.Ref === bucket);
        expect(policy, bucket).toBeDefined();
        expect(policy?.[1].Properties?.PolicyDocument.Statement).toContainEqual(
          expect.objectContaining({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        );
      }
    }
  });

  it('defines the case table from table-schema: on demand, PITR, deletion protection, customer-managed key', () => {
    const [[, table]] = resources(stateful, 'AWS::DynamoDB::GlobalTable') as [[string, Resource]];
    const p = table.Properties ?? {};
    expect(p.BillingMode).toBe('PAY_PER_REQUEST');
    expect(p.KeySchema).toEqual([
      { AttributeName: TABLE_SCHEMA.keys.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_SCHEMA.keys.sortKey, KeyType: 'RANGE' },
    ]);
    expect(p.GlobalSecondaryIndexes.map((i: { IndexName: string }) => i.IndexName).sort()).toEqual(
      TABLE_SCHEMA.indexes.map((i) => i.indexName).sort(),
    );
    expect(p.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    const replica = p.Replicas[0];
    expect(replica.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled).toBe(true);
    expect(replica.DeletionProtectionEnabled).toBe(true);
    expect(replica.SSESpecification.KMSMasterKeyId['Fn::GetAtt'][0]).toMatch(/^DataKey/);
  });

  it('rotates the customer-managed key', () => {
    for (const [, key] of resources(stateful, 'AWS::KMS::Key'))
      expect(key.Properties?.EnableKeyRotation).toBe(true);
  });

  it(
    china
      ? 'has no Cognito user pool (OIDC issuer from context)'
      : 'has an applicants pool (self sign-up, MFA optional) and a staff pool (admin-created, MFA required, officer and supervisor groups)',
    () => {
      const pools = resources(stateful, 'AWS::Cognito::UserPool');
      if (china) {
        expect(pools).toHaveLength(0);
        return;
      }
      const pool = (name: string) => pools.find(([id]) => id.startsWith(name))?.[1].Properties;
      expect(pools).toHaveLength(2);
      // The applicants' pool keeps the id of the single pool of earlier versions (updated in place).
      expect(pool('UserPool')).toMatchObject({
        MfaConfiguration: 'OPTIONAL',
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      });
      expect(pool('StaffUserPool')).toMatchObject({
        MfaConfiguration: 'ON',
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        // An officer's office, which presence records are held to (`custom:office` in the ID token).
        Schema: [{ Name: 'office', AttributeDataType: 'String', Mutable: true }],
      });
      expect(pool('UserPool')?.Schema).toBeUndefined();
      const groups = resources(stateful, 'AWS::Cognito::UserPoolGroup').map(([id, g]) => [
        id.replace(/Group.*/, ''),
        g.Properties?.GroupName,
      ]);
      // Only the staff pool has groups: an applicant-pool account is an applicant by being there.
      expect(groups.sort()).toEqual([
        ['Staff', 'officer'],
        ['Staff', 'supervisor'],
      ]);
      // Each pool has a sign-in domain and a console client that returns to the console's own address.
      expect(resources(stateful, 'AWS::Cognito::UserPoolDomain')).toHaveLength(2);
      for (const [, client] of resources(stateful, 'AWS::Cognito::UserPoolClient')) {
        for (const url of client.Properties?.CallbackURLs ?? []) expect(url).toMatch(/\/$/);
        expect(client.Properties?.AllowedOAuthFlows).toEqual(['code']);
      }
    },
  );

  it('tells the API which issuers to trust and the console its config.json', () => {
    const api = resources(stateless, 'AWS::Lambda::Function')
      .map(([, f]) => f.Properties?.Environment.Variables)
      .find((env) => env.OIDC_ISSUER);
    expect(api?.ROLES_CLAIM).toBe('cognito:groups');
    if (china) expect(api?.STAFF_OIDC_ISSUER).toBeUndefined();
    else expect(JSON.stringify(api?.STAFF_OIDC_ISSUER)).toContain('StaffUserPool');
    const consoleConfig = JSON.stringify(stateless.Outputs?.ConsoleConfig?.Value);
    expect(consoleConfig).toContain('apiUrl');
    // Global: both pools' issuers and Cognito's logout endpoints (its discovery names none).
    if (!china)
      for (const key of ['staffIssuer', 'staffClientId', 'logoutUrl', 'staffLogoutUrl'])
        expect(consoleConfig).toContain(key);
  });

  it('builds one nodejs22.x arm64 function per catalogued handler, each with its own retained log group', () => {
    const functions = resources(stateless, 'AWS::Lambda::Function');
    expect(functions).toHaveLength(FIXTURE_HANDLERS.length);
    for (const [id, fn] of functions) {
      expect(fn.Properties?.Runtime, id).toBe('nodejs22.x');
      expect(fn.Properties?.Architectures, id).toEqual(['arm64']);
      expect(fn.Properties?.LoggingConfig.LogGroup.Ref, id).toMatch(/Logs/);
      expect(fn.Properties?.Environment.Variables.TABLE_NAME, id).toBeDefined();
      expect(fn.Properties?.TracingConfig?.Mode ?? 'PassThrough', id).toBe(china ? 'PassThrough' : 'Active');
    }
    // Every log group outlives a stack deletion or replacement (audit), and still expires.
    for (const template of [stateful, stateless]) {
      for (const [id, group] of resources(template, 'AWS::Logs::LogGroup')) {
        expect(group.Properties?.RetentionInDays, id).toBeGreaterThan(0);
        expect(group.DeletionPolicy, id).toBe('Retain');
        expect(group.UpdateReplacePolicy, id).toBe('Retain');
      }
    }
  });

  it('sends email through SES globally and through the SMTP secret in China', () => {
    const envs = resources(stateless, 'AWS::Lambda::Function').map(
      ([, f]) => f.Properties?.Environment.Variables,
    );
    const emailing = envs.filter((env) => env.EMAIL_TRANSPORT);
    expect(emailing.length).toBe(FIXTURE_HANDLERS.filter((h) => h.email).length);
    for (const env of emailing) expect(env.EMAIL_TRANSPORT).toBe(china ? 'smtp' : 'ses');
    expect(resources(stateless, 'AWS::SES::EmailIdentity')).toHaveLength(china ? 0 : 1);
    expect(resources(stateful, 'AWS::SecretsManager::Secret')).toHaveLength(china ? 2 : 1);
  });

  it(
    china
      ? 'points every email function at the SMTP relay of the context (465: implicit TLS) and its secret'
      : 'sets no SMTP relay on the SES email functions',
    () => {
      const emailing = resources(stateless, 'AWS::Lambda::Function')
        .map(([id, f]) => [id, f.Properties?.Environment.Variables] as const)
        .filter(([, env]) => env.EMAIL_TRANSPORT);
      expect(emailing.length).toBe(FIXTURE_HANDLERS.filter((h) => h.email).length);
      for (const [id, env] of emailing) {
        if (!china) {
          expect(env.SMTP_HOST, id).toBeUndefined();
          continue;
        }
        // cdk.json sets no smtpHost/smtpPort: the defaults of infra/settings.ts.
        expect(env.SMTP_HOST, id).toBe('smtp.example.cn');
        expect(env.SMTP_PORT, id).toBe('465');
        expect(env.SMTP_SECURE, id).toBe('true');
        expect(resolveImport(stateful, env.SMTP_SECRET_ARN), id).toEqual({
          Ref: expect.stringMatching(/^SmtpSecret/),
        });
      }
    },
  );

  it('generates an SMTP secret in China only, with exactly the keys the email functions read', () => {
    const smtpSecrets = resources(stateful, 'AWS::SecretsManager::Secret').filter(([id]) =>
      id.startsWith('SmtpSecret'),
    );
    if (!china) {
      expect(smtpSecrets).toEqual([]); // global regions send through SES
      return;
    }
    const [[, secret]] = smtpSecrets as [[string, Resource]];
    const generate = secret.Properties?.GenerateSecretString;
    expect(Object.keys(JSON.parse(generate.SecretStringTemplate))).toEqual([SMTP_SECRET_USERNAME_KEY]);
    expect(generate.GenerateStringKey).toBe(SMTP_SECRET_PASSWORD_KEY);
  });

  it('gives the API the entity key secret’s ARN, and no function a secret value in its environment', () => {
    const functions = resources(stateless, 'AWS::Lambda::Function');
    for (const [id, fn] of functions) {
      const env = fn.Properties?.Environment.Variables as Record<string, unknown>;
      expect(env.ENTITY_KEY_SECRET, id).toBeUndefined();
      // A dynamic reference is resolved into the function's configuration at deploy time.
      expect(JSON.stringify(env), id).not.toContain('{{resolve:');
      if (/^HttpApiHandler/.test(id)) {
        expect(resolveImport(stateful, env.ENTITY_KEY_SECRET_ARN), id).toEqual({
          Ref: expect.stringMatching(/^EntityKeySecret/),
        });
      } else {
        expect(env.ENTITY_KEY_SECRET_ARN, id).toBeUndefined();
      }
    }
    expect(functions.filter(([id]) => /^HttpApiHandler/.test(id))).toHaveLength(1);
  });

  it('lets the API role alone read the entity key secret, exactly that secret, and decrypt it', () => {
    const isEntityKeySecret = (resource: unknown) =>
      /^EntityKeySecret/.test(resolveImport(stateful, resource)?.Ref ?? '');
    const reads = statements(stateless).filter(({ statement }) =>
      asArray(statement.Resource).some(isEntityKeySecret),
    );
    expect(reads).toHaveLength(1);
    const [{ policy, statement }] = reads as [(typeof reads)[number]];
    expect(policy).toMatch(/^HttpApiHandler/);
    expect(statement.Effect).toBe('Allow');
    expect(asArray(statement.Action)).toEqual(['secretsmanager:GetSecretValue']);
    // Each resource one whole secret, by its ARN (CDK merges the SMTP secret's grant in China).
    const secretIds = resources(stateful, 'AWS::SecretsManager::Secret').map(([id]) => id);
    for (const resource of asArray(statement.Resource)) {
      expect(secretIds).toContain(resolveImport(stateful, resource)?.Ref);
    }
    // The secret is encrypted with the data key: GetSecretValue needs kms:Decrypt on it.
    const decrypt = statements(stateless).filter(
      (s) =>
        s.policy === policy &&
        asArray(s.statement.Action).includes('kms:Decrypt') &&
        asArray(s.statement.Resource).some((r: unknown) => attributeOf(stateful, r)?.startsWith('DataKey')),
    );
    expect(decrypt.length).toBeGreaterThan(0);
    const secret = resources(stateful, 'AWS::SecretsManager::Secret').find(([id]) =>
      id.startsWith('EntityKeySecret'),
    );
    expect(attributeOf(stateful, secret?.[1].Properties?.KmsKeyId)).toMatch(/^DataKey\w*\.Arn$/);
  });

  it('lets the console preview documents (img, PDF in an iframe) from exactly the uploads bucket', () => {
    const csp = cspDirectives(stateless, stateful);
    const uploads = (attribute: string) => {
      const [logicalId] =
        resources(stateful, 'AWS::S3::Bucket').find(([id]) => id.startsWith('UploadsBucket')) ?? [];
      return `https://<${logicalId}.${attribute}>`;
    };
    // Presigned GETs are virtual-hosted on the bucket's regional domain.
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:', uploads('RegionalDomainName')]);
    expect(csp.get('frame-src')).toEqual([uploads('RegionalDomainName')]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toContain(uploads('RegionalDomainName'));
  });

  it('lets on-upload (and only it) list exactly the prefixes it reads, so S3 answers 404 for a missing key', () => {
    const onUpload = FIXTURE_HANDLERS.find((h) => h.trigger === 'uploads-created');
    const listing = statements(stateless).filter(({ statement }) =>
      asArray(statement.Action).includes('s3:ListBucket'),
    );
    expect(listing).toHaveLength(1);
    const [{ policy, statement }] = listing as [{ policy: string; statement: Record<string, any> }];
    expect(policy).toMatch(/^EventsOnUploadHandler/);
    expect(asArray(statement.Action)).toEqual(['s3:ListBucket']);
    const [bucket] = asArray(statement.Resource);
    expect(attributeOf(stateful, bucket)).toMatch(/^UploadsBucket\w+\.Arn$/);
    expect(statement.Condition).toEqual({
      StringLike: { 's3:prefix': onUpload?.bucket?.read?.map((prefix) => `${prefix}*`) },
    });
  });

  it('grants no wildcard action and never dynamodb:Scan', () => {
    for (const template of [stateful, stateless]) {
      for (const { policy, statement } of statements(template)) {
        for (const action of asArray(statement.Action as string | string[])) {
          expect(action, policy).not.toBe('*');
          expect(action, policy).not.toMatch(/:\*$/);
          expect(action, policy).not.toBe('dynamodb:Scan');
        }
      }
    }
  });

  it('uses resource * only for actions without resource-level permissions (logs delivery, X-Ray)', () => {
    for (const { policy, statement } of statements(stateless)) {
      if (asArray(statement.Resource).includes('*')) {
        for (const action of asArray(statement.Action as string | string[])) {
          expect(action, policy).toMatch(
            /^(logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups)|xray:)/,
          );
        }
      }
    }
  });

  it('fills every placeholder of the ASL, ${Partition} from the stack', () => {
    const [[, machine]] = resources(stateless, 'AWS::StepFunctions::StateMachine') as [[string, Resource]];
    const text = readFileSync(join(FIXTURE_ROOT, 'statemachines/icp-case.asl.json'), 'utf8');
    const substitutions = machine.Properties?.DefinitionSubstitutions as Record<string, unknown>;
    expect(Object.keys(substitutions).sort()).toEqual(aslPlaceholders(text));
    expect(substitutions.Partition).toEqual({ Ref: 'AWS::Partition' });
    expect(machine.Properties?.DefinitionS3Location).toBeDefined();
    expect(machine.Properties?.LoggingConfiguration.Level).toBe('ALL');
    expect(machine.Properties?.TracingConfiguration?.Enabled ?? false).toBe(!china);
  });

  it('invokes every task through its live alias, backed by a retained published version of that function', () => {
    const invoked = taskAliasesInvokedByEachMachine(stateless as any);
    expect([...invoked.values()].flat().sort()).toEqual([
      expect.stringMatching(/^TasksNotifyApplicantHandlerAlias/),
      expect.stringMatching(/^TasksRequestDocumentReviewHandlerAlias/),
    ]);
    // Only task functions are versioned: the API and on-upload are invoked unqualified, as before.
    expect(resources(stateless, 'AWS::Lambda::Alias')).toHaveLength(
      FIXTURE_HANDLERS.filter((h) => h.trigger === 'state-machine-task').length,
    );
  });

  it('lets the state machine invoke exactly the live aliases of the task functions, and no unqualified function', () => {
    for (const [machineId, aliases] of taskAliasesInvokedByEachMachine(stateless as any)) {
      const grants = lambdaGrantsOfMachine(stateless as any, machineId);
      expect(grants).toHaveLength(1);
      expect(grants[0]?.actions).toEqual(['lambda:InvokeFunction']);
      expect([...(grants[0]?.resources ?? [])].sort()).toEqual(aliases);
    }
    // No role anywhere may invoke a task function unqualified (or any of its versions by wildcard).
    const taskFunctions = resources(stateless, 'AWS::Lambda::Function')
      .filter(([id]) => id.startsWith('Tasks'))
      .map(([id]) => id);
    for (const { policy, statement } of statements(stateless)) {
      if (!asArray(statement.Action).some((a: string) => a.startsWith('lambda:'))) continue;
      for (const resource of asArray(statement.Resource)) {
        const text = JSON.stringify(resource);
        for (const id of taskFunctions) expect(text, policy).not.toContain(`"${id}"`);
      }
    }
  });

  it('publishes a state machine version per revision behind a live alias, and the API starts cases through it', () => {
    const liveAliases = liveAliasOfEachMachine(stateless as any);
    expect(liveAliases.size).toBe(1);
    const [[machineId, aliasId]] = [...liveAliases] as [[string, string]];
    const api = resources(stateless, 'AWS::Lambda::Function').find(([id]) => /^HttpApiHandler/.test(id));
    const env = api?.[1].Properties?.Environment.Variables;
    expect(env.STATE_MACHINE_ARN).toEqual({ Ref: aliasId });
    expect(env.ICP_CASE_STATE_MACHINE_ARN).toEqual({ Ref: aliasId });
    // Step Functions authorizes a start by alias on the state machine's ARN, with the alias name as
    // states:StateMachineQualifier; the condition leaves no way to start an unversioned execution.
    const starts = stepFunctionsStatements(stateless as any).filter(({ statement }) =>
      asArray(statement.Action).includes('states:StartExecution'),
    );
    expect(starts).toHaveLength(1);
    expect(starts[0]?.policy).toMatch(/^HttpApiHandler/);
    expect(starts[0]?.statement).toEqual({
      Action: 'states:StartExecution',
      Effect: 'Allow',
      Resource: { Ref: machineId },
      Condition: { 'ForAnyValue:StringEquals': { 'states:StateMachineQualifier': ['live'] } },
    });
    // Task tokens and executions carry no qualifier, however the execution was started.
    const tokens = stepFunctionsStatements(stateless as any).filter(({ statement }) =>
      asArray(statement.Action).some((a: string) => a.startsWith('states:SendTask')),
    );
    expect(tokens.length).toBeGreaterThan(0);
    for (const { policy, statement } of tokens) {
      expect(statement.Condition, policy).toBeUndefined();
      const resource = JSON.stringify(statement.Resource);
      if (/^HttpApiHandler/.test(policy)) expect(statement.Resource, policy).toEqual({ Ref: machineId });
      else expect(resource, policy).toMatch(/:stateMachine:Icp-icp-case"/);
    }
    const executions = stepFunctionsStatements(stateless as any).filter(({ statement }) =>
      asArray(statement.Action).includes('states:DescribeExecution'),
    );
    expect(executions).toHaveLength(1);
    expect(JSON.stringify(executions[0]?.statement.Resource)).toMatch(/:execution:Icp-icp-case:\*"/);
  });

  it('lets only the API function start, stop and fail executions, on this state machine', () => {
    const control = statements(stateless).filter(({ statement }) =>
      asArray(statement.Action).some((a: string) =>
        /^states:(StartExecution|SendTaskFailure|SendTaskHeartbeat|StopExecution)/.test(a),
      ),
    );
    expect(control.length).toBeGreaterThan(0);
    for (const { policy, statement } of control) {
      expect(policy).toMatch(/^HttpApiHandler/);
      expect(JSON.stringify(statement.Resource)).toMatch(/IcpCaseStateMachine|Icp-icp-case/);
    }
  });

  it('lets on-upload resume a parked step with SendTaskSuccess alone, on this state machine', () => {
    const resume = statements(stateless).filter(({ policy }) => /^EventsOnUploadHandler/.test(policy));
    const states = resume.filter(({ statement }) =>
      asArray(statement.Action).some((a: string) => a.startsWith('states:')),
    );
    expect(states).toHaveLength(1);
    expect(asArray(states[0]?.statement.Action)).toEqual(['states:SendTaskSuccess']);
    expect(JSON.stringify(states[0]?.statement.Resource)).toMatch(/stateMachine:Icp-icp-case/);
  });

  it('routes Object Created under the upload prefix to on-upload, with retries and one dead-letter path per failure kind', () => {
    const [[, rule]] = resources(stateless, 'AWS::Events::Rule') as [[string, Resource]];
    expect(rule.Properties?.EventPattern['detail-type']).toEqual(['Object Created']);
    expect(rule.Properties?.EventPattern.detail.object.key).toEqual([{ prefix: 'cases/' }]);
    const target = rule.Properties?.Targets[0];
    expect(target.Arn['Fn::GetAtt'][0]).toMatch(/^EventsOnUploadHandler/);
    expect(target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThan(0);
    // Events EventBridge could not deliver: the target's dead-letter queue.
    expect(target.DeadLetterConfig.Arn['Fn::GetAtt'][0]).toMatch(/^DeadLetterQueue/);
    // Events Lambda accepted that failed every attempt: on-upload's on-failure destination only.
    const [[, invokeConfig], ...more] = resources(stateless, 'AWS::Lambda::EventInvokeConfig') as [
      [string, Resource],
    ];
    expect(more).toEqual([]);
    expect(invokeConfig.Properties?.FunctionName.Ref).toMatch(/^EventsOnUploadHandler/);
    expect(invokeConfig.Properties?.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0]).toMatch(
      /^DeadLetterQueue/,
    );
    for (const [id, fn] of resources(stateless, 'AWS::Lambda::Function'))
      expect(fn.Properties?.DeadLetterConfig, id).toBeUndefined();
  });

  it('throttles the HTTP API and writes JSON access logs', () => {
    const [[, stage]] = resources(stateless, 'AWS::ApiGatewayV2::Stage') as [[string, Resource]];
    expect(stage.Properties?.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(stage.Properties?.DefaultRouteSettings.ThrottlingBurstLimit).toBeGreaterThan(0);
    expect(() => JSON.parse(stage.Properties?.AccessLogSettings.Format)).not.toThrow();
  });

  it('hosts the console privately behind CloudFront, with security headers (global) or the CSP in the page (China)', () => {
    expect(resources(stateless, 'AWS::CloudFront::OriginAccessControl')).toHaveLength(china ? 0 : 1);
    expect(resources(stateless, 'AWS::CloudFront::CloudFrontOriginAccessIdentity')).toHaveLength(
      china ? 1 : 0,
    );
    const policies = resources(stateless, 'AWS::CloudFront::ResponseHeadersPolicy');
    // Global: one for the page, one for the hashed assets (test/infra/console-caching.test.ts).
    expect(policies).toHaveLength(china ? 0 : 2);
    const csp = cspDirectives(stateless, stateful);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    if (china) {
      // A page's policy cannot say frame-ancestors; the console refuses frames itself.
      expect(csp.has('frame-ancestors')).toBe(false);
      return;
    }
    const security = policies[0]?.[1].Properties?.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(security.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThan(0);
    expect(security.FrameOptions.FrameOption).toBe('DENY');
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('alarms on failed executions, DLQ depth, Lambda errors and throttles, and API 5xx', () => {
    const metrics = resources(stateless, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties?.MetricName);
    expect(metrics).toContain('ExecutionsFailed');
    expect(metrics).toContain('ApproximateNumberOfMessagesVisible');
    expect(metrics).toContain('5xx');
    expect(metrics.filter((m) => m === 'Errors')).toHaveLength(FIXTURE_HANDLERS.length);
    expect(metrics.filter((m) => m === 'Throttles')).toHaveLength(FIXTURE_HANDLERS.length);
  });
});

describe('SMTP settings from context (China)', () => {
  it('passes smtpHost and smtpPort on, with STARTTLS (SMTP_SECURE false) off port 465', () => {
    const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8'));
    const { app, stateless } = buildApp({
      app: {
        outdir: mkdtempSync(join(tmpdir(), 'icp-infra-smtp-')),
        context: {
          ...cdkJson.context,
          'aws:cdk:bundling-stacks': [],
          partition: 'aws-cn',
          ...CHINA_EXAMPLE_CONTEXT,
          smtpHost: 'smtpdm.example-provider.cn',
          smtpPort: '587',
        },
      },
      projectRoot: FIXTURE_ROOT,
      stateMachinesDir: join(FIXTURE_ROOT, 'statemachines'),
      handlers: FIXTURE_HANDLERS,
    });
    const template = app.synth().getStackByName(stateless.stackName).template as Record<string, any>;
    const emailing = resources(template, 'AWS::Lambda::Function')
      .map(([, f]) => f.Properties?.Environment.Variables)
      .filter((env) => env.EMAIL_TRANSPORT);
    expect(emailing.length).toBe(FIXTURE_HANDLERS.filter((h) => h.email).length);
    for (const env of emailing) {
      expect(env).toMatchObject({
        SMTP_HOST: 'smtpdm.example-provider.cn',
        SMTP_PORT: '587',
        SMTP_SECURE: 'false',
      });
      expect(env.SMTP_ALLOW_PLAINTEXT).toBeUndefined();
    }
  }, 120_000);
});

describe('upgrading a stack whose executions started before tasks were versioned', () => {
  const synthWith = (context: Record<string, unknown>) => {
    const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8'));
    const { app, stateless } = buildApp({
      app: {
        outdir: mkdtempSync(join(tmpdir(), 'icp-infra-unversioned-')),
        context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context },
      },
      projectRoot: FIXTURE_ROOT,
      stateMachinesDir: join(FIXTURE_ROOT, 'statemachines'),
      handlers: FIXTURE_HANDLERS,
    });
    return app.synth().getStackByName(stateless.stackName).template as Record<string, any>;
  };

  it('also lets the role invoke the unqualified task functions while they run, and only then', () => {
    const template = synthWith({ [UNVERSIONED_EXECUTIONS_CONTEXT]: 'true' });
    const [[machineId, aliases]] = [...taskAliasesInvokedByEachMachine(template as any)] as [
      [string, string[]],
    ];
    // The definition still names the aliases; the old executions' definitions name the functions.
    const grants = lambdaGrantsOfMachine(template as any, machineId);
    const resourcesGranted = grants.flatMap((grant) => grant.resources);
    const unqualified = aliases.map(
      (aliasId) => template.Resources[aliasId].Properties.FunctionName.Ref as string,
    );
    expect(resourcesGranted.filter((r) => typeof r === 'string').sort()).toEqual(aliases);
    expect(
      resourcesGranted
        .filter((r) => typeof r !== 'string')
        .map((r: any) => r['Fn::GetAtt'])
        .sort(),
    ).toEqual(unqualified.map((id) => [id, 'Arn']).sort());

    // The default (and "false") grants the aliases alone.
    for (const context of [{}, { [UNVERSIONED_EXECUTIONS_CONTEXT]: 'false' }]) {
      const plain = synthWith(context);
      const only = lambdaGrantsOfMachine(plain as any, machineId).flatMap((grant) => grant.resources);
      expect(only.every((r) => typeof r === 'string')).toBe(true);
    }
    expect(() => synthWith({ [UNVERSIONED_EXECUTIONS_CONTEXT]: 'yes' })).toThrow(/must be "true" or "false"/);
  }, 120_000);
});
