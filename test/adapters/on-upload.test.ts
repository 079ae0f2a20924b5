import { randomUUID } from 'node:crypto';
import type { Logger } from '@aws-lambda-powertools/logger';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { entityKeyOf } from '#adapters/case-items';
import { smtpEmailSender } from '#adapters/email/smtp-email-sender';
import {
  newUploadId,
  parseUploadKey,
  quarantineKey,
  unboundQuarantineKey,
  uploadKey,
} from '#adapters/file-store';
import type { ObjectCreatedEvent } from '#adapters/object-created-event';
import { createSfnClient, StepFunctionsCallbacks } from '#adapters/workflow-client';
import { handleObjectCreated, type OnUploadDependencies } from '#documents/record-upload';
import { issueUpload, UPLOAD_ARRIVAL_GRACE_SECONDS } from '#documents/upload-binding';
import type { CaseRepository, CreateCaseInput } from '#domain/case-repository';
import { type ContentType, DOCUMENT_RULES, DocumentType } from '#domain/document-types';
import { startMailCapture } from '#stack/mail-capture';
import { sendDueEmails } from '#workflow/outbox-sender';
import { createLogger } from '../../functions/logger.ts';
import { elfExecutable, jpeg, png, unicodeTextPdf, verificationFormLines } from '../fixtures/generate.ts';
import { startEmulators, type TestEmulators } from '../support/emulators.ts';
import { type RecordingSfn, startRecordingSfn } from '../support/recording-sfn.ts';
import { sampleApplication } from '../support/sample-application.ts';
import { collectEvents, postUpload } from '../support/uploads.ts';

let emulators: TestEmulators;
let sfn: RecordingSfn;
let deps: OnUploadDependencies;
let logger: Logger;

beforeAll(async () => {
  [emulators, sfn] = await Promise.all([startEmulators(), startRecordingSfn()]);
  logger = createLogger('on-upload-test', 'ERROR');
  deps = {
    store: emulators.store,
    files: emulators.files,
    callbacks: new StepFunctionsCallbacks(
      createSfnClient({
        region: emulators.region,
        endpoint: sfn.endpoint,
        credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      }),
    ),
    logger,
  };
});
afterAll(async () => {
  await Promise.all([emulators.close(), sfn.close()]);
});

const actor = { subject: 'user-1', role: 'applicant' } as const;

async function newCase(requiredDocuments: DocumentType[], overrides: Partial<CreateCaseInput> = {}) {
  return emulators.store.createCase({
    caseId: `c-${randomUUID().slice(0, 12)}`,
    applicantSubject: actor.subject,
    entityKey: entityKeyOf('PASSPORT', randomUUID(), 'test-secret-0123456789'),
    applicantType: 'CHINESE_INDIVIDUAL',
    filingType: 'GENERAL',
    province: 'BJ',
    contact: { name: '张三', email: 'z@example.cn' },
    domains: ['example.cn'],
    application: sampleApplication(),
    requiredDocuments,
    actor,
    ...overrides,
  });
}

/** Signs an upload form as the API does: recorded as issued for the case and document. */
function issue(caseId: string, docType: DocumentType, contentType: ContentType, now?: Date) {
  return issueUpload(
    { store: emulators.store, files: emulators.files },
    { caseId, docType, contentType, requestedBy: actor, ...(now ? { now } : {}) },
  );
}

/** Presigns, POSTs for real to the strict S3, and returns the event the emulator emitted. */
async function upload(
  caseId: string,
  docType: DocumentType,
  bytes: Uint8Array,
  contentType: ContentType,
): Promise<ObjectCreatedEvent> {
  const collector = collectEvents(emulators.s3);
  try {
    const form = await issue(caseId, docType, contentType);
    const response = await postUpload(form, bytes);
    expect(response.status).toBe(204);
    const events = await collector.waitFor(1);
    return events[0] as ObjectCreatedEvent;
  } finally {
    collector.stop();
  }
}

/**
 * Writes an object with a signed PutObject (the emulators' own key), as a misconfigured policy, a
 * role with s3:PutObject or a console operator could: the handler must not rely on the POST policy's
 * size and type conditions having run. By default the object is bound to an upload issued for the
 * case and document (its key and `upload-id` metadata); `binding` writes it elsewhere or without.
 * Returns the event the emulator emitted.
 */
