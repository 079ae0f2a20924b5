/**
 * What each handler's role may do: the table, the uploads bucket's prefixes, the data key, the
 * entity-key secret, email, and the state machines it controls or resumes; nothing more.
 */
import { Arn, ArnFormat, type Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { INDEXES } from '#adapters/table-schema';
import type { HandlerFunction } from '../constructs/handler-function.ts';
import type { HandlerSpec } from '../handlers.ts';
import type { DeploymentSettings } from '../settings.ts';
import { STATE_MACHINE_ALIAS } from '../state-machine-definition.ts';
import type { StatefulStack } from './stateful-stack.ts';

const TABLE_READ = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
const TABLE_WRITE = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/** Email: SES identity in global regions; the SMTP secret (stateful stack) in China. */
export function emailAccess(
  stack: Stack,
  settings: DeploymentSettings,
  data: StatefulStack,
): { emailEnv: Record<string, string>; emailStatements: iam.PolicyStatement[] } {
  let emailEnv: Record<string, string>;
  let emailStatements: iam.PolicyStatement[];
  if (settings.isChina) {
    const secret = data.smtpSecret;
    if (!secret) throw new Error('China deployments need the SMTP secret of the stateful stack');
    emailEnv = {
      EMAIL_TRANSPORT: 'smtp',
      EMAIL_FROM: `no-reply@${settings.mailDomain}`,
      SMTP_HOST: settings.smtpHost,
      SMTP_PORT: String(settings.smtpPort),
      // Implicit TLS, or STARTTLS, which the sender then requires (SMTP_ALLOW_PLAINTEXT stays unset).
      SMTP_SECURE: String(settings.smtpSecure),
      SMTP_SECRET_ARN: secret.secretArn,
    };
    emailStatements = [
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [secret.secretArn],
      }),
      new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [data.key.keyArn] }),
    ];
  } else {
    const identity = new ses.EmailIdentity(stack, 'MailIdentity', {
      identity: ses.Identity.domain(settings.mailDomain),
    });
    emailEnv = { EMAIL_TRANSPORT: 'ses', EMAIL_FROM: `no-reply@${settings.mailDomain}` };
    emailStatements = [
      new iam.PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [
          stack.formatArn({
            service: 'ses',
            resource: 'identity',
            resourceName: identity.emailIdentityName,
          }),
        ],
      }),
    ];
  }
  return { emailEnv, emailStatements };
}

/** The IAM statements a handler needs, from its catalogue entry; nothing more. */
export function grantStatements(
  spec: HandlerSpec,
  tableResources: string[],
  uploadsBucketArn: string,
  data: StatefulStack,
  emailStatements: iam.PolicyStatement[],
): iam.PolicyStatement[] {
  const statements: iam.PolicyStatement[] = [];
  const kmsActions = new Set<string>();
  if (typeof spec.table === 'object') {
    // Query on the named indexes only: no GetItem, no Query on the table itself.
    statements.push(
      new iam.PolicyStatement({
        actions: ['dynamodb:Query'],
        resources: spec.table.query.map(
          (index) => `${data.table.tableArn}/index/${INDEXES[index].indexName}`,
        ),
      }),
    );
    // The table is encrypted with the data key; reading it (a count too) decrypts, as for every reader.
    kmsActions.add('kms:Decrypt').add('kms:DescribeKey');
    const itemWrites = [
      ...(spec.table.update ? ['dynamodb:UpdateItem'] : []),
      ...(spec.table.append ? ['dynamodb:PutItem'] : []),
    ];
    if (itemWrites.length > 0) {
      // On the table's items only (not its indexes, which are never written): no GetItem, no Delete.
      statements.push(new iam.PolicyStatement({ actions: itemWrites, resources: [data.table.tableArn] }));
      kmsActions.add('kms:Encrypt').add('kms:GenerateDataKey');
    }
  } else if (spec.table) {
    const actions = spec.table === 'readWrite' ? [...TABLE_READ, ...TABLE_WRITE] : TABLE_READ;
    statements.push(new iam.PolicyStatement({ actions, resources: tableResources }));
    kmsActions.add('kms:Decrypt').add('kms:DescribeKey');
    if (spec.table === 'readWrite') kmsActions.add('kms:Encrypt').add('kms:GenerateDataKey');
  }
  const objects = (prefixes: string[] | undefined) =>
    (prefixes ?? []).map((prefix) => `${uploadsBucketArn}/${prefix}*`);
  if (spec.bucket?.read?.length) {
    statements.push(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: objects(spec.bucket.read),
      }),
    );
    kmsActions.add('kms:Decrypt');
  }
  const listed = spec.trigger === 'uploads-created' ? spec.bucket?.read : spec.bucket?.list;
  if (listed?.length) {
    // Without s3:ListBucket, S3 answers 403 (not 404) for a key that does not exist, and on-upload
    // must tell "gone" (the original after quarantine, a quarantined copy never made) from a real
    // denial. Treating 403 as absence would record a permission error as a vanished upload, so the
    // role may list exactly the prefixes it reads (S3 evaluates that implicit listing with the
    // requested key as s3:prefix; Ceph RGW copies this, ceph/ceph#68577). The API presigns GETs
    // for browsers (no listing needed) and itself reads only the provider's documents it attaches:
    // it lists that prefix alone (`list`).
    statements.push(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [uploadsBucketArn],
        conditions: { StringLike: { 's3:prefix': listed.map((prefix) => `${prefix}*`) } },
      }),
    );
  }
  if (spec.bucket?.write?.length) {
    // PutObject covers presigned POST (signed with this role) and copies into quarantine.
    statements.push(
      new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: objects(spec.bucket.write) }),
    );
    kmsActions.add('kms:GenerateDataKey').add('kms:Decrypt');
  }
  if (spec.bucket?.delete?.length) {
    statements.push(
      new iam.PolicyStatement({ actions: ['s3:DeleteObject'], resources: objects(spec.bucket.delete) }),
    );
  }
  if (kmsActions.size > 0) {
    statements.push(
      new iam.PolicyStatement({ actions: [...kmsActions].sort(), resources: [data.key.keyArn] }),
    );
  }
  if (spec.entityKey) {
    // Read at run time (ENTITY_KEY_SECRET_ARN): this one secret, encrypted with the data key.
    statements.push(
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [data.entityKeySecret.secretArn],
      }),
      new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [data.key.keyArn] }),
    );
  }
  if (spec.email) statements.push(...emailStatements);
  return statements;
}

