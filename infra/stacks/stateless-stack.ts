import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { TABLE_SCHEMA } from '#adapters/table-schema';
import { CONSOLE_CSP_OUTPUT } from '../console-files.ts';
import { type ConsoleDomain, ConsoleHosting } from '../constructs/console-hosting.ts';
import { HandlerFunction } from '../constructs/handler-function.ts';
import { OperationsDashboard } from '../constructs/operations-dashboard.ts';
import { type HandlerSpec, handlerBaseName, handlerConstructId } from '../handlers.ts';
import { type DeploymentSettings, QUARANTINE_PREFIX, UPLOAD_PREFIX } from '../settings.ts';
import { TASK_FUNCTION_ALIAS } from '../state-machine-definition.ts';
import { createAlarms } from './alarms.ts';
import { emailAccess, grantStateMachineAccess, grantStatements } from './handler-grants.ts';
import { createHttpApi } from './http-api.ts';
import { acknowledge, acknowledgeFunction } from './nag-acknowledgements.ts';
import { createScheduledRules } from './scheduled-rules.ts';
import type { StatefulStack } from './stateful-stack.ts';
import { createUploadPipeline } from './upload-pipeline.ts';
import { createWorkflow } from './workflow.ts';

export interface StatelessStackProps extends StackProps {
  settings: DeploymentSettings;
  data: StatefulStack;
  handlers: HandlerSpec[];
  /** Absolute path of the repository root (handler entries are relative to it). */
  projectRoot: string;
  /** Absolute path of the folder holding `*.asl.json`. */
  stateMachinesDir: string;
}

/**
 * Code and wiring, safe to replace at any time: one function per catalogued handler, the HTTP API,
 * the upload rule, the state machines, the console's hosting, email and alarms.
 */
export class StatelessStack extends Stack {
  readonly functions = new Map<string, HandlerFunction>();
  readonly stateMachines: Map<string, sfn.StateMachine>;
  /** Each state machine's `live` alias: where new executions start (the API's STATE_MACHINE_ARN). */
  readonly stateMachineAliases: Map<string, sfn.CfnStateMachineAlias>;
  readonly deadLetterQueue: sqs.Queue;
  readonly httpApi: apigw.HttpApi | undefined;
  /** Where the console calls the API: its own domain when there is one, else execute-api's. */
  readonly apiUrl: string | undefined;
  readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { settings, data } = props;
    const tracing = !settings.isChina; // no X-Ray in the China partition

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(this.deadLetterQueue, {
      'AwsSolutions-SQS3':
        'This queue is itself a dead-letter queue: of the upload rule (events EventBridge could not deliver) and the on-failure destination of on-upload (events that failed every attempt).',
      'Serverless-SQSRedrivePolicy':
        'This queue is itself the dead-letter queue; messages are inspected and redriven by hand (docs/operations.md).',
    });

    // Email: SES identity in global regions; the SMTP secret (stateful stack) in China.
    const { emailEnv, emailStatements } = emailAccess(this, settings, data);

    // Who signs in where: China trusts one external OIDC issuer for every role; global regions have
    // an applicants' pool and a staff pool (functions/config.ts, trustedIssuers).
    const poolIssuer = (pool: cognito.IUserPool) =>
      `https://cognito-idp.${this.region}.${this.urlSuffix}/${pool.userPoolId}`;
    const signIn = settings.isChina
      ? {
          // readSettings refuses a China synth without them.
          issuer: settings.oidcIssuer as string,
          clientId: settings.oidcAudience as string,
        }
      : {
          issuer: data.applicantPool ? poolIssuer(data.applicantPool.pool) : '',
          clientId: data.applicantPool?.client.userPoolClientId ?? '',
          staffIssuer: data.staffPool ? poolIssuer(data.staffPool.pool) : '',
          staffClientId: data.staffPool?.client.userPoolClientId ?? '',
          // Cognito's discovery names no end-session endpoint; the console signs out here.
          logoutUrl: data.applicantPool ? `${data.applicantPool.domain.baseUrl()}/logout` : '',
          staffLogoutUrl: data.staffPool ? `${data.staffPool.domain.baseUrl()}/logout` : '',
        };

    const baseEnv: Record<string, string> = {
      TABLE_NAME: data.table.tableName,
      UPLOAD_BUCKET: data.uploadsBucket.bucketName,
      UPLOAD_SSE: 'aws:kms',
      UPLOAD_KMS_KEY_ID: data.key.keyArn,
      UPLOAD_PREFIX,
      QUARANTINE_PREFIX,
      HOSTING_CIDRS: settings.hostingCidrs,
      ...(settings.consoleOrigins[0] ? { PORTAL_URL: settings.consoleOrigins[0] } : {}),
    };

    // A named export keeps the prefix grants (and their cdk-nag acknowledgements) stable.
    const uploadsBucketArn = data.exportValue(data.uploadsBucket.bucketArn, {
      name: `${settings.prefix}-UploadsBucketArn`,
    });

    const tableResources = [
      data.table.tableArn,
      ...TABLE_SCHEMA.indexes.map((index) => `${data.table.tableArn}/index/${index.indexName}`),
    ];