async function putPastThePolicy(
  caseId: string,
  docType: DocumentType,
  bytes: Uint8Array,
  contentType: string,
  binding: { key?: string; uploadId?: string | null } = {},
): Promise<ObjectCreatedEvent> {
  const collector = collectEvents(emulators.s3);
  try {
    const issued = binding.key ? undefined : await issue(caseId, docType, 'image/png');
    const key = binding.key ?? (issued as { key: string }).key;
    const uploadId = binding.uploadId === undefined ? issued?.uploadId : binding.uploadId;
    await emulators.s3Client.send(
      new PutObjectCommand({
        Bucket: emulators.bucket,
        Key: key,
        Body: bytes,
        ContentType: contentType,
        ServerSideEncryption: 'aws:kms',
        ...(uploadId ? { Metadata: { 'upload-id': uploadId } } : {}),
      }),
    );
    const [event] = await collector.waitFor(1);
    expect(event).toMatchObject({ detail: { object: { key }, reason: 'PutObject' } });
    return event as ObjectCreatedEvent;
  } finally {
    collector.stop();
  }
}

const goodFile = (docType: DocumentType): { bytes: Uint8Array; type: ContentType } =>
  DOCUMENT_RULES[docType].contentTypes.includes('image/png')
    ? { bytes: png(1200, 900), type: 'image/png' }
    : { bytes: unicodeTextPdf([verificationFormLines('example.cn')]), type: 'application/pdf' };

