/**
 * HTTP API throughput and latency on the local store: reading a case (applicant) and the officer
 * queue, with 10,000 cases in dynalite. Requests go through the whole app in-process (JWT
 * verification, validation, store), as the Lambda entry and the local Node server run it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { caseKey, entityKeyOf } from '#adapters/case-items';
import { createJwtVerifier } from '#adapters/jwt-verifier';
import { createApp } from '#api/app';
import { DEFAULT_WORKFLOW_SETTINGS } from '#api/dependencies';
import type { CaseRecord } from '#domain/case-record';
import { addCalendarDays } from '#domain/china-calendar';
import { createDevIssuer } from '#stack/dev-issuer';
import { startEmulators } from '../test/support/emulators.ts';
import { sampleApplication } from '../test/support/sample-application.ts';

const CASES = Number(process.env.BENCH_CASES ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2_000);
const CONCURRENCY = 8;
const APPLICANT = 'applicant-zhang-wei';

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'api-bench-'));
  const root = new Hono();
  const server = serve({ fetch: root.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = await createDevIssuer({
    issuer: `${base}/oidc`,
    clientId: 'icp-console',
    keyFile: join(dir, 'key.json'),
  });
  root.route('/oidc', issuer.app);
  const emulators = await startEmulators({ sse: 'AES256' });
  const noop = async () => {};
  const app = createApp({
    store: emulators.store,
    files: emulators.files,
    sfn: {
      startExecution: async () => ({ alreadyStarted: false }),
      sendTaskSuccess: noop,
      sendTaskFailure: noop,
    },
    verifier: createJwtVerifier({
      issuer: issuer.issuer,
      audience: 'icp-console',
      roleClaim: 'cognito:groups',
    }),
    settings: {
      stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:icp-case',
      workflow: DEFAULT_WORKFLOW_SETTINGS,
      entityKeySecret: 'bench-entity-secret-0123456789',
      hostingCidrs: ['203.0.113.0/24'],
      downloadExpirySeconds: 120,
      consoleOrigins: [],
    },
    now: () => new Date(),
  });

  console.log(`Seeding ${CASES} cases…`);
  const seedStarted = performance.now();
  // Case items go in with BatchWrite (25 a call) in the store's item layout (docs/data-model.md:
  // the case item plus its byApplicant / byEntity / byQueue index keys); creating 10,000 cases
  // through createCase would take minutes on dynalite and measure the seeding, not the API.
  const steps = ['REVIEW', 'REVIEW', 'REVIEW', 'APPOINTMENT', 'BUREAU_SUBMISSION', 'DOCUMENTS'] as const;
  const statusOf = {
    REVIEW: 'UNDER_REVIEW',
    APPOINTMENT: 'AWAITING_VERIFICATION',
    BUREAU_SUBMISSION: 'READY_FOR_BUREAU',
    DOCUMENTS: 'AWAITING_DOCUMENTS',
  } as const;
  const caseIds: string[] = [];
  const createdAt = new Date().toISOString();
  const items = Array.from({ length: CASES }, (_, i) => {
    const caseId = `C-B${String(i).padStart(8, '0')}${randomUUID().slice(0, 6).toUpperCase()}`;
    if (i % 10 === 0) caseIds.push(caseId);
    const step = steps[i % steps.length] as (typeof steps)[number];
    const applicantSubject = i % 10 === 0 ? APPLICANT : `applicant-${i % 500}`;
    const entityKey = entityKeyOf('RESIDENT_ID', `bench-${i}`, 'bench-entity-secret-0123456789');
    const dueDate = addCalendarDays('2026-03-01', (i % 60) - 30);
    const record: CaseRecord = {
      caseId,
      applicantSubject,
      entityKey,
      applicantType: 'CHINESE_INDIVIDUAL',
      filingType: 'GENERAL',
      province: i % 3 === 0 ? 'SH' : 'BJ',
      office: i % 3 === 0 ? 'SH' : 'BJ',
      contact: { name: '张伟', email: 'zhang.wei@example.cn' },
      domains: [`site${i}.cn`],
      application: sampleApplication(),
      requiredDocuments: ['APPLICANT_ID_FRONT', 'APPLICANT_ID_BACK', 'DOMAIN_CERTIFICATE'],
      documents: {},
      status: statusOf[step],
      currentStep: step,
      dueDate,
      createdAt,
      updatedAt: createdAt,
      version: 5,
    };
    return {
      ...caseKey(caseId),
      itemType: 'CASE',
      ...record,
      applicantPk: `APPLICANT#${applicantSubject}`,
      applicantSk: `${createdAt}#${caseId}`,
      entityPk: `ENTITY#${entityKey}`,
      entitySk: `${createdAt}#${caseId}`,
      queuePk: `QUEUE#${step}`,
      queueSk: `${dueDate}#${caseId}`,
    };
  });
  const batches: (typeof items)[] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let nextBatch = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (nextBatch < batches.length) {
        const batch = batches[nextBatch] as typeof items;
        nextBatch += 1;
        let pending = batch.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length > 0) {
          const result = await emulators.db.send(
            new BatchWriteCommand({ RequestItems: { [emulators.tableName]: pending } }),
          );
          pending = (result.UnprocessedItems?.[emulators.tableName] ?? []) as typeof pending;
        }
      }
    }),
  );
  const probe = await emulators.store.getCase(caseIds[0] as string);
  if (probe?.currentStep !== 'REVIEW') throw new Error('seeded case does not read back');
  console.log(`Seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  const applicantToken = await issuer.tokenFor(APPLICANT);
  const officerToken = await issuer.tokenFor('officer-wang-fang');

  async function measure(name: string, request: (i: number) => Response | Promise<Response>) {
    for (let i = 0; i < 50; i += 1) await (await request(i)).arrayBuffer(); // warm-up (JWKS, JIT)
    const latencies: number[] = [];
    let failures = 0;
    let issued = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (issued < REQUESTS) {
          const i = issued;
          issued += 1;
          const t0 = performance.now();
          const response = await request(i);
          await response.arrayBuffer();
          latencies.push(performance.now() - t0);
          if (response.status !== 200) failures += 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
    console.log(
      `${name.padEnd(34)} ${String(REQUESTS).padStart(6)} req  ${(REQUESTS / seconds).toFixed(0).padStart(6)} req/s  p50 ${pct(0.5).toFixed(1)} ms  p95 ${pct(0.95).toFixed(1)} ms  p99 ${pct(0.99).toFixed(1)} ms  non-200 ${failures}`,
    );
    if (failures > 0) process.exitCode = 1;
  }

  console.log(
    `\n${CASES} cases, ${REQUESTS} requests per scenario, concurrency ${CONCURRENCY}, in-process app`,
  );
  await measure('GET /cases/{caseId} (applicant)', (i) =>
    app.request(`/cases/${caseIds[i % caseIds.length]}`, {
      headers: { authorization: `Bearer ${applicantToken}` },
    }),
  );
  await measure('GET /officer/queue?step=REVIEW', () =>
    app.request('/officer/queue?step=REVIEW&limit=25', {
      headers: { authorization: `Bearer ${officerToken}` },
    }),
  );
  await measure('GET /officer/queue (office+overdue)', () =>
    app.request('/officer/queue?step=REVIEW&office=SH&overdue=true&limit=25', {
      headers: { authorization: `Bearer ${officerToken}` },
    }),
  );

  server.close();
  await emulators.close();
  await rm(dir, { recursive: true, force: true });
}

await main();
