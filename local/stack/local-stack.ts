/**
 * The whole system on one machine, running what `cdk synth` builds for a deployment: every Lambda
 * from its synthesized asset in a Node 22 sandbox with its template's environment, timeout, memory
 * and role; the state machine, the upload rule, the HTTP API, the bucket's CORS and the console's
 * response headers from the templates. Around them, local stand-ins at least as strict as AWS:
 * DynamoDB (dynalite) and Step Functions (the embedded engine) behind a gateway that checks SigV4
 * and the role's IAM policies, a strict S3 (signatures, POST policies, IAM), Secrets Manager, SES
 * (global regions) or an SMTP relay with AUTH (China), and dev OIDC issuers in place of Cognito or
 * the operator's issuer. Everything durable lives under `dataDir`, so stopping (even with SIGKILL)
 * and starting again resumes every case where it was.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import {
  CreateStateMachineCommand,
  DescribeStateMachineCommand,
  type SFNClient,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { CaseStore } from '#adapters/case-store';
import { createDocumentClient } from '#adapters/dynamo-client';
import { createS3Client, QUARANTINE_PREFIX, UPLOAD_PREFIX } from '#adapters/file-store';
import type { ObjectCreatedEvent } from '#adapters/object-created-event';
import { createSfnClient } from '#adapters/workflow-client';
import type { DocumentType } from '#domain/document-types';
import { createEngine } from '#stepfunctions/index';
import { createLogger } from '../../functions/logger.ts';
import type { StackConfig } from './api-client.ts';
import {
  type AssemblyFunction,
  type AssemblyTable,
  type CloudAssembly,
  loadCloudAssembly,
} from './assembly/cloud-assembly.ts';
import type { Partition } from './assembly/intrinsics.ts';
import { localEndpoints } from './assembly/local-endpoints.ts';
import { ensureCloudAssembly } from './assembly/synthesize.ts';
import { startAwsGateway } from './aws/aws-gateway.ts';
import { createSecretsManager } from './aws/secrets-manager.ts';
import { createSesStandIn } from './aws/ses.ts';
import { type LocalCredential, LocalCredentials } from './aws/sigv4.ts';
import { createDevIssuer } from './dev-issuer.ts';
import { startDynamo } from './dynamodb.ts';
import { eventRules } from './event-rules.ts';
import { httpApiHandler } from './http-api.ts';
import { type Authorizer, createAuthorizer } from './iam/authorizer.ts';
import { type LocalLambda, lambdaTaskHandler, startLambdaFunction } from './lambda/lambda-function.ts';
import { localTls } from './local-tls.ts';
import { startMailCapture } from './mail-capture.ts';
import { mailboxApp } from './mailbox-page.ts';
import { startS3 } from './s3.ts';
import { SEEDED_USERS } from './seeded-users.ts';

export interface Ports {
  web: number;
  api: number;
  s3: number;
  /** The AWS endpoint the functions call: DynamoDB, Step Functions, Secrets Manager, SES (IAM enforced). */
  aws: number;
  /** Direct, unchecked access for the operator: the engine and dynalite. */
  stepFunctions: number;
  dynamodb: number;
  smtp: number;
}

/** The fixed local ports; `0` anywhere picks a free port (tests). */
export const DEFAULT_PORTS: Ports = {
  web: 8080,
  api: 8081,
  s3: 8082,
  stepFunctions: 8083,
  dynamodb: 8084,
  aws: 8085,
  smtp: 2525,
};

export const FREE_PORTS: Ports = { web: 0, api: 0, s3: 0, aws: 0, stepFunctions: 0, dynamodb: 0, smtp: 0 };

const HOST = '127.0.0.1';
const LOCAL_CONCURRENCY = 4;

export interface LocalStackOptions {
  dataDir: string;
  ports?: Partial<Ports>;
  /** `aws` (global regions, the default) or `aws-cn` (China). */
  partition?: Partition;
  /** The built console (index.html and assets); served at the web root. */
  consoleDir?: string;
  /** Progress lines (the first start synthesizes, which takes a while). */
  log?: (line: string) => void;
  /** Runs this cloud assembly instead of synthesizing the project's (tests of other catalogues). */
  assemblyDir?: string;
}

/** An AWS call that IAM refused, as the local stack saw it. */
export interface AccessDenial {
  principal: string;
  action: string;
  resource: string;
  message: string;
}