describe('inspection on upload', () => {
  test('a valid upload is recorded VALID on the case and stays where it landed', async () => {
    const record = await newCase(['APPLICANT_ID_FRONT']);
    const event = await upload(record.caseId, 'APPLICANT_ID_FRONT', png(1000, 640), 'image/png');
    expect(event).toMatchObject({
      'detail-type': 'Object Created',
      source: 'aws.s3',
      detail: { reason: 'PostObject' },
    });
    const result = await handleObjectCreated(event, deps);
    expect(result).toMatchObject({ outcome: 'recorded', status: 'VALID' });
    const stored = await emulators.store.getCase(record.caseId);
    expect(stored?.documents.APPLICANT_ID_FRONT).toMatchObject({
      status: 'VALID',
      key: event.detail.object.key,
      contentType: 'image/png', // found in the content, for officers' previews
    });
    expect(await emulators.files.head(event.detail.object.key)).toBeDefined();
  });

  test('a file landing after the documents step closed is refused and leaves the reviewed document as it was', async () => {
    const record = await newCase(['APPLICANT_ID_FRONT']);
    const first = await upload(record.caseId, 'APPLICANT_ID_FRONT', png(1000, 640), 'image/png');
    await handleObjectCreated(first, deps);
    const reviewed = (await emulators.store.getCase(record.caseId))?.documents.APPLICANT_ID_FRONT;
    // The case moves on to the officer's review; then a form fetched earlier is used.
    for (const to of ['SUBMITTED', 'AWAITING_DOCUMENTS', 'CROSS_CHECKING', 'UNDER_REVIEW'] as const) {
      await emulators.store.updateStatus({ caseId: record.caseId, to, actor });
    }
    const late = await upload(record.caseId, 'APPLICANT_ID_FRONT', png(1100, 700), 'image/png');
    const result = await handleObjectCreated(late, deps);
    expect(result).toMatchObject({ outcome: 'recorded', status: 'INVALID' });
    expect(result.findings?.map((f) => f.code)).toEqual(['DOCUMENTS_CLOSED']);
    expect((await emulators.store.getCase(record.caseId))?.documents.APPLICANT_ID_FRONT).toEqual(reviewed);
    // The same event again changes nothing either.
    await handleObjectCreated(late, deps);
    expect((await emulators.store.getCase(record.caseId))?.documents.APPLICANT_ID_FRONT).toEqual(reviewed);
  });

  test('the upload form itself refuses an oversize file and a forged Content-Type: nothing stored, no event', async () => {
    const record = await newCase(['APPLICANT_ID_FRONT']);
    const collector = collectEvents(emulators.s3);
    try {
      const big = await emulators.files.presignedPost({
        caseId: record.caseId,
        docType: 'APPLICANT_ID_FRONT',
        contentType: 'image/jpeg',
      });
      const oversize = jpeg(1200, 800, { totalBytes: DOCUMENT_RULES.APPLICANT_ID_FRONT.maxBytes + 10 });
      const tooLarge = await postUpload(big, oversize);
      expect(tooLarge.status).toBe(400);
      expect(tooLarge.body).toContain('<Code>EntityTooLarge</Code>');
      expect(await emulators.files.head(big.key)).toBeUndefined();

      const forged = await emulators.files.presignedPost({
        caseId: record.caseId,
        docType: 'APPLICANT_ID_FRONT',
        contentType: 'image/jpeg',
      });
      const refused = await postUpload(forged, elfExecutable(), {
        'Content-Type': 'application/octet-stream',
      });
      expect(refused.status).toBe(403);
      expect(refused.body).toContain('Policy Condition failed');
      expect(await emulators.files.head(forged.key)).toBeUndefined();

      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(collector.events).toHaveLength(0);
    } finally {
      collector.stop();
    }
  });

  test('the handler refuses an oversize object that reached the bucket anyway: INVALID, quarantined, with a bilingual reason', async () => {
    const record = await newCase(['APPLICANT_ID_FRONT']);
    const big = jpeg(1200, 800, { totalBytes: DOCUMENT_RULES.APPLICANT_ID_FRONT.maxBytes + 10 });
    const event = await putPastThePolicy(record.caseId, 'APPLICANT_ID_FRONT', big, 'image/jpeg');
    const result = await handleObjectCreated(event, deps);
    expect(result).toMatchObject({ outcome: 'recorded', status: 'INVALID' });
    const summary = (await emulators.store.getCase(record.caseId))?.documents.APPLICANT_ID_FRONT;
    expect(summary?.findings[0]).toMatchObject({ code: 'FILE_TOO_LARGE', severity: 'ERROR' });
    expect(summary?.findings[0]?.messageZh).toMatch(/\p{Script=Han}/u);
    expect(summary?.key).toBe(quarantineKey(event.detail.object.key));
    expect(await emulators.files.head(event.detail.object.key)).toBeUndefined();
    expect((await emulators.files.head(quarantineKey(event.detail.object.key)))?.size).toBe(big.length);
  });

  test('an empty object that reached the bucket is recorded INVALID (FILE_EMPTY) with the refusal email, not retried forever', async () => {
    const record = await newCase(['APPLICANT_ID_FRONT']);
    const event = await putPastThePolicy(
      record.caseId,
      'APPLICANT_ID_FRONT',
      new Uint8Array(0),
      'image/jpeg',
    );
    const result = await handleObjectCreated(event, deps);
    expect(result).toMatchObject({ outcome: 'recorded', status: 'INVALID' });
    expect(result.findings?.map((f) => f.code)).toEqual(['FILE_EMPTY']);
    expect((await emulators.store.getCase(record.caseId))?.documents.APPLICANT_ID_FRONT?.status).toBe(
      'INVALID',
    );
    expect((await emulators.store.listEmails(record.caseId)).map((e) => e.template)).toEqual([
      'documentInvalid',
    ]);
  });

  test('a mislabelled file (PNG bytes sent as image/jpeg) is INVALID', async () => {
    const record = await newCase(['APPLICANT_ID_FRONT']);
    const event = await upload(record.caseId, 'APPLICANT_ID_FRONT', png(1000, 640), 'image/jpeg');
    const result = await handleObjectCreated(event, deps);
    expect(result.findings?.map((f) => f.code)).toEqual(['CONTENT_TYPE_MISMATCH']);
  });

  test('the handler refuses an executable stored with a forged Content-Type that reached the bucket anyway', async () => {
    const record = await newCase(['APPLICANT_ID_FRONT']);
    const event = await putPastThePolicy(
      record.caseId,
      'APPLICANT_ID_FRONT',
      elfExecutable(),
      'application/octet-stream',
    );
    const result = await handleObjectCreated(event, deps);
    expect(result.status).toBe('INVALID');
    expect(result.findings?.map((f) => f.code)).toContain('FILE_TYPE_NOT_ALLOWED');
    expect(await emulators.files.head(event.detail.object.key)).toBeUndefined();
  });

  test('objects outside the upload prefix (quarantine copies) are ignored', async () => {
    const record = await newCase(['APPLICANT_ID_FRONT']);
    const event = await upload(record.caseId, 'APPLICANT_ID_FRONT', png(10, 10), 'image/png');
    const quarantined = {
      ...event,
      detail: {
        ...event.detail,
        object: { ...event.detail.object, key: quarantineKey(event.detail.object.key) },
      },
    };
    expect((await handleObjectCreated(quarantined, deps)).outcome).toBe('ignored');
  });
});

