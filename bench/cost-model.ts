/**
 * `npm run cost`: what one ICP case costs on AWS, per path through the workflow.
 *
 * Each path runs for real: the HTTP API in-process (as the Lambda would run it), the real state
 * machine on the embedded engine with the real task functions, real uploads to s3rver inspected by
 * the on-upload handler, dynalite. Counted per case: state transitions and task invocations from
 * the execution's history (GetExecutionHistory), API and on-upload invocations, DynamoDB request
 * units (ConsumedCapacity where the emulator reports it, item sizes otherwise), S3 requests. Lambda
 * GB-seconds use the durations measured here (a 2-core shared machine: pessimistic) and each
 * function's configured memory from infra/handlers.ts.
 */

import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { getRequestListener } from '@hono/node-server';
import { createJwtVerifier } from '#adapters/jwt-verifier';
import type { ObjectCreatedEvent } from '#adapters/object-created-event';
import { createApp } from '#api/app';
import { StepFunctionsStarter } from '#api/workflow-starter';
import { handleObjectCreated } from '#documents/record-upload';
import type { ApplicationInput } from '#domain/application';
import type { DocumentType } from '#domain/document-types';
import { createDevIssuer } from '#stack/dev-issuer';
import { LOCAL_HOSTING_CIDRS, SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { sampleDocument } from '#stack/sample-documents';
import { createLogger } from '../functions/logger.ts';
import { HANDLERS } from '../infra/handlers.ts';
import { DAY_SECONDS, DEFAULT_SETTINGS, startWorkflowHarness } from '../test/workflow/harness.ts';
import { appointmentSlot } from '../test/workflow/support.ts';

// List prices, US East (N. Virginia), checked 2026-11 on the AWS pricing pages. China regions bill in
// CNY at their own rates; the counts below are what to multiply.
const PRICE = {
  transition: 0.000025, // Step Functions Standard, per state transition
  lambdaRequest: 0.2 / 1e6, // per invocation
  lambdaGbSecondArm: 0.0000133334, // arm64, per GB-second
  dynamoWru: 0.625 / 1e6, // on-demand write request unit
  dynamoRru: 0.125 / 1e6, // on-demand read request unit (strongly consistent read of ≤ 4 KB)
  s3Write: 0.005 / 1000, // PUT, POST, COPY, LIST
  s3Read: 0.0004 / 1000, // GET, HEAD
};
const memoryMb = (entry: string) => HANDLERS.find((h) => h.entry === entry)?.memorySize ?? 512;

interface Meter {
  transitions: number;
  taskInvocations: number;
  taskGbSeconds: number;
  apiInvocations: number;
  apiGbSeconds: number;
  uploadInvocations: number;
  uploadGbSeconds: number;
  wru: number;
  rru: number;
  s3Writes: number;
  s3Reads: number;
}
const emptyMeter = (): Meter => ({
  transitions: 0,
  taskInvocations: 0,
  taskGbSeconds: 0,
  apiInvocations: 0,
  apiGbSeconds: 0,
  uploadInvocations: 0,
  uploadGbSeconds: 0,
  wru: 0,
  rru: 0,
  s3Writes: 0,
  s3Reads: 0,
});
const gbSeconds = (ms: number, mb: number) => (Math.ceil(ms) / 1000) * (mb / 1024);

async function main() {
  const h = await startWorkflowHarness();
  let meter = emptyMeter();

  // DynamoDB: request units per call, from ConsumedCapacity or from the size of what was read.
  h.emulators.db.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      const name = String(context.commandName).replace(/Item|Command/g, '');
      if (['Put', 'Update', 'Delete', 'Get'].includes(name)) input.ReturnConsumedCapacity = 'TOTAL';
      try {
        const result = await next(args);
        const output = result.output as { ConsumedCapacity?: { CapacityUnits?: number }; Items?: unknown[] };
        const units = output.ConsumedCapacity?.CapacityUnits;
        if (name === 'Get') meter.rru += units ?? 1;
        else if (name === 'Query') {
          meter.rru += Math.max(1, Math.ceil(Buffer.byteLength(JSON.stringify(output.Items ?? [])) / 4096));
        } else meter.wru += units ?? 1;
        return result;
      } catch (error) {
        // A failed condition still consumes a write unit.
        if (!['Get', 'Query'].includes(name)) meter.wru += 1;
        throw error;
      }
    },
    { step: 'initialize', name: 'costMeter' },
  );
  h.emulators.s3Client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = String(context.commandName);
      if (/^(Get|Head)/.test(name)) meter.s3Reads += 1;
      else meter.s3Writes += 1;
      return next(args);
    },
    { step: 'initialize', name: 'costMeter' },
  );

  // The API in-process, on the same emulators, with the dev issuer for tokens.
  const dir = await mkdtemp(join(tmpdir(), 'cost-'));
  let issuerFetch: (request: Request) => Response | Promise<Response> = () =>
    new Response(null, { status: 503 });
  const issuerServer = createServer(getRequestListener((request) => issuerFetch(request)));
  await new Promise<void>((resolve) => issuerServer.listen(0, '127.0.0.1', resolve));
  const issuerUrl = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}`;
  const issuer = await createDevIssuer({
    issuer: issuerUrl,
    clientId: 'icp-console',
    keyFile: join(dir, 'key.json'),
  });
  issuerFetch = issuer.app.fetch;
  const app = createApp({
    store: h.store,
    files: h.emulators.files,
    sfn: {
      startExecution: (input) => new StepFunctionsStarter(h.sfn).startExecution(input),
      sendTaskSuccess: (token, output) => h.deps.callbacks.sendTaskSuccess(token, output),
      sendTaskFailure: (token, error, cause) => h.deps.callbacks.sendTaskFailure(token, error, cause),
    },
    verifier: createJwtVerifier({ issuer: issuerUrl, audience: 'icp-console', roleClaim: 'cognito:groups' }),
    settings: {
      stateMachineArn: h.stateMachineArn,
      workflow: DEFAULT_SETTINGS,
      entityKeySecret: 'cost-model-entity-secret',
      hostingCidrs: LOCAL_HOSTING_CIDRS,
      downloadExpirySeconds: 120,
      consoleOrigins: [],
    },
    now: h.deps.now,
  });
  const call = async <T>(token: string, method: string, path: string, body?: unknown): Promise<T> => {
    const started = performance.now();
    const response = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    meter.apiInvocations += 1;
    meter.apiGbSeconds += gbSeconds(performance.now() - started, memoryMb('functions/handlers/http/api.ts'));
    const json = (await response.json()) as T;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };

  const onUpload = {
    store: h.store,
    files: h.emulators.files,
    callbacks: h.deps.callbacks,
    logger: createLogger('cost', 'ERROR'),
    now: h.deps.now,
  };
  const pendingUploads: Promise<unknown>[] = [];
  h.emulators.s3.onObjectCreated((event: ObjectCreatedEvent) => {
    const started = performance.now();
    const run = handleObjectCreated(event, onUpload).then(() => {
      meter.uploadInvocations += 1;
      meter.uploadGbSeconds += gbSeconds(
        performance.now() - started,
        memoryMb('functions/handlers/events/on-upload.ts'),
      );
    });
    pendingUploads.push(run);
  });

  const applicantToken = await issuer.tokenFor('applicant-zhang-wei');
  const officerToken = await issuer.tokenFor('officer-wang-fang');
  type View = { caseId: string; status: string; currentStep?: string; requiredDocuments: DocumentType[] };
  const read = (caseId: string) => call<View>(applicantToken, 'GET', `/cases/${caseId}`);

  async function open(application: ApplicationInput) {
    const draft = await call<View>(applicantToken, 'POST', '/cases', application);
    await call(applicantToken, 'POST', `/cases/${draft.caseId}/submit`);
    return draft;
  }
  async function upload(caseId: string, application: ApplicationInput, docTypes: DocumentType[]) {
    for (const docType of docTypes) {
      const file = sampleDocument(docType, application);
      const presigned = await call<{ url: string; fields: Record<string, string> }>(
        applicantToken,
        'POST',
        `/cases/${caseId}/uploads`,
        { docType, contentType: file.contentType },
      );
      const form = new FormData();
      for (const [k, v] of Object.entries(presigned.fields)) form.append(k, v);
      form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.contentType }), file.fileName);
      await fetch(presigned.url, { method: 'POST', body: form });
      meter.s3Writes += 1; // the browser's POST
    }
    await h.waitForCase(caseId, () => pendingUploads.length >= docTypes.length, 'the upload events');
    await Promise.all(pendingUploads.splice(0));
  }
  const decide = async (caseId: string, step: string, route: string, body: unknown) => {
    await h.waitForCase(caseId, (c) => c.currentStep === step, step);
    await h.waitForStep(caseId, step as never);
    await h.advance(60);
    await call(officerToken, 'GET', `/officer/cases/${caseId}`);
    await call(officerToken, 'POST', `/officer/cases/${caseId}/${route}`, body);
  };

  async function finish(caseId: string): Promise<Meter> {
    await h.waitForExecution(caseId);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const history: HistoryEvent[] = await h.history(caseId);
    meter.transitions = history.filter((e) => e.type?.endsWith('StateEntered')).length;
    meter.taskInvocations = history.filter(
      (e) => e.type === 'TaskScheduled' || e.type === 'LambdaFunctionScheduled',
    ).length;
    meter.taskGbSeconds = h.durations.splice(0).reduce((sum, d) => sum + gbSeconds(d.ms, 512), 0);
    const result = meter;
    meter = emptyMeter();
    return result;
  }

  const app1 = SAMPLE_APPLICATIONS.chineseIndividual;
  /** A submitted case with every document uploaded, waiting for the officer's review. */
  const toReview = async () => {
    const c = await open(app1);
    await h.waitForStep(c.caseId, 'DOCUMENTS');
    await upload(c.caseId, app1, c.requiredDocuments);
    return c;
  };
  const book = (caseId: string) =>
    decide(caseId, 'APPOINTMENT', 'appointment', {
      officeId: 'BJ',
      startsAt: appointmentSlot(h.clock.now()),
    });
  /** From the person attending to the ICP number. */
  const attendToNumber = async (caseId: string, icpNumber: string) => {
    await decide(caseId, 'VERIFICATION', 'verification', { outcome: 'PRESENT' });
    await decide(caseId, 'BUREAU_SUBMISSION', 'bureau-submission', {
      submittedAt: new Date(h.clock.now()).toISOString(),
    });
    await decide(caseId, 'BUREAU_DECISION', 'bureau-decision', { decision: 'APPROVE', icpNumber });
  };
  const approve = (caseId: string) => decide(caseId, 'REVIEW', 'review', { decision: 'APPROVE' });

  const paths: [string, () => Promise<Meter>][] = [
    [
      'GENERAL, happy path',
      async () => {
        const c = await toReview();
        await approve(c.caseId);
        await book(c.caseId);
        await attendToNumber(c.caseId, '京ICP备2026100001号-1');
        await read(c.caseId);
        return finish(c.caseId);
      },
    ],
    [
      'GENERAL, one document returned and re-uploaded',
      async () => {
        const c = await toReview();
        await decide(c.caseId, 'REVIEW', 'review', {
          decision: 'RETURN',
          documents: [
            {
              docType: 'WEBSITE_VERIFICATION_FORM',
              reason: { message: 'Not signed', messageZh: '缺少签字' },
            },
          ],
        });
        await h.waitForStep(c.caseId, 'DOCUMENTS');
        await upload(c.caseId, app1, ['WEBSITE_VERIFICATION_FORM']);
        await approve(c.caseId);
        await book(c.caseId);
        await attendToNumber(c.caseId, '京ICP备2026100002号-1');
        return finish(c.caseId);
      },
    ],
    [
      'GENERAL, one no-show and a reschedule',
      async () => {
        const c = await toReview();
        await approve(c.caseId);
        await book(c.caseId);
        await decide(c.caseId, 'VERIFICATION', 'verification', { outcome: 'NO_SHOW' });
        await book(c.caseId);
        await attendToNumber(c.caseId, '京ICP备2026100003号-1');
        return finish(c.caseId);
      },
    ],
    [
      'Expired after 45 days without documents',
      async () => {
        const c = await open(app1);
        for (const days of [30, 10, 5]) {
          const waiting = await h.waitForStep(c.caseId, 'DOCUMENTS');
          await h.advance(days * DAY_SECONDS);
          if (days !== 5) await h.waitForStep(c.caseId, 'DOCUMENTS', waiting);
        }
        return finish(c.caseId);
      },
    ],
    [
      'Withdrawn by the applicant during review',
      async () => {
        const c = await toReview();
        await h.waitForStep(c.caseId, 'REVIEW');
        await call(applicantToken, 'POST', `/cases/${c.caseId}/withdraw`);
        return finish(c.caseId);
      },
    ],
  ];

  const rows: string[][] = [];
  for (const [name, run] of paths) {
    const m = await run();
    const lambdaRequests = m.taskInvocations + m.apiInvocations + m.uploadInvocations;
    const gb = m.taskGbSeconds + m.apiGbSeconds + m.uploadGbSeconds;
    const cost = {
      sfn: m.transitions * PRICE.transition,
      lambda: lambdaRequests * PRICE.lambdaRequest + gb * PRICE.lambdaGbSecondArm,
      dynamo: m.wru * PRICE.dynamoWru + m.rru * PRICE.dynamoRru,
      s3: m.s3Writes * PRICE.s3Write + m.s3Reads * PRICE.s3Read,
    };
    const total = cost.sfn + cost.lambda + cost.dynamo + cost.s3;
    rows.push([
      name,
      String(m.transitions),
      `${m.taskInvocations}+${m.apiInvocations}+${m.uploadInvocations}`,
      gb.toFixed(2),
      `${m.wru}/${m.rru}`,
      `${m.s3Writes}/${m.s3Reads}`,
      `$${cost.sfn.toFixed(5)}`,
      `$${cost.lambda.toFixed(5)}`,
      `$${(cost.dynamo + cost.s3).toFixed(5)}`,
      `$${total.toFixed(5)}`,
    ]);
  }
  const header = [
    'path',
    'transitions',
    'Lambda task+API+upload',
    'GB-s',
    'DDB WRU/RRU',
    'S3 W/R',
    'Step Functions',
    'Lambda',
    'DynamoDB+S3',
    'per case',
  ];
  const widths = header.map((h0, i) => Math.max(h0.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  console.log('\nTargets for the happy GENERAL path: at most 40 state transitions and $0.002 per case.');
  issuerServer.close();
  await h.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
