/**
 * Upload-event-to-recorded latency on the local emulators (dynalite, the strict S3): real presigned
 * POSTs, the emulator's "Object Created" event fed to the on-upload handler. Reports p50/p95 of
 * event → recorded (inspection + DynamoDB writes) and POST → recorded, sequential and 8 at a time.
 */
import { randomUUID } from 'node:crypto';
import { entityKeyOf } from '#adapters/case-items';
import { CaseStore } from '#adapters/case-store';
import { createDocumentClient } from '#adapters/dynamo-client';
import { createS3Client, FileStore } from '#adapters/file-store';
import type { ObjectCreatedEvent } from '#adapters/object-created-event';
import { createSfnClient, StepFunctionsCallbacks } from '#adapters/workflow-client';
import { handleObjectCreated } from '#documents/record-upload';
import { issueUpload } from '#documents/upload-binding';
import type { ContentType, DocumentType } from '#domain/document-types';
import { LOCAL_CREDENTIALS, startDynamo } from '#stack/dynamodb';
import { startS3 } from '#stack/s3';
import { createLogger } from '../functions/logger.ts';
import { bulkyPdf, png, unicodeTextPdf, verificationFormLines } from '../test/fixtures/generate.ts';
import { sampleApplication } from '../test/support/sample-application.ts';

const bucket = 'bench-uploads';
const [dynamo, s3] = await Promise.all([
  startDynamo({ tableName: 'bench-cases' }),
  startS3({ buckets: [bucket] }),
]);
const db = createDocumentClient({
  region: 'us-east-1',
  endpoint: dynamo.endpoint,
  credentials: LOCAL_CREDENTIALS,
});
const store = new CaseStore(db, dynamo.tableName);
// The strict S3 accepts only keys it issued: sign (and presign the POST policies) as its operator.
const s3Client = createS3Client({ region: 'us-east-1', endpoint: s3.endpoint, credentials: s3.operator });
const files = new FileStore(s3Client, { bucket, sse: 'aws:kms' });
const deps = {
  store,
  files,
  callbacks: new StepFunctionsCallbacks(
    createSfnClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }),
  ),
  logger: createLogger('bench', 'ERROR'),
};

const FILES: Array<{ docType: DocumentType; type: ContentType; bytes: Uint8Array; label: string }> = [
  { docType: 'APPLICANT_ID_FRONT', type: 'image/png', bytes: png(1000, 640), label: 'PNG ID card' },
  {
    docType: 'WEBSITE_VERIFICATION_FORM',
    type: 'application/pdf',
    bytes: unicodeTextPdf([verificationFormLines('example.cn')]),
    label: 'PDF form (Chinese text)',
  },
  {
    docType: 'BUSINESS_LICENCE',
    type: 'application/pdf',
    bytes: await bulkyPdf(1024 * 1024),
    label: 'PDF scan 1 MB',
  },
];

const pending = new Map<string, (event: ObjectCreatedEvent, at: number) => void>();
s3.onObjectCreated((event) => pending.get(event.detail.object.key)?.(event, performance.now()));

async function one(caseId: string, file: (typeof FILES)[number]) {
  const form = await issueUpload(
    { store, files },
    {
      caseId,
      docType: file.docType,
      contentType: file.type,
      requestedBy: { subject: 'bench', role: 'applicant' },
    },
  );
  const arrived = new Promise<{ event: ObjectCreatedEvent; at: number }>((resolve) =>
    pending.set(form.key, (event, at) => resolve({ event, at })),
  );
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
  body.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }));
  const posted = performance.now();
  const response = await fetch(form.url, { method: 'POST', body });
  if (response.status !== 204) throw new Error(`POST failed: ${response.status}`);
  const { event, at } = await arrived;
  pending.delete(form.key);
  const result = await handleObjectCreated(event, deps);
  if (result.outcome !== 'recorded') throw new Error(`not recorded: ${result.outcome}`);
  const done = performance.now();
  return { eventToRecorded: done - at, postToRecorded: done - posted };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
};

async function run(file: (typeof FILES)[number], count: number, concurrency: number) {
  const record = await store.createCase({
    caseId: `bench-${randomUUID().slice(0, 8)}`,
    applicantSubject: 'bench',
    entityKey: entityKeyOf('PASSPORT', randomUUID(), 'bench-secret-0123456789'),
    applicantType: 'CHINESE_BUSINESS',
    filingType: 'GENERAL',
    province: 'BJ',
    contact: { name: 'Bench', email: 'bench@example.cn' },
    domains: ['example.cn'],
    application: sampleApplication(),
    requiredDocuments: [file.docType],
    actor: { subject: 'bench', role: 'system' },
  });
  const samples: Array<{ eventToRecorded: number; postToRecorded: number }> = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next += 1;
        samples.push(await one(record.caseId, file));
      }
    }),
  );
  const e = samples.map((s) => s.eventToRecorded);
  const p = samples.map((s) => s.postToRecorded);
  console.log(
    `${file.label.padEnd(24)} n=${String(count).padStart(3)} concurrency ${concurrency}  ` +
      `event→recorded p50 ${percentile(e, 0.5).toFixed(1).padStart(6)} ms  p95 ${percentile(e, 0.95).toFixed(1).padStart(6)} ms   ` +
      `POST→recorded p50 ${percentile(p, 0.5).toFixed(1).padStart(6)} ms  p95 ${percentile(p, 0.95).toFixed(1).padStart(6)} ms`,
  );
}

try {
  await one(
    (
      await store.createCase({
        caseId: 'bench-warmup',
        applicantSubject: 'bench',
        entityKey: 'warmup',
        applicantType: 'CHINESE_BUSINESS',
        filingType: 'GENERAL',
        province: 'BJ',
        contact: { name: 'Bench', email: 'bench@example.cn' },
        application: sampleApplication(),
        requiredDocuments: ['APPLICANT_ID_FRONT'],
        actor: { subject: 'bench', role: 'system' },
      })
    ).caseId,
    FILES[0] as (typeof FILES)[number],
  );
  for (const file of FILES) {
    await run(file, 40, 1);
    await run(file, 40, 8);
  }
} finally {
  db.destroy();
  s3Client.destroy();
  await Promise.all([dynamo.close(), s3.close()]);
}