describe('idempotency', () => {
  test('the same event three times (concurrently, then again) yields exactly one version', async () => {
    const record = await newCase(['APPLICANT_ID_FRONT']);
    const event = await upload(record.caseId, 'APPLICANT_ID_FRONT', png(300, 200), 'image/png'); // INVALID: moves
    const results = await Promise.all([handleObjectCreated(event, deps), handleObjectCreated(event, deps)]);
    results.push(await handleObjectCreated(event, deps));
    expect(results.filter((r) => r.outcome === 'recorded')).toHaveLength(1);
    expect(results.every((r) => r.status === 'INVALID')).toBe(true);
    expect(await emulators.store.listDocumentVersions(record.caseId)).toHaveLength(1);
    const audit = await emulators.store.listAudit(record.caseId);
    expect(audit.filter((e) => e.action.startsWith('DOCUMENT_'))).toHaveLength(1);
  });

  test('two events for the same key out of order: the newer object wins, the older event is dropped', async () => {
    const record = await newCase(['APPLICANT_ID_FRONT']);
    const collector = collectEvents(emulators.s3);
    const form = await issue(record.caseId, 'APPLICANT_ID_FRONT', 'image/png');
    await postUpload(form, png(300, 200)); // first: too small
    await collector.waitFor(1);
    await postUpload(form, png(1000, 640)); // second, same key: fine
    const [first, second] = (await collector.waitFor(2)) as [ObjectCreatedEvent, ObjectCreatedEvent];
    collector.stop();
    expect((first.detail.object.sequencer ?? '') < (second.detail.object.sequencer ?? '')).toBe(true);

    expect((await handleObjectCreated(second, deps)).outcome).toBe('recorded');
    expect((await handleObjectCreated(first, deps)).outcome).toBe('stale');
    expect((await handleObjectCreated(second, deps)).outcome).toBe('duplicate');
    const versions = await emulators.store.listDocumentVersions(record.caseId);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ status: 'VALID', etag: second.detail.object.etag });
    expect((await emulators.store.getCase(record.caseId))?.documents.APPLICANT_ID_FRONT?.status).toBe(
      'VALID',
    );
  });

  test('an event for an object overwritten since is superseded, never recorded against the new bytes', async () => {
    const record = await newCase(['APPLICANT_ID_FRONT']);
    const collector = collectEvents(emulators.s3);
    const form = await issue(record.caseId, 'APPLICANT_ID_FRONT', 'image/png');
    await postUpload(form, png(300, 200));
    await collector.waitFor(1);
    await postUpload(form, png(1000, 640));
    const [first, second] = (await collector.waitFor(2)) as [ObjectCreatedEvent, ObjectCreatedEvent];
    collector.stop();
    expect((await handleObjectCreated(first, deps)).outcome).toBe('superseded');
    expect((await handleObjectCreated(second, deps)).outcome).toBe('recorded');
    expect(await emulators.store.listDocumentVersions(record.caseId)).toHaveLength(1);
  });

  test('20 concurrent uploads to one case: every document recorded, no lost update', async () => {
    // Eighteen distinct types and two repeats make the twenty (the list has grown since: issue 15).
    const docTypes = DocumentType.options.slice(0, 18);
    const record = await newCase([...docTypes]);
    const collector = collectEvents(emulators.s3);
    const plan = [...docTypes, 'PASSPORT', 'HOSTING_AGREEMENT'] as DocumentType[];
    expect(plan).toHaveLength(20);
    await Promise.all(
      plan.map(async (docType) => {
        const file = goodFile(docType);
        const form = await issue(record.caseId, docType, file.type);
        expect((await postUpload(form, file.bytes)).status).toBe(204);
      }),
    );
    const events = await collector.waitFor(20);
    collector.stop();
    const results = await Promise.all(events.map((event) => handleObjectCreated(event, deps)));
    expect(results.map((r) => r.outcome)).toEqual(Array(20).fill('recorded'));
    expect(await emulators.store.listDocumentVersions(record.caseId)).toHaveLength(20);
    const stored = await emulators.store.getCase(record.caseId);
    expect(Object.keys(stored?.documents ?? {}).sort()).toEqual([...docTypes].sort());
    expect(Object.values(stored?.documents ?? {}).every((d) => d.status === 'VALID')).toBe(true);
    // Each summary write bumped the version exactly once: nothing was overwritten blindly.
    expect(stored?.version).toBeGreaterThanOrEqual(1 + docTypes.length);
  });
});