export interface LocalStack {
  partition: Partition;
  urls: {
    portal: string;
    console: string;
    api: string;
    docs: string;
    mailbox: string;
    /** Applicants sign in here (everyone in China); officers and supervisors at `staffIssuer`. */
    issuer: string;
    staffIssuer: string;
    s3: string;
    aws: string;
    stepFunctions: string;
    dynamodb: string;
  };
  smtpPort: number;
  /** The console's config.json, as the browser reads it. */
  consoleConfig: StackConfig & Record<string, string>;
  /** The case table, read directly (tests and demos inspect what the functions wrote). */
  store: CaseStore;
  assembly: CloudAssembly;
  /** Every call IAM refused since the start (the gateway's, S3's and the state machine's). */
  accessDenials(): AccessDenial[];
  /** Signs a token for a seeded user (demo and tests). */
  tokenFor(sub: string): Promise<string>;
  close(): Promise<void>;
}

/** A port that is taken, named for the person who has to free it. */
export class PortInUseError extends Error {
  constructor(
    readonly service: string,
    readonly port: number,
  ) {
    super(`Port ${port} (${service}) is already in use: stop the other process or choose other ports.`);
    this.name = 'PortInUseError';
  }
}

type Fetch = (request: Request) => Response | Promise<Response>;

/** Listens on `port` with a handler set later (the apps need each other's URLs first). */
async function listen(service: string, port: number) {
  let handler: Fetch = () => new Response('starting', { status: 503 });
  const server = serve({ fetch: (request) => handler(request), port, hostname: HOST });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('listening', () => resolvePromise());
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(service, port) : error),
    );
  });
  return {
    url: `http://${HOST}:${(server.address() as AddressInfo).port}`,
    setHandler: (fetch: Fetch) => {
      handler = fetch;
    },
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.close(() => resolvePromise());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}

