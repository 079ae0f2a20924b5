import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { CaseStore } from '#adapters/case-store';
import { createDocumentClient } from '#adapters/dynamo-client';
import { createS3Client } from '#adapters/file-store';
import { createSfnClient } from '#adapters/workflow-client';
import { createEngine } from '#stepfunctions/index';
import { createLogger } from '../../functions/logger.ts';
import { CONSOLE_CONFIG_OUTPUT, CONSOLE_CSP_OUTPUT } from '../../infra/console-files.ts';
import type { StackConfig } from './api-client.ts';
import { type CloudAssembly, loadCloudAssembly } from './assembly/cloud-assembly.ts';
import { localEndpoints } from './assembly/local-endpoints.ts';
import { ensureCloudAssembly } from './assembly/synthesize.ts';
import type { Partition } from './assembly/template.ts';
import { caseTable, ensureStateMachine } from './assembly-resources.ts';
import { startAwsGateway } from './aws/aws-gateway.ts';
import { LocalCredentials } from './aws/local-credentials.ts';
import { createSecretsManager } from './aws/secrets-manager.ts';
import { createSesStandIn } from './aws/ses.ts';
import { createDevIssuer } from './dev-issuer.ts';
import { startDynamo } from './dynamodb.ts';
import { eventRules } from './event-rules.ts';
import { httpApiHandler } from './http-api.ts';
import { type Authorizer, createAuthorizer } from './iam/authorizer.ts';
import { lambdaTaskHandler } from './lambda/lambda-function.ts';
import { type LocalEndpointUrls, localFunctions } from './local-functions.ts';
import { localTls } from './local-tls.ts';
import { startMailCapture } from './mail-capture.ts';
import { mailboxApp } from './mailbox-page.ts';
import { redeliverUploads } from './redeliver-uploads.ts';
import { startS3 } from './s3.ts';
import { SEEDED_USERS } from './seeded-users.ts';
import { webApp } from './web-app.ts';

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

    // Functions start lazily, once the AWS endpoint listens (it needs the engine, which may
    // resume executions as soon as it starts).
    let endpointsReady: (urls: LocalEndpointUrls) => void = () => undefined;
    const functions = localFunctions({
      assembly,
      credentials,
      templateEnvironment: (spec) =>
        endpoints.localizeEnvironment(
          Object.fromEntries(
            Object.entries(spec.environment).map(([name, value]) => [
              name,
              secrets.resolveDynamicReferences(value),
            ]),
          ),
        ),
      endpoints: new Promise((resolvePromise) => {
        endpointsReady = resolvePromise;
      }),
      caCertFile: tls.certFile,
    });
    closers.push(() => functions.close());
    const invoke = functions.invoke;

    const machine = assembly.stateMachines[0];
    if (!machine) throw new Error('The assembly has no state machine');
    const engine = await createEngine({
      dataDir: join(dataDir, 'stepfunctions'),
      handlers: Object.fromEntries(
        assembly.functions.map((spec) => {
          const handler = lambdaTaskHandler({
            invoke: async (event, invokeOptions) =>
              (await functions.lambdaOf(spec.arn)).invoke(event, invokeOptions),
            warm: async () => (await functions.lambdaOf(spec.arn)).warm(),
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
    endpointsReady({ aws: gateway.url, s3: s3.endpoint });

    const rules = eventRules({
      rules: assembly.rules,
      invoke,
      retryAttemptsOf: (arn) => functions.specOf(arn)?.asyncRetryAttempts ?? 2,
      deadLetterFile: join(dataDir, 'dead-letters.jsonl'),
      log: (message, details) => logger.error(message, details),
    });
    closers.push(() => rules.close()); // schedules stop before the functions they invoke
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
      ...(JSON.parse(endpoints.localize(assembly.outputs[CONSOLE_CONFIG_OUTPUT] ?? '{}')) as StackConfig &
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
    const localizeHeaders = (headers: Record<string, string>) =>
      Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, endpoints.localize(value)]));
    web.setHandler(
      webApp({
        consoleDir: options.consoleDir,
        consoleHeaders: localizeHeaders(assembly.consoleHeaders),
        consolePathHeaders: assembly.consolePathHeaders.map(({ pathPattern, headers }) => ({
          pathPattern,
          headers: localizeHeaders(headers),
        })),
        consoleContentSecurityPolicy:
          assembly.outputs[CONSOLE_CSP_OUTPUT] && endpoints.localize(assembly.outputs[CONSOLE_CSP_OUTPUT]),
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