describe('resuming the workflow', () => {
  async function awaitingDocuments(requiredDocuments: DocumentType[]) {
    const record = await newCase(requiredDocuments);
    await emulators.store.updateStatus({ caseId: record.caseId, to: 'SUBMITTED', actor });
    await emulators.store.updateStatus({
      caseId: record.caseId,
      to: 'AWAITING_DOCUMENTS',
      actor,
      step: 'DOCUMENTS',
    });
    const token = `token-${randomUUID()}`;
    await emulators.store.putTask({ caseId: record.caseId, step: 'DOCUMENTS', token });
    return { caseId: record.caseId, token };
  }

  test('when the last required document becomes valid, SendTaskSuccess is sent once with the stored token', async () => {
    const { caseId, token } = await awaitingDocuments(['APPLICANT_ID_FRONT', 'APPLICANT_ID_BACK']);
    const front = await upload(caseId, 'APPLICANT_ID_FRONT', png(1000, 640), 'image/png');
    expect((await handleObjectCreated(front, deps)).resumed).toBe(false);
    expect(sfn.calls.filter((c) => c.taskToken === token)).toHaveLength(0);

    const back = await upload(caseId, 'APPLICANT_ID_BACK', png(1000, 640), 'image/png');
    const results = await Promise.all([handleObjectCreated(back, deps), handleObjectCreated(back, deps)]);
    results.push(await handleObjectCreated(back, deps));
    expect(results.filter((r) => r.resumed)).toHaveLength(1);
    const calls = sfn.calls.filter((c) => c.taskToken === token);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      action: 'SendTaskSuccess',
      output: { documentsComplete: true },
    });
    expect((await emulators.store.getTask(caseId, 'DOCUMENTS'))?.taskState).toBe('DONE');
  });

  test('an invalid document does not resume the workflow', async () => {
    const { caseId, token } = await awaitingDocuments(['APPLICANT_ID_FRONT']);
    const event = await upload(caseId, 'APPLICANT_ID_FRONT', png(100, 100), 'image/png');
    expect((await handleObjectCreated(event, deps)).resumed).toBe(false);
    expect(sfn.calls.filter((c) => c.taskToken === token)).toHaveLength(0);
  });

  test('a dead token (TaskDoesNotExist) closes the task without failing the upload', async () => {
    const { caseId, token } = await awaitingDocuments(['APPLICANT_ID_FRONT']);
    sfn.goneTokens.add(token);
    const event = await upload(caseId, 'APPLICANT_ID_FRONT', png(1000, 640), 'image/png');
    const result = await handleObjectCreated(event, deps);
    expect(result).toMatchObject({ outcome: 'recorded', status: 'VALID', resumed: false });
    expect((await emulators.store.getTask(caseId, 'DOCUMENTS'))?.taskState).toBe('DONE');
  });

  test('a failing Step Functions call gives the task back, and the repeated event resumes it', async () => {
    const { caseId, token } = await awaitingDocuments(['APPLICANT_ID_FRONT']);
    const event = await upload(caseId, 'APPLICANT_ID_FRONT', png(1000, 640), 'image/png');
    sfn.failNext.count = 10; // more than the SDK's retries
    await expect(handleObjectCreated(event, deps)).rejects.toThrow();
    sfn.failNext.count = 0;
    expect((await emulators.store.getTask(caseId, 'DOCUMENTS'))?.taskState).toBe('OPEN');
    const retried = await handleObjectCreated(event, deps);
    expect(retried).toMatchObject({ outcome: 'duplicate', resumed: true });
    expect(sfn.calls.filter((c) => c.taskToken === token)).toHaveLength(1);
  });
});