/** Wraps an emulator start so a taken port is reported by name. */
async function started<T>(service: string, port: number, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(service, port);
    throw error;
  }
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const ports = { ...DEFAULT_PORTS, ...options.ports };
  const partition = options.partition ?? 'aws';
  const dataDir = resolve(options.dataDir);
  const logger = createLogger('local-stack');
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer().catch(() => undefined);
  };

  try {
    const assemblyDir =
      options.assemblyDir ??
      (await ensureCloudAssembly({ partition, ...(options.log ? { log: options.log } : {}) }));
    const assembly = loadCloudAssembly(assemblyDir);
    const { region, accountId } = assembly;
    const scope = { partition, region, accountId };

    const web = await listen('web: portal, console, sign-in, mailbox', ports.web);
    closers.push(web.close);
    const api = await listen('HTTP API', ports.api);
    closers.push(api.close);

    const templates = assembly.resolvedTemplates();
    // Every IAM decision of the stack goes through here, so each denial is logged once and kept.
    const denials: AccessDenial[] = [];
    const policies = createAuthorizer({ ...scope, templates });
    const authorizer: Authorizer = {
      explain: async (request) => {
        const decision = await policies.explain(request);
        if (!decision.allowed) {
          const denial = {
            principal: request.principalArn,
            action: request.action,
            resource: request.resource,
            message: decision.message ?? 'Access Denied',
          };
          denials.push(denial);
          logger.warn('AWS call denied by IAM', {
            principal: denial.principal,
            action: denial.action,
            resource: denial.resource,
            reason: denial.message,
          });
        }
        return decision;
      },
      authorize: async (request) => (await authorizer.explain(request)).allowed,
    };
    const credentials = new LocalCredentials();
    const operator = credentials.issue(`arn:${partition}:iam::${accountId}:root`);
    const operatorKeys = { accessKeyId: operator.accessKeyId, secretAccessKey: operator.secretAccessKey };

    // Secrets are generated once and kept under dataDir; the functions' dynamic references
    // (`{{resolve:secretsmanager:…}}`) read them as CloudFormation does at deploy time.
    const secrets = await createSecretsManager({ ...scope, templates, dataDir: join(dataDir, 'secrets') });
    // China: the functions send through the relay the template names, with the secret's
    // credentials, over implicit TLS when SMTP_SECURE says so; the capture stands in for it.
    const smtpFunction = assembly.functions.find((fn) => fn.environment.SMTP_SECRET_ARN);
    const smtpAuth = smtpFunction?.environment.SMTP_SECRET_ARN
      ? (JSON.parse(secrets.valueOf(smtpFunction.environment.SMTP_SECRET_ARN)) as {
          username: string;
          password: string;
        })
      : undefined;
    const tls = await localTls(join(dataDir, 'tls'));
    const smtpTls = smtpFunction?.environment.SMTP_SECURE === 'true';
    const mail = await started('SMTP', ports.smtp, () =>
      startMailCapture({
        dataDir: join(dataDir, 'mail'),
        port: ports.smtp,
        ...(smtpAuth ? { auth: { username: smtpAuth.username, password: smtpAuth.password } } : {}),
        ...(smtpTls ? { tls } : {}),
      }),
    );
    closers.push(mail.close);

    const dynamo = await started('DynamoDB', ports.dynamodb, () =>
      startDynamo({
        dataDir: join(dataDir, 'dynamodb'),
        port: ports.dynamodb,
        table: caseTable(assembly),
      }),
    );
    closers.push(dynamo.close);

    const endpointsFor = (s3Url: string, apiUrl = api.url) =>
      localEndpoints(assembly, {
        web: web.url,
        api: apiUrl,
        s3: s3Url,
        smtp: { host: HOST, port: mail.port },
      });
    // The S3 URL is only known once S3 listens, and S3's CORS needs the console's origin: the
    // origins do not depend on the S3 URL, so a first pass gives them.
    const s3 = await started('S3', ports.s3, () =>
      startS3({
        dataDir: join(dataDir, 's3'),
        port: ports.s3,
        buckets: [assembly.uploadsBucket.name],
        region,
        partition,
        corsRules: assembly.uploadsBucket.cors.map((rule) => ({
          allowedOrigins: rule.allowedOrigins.map((origin) => endpointsFor('').localize(origin)),
          allowedMethods: rule.allowedMethods,
          allowedHeaders: rule.allowedHeaders,
          exposedHeaders: rule.exposedHeaders,
          ...(rule.maxAge === undefined ? {} : { maxAgeSeconds: rule.maxAge }),
        })),
        credentials,
        authorize: (request) => authorizer.authorize(request),
      }),
    );
    closers.push(s3.close);
    const endpoints = endpointsFor(s3.endpoint);

    // Functions start lazily (their first invocation starts a sandbox), so the engine can resume
    // executions as soon as it starts.
    // ... and their environment names the AWS endpoint, which needs the engine first.
    let gatewayUrl = '';
    let platformReady: () => void = () => undefined;
    const platform = new Promise<void>((resolvePromise) => {
      platformReady = resolvePromise;
    });
    const functions = new Map<string, { spec: AssemblyFunction; lambda?: Promise<LocalLambda> }>();
    for (const spec of assembly.functions) functions.set(spec.arn, { spec });
    const lambdaOf = (arn: string): Promise<LocalLambda> => {
      // A version or alias runs the function's one local deployment.
      const entry = functions.get(arn.split(':').slice(0, 7).join(':'));
      if (!entry) throw new Error(`No function ${arn} in the assembly`);
      entry.lambda ??= platform.then(() =>
        startLambdaFunction({
          functionName: entry.spec.name,
          functionArn: entry.spec.arn,
          assetDir: entry.spec.assetDir,
          handler: entry.spec.handler,
          // The role's session, named after the function as Lambda names it.
          environment: functionEnvironment(
            entry.spec,
            credentials.issue(sessionArnOf(entry.spec.roleArn, entry.spec.name), { session: true }),
          ),
          timeoutSeconds: entry.spec.timeoutSeconds,
          memorySizeMb: entry.spec.memorySizeMb,
          // At most LOCAL_CONCURRENCY execution environments per function on one machine, fewer when
          // the template reserves fewer (invocations past it wait, where AWS would throttle).
          maxConcurrency: Math.min(LOCAL_CONCURRENCY, entry.spec.reservedConcurrency ?? LOCAL_CONCURRENCY),
          log: functionLog,
        }),
      );
      return entry.lambda;
    };
    const functionEnvironment = (spec: AssemblyFunction, key: LocalCredential): Record<string, string> => ({
      ...endpoints.localizeEnvironment(
        Object.fromEntries(
          Object.entries(spec.environment).map(([name, value]) => [
            name,
            secrets.resolveDynamicReferences(value),
          ]),
        ),
      ),
      // The runtime trusts the local certificate as it trusts public CAs in AWS.
      NODE_EXTRA_CA_CERTS: tls.certFile,
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ACCESS_KEY_ID: key.accessKeyId,
      AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
      ...(key.sessionToken ? { AWS_SESSION_TOKEN: key.sessionToken } : {}),
      // Where this machine's AWS endpoints are: the functions' own settings for DynamoDB, S3 and
      // Step Functions, and the SDK's standard variable for the rest (Secrets Manager, SES).
      DYNAMODB_ENDPOINT: gatewayUrl,
      SFN_ENDPOINT: gatewayUrl,
      S3_ENDPOINT: s3.endpoint,
      AWS_ENDPOINT_URL: gatewayUrl,
    });
    closers.push(async () => {
      await Promise.all(
        [...functions.values()].map(async (entry) =>
          entry.lambda ? (await entry.lambda).close() : undefined,
        ),
      );
    });
    const invoke = async (arn: string, event: unknown) => (await lambdaOf(arn)).invoke(event);

    const machine = assembly.stateMachines[0];
    if (!machine) throw new Error('The assembly has no state machine');
    const engine = await createEngine({
      dataDir: join(dataDir, 'stepfunctions'),
      handlers: Object.fromEntries(
        assembly.functions.map((spec) => {
          const handler = lambdaTaskHandler({
            invoke: async (event, invokeOptions) => (await lambdaOf(spec.arn)).invoke(event, invokeOptions),
            warm: async () => (await lambdaOf(spec.arn)).warm(),
            close: async () => undefined,
          });
          return [
            spec.arn,
            async (event: Parameters<typeof handler>[0], context: Parameters<typeof handler>[1]) => {
              // The state machine's role must allow lambda:InvokeFunction, as in AWS, where a
              // denial reaches Retry and Catch as Lambda.AWSLambdaException.
              const decision = await authorizer.explain({
                principalArn: machine.roleArn,
                action: 'lambda:InvokeFunction',
                resource: context.invokedFunctionArn, // with its alias or version, as invoked
              });
              if (!decision.allowed) {
                const failure = new Error(
                  `${decision.message} (Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException; Request ID: ${context.awsRequestId}; Proxy: null)`,
                );
                failure.name = 'Lambda.AWSLambdaException';
                throw failure;
              }
              return handler(event, context);
            },
          ];
        }),
      ),
      region,
      accountId,
      partition,
    });
    closers.push(() => engine.close());
    const sfnServer = await started('Step Functions', ports.stepFunctions, () =>
      engine.listen(ports.stepFunctions, HOST),
    );
    const operatorSfn = createSfnClient({ region, endpoint: sfnServer.url, credentials: operatorKeys });
    await ensureStateMachine(operatorSfn, machine);

    const ses = assembly.emailIdentities.length
      ? createSesStandIn({ ...scope, templates, smtp: { host: HOST, port: mail.port } })
      : undefined;
    const gateway = await started('AWS endpoint', ports.aws, () =>
      startAwsGateway({
        ...scope,
        port: ports.aws,
        credentials,
        authorize: authorizer,
        upstreams: {
          dynamodb: dynamo.endpoint,
          states: sfnServer.url,
          secretsmanager: secrets.handle,
          ...(ses ? { ses: ses.handle } : {}),
        },
        secretArnOf: (id) => secrets.arnOf(id),
        ...(ses ? { sesIdentities: ses.identities } : {}),
        // Denials are logged by the authorizer above; the gateway's own errors are logged here.
        logger: { warn: () => undefined, error: (message, ...extra) => logger.error(message, ...extra) },
      }),
    );
    closers.push(gateway.close);
    gatewayUrl = gateway.url;
    platformReady();

    const rules = eventRules({
      rules: assembly.rules,
      invoke,
      retryAttemptsOf: (arn) => functions.get(arn)?.spec.asyncRetryAttempts ?? 2,
      deadLetterFile: join(dataDir, 'dead-letters.jsonl'),
      log: (message, details) => logger.error(message, details),
    });
    s3.onObjectCreated((event) => rules.put(event));

    const operatorS3 = createS3Client({ region, endpoint: s3.endpoint, credentials: operatorKeys });
    const db = createDocumentClient({ region, endpoint: dynamo.endpoint, credentials: operatorKeys });
    const store = new CaseStore(db, caseTable(assembly).TableName);
    await redeliverUploads(operatorS3, store, assembly, (event) => rules.put(event), logger);

    // The dev issuers stand in for the deployment's: Cognito's two pools in global regions
    // (applicants; staff with officer and supervisor), the operator's one issuer in China.
    const issuers = await Promise.all(
      endpoints.issuers.map(async (spec) => ({
        spec,
        issuer: await createDevIssuer({
          issuer: `${web.url}${spec.path}`,
          clientId: spec.clientIds[0] ?? 'icp-console',
          keyFile: join(dataDir, 'oidc', `${spec.roles}-signing-key.json`),
          users: SEEDED_USERS.filter((u) =>
            spec.roles === 'all'
              ? true
              : spec.roles === 'applicants'
                ? u.role === 'applicant'
                : u.role !== 'applicant',
          ),
        }),
      })),
    );
    const applicantIssuer = issuers.find((i) => i.spec.roles !== 'staff')?.issuer;
    const staffIssuer = issuers.find((i) => i.spec.roles !== 'applicants')?.issuer;
    if (!applicantIssuer || !staffIssuer)
      throw new Error('The assembly names no issuer for applicants or staff');

    const apiCors = assembly.httpApi?.cors?.allowOrigins.map((origin) => endpoints.localize(origin)) ?? [];
    if (assembly.httpApi)
      api.setHandler(httpApiHandler({ api: assembly.httpApi, accountId, invoke, allowOrigins: apiCors }));

    const consoleConfig = {
      ...(JSON.parse(endpoints.localize(assembly.outputs.ConsoleConfig ?? '{}')) as StackConfig &
        Record<string, string>),
      mailboxUrl: `${web.url}/mailbox`,
    };
    const urls = {
      portal: web.url,
      console: `${web.url}/#/officer`,
      api: api.url,
      docs: `${api.url}/docs`,
      mailbox: `${web.url}/mailbox`,
      issuer: applicantIssuer.issuer,
      staffIssuer: staffIssuer.issuer,
      s3: s3.endpoint,
      aws: gateway.url,
      stepFunctions: sfnServer.url,
      dynamodb: dynamo.endpoint,
    };
    web.setHandler(
      webApp({
        consoleDir: options.consoleDir,
        consoleHeaders: Object.fromEntries(
          Object.entries(assembly.consoleHeaders).map(([name, value]) => [name, endpoints.localize(value)]),
        ),
        consoleConfig,
        issuerApps: Object.fromEntries(issuers.map((i) => [i.spec.path, i.issuer.app])),
        mailbox: mailboxApp(mail),
      }).fetch,
    );
    logger.debug('local stack ready', { urls, partition });
    const tokenFor = (sub: string) =>
      SEEDED_USERS.find((u) => u.sub === sub)?.role === 'applicant'
        ? applicantIssuer.tokenFor(sub)
        : staffIssuer.tokenFor(sub);
    return {
      partition,
      urls,
      smtpPort: mail.port,
      consoleConfig,
      store,
      assembly,
      accessDenials: () => [...denials],
      tokenFor,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** `arn:p:iam::a:role/Name` → `arn:p:sts::a:assumed-role/Name/<session>`. */
function sessionArnOf(roleArn: string, session: string): string {
  const [, partition, , , account, resource = ''] = roleArn.split(':');
  return `arn:${partition}:sts::${account}:assumed-role/${resource.split('/').pop()}/${session}`;
}

const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'];

/**
 * Writes a function's log line (prefixed with its name) to stderr, leaving out JSON log entries
 * below the local stack's own LOG_LEVEL: the functions log at their template's level, as in AWS,
 * and a test run that asks for WARN is not flooded with every request.
 */
function functionLog(line: string): void {
  const threshold = LEVELS.indexOf(process.env.LOG_LEVEL ?? 'INFO');
  const level = /"level":"([A-Z]+)"/.exec(line)?.[1];
  if (level !== undefined && LEVELS.indexOf(level) < threshold) return;
  process.stderr.write(`${line}\n`);
}

/** The case table, as the template defines it: the one the functions name in TABLE_NAME. */
function caseTable(assembly: CloudAssembly): AssemblyTable {
  const name = assembly.functions.find((fn) => fn.environment.TABLE_NAME)?.environment.TABLE_NAME;
  const table = assembly.tables.find((t) => t.TableName === name);
  if (!table) throw new Error('No function of the assembly names a table of the assembly in TABLE_NAME');
  return table;
}

/** Creates the case state machine, or updates it when the template's definition changed. */
async function ensureStateMachine(
  sfn: SFNClient,
  machine: CloudAssembly['stateMachines'][number],
): Promise<void> {
  try {
    const existing = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: machine.arn }));
    if (existing.definition !== machine.definition)
      await sfn.send(
        new UpdateStateMachineCommand({ stateMachineArn: machine.arn, definition: machine.definition }),
      );
    return;
  } catch (error) {
    if ((error as Error).name !== 'StateMachineDoesNotExist') throw error;
  }
  await sfn.send(
    new CreateStateMachineCommand({
      name: machine.name,
      definition: machine.definition,
      roleArn: machine.roleArn,
    }),
  );
}

