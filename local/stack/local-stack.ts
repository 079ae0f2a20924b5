/**
 * The whole system on one machine, in one process: DynamoDB (dynalite), S3 (s3rver), the embedded
 * Step Functions engine with the real state machine and task functions, an SMTP capture with a
 * mailbox page, the HTTP API, the console, and the dev OIDC issuer. Everything durable lives under
 * `dataDir`, so stopping (even with SIGKILL) and starting again resumes every case where it was.
 * The same handlers as in AWS run here, called in-process with the events AWS would send.
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
import { smtpEmailSender } from '#adapters/email/smtp-email-sender';
import { createS3Client, FileStore, QUARANTINE_PREFIX, UPLOAD_PREFIX } from '#adapters/file-store';
import { createJwtVerifier } from '#adapters/jwt-verifier';
import type { ObjectCreatedEvent } from '#adapters/object-created-event';
import { createSfnClient, StepFunctionsCallbacks } from '#adapters/workflow-client';
import { createApp } from '#api/app';
import { DEFAULT_WORKFLOW_SETTINGS, type WorkflowSettings } from '#api/dependencies';
import { StepFunctionsStarter } from '#api/workflow-starter';
import { trustedIssuers } from '#config';
import type { DocumentType } from '#domain/document-types';
import { handleObjectCreated } from '#handlers/events/on-upload';
import { type Clock, createEngine } from '#stepfunctions/index';
import { runWorkflowTask, WORKFLOW_TASKS, type WorkflowTaskName } from '#workflow/task-registry';
import type { WorkflowDependencies } from '#workflow/workflow-dependencies';
import { createLogger } from '../../functions/logger.ts';
import { createDevIssuer } from './dev-issuer.ts';
import { LOCAL_CREDENTIALS, startDynamo } from './dynamodb.ts';
import { startMailCapture } from './mail-capture.ts';
import { mailboxApp } from './mailbox-page.ts';
import { S3RVER_CREDENTIALS, startS3 } from './s3.ts';
import { LOCAL_HOSTING_CIDRS } from './sample-applications.ts';
import { SEEDED_USERS } from './seeded-users.ts';
import { localCaseDefinition, localFunctionName } from './workflow-definition.ts';

export interface Ports {
  web: number;
  api: number;
  s3: number;
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
  smtp: 2525,
};

export const LOCAL_REGION = 'cn-north-1';
export const LOCAL_PARTITION = 'aws-cn';
const ACCOUNT = '000000000000';
const BUCKET = 'icp-uploads';
const TABLE = 'icp-cases';
export const CONSOLE_CLIENT_ID = 'icp-console';
const HOST = '127.0.0.1';

export interface LocalStackOptions {
  dataDir: string;
  ports?: Partial<Ports>;
  /** The built console (index.html and assets); served at the web root. */
  consoleDir?: string;
  /** Shorter waits for tests and demos; the defaults are the real 30/40/45 days. */
  workflowSettings?: WorkflowSettings;
  /** The engine's clock (tests inject a manual one). */
  clock?: Clock;
}