describe('the refusal email', () => {
  test('SMTP down while an invalid file is inspected: the refusal email is queued once, redeliveries too, and sent once the relay is back', async () => {
    const record = await newCase(['APPLICANT_ID_FRONT']);
    const event = await upload(record.caseId, 'APPLICANT_ID_FRONT', png(300, 200), 'image/png'); // too small
    expect(await handleObjectCreated(event, deps)).toMatchObject({ outcome: 'recorded', status: 'INVALID' });
    const mine = async () =>
      (await emulators.store.listEmails(record.caseId)).filter((e) => e.template === 'documentInvalid');
    const [queued] = await mine();
    expect(queued).toMatchObject({ state: 'QUEUED', to: 'z@example.cn', attempts: 0 });
    expect(queued?.subject).toContain(`材料未通过检查：${DOCUMENT_RULES.APPLICANT_ID_FRONT.labelZh}`);

    // The relay is down when the sender comes round: the attempt fails and is recorded.
    let clock = Date.now();
    const sender = (email: Parameters<typeof sendDueEmails>[0]['email']) =>
      sendDueEmails({ store: emulators.store, email, now: () => new Date(clock), leaseId: randomUUID });
    await sender({ send: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:25')) });
    // S3 redelivers the event meanwhile (the duplicate path): nothing new is queued.
    expect(await handleObjectCreated(event, deps)).toMatchObject({ outcome: 'duplicate' });
    const [failed] = await mine();
    expect(failed).toMatchObject({
      state: 'QUEUED',
      attempts: 1,
      lastError: 'connect ECONNREFUSED 127.0.0.1:25',
    });

    const capture = await startMailCapture();
    try {
      const relay = smtpEmailSender({
        host: '127.0.0.1',
        port: capture.port,
        secure: false,
        allowPlaintext: true,
        from: 'beian@hosting.example',
      });
      clock += 60_000;
      await sender(relay);
      expect(await handleObjectCreated(event, deps)).toMatchObject({ outcome: 'duplicate' });
      clock += 3_600_000;
      await sender(relay);
      const received = capture.messages().filter((m) => m.subject.includes(record.caseId));
      expect(received.map((m) => m.to)).toEqual([['z@example.cn']]);
      expect(received[0]?.text).toContain(DOCUMENT_RULES.APPLICANT_ID_FRONT.labelZh);
      expect(await mine()).toMatchObject([{ state: 'SENT', attempts: 2 }]);
    } finally {
      await capture.close();
    }
  });

  test('a delivery that stopped before the refusal email was queued: the redelivery queues it', async () => {
    const record = await newCase(['APPLICANT_ID_FRONT']);
    const event = await upload(record.caseId, 'APPLICANT_ID_FRONT', png(300, 200), 'image/png');
    const outboxDown = Object.create(emulators.store, {
      enqueueEmail: { value: () => Promise.reject(new Error('ProvisionedThroughputExceededException')) },
    }) as CaseRepository;
    await expect(handleObjectCreated(event, { ...deps, store: outboxDown })).rejects.toThrow(/Provisioned/);
    expect(await emulators.store.listEmails(record.caseId)).toEqual([]);
    expect(await handleObjectCreated(event, deps)).toMatchObject({ outcome: 'duplicate', status: 'INVALID' });
    expect((await emulators.store.listEmails(record.caseId)).map((e) => e.template)).toEqual([
      'documentInvalid',
    ]);
  });
});

describe('uploads bound to what was issued', () => {
  const minutes = (n: number) => n * 60_000;

  /** Asserts the object was quarantined apart and audited, and that the case holds no document for it. */
  async function expectQuarantined(event: ObjectCreatedEvent, caseId: string, reason: string) {
    const key = event.detail.object.key;
    const result = await handleObjectCreated(event, deps);
    expect(result).toMatchObject({ outcome: 'quarantined', reason });
    expect(await emulators.store.listDocumentVersions(caseId)).toEqual([]);
    expect((await emulators.store.getCase(caseId))?.documents).toEqual({});
    expect(await emulators.files.head(key)).toBeUndefined();
    expect(await emulators.files.head(quarantineKey(key))).toBeUndefined(); // not with inspected rejects
    expect(await emulators.files.head(unboundQuarantineKey(key))).toBeDefined();
    const audit = (await emulators.store.listAudit(caseId)).filter((e) => e.action === 'UPLOAD_QUARANTINED');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: { subject: 'system:on-upload', role: 'system' },
      detail: {
        reason,
        docType: parseUploadKey(key)?.docType,
        uploadId: parseUploadKey(key)?.uploadId,
        quarantinedUnder: 'quarantine/unbound/',
        writtenBy: 'PutObject',
      },
    });
    expect(audit[0]?.detail?.messageZh).toMatch(/\p{Script=Han}/u);
    // A repeated delivery changes nothing: no second audit event, still no document.
    expect((await handleObjectCreated(event, deps)).outcome).toBe('quarantined');
    expect(
      (await emulators.store.listAudit(caseId)).filter((e) => e.action === 'UPLOAD_QUARANTINED'),
    ).toHaveLength(1);
    expect(await emulators.store.listDocumentVersions(caseId)).toEqual([]);
  }

  test("an object under case A's key with an upload id issued for case B is quarantined and audited, not recorded", async () => {
    const [a, b] = await Promise.all([newCase(['APPLICANT_ID_FRONT']), newCase(['APPLICANT_ID_FRONT'])]);
    const issuedForB = await issue(b.caseId, 'APPLICANT_ID_FRONT', 'image/png');
    const key = uploadKey({ caseId: a.caseId, docType: 'APPLICANT_ID_FRONT', uploadId: issuedForB.uploadId });
    const event = await putPastThePolicy(a.caseId, 'APPLICANT_ID_FRONT', png(1000, 640), 'image/png', {
      key,
      uploadId: issuedForB.uploadId,
    });
    await expectQuarantined(event, a.caseId, 'UPLOAD_NOT_ISSUED');
    expect(await emulators.store.listAudit(b.caseId)).not.toContainEqual(
      expect.objectContaining({ action: 'UPLOAD_QUARANTINED' }),
    );
  });

  test('an upload id issued for another document of the same case is quarantined, not recorded', async () => {
    const record = await newCase(['APPLICANT_ID_FRONT', 'APPLICANT_ID_BACK']);
    const issuedForBack = await issue(record.caseId, 'APPLICANT_ID_BACK', 'image/png');
    const key = uploadKey({
      caseId: record.caseId,
      docType: 'APPLICANT_ID_FRONT',
      uploadId: issuedForBack.uploadId,
    });
    const event = await putPastThePolicy(record.caseId, 'APPLICANT_ID_FRONT', png(1000, 640), 'image/png', {
      key,
      uploadId: issuedForBack.uploadId,
    });
    await expectQuarantined(event, record.caseId, 'UPLOAD_WRONG_DOCUMENT');
  });

  test('an object without an upload id is quarantined, even at the key of an issued upload', async () => {
    const record = await newCase(['APPLICANT_ID_FRONT']);
    const issued = await issue(record.caseId, 'APPLICANT_ID_FRONT', 'image/png');
    const event = await putPastThePolicy(record.caseId, 'APPLICANT_ID_FRONT', png(1000, 640), 'image/png', {
      key: issued.key,
      uploadId: null,
    });
    await expectQuarantined(event, record.caseId, 'UPLOAD_ID_MISSING');
  });

  test('an object whose upload id is not the one of its key is quarantined', async () => {
    const record = await newCase(['APPLICANT_ID_FRONT']);
    const [first, second] = [
      await issue(record.caseId, 'APPLICANT_ID_FRONT', 'image/png'),
      await issue(record.caseId, 'APPLICANT_ID_FRONT', 'image/png'),
    ];
    const event = await putPastThePolicy(record.caseId, 'APPLICANT_ID_FRONT', png(1000, 640), 'image/png', {
      key: first.key,
      uploadId: second.uploadId,
    });
    await expectQuarantined(event, record.caseId, 'UPLOAD_ID_MISMATCH');
  });

  test('the quarantined copy an interrupted run left is not inspected either when it is not bound', async () => {
    const record = await newCase(['APPLICANT_ID_FRONT']);
    const key = uploadKey({ caseId: record.caseId, docType: 'APPLICANT_ID_FRONT', uploadId: newUploadId() });
    const event = await putPastThePolicy(record.caseId, 'APPLICANT_ID_FRONT', png(1000, 640), 'image/png', {
      key,
      uploadId: null,
    });
    await emulators.files.quarantine(key); // a run that moved it, then died
    const result = await handleObjectCreated(event, deps);
    expect(result).toMatchObject({ outcome: 'quarantined', reason: 'UPLOAD_ID_MISSING' });
    expect(await emulators.store.listDocumentVersions(record.caseId)).toEqual([]);
    expect((await emulators.store.getCase(record.caseId))?.documents).toEqual({});
    expect(await emulators.files.head(quarantineKey(key))).toBeDefined(); // in quarantine already
    const audit = (await emulators.store.listAudit(record.caseId)).filter(
      (e) => e.action === 'UPLOAD_QUARANTINED',
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).toMatchObject({ reason: 'UPLOAD_ID_MISSING', quarantinedUnder: 'quarantine/' });
  });

  test('an object arriving long after its upload form expired is quarantined, not recorded', async () => {
    const record = await newCase(['APPLICANT_ID_FRONT']);
    const issued = await issue(
      record.caseId,
      'APPLICANT_ID_FRONT',
      'image/png',
      new Date(Date.now() - minutes(120)),
    );
    expect(Date.parse(issued.expiresAt) + UPLOAD_ARRIVAL_GRACE_SECONDS * 1000).toBeLessThan(Date.now());
    const event = await putPastThePolicy(record.caseId, 'APPLICANT_ID_FRONT', png(1000, 640), 'image/png', {
      key: issued.key,
      uploadId: issued.uploadId,
    });
    await expectQuarantined(event, record.caseId, 'UPLOAD_ARRIVED_LATE');
  });

  test('an object arriving just after expiry, within the grace for slow transfers and clock skew, is recorded', async () => {
    const record = await newCase(['APPLICANT_ID_FRONT']);
    // The form (10 minutes) expired one minute ago.
    const issued = await issue(
      record.caseId,
      'APPLICANT_ID_FRONT',
      'image/png',
      new Date(Date.now() - minutes(11)),
    );
    expect(Date.parse(issued.expiresAt)).toBeLessThan(Date.now());
    const event = await putPastThePolicy(record.caseId, 'APPLICANT_ID_FRONT', png(1000, 640), 'image/png', {
      key: issued.key,
      uploadId: issued.uploadId,
    });
    expect(await handleObjectCreated(event, deps)).toMatchObject({ outcome: 'recorded', status: 'VALID' });
    expect((await emulators.store.getCase(record.caseId))?.documents.APPLICANT_ID_FRONT?.status).toBe(
      'VALID',
    );
  });

  test('the form pins the upload id: S3 refuses a POST that changes or drops it, and the object carries it', async () => {
    const record = await newCase(['APPLICANT_ID_FRONT']);
    const form = await issue(record.caseId, 'APPLICANT_ID_FRONT', 'image/png');
    expect(form.fields['x-amz-meta-upload-id']).toBe(form.uploadId);
    const other = await issue(record.caseId, 'APPLICANT_ID_FRONT', 'image/png');
    const changed = await postUpload(form, png(1000, 640), { 'x-amz-meta-upload-id': other.uploadId });
    expect(changed.status).toBe(403);
    expect(changed.body).toContain('Policy Condition failed');
    const { 'x-amz-meta-upload-id': _dropped, ...withoutId } = form.fields;
    const dropped = await postUpload({ url: form.url, fields: withoutId }, png(1000, 640));
    expect(dropped.status).toBe(403);
    expect(await emulators.files.head(form.key)).toBeUndefined();
    expect((await postUpload(form, png(1000, 640))).status).toBe(204);
    expect((await emulators.files.head(form.key))?.uploadId).toBe(form.uploadId);
  });

  test('each issued upload is recorded with its case, document, expiry and who asked', async () => {
    const record = await newCase(['APPLICANT_ID_FRONT']);
    const form = await issue(record.caseId, 'APPLICANT_ID_FRONT', 'image/png');
    expect(await emulators.store.getIssuedUpload(record.caseId, form.uploadId)).toEqual({
      caseId: record.caseId,
      docType: 'APPLICANT_ID_FRONT',
      uploadId: form.uploadId,
      key: form.key,
      issuedAt: expect.any(String),
      expiresAt: form.expiresAt,
      requestedBy: actor,
    });
    expect(await emulators.store.getIssuedUpload(`${record.caseId}x`, form.uploadId)).toBeUndefined();
  });
});