/**
 * S3 events are delivered in-process, so a crash can swallow one, or stop the handler half-way. On
 * start every upload is delivered again (and every quarantined one): an unrecorded object is
 * inspected as if it had just landed; a recorded one comes as the same object again (its recorded
 * etag and sequencer), so the handler only finishes what may be missing — the case's summary and
 * resuming the workflow. The handler is idempotent on the object's identity, so this is harmless.
 */
async function redeliverUploads(
  s3: ReturnType<typeof createS3Client>,
  store: CaseStore,
  assembly: CloudAssembly,
  deliver: (event: ObjectCreatedEvent) => Promise<void>,
  logger: ReturnType<typeof createLogger>,
) {
  const bucket = assembly.uploadsBucket.name;
  for (const prefix of [UPLOAD_PREFIX, `${QUARANTINE_PREFIX}${UPLOAD_PREFIX}`]) {
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        const key = (object.Key ?? '').slice(prefix === UPLOAD_PREFIX ? 0 : QUARANTINE_PREFIX.length);
        const [, caseId, docType, uploadId] = key.split('/');
        if (!caseId || !docType || !uploadId) continue;
        const recorded = await store.getDocumentVersion(caseId, docType as DocumentType, uploadId);
        const landed = object.LastModified ?? new Date();
        const etag = recorded?.etag ?? object.ETag?.replace(/"/g, '');
        await deliver({
          version: '0',
          id: `redelivery-${uploadId}`,
          'detail-type': 'Object Created',
          source: 'aws.s3',
          account: assembly.accountId,
          time: recorded?.uploadedAt ?? landed.toISOString(),
          region: assembly.region,
          resources: [assembly.uploadsBucket.arn],
          detail: {
            version: '0',
            bucket: { name: bucket },
            object: {
              key,
              size: object.Size ?? 0,
              ...(etag ? { etag } : {}),
              sequencer: recorded?.sequencer ?? landed.getTime().toString(16).toUpperCase().padStart(16, '0'),
            },
            'request-id': `redelivery-${uploadId}`,
            requester: assembly.accountId,
            reason: 'PostObject',
          },
        }).catch((error: unknown) =>
          logger.error('Redelivering an upload failed', {
            key,
            error: error instanceof Error ? error.message : String(error),
          }),
        );
      }
      token = page.NextContinuationToken;
    } while (token);
  }
}

function webApp(options: {
  consoleDir: string | undefined;
  /** The CloudFront response-headers policy's headers, on every console response. */
  consoleHeaders: Record<string, string>;
  consoleConfig: Record<string, string>;
  issuerApps: Record<string, Hono>;
  mailbox: Hono;
}): Hono {
  const app = new Hono();
  for (const [path, issuerApp] of Object.entries(options.issuerApps)) app.route(path, issuerApp);
  app.route('/mailbox', options.mailbox);
  const console = new Hono();
  console.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(options.consoleHeaders)) c.res.headers.set(name, value);
  });
  console.get('/config.json', (c) => c.json(options.consoleConfig));
  const root = options.consoleDir;
  if (root && existsSync(join(root, 'index.html'))) {
    const index = readFileSync(join(root, 'index.html'), 'utf8');
    // serveStatic resolves its root against the working directory.
    console.use('/*', serveStatic({ root: relative(process.cwd(), root) }));
    console.get('*', (c) => c.html(index)); // the console routes on the client
  } else {
    console.get('/', (c) => c.text('The console is not built: run npm run build:console', 503));
  }
  app.route('/', console);
  return app;
}