    for (const spec of props.handlers) {
      const env: Record<string, string> = { ...baseEnv };
      if (spec.email) Object.assign(env, emailEnv);
      // The key's ARN, never its value: the function reads it at run time (functions/api/entity-key-secret.ts).
      if (spec.entityKey) env.ENTITY_KEY_SECRET_ARN = data.entityKeySecret.secretArn;
      if (spec.verifiesTokens) {
        Object.assign(env, {
          OIDC_ISSUER: signIn.issuer,
          OIDC_AUDIENCE: signIn.clientId,
          ROLES_CLAIM: 'cognito:groups',
          ...('staffIssuer' in signIn
            ? { STAFF_OIDC_ISSUER: signIn.staffIssuer, STAFF_OIDC_AUDIENCE: signIn.staffClientId }
            : {}),
        });
      }
      const handler = new HandlerFunction(this, handlerConstructId(spec), {
        spec,
        projectRoot: props.projectRoot,
        environment: env,
        logRetentionDays: settings.logRetentionDays,
        tracing,
        partition: settings.isChina ? 'aws-cn' : 'aws',
        // Executions wait for months: the state machine invokes a task through its alias, so each
        // deploy's code is a published version that can be pointed back to (statemachines/README.md).
        ...(spec.trigger === 'state-machine-task' ? { alias: TASK_FUNCTION_ALIAS } : {}),
      });
      this.functions.set(spec.entry, handler);
      for (const statement of grantStatements(
        spec,
        tableResources,
        uploadsBucketArn,
        data,
        emailStatements,
      )) {
        handler.role.addToPolicy(statement);
      }
      acknowledgeFunction(handler, spec, settings);
    }

    const uploadRules = createUploadPipeline(
      this,
      props.handlers,
      this.functions,
      data.uploadsBucket.bucketName,
      this.deadLetterQueue,
    );

    // Scheduled handlers (trigger `schedule`): an EventBridge schedule rule each (scheduled-rules.ts).
    createScheduledRules(this, props.handlers, this.functions);

    const workflow = createWorkflow(this, {
      settings,
      data,
      handlers: props.handlers,
      functions: this.functions,
      projectRoot: props.projectRoot,
      stateMachinesDir: props.stateMachinesDir,
      tracing,
    });
    this.stateMachines = workflow.stateMachines;
    this.stateMachineAliases = workflow.aliases;

    grantStateMachineAccess(
      this,
      settings,
      props.handlers,
      this.functions,
      this.stateMachines,
      this.stateMachineAliases,
    );

    const api = createHttpApi(this, { settings, handlers: props.handlers, functions: this.functions });
    this.httpApi = api?.httpApi;
    this.apiUrl = api?.apiUrl;

    // The console.
    // The console talks to the uploads bucket, the API, and the issuers' discovery and token endpoints.
    // Presigned URLs name the bucket's regional virtual-hosted domain (the SDK's default addressing).
    const uploadsOrigin = `https://${data.uploadsBucket.bucketRegionalDomainName}`;
    const connectSources = [
      uploadsOrigin,
      ...(this.apiUrl ? [this.apiUrl] : []),
      ...(settings.isChina
        ? [new URL(signIn.issuer).origin]
        : [
            `https://cognito-idp.${this.region}.${this.urlSuffix}`,
            ...[data.applicantPool, data.staffPool].flatMap((p) => (p ? [p.domain.baseUrl()] : [])),
          ]),
    ];
    const consoleHosting = new ConsoleHosting(this, 'Console', {
      connectSources,
      previewSources: [uploadsOrigin],
      domain: consoleDomain(settings),
      partition: settings.partition,
    });
    new CfnOutput(this, 'ConsoleBucketName', { value: consoleHosting.bucket.bucketName });
    new CfnOutput(this, 'ConsoleDistributionId', { value: consoleHosting.distribution.distributionId });
    new CfnOutput(this, 'ConsoleUrl', { value: consoleHosting.origin });
    if (consoleHosting.metaContentSecurityPolicy) {
      // China: `npm run console:files` writes it into index.html (no response headers there).
      new CfnOutput(this, CONSOLE_CSP_OUTPUT, { value: consoleHosting.metaContentSecurityPolicy });
    }
    if (settings.consoleDomain) {
      new CfnOutput(this, 'ConsoleDomainTarget', {
        description: `The CNAME target of ${settings.consoleDomain}`,
        value: consoleHosting.distribution.distributionDomainName,
      });
    }
    // The console's config.json, ready to upload beside index.html (docs/deploy.md).
    new CfnOutput(this, 'ConsoleConfig', {
      value: this.toJsonString({ apiUrl: this.apiUrl ?? '', ...signIn }),
    });

    this.alarmTopic = createAlarms(this, settings, {
      functions: this.functions,
      stateMachines: this.stateMachines,
      deadLetterQueue: this.deadLetterQueue,
      httpApi: this.httpApi,
    });

    const operations = new OperationsDashboard(this, 'Operations', {
      dashboardName: `${settings.prefix}-operations`,
      stateMachines: this.stateMachines,
      functions: props.handlers.map((spec) => ({
        label: handlerBaseName(spec.entry),
        function: (this.functions.get(spec.entry) as HandlerFunction).function,
        reservedConcurrency: spec.reservedConcurrency,
      })),
      httpApi: this.httpApi,
      deadLetterQueue: this.deadLetterQueue,
      deadLetterRules: uploadRules,
    });
    new CfnOutput(this, 'DashboardName', { value: operations.dashboard.dashboardName });
  }
}

/** The console's domain with the certificate its partition's CloudFront takes. */
function consoleDomain(settings: DeploymentSettings): ConsoleDomain | undefined {
  if (!settings.consoleDomain) return undefined;
  if (settings.consoleIamCertificateId)
    return { name: settings.consoleDomain, iamCertificateId: settings.consoleIamCertificateId };
  if (settings.consoleCertificateArn)
    return { name: settings.consoleDomain, acmCertificateArn: settings.consoleCertificateArn };
  return undefined; // readSettings refuses a domain without its certificate
}