export interface LocalStack {
  urls: {
    portal: string;
    console: string;
    api: string;
    docs: string;
    mailbox: string;
    /** Applicants sign in here; officers and supervisors at `staffIssuer`. */
    issuer: string;
    staffIssuer: string;
    s3: string;
    stepFunctions: string;
    dynamodb: string;
  };
  smtpPort: number;
  store: CaseStore;
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
  const dataDir = resolve(options.dataDir);
  const logger = createLogger('local-stack');
  const closers: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer().catch(() => undefined);
  };

  try {
    const web = await listen('web: portal, console, sign-in, mailbox', ports.web);
    closers.push(web.close);
    const api = await listen('HTTP API', ports.api);
    closers.push(api.close);

    const dynamo = await started('DynamoDB', ports.dynamodb, () =>
      startDynamo({ dataDir: join(dataDir, 'dynamodb'), port: ports.dynamodb, tableName: TABLE }),
    );
    closers.push(dynamo.close);
    const s3 = await started('S3', ports.s3, () =>
      startS3({
        dataDir: join(dataDir, 's3'),
        port: ports.s3,
        buckets: [BUCKET],
        region: LOCAL_REGION,
        corsOrigins: [web.url],
      }),
    );
    closers.push(s3.close);
    const mail = await started('SMTP', ports.smtp, () =>
      startMailCapture({ dataDir: join(dataDir, 'mail'), port: ports.smtp }),
    );
    closers.push(mail.close);

    const db = createDocumentClient({
      region: LOCAL_REGION,
      endpoint: dynamo.endpoint,
      credentials: LOCAL_CREDENTIALS,
    });
    const s3Client = createS3Client({
      region: LOCAL_REGION,
      endpoint: s3.endpoint,
      credentials: S3RVER_CREDENTIALS,
    });
    const store = new CaseStore(db, TABLE);
    const files = new FileStore(s3Client, { bucket: BUCKET, sse: 'aws:kms' });

    // The engine resumes executions as soon as it starts, so the task functions are registered up
    // front; their Step Functions client is ready once the engine listens.
    let sfnReady: (client: SFNClient) => void = () => undefined;
    const ready = new Promise<StepFunctionsCallbacks>((resolvePromise) => {
      sfnReady = (client) => resolvePromise(new StepFunctionsCallbacks(client));
    });
    const callbacks = {
      sendTaskSuccess: async (token: string, output: unknown) => (await ready).sendTaskSuccess(token, output),
      sendTaskFailure: async (token: string, error: string, cause: string) =>
        (await ready).sendTaskFailure(token, error, cause),
    };
    const workflow: WorkflowDependencies = {
      store,
      email: smtpEmailSender({
        host: HOST,
        port: mail.port,
        secure: false,
        allowPlaintext: true,
        from: 'ICP 备案服务 <beian@hosting.example>',
      }),
      callbacks,
      portalUrl: web.url,
      hostingCidrs: LOCAL_HOSTING_CIDRS,
      now: options.clock ? () => new Date((options.clock as Clock).now()) : () => new Date(),
    };
    const handlers = Object.fromEntries(
      (Object.keys(WORKFLOW_TASKS) as WorkflowTaskName[]).map((task) => [
        localFunctionName(task),
        (event: unknown) => runWorkflowTask(task, workflow, event),
      ]),
    );
    const engine = await createEngine({
      dataDir: join(dataDir, 'stepfunctions'),
      handlers,
      region: LOCAL_REGION,
      accountId: ACCOUNT,
      partition: LOCAL_PARTITION,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    closers.push(() => engine.close());
    const sfnServer = await started('Step Functions', ports.stepFunctions, () =>
      engine.listen(ports.stepFunctions, HOST),
    );
    const sfn = createSfnClient({
      region: LOCAL_REGION,
      endpoint: sfnServer.url,
      credentials: LOCAL_CREDENTIALS,
    });
    sfnReady(sfn);
    const starter = new StepFunctionsStarter(sfn);
    const stateMachineArn = await ensureStateMachine(sfn);

    const onUploadDeps = {
      store,
      files,
      callbacks,
      logger: createLogger('on-upload'),
      now: workflow.now,
      email: workflow.email, // a refused file is explained to the applicant at once
      portalUrl: web.url,
    };
    const deliver = (event: ObjectCreatedEvent) =>
      handleObjectCreated(event, onUploadDeps).then(() => undefined);
    s3.onObjectCreated(deliver);
    await redeliverUploads(s3Client, store, deliver, logger);

    // Two issuers, as in global regions: applicants sign in at /oidc, officers and supervisors at
    // /oidc-staff (functions/config.ts, trustedIssuers).
    const issuer = await createDevIssuer({
      issuer: `${web.url}/oidc`,
      clientId: CONSOLE_CLIENT_ID,
      keyFile: join(dataDir, 'oidc', 'signing-key.json'),
      users: SEEDED_USERS.filter((u) => u.role === 'applicant'),
    });
    const staffIssuer = await createDevIssuer({
      issuer: `${web.url}/oidc-staff`,
      clientId: CONSOLE_CLIENT_ID,
      keyFile: join(dataDir, 'oidc', 'staff-signing-key.json'),
      users: SEEDED_USERS.filter((u) => u.role !== 'applicant'),
    });
    const app = createApp({
      store,
      files,
      sfn: {
        startExecution: (input) => starter.startExecution(input),
        ...callbacks,
      },
      verifier: createJwtVerifier(
        trustedIssuers({
          OIDC_ISSUER: issuer.issuer,
          OIDC_AUDIENCE: CONSOLE_CLIENT_ID,
          OIDC_JWKS_URL: `${issuer.issuer}/jwks.json`,
          ROLES_CLAIM: 'cognito:groups',
          STAFF_OIDC_ISSUER: staffIssuer.issuer,
          STAFF_OIDC_JWKS_URL: `${staffIssuer.issuer}/jwks.json`,
        }),
      ),
      settings: {
        stateMachineArn,
        workflow: options.workflowSettings ?? DEFAULT_WORKFLOW_SETTINGS,
        entityKeySecret: 'local-entity-key-secret-change-me',
        hostingCidrs: LOCAL_HOSTING_CIDRS,
        downloadExpirySeconds: 120,
        consoleOrigins: [web.url],
        portalUrl: web.url,
      },
      now: workflow.now,
      logger: createLogger('icp-api'),
    });
    api.setHandler(app.fetch);

    const urls = {
      portal: web.url,
      console: `${web.url}/#/officer`,
      api: api.url,
      docs: `${api.url}/docs`,
      mailbox: `${web.url}/mailbox`,
      issuer: issuer.issuer,
      staffIssuer: staffIssuer.issuer,
      s3: s3.endpoint,
      stepFunctions: sfnServer.url,
      dynamodb: dynamo.endpoint,
    };
    web.setHandler(
      webApp({
        consoleDir: options.consoleDir,
        issuerApps: { '/oidc': issuer.app, '/oidc-staff': staffIssuer.app },
        mailbox: mailboxApp(mail),
        urls,
      }).fetch,
    );
    logger.debug('local stack ready', { urls });
    const tokenFor = (sub: string) =>
      SEEDED_USERS.find((u) => u.sub === sub)?.role === 'applicant'
        ? issuer.tokenFor(sub)
        : staffIssuer.tokenFor(sub);
    return { urls, smtpPort: mail.port, store, tokenFor, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Creates the case state machine, or updates it when the ASL changed since the last start. */
async function ensureStateMachine(sfn: SFNClient): Promise<string> {
  const definition = localCaseDefinition({
    region: LOCAL_REGION,
    accountId: ACCOUNT,
    partition: LOCAL_PARTITION,
  });
  const stateMachineArn = `arn:${LOCAL_PARTITION}:states:${LOCAL_REGION}:${ACCOUNT}:stateMachine:icp-case`;
  try {
    const existing = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    if (existing.definition !== definition)
      await sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition }));
    return stateMachineArn;
  } catch (error) {
    if ((error as Error).name !== 'StateMachineDoesNotExist') throw error;
  }
  const created = await sfn.send(
    new CreateStateMachineCommand({
      name: 'icp-case',
      definition,
      roleArn: `arn:${LOCAL_PARTITION}:iam::${ACCOUNT}:role/icp-case`,
    }),
  );
  return created.stateMachineArn as string;
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
  deliver: (event: ObjectCreatedEvent) => Promise<void>,
  logger: ReturnType<typeof createLogger>,
) {
  for (const prefix of [UPLOAD_PREFIX, `${QUARANTINE_PREFIX}${UPLOAD_PREFIX}`]) {
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, ContinuationToken: token }),
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
          account: ACCOUNT,
          time: recorded?.uploadedAt ?? landed.toISOString(),
          region: LOCAL_REGION,
          resources: [`arn:${LOCAL_PARTITION}:s3:::${BUCKET}`],
          detail: {
            version: '0',
            bucket: { name: BUCKET },
            object: {
              key,
              size: object.Size ?? 0,
              ...(etag ? { etag } : {}),
              sequencer: recorded?.sequencer ?? landed.getTime().toString(16).toUpperCase().padStart(16, '0'),
            },
            'request-id': `redelivery-${uploadId}`,
            requester: ACCOUNT,
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
  issuerApps: Record<string, Hono>;
  mailbox: Hono;
  urls: LocalStack['urls'];
}): Hono {
  const app = new Hono();
  for (const [path, issuerApp] of Object.entries(options.issuerApps)) app.route(path, issuerApp);
  app.route('/mailbox', options.mailbox);
  app.get('/config.json', (c) =>
    c.json({
      apiUrl: options.urls.api,
      issuer: options.urls.issuer,
      clientId: CONSOLE_CLIENT_ID,
      staffIssuer: options.urls.staffIssuer,
      staffClientId: CONSOLE_CLIENT_ID,
      mailboxUrl: options.urls.mailbox,
    }),
  );
  const root = options.consoleDir;
  if (root && existsSync(join(root, 'index.html'))) {
    const index = readFileSync(join(root, 'index.html'), 'utf8');
    // serveStatic resolves its root against the working directory.
    app.use('/*', serveStatic({ root: relative(process.cwd(), root) }));
    app.get('*', (c) => c.html(index)); // the console routes on the client
  } else {
    app.get('/', (c) => c.text('The console is not built: run npm run build:console', 503));
  }
  return app;
}