/** Grants the state machines' controllers and task resumers their access. */
export function grantStateMachineAccess(
  stack: Stack,
  settings: DeploymentSettings,
  handlers: HandlerSpec[],
  functions: ReadonlyMap<string, HandlerFunction>,
  stateMachines: ReadonlyMap<string, sfn.StateMachine>,
  stateMachineAliases: ReadonlyMap<string, sfn.CfnStateMachineAlias>,
): void {
  // Only the API controls executions, and only of these state machines. It starts them through the
  // `live` alias. Step Functions authorizes a start by alias against the state machine's own ARN,
  // with the alias name as `states:StateMachineQualifier` (Step Functions developer guide,
  // "Authorization for versions and aliases"; a statement on the alias ARN does not authorize the
  // start: aws/aws-cdk#30265, aws/serverless-application-model#3720). The qualifier condition keeps the API from starting anything but `live` (no
  // unqualified start, which would run the latest revision outside any version).
  // An execution's ARN has no qualifier (`execution:<machine>:<case id>`), however it was started,
  // and task tokens are authorized against the state machine's ARN as well.
  for (const spec of handlers.filter((h) => h.controlsStateMachine)) {
    const handler = functions.get(spec.entry) as HandlerFunction;
    for (const [name, machine] of stateMachines) {
      const alias = stateMachineAliases.get(name) as sfn.CfnStateMachineAlias;
      const executions = Arn.format(
        {
          service: 'states',
          resource: 'execution',
          resourceName: `${settings.prefix}-${name}:*`,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        },
        stack,
      );
      handler.role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['states:StartExecution'],
          resources: [machine.stateMachineArn],
          conditions: {
            'ForAnyValue:StringEquals': { 'states:StateMachineQualifier': [STATE_MACHINE_ALIAS] },
          },
        }),
      );
      handler.role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
          resources: [machine.stateMachineArn],
        }),
      );
      handler.role.addToPolicy(
        new iam.PolicyStatement({
          actions: ['states:StopExecution', 'states:DescribeExecution'],
          resources: [executions],
        }),
      );
      const envName = `${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_STATE_MACHINE_ARN`;
      // The alias's ARN (`stateMachine:<machine>:live`): StartExecution runs the version it points at.
      handler.function.addEnvironment(envName, alias.ref);
      if (stateMachines.size === 1) handler.function.addEnvironment('STATE_MACHINE_ARN', alias.ref);
      Validations.of(handler.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:${stack.region}:${settings.account ?? '<AWS::AccountId>'}:execution:${settings.prefix}-${name}:*]`,
        reason: 'Executions are named by case id at run time; the ARN is fixed to this one state machine.',
      });
    }
  }

  // Handlers that resume a parked documents step may send task success, and nothing else.
  // The ARN is built from the machine's name: a task function referring to the machine that
  // invokes it would be a circular dependency. It is the unqualified ARN on purpose: a task token
  // of an execution started through the alias (any version) is authorized against it.
  for (const spec of handlers.filter((h) => h.resumesTasks)) {
    const handler = functions.get(spec.entry) as HandlerFunction;
    for (const name of stateMachines.keys()) {
      const machineArn = Arn.format(
        {
          service: 'states',
          resource: 'stateMachine',
          resourceName: `${settings.prefix}-${name}`,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        },
        stack,
      );
      handler.role.addToPolicy(
        new iam.PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: [machineArn] }),
      );
    }
  }
}
