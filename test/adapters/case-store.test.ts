import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { entityKeyOf } from '#adapters/case-items';
import type { CaseStore } from '#adapters/case-store';
import { padSequencer } from '#adapters/object-created-event';
import { type DocumentVersion, toPublicCase } from '#domain/case-record';
import type { CreateCaseInput } from '#domain/case-repository';
import { startEmulators, type TestEmulators } from '../support/emulators.ts';
import { sampleApplication } from '../support/sample-application.ts';

let emulators: TestEmulators;
let store: CaseStore;
beforeAll(async () => {
  emulators = await startEmulators();
  store = emulators.store;
});
afterAll(() => emulators.close());

const applicant = { subject: 'user-applicant-1', role: 'applicant' } as const;
const officer = { subject: 'user-officer-1', role: 'officer' } as const;

function newCase(overrides: Partial<CreateCaseInput> = {}): CreateCaseInput {
  return {
    caseId: `c-${randomUUID().slice(0, 12)}`,
    applicantSubject: applicant.subject,
    entityKey: entityKeyOf('PASSPORT', randomUUID(), 'test-secret-0123456789'),
    applicantType: 'CHINESE_INDIVIDUAL',
    filingType: 'GENERAL',
    province: 'BJ',
    contact: { name: '张三', email: 'zhangsan@example.cn' },
    domains: ['example.cn'],
    application: sampleApplication(),
    requiredDocuments: ['APPLICANT_ID_FRONT', 'APPLICANT_ID_BACK'],
    actor: applicant,
    ...overrides,
  };
}

/** Walks a case to AWAITING_DOCUMENTS through legal transitions. */
async function toAwaitingDocuments(caseId: string, dueDate = '2026-12-31') {
  await store.updateStatus({ caseId, to: 'SUBMITTED', actor: applicant });
  return store.updateStatus({
    caseId,
    to: 'AWAITING_DOCUMENTS',
    actor: applicant,
    step: 'DOCUMENTS',
    dueDate,
  });
}

describe('cases', () => {
  test('a created case is a DRAFT at version 1 and reads back', async () => {
    const input = newCase();
    const created = await store.createCase(input);
    expect(created).toMatchObject({ status: 'DRAFT', version: 1, documents: {} });
    expect(await store.getCase(input.caseId)).toEqual(created);
  });

  test('repeating the same create returns the stored case', async () => {
    const input = newCase();
    const first = await store.createCase(input);
    expect(await store.createCase(input)).toEqual(first);
  });

  test('one open case per applicant entity; a terminal case releases the entity', async () => {
    const entityKey = entityKeyOf('RESIDENT_ID', '110101199003071234', 'test-secret-0123456789');
    const first = await store.createCase(newCase({ entityKey }));
    await expect(store.createCase(newCase({ entityKey }))).rejects.toMatchObject({
      code: 'OPEN_CASE_EXISTS',
    });
    await store.updateStatus({ caseId: first.caseId, to: 'WITHDRAWN', actor: applicant });
    const second = await store.createCase(newCase({ entityKey }));
    expect(second.status).toBe('DRAFT');
    const history = await store.listCasesByEntity(entityKey);
    expect(history.items.map((c) => c.caseId).sort()).toEqual([first.caseId, second.caseId].sort());
  });

  test('a retried final status releases the entity when the first attempt failed after writing it', async () => {
    const entityKey = entityKeyOf('RESIDENT_ID', '110101199003071234', 'retry-secret-0123456789');
    const first = await store.createCase(newCase({ entityKey }));
    // DynamoDB fails the lock's delete once (a throttle, a network fault) after the status was written.
    let failures = 1;
    emulators.db.middlewareStack.add(
      (next, context) => async (args) => {
        const pk = (args.input as { Key?: { PK?: string | { S?: string } } }).Key?.PK;
        const key = typeof pk === 'string' ? pk : (pk?.S ?? '');
        if (
          /^Delete(Item)?Command$/.test(context.commandName ?? '') &&
          key.startsWith('ENTITY#') &&
          failures-- > 0
        ) {
          throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'failLockDeleteOnce' },
    );
    const withdraw = {
      caseId: first.caseId,
      to: 'WITHDRAWN' as const,
      actor: applicant,
      idempotencyKey: 'withdraw-1',
    };
    try {
      await expect(store.updateStatus(withdraw)).rejects.toThrow('Rate exceeded');
      expect((await store.getCase(first.caseId))?.status).toBe('WITHDRAWN');
      await expect(store.createCase(newCase({ entityKey }))).rejects.toMatchObject({
        code: 'OPEN_CASE_EXISTS',
      });
      await store.updateStatus(withdraw); // the retry
      expect((await store.createCase(newCase({ entityKey }))).status).toBe('DRAFT');
    } finally {
      emulators.db.middlewareStack.remove('failLockDeleteOnce');
    }
  });

  test('concurrent creates for one entity: exactly one wins', async () => {
    const entityKey = entityKeyOf('USCC', '91110000600001760P', 'test-secret-0123456789');
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => store.createCase(newCase({ entityKey }))),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  test('the entity key is an HMAC: stable, not the ID number, secret-dependent', () => {
    const a = entityKeyOf('RESIDENT_ID', '11010119900307123x', 's1-0123456789abcdef');
    expect(a).toBe(entityKeyOf('resident_id', ' 11010119900307123X ', 's1-0123456789abcdef'));
    expect(a).not.toContain('110101');
    expect(a).not.toBe(entityKeyOf('RESIDENT_ID', '11010119900307123X', 's2-0123456789abcdef'));
  });

  test('the public view has no entity key', async () => {
    const created = await store.createCase(newCase());
    expect(toPublicCase(created)).not.toHaveProperty('entityKey');
  });
});

describe('status', () => {
  test('an illegal transition is refused and nothing changes', async () => {
    const created = await store.createCase(newCase());
    await expect(
      store.updateStatus({ caseId: created.caseId, to: 'APPROVED', actor: officer }),
    ).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
    });
    expect((await store.getCase(created.caseId))?.version).toBe(1);
  });

  test('a stale expected version is a conflict; the winner is kept', async () => {
    const created = await store.createCase(newCase());
    await store.updateStatus({
      caseId: created.caseId,
      to: 'SUBMITTED',
      actor: applicant,
      expectedVersion: 1,
    });
    await expect(
      store.updateStatus({ caseId: created.caseId, to: 'WITHDRAWN', actor: applicant, expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    expect((await store.getCase(created.caseId))?.status).toBe('SUBMITTED');
  });

  test('a retried update with the same idempotency key is a no-op', async () => {
    const created = await store.createCase(newCase());
    const once = await store.updateStatus({
      caseId: created.caseId,
      to: 'SUBMITTED',
      actor: applicant,
      idempotencyKey: 'submit-1',
    });
    const twice = await store.updateStatus({
      caseId: created.caseId,
      to: 'SUBMITTED',
      actor: applicant,
      idempotencyKey: 'submit-1',
    });
    expect(twice.version).toBe(once.version);
    const audit = await store.listAudit(created.caseId);
    expect(audit.filter((e) => e.action === 'STATUS_CHANGED')).toHaveLength(1);
  });

  test('the audit trail says who, what, when and the statuses before and after', async () => {
    const created = await store.createCase(newCase());
    await store.updateStatus({
      caseId: created.caseId,
      to: 'SUBMITTED',
      actor: applicant,
      reason: 'ID 110101199003071234 ok',
    });
    const audit = await store.listAudit(created.caseId);
    expect(audit.map((e) => e.action)).toEqual(['CASE_CREATED', 'STATUS_CHANGED']);
    const change = audit[1];
    expect(change).toMatchObject({ actor: applicant, fromStatus: 'DRAFT', toStatus: 'SUBMITTED' });
    expect(Date.parse(change?.at ?? '')).not.toBeNaN();
    expect(JSON.stringify(audit)).not.toContain('110101199003071234');
  });

  test('audit details mask ID numbers and mobiles but keep the ICP number readable', async () => {
    const created = await store.createCase(newCase());
    await store.appendAudit({
      caseId: created.caseId,
      at: '2026-01-01T00:00:00.000Z',
      idempotencyKey: 'decision-1',
      actor: officer,
      action: 'STEP_DECIDED',
      detail: { icpNumber: '京ICP备2026012345号-1', note: 'called 13812345678 about 110101199003071234' },
    });
    const decided = (await store.listAudit(created.caseId)).find((e) => e.action === 'STEP_DECIDED');
    expect(decided?.detail).toMatchObject({ icpNumber: '京ICP备2026012345号-1' });
    expect(JSON.stringify(decided)).not.toMatch(/13812345678|110101199003071234/);
  });

  test('audit events are append-only: the same key twice is stored once', async () => {
    const created = await store.createCase(newCase());
    const event = {
      caseId: created.caseId,
      at: '2026-01-01T00:00:00.000Z',
      idempotencyKey: 'k1',
      actor: officer,
      action: 'NOTE',
      detail: { note: 'first', taskToken: 'secret-token-value' },
    };
    expect(await store.appendAudit(event)).toBe(true);
    expect(await store.appendAudit({ ...event, detail: { note: 'second' } })).toBe(false);
    const notes = (await store.listAudit(created.caseId)).filter((e) => e.action === 'NOTE');
    expect(notes).toHaveLength(1);
    expect(notes[0]?.detail).toEqual({ note: 'first' });
  });
});

describe('queries (no scans)', () => {
  test('the officer queue lists cases waiting on a step, soonest due first, filtered by province', async () => {
    const step = 'DOCUMENTS';
    const a = await store.createCase(newCase({ province: 'SH' }));
    const b = await store.createCase(newCase({ province: 'SH' }));
    const c = await store.createCase(newCase({ province: 'GD' }));
    await toAwaitingDocuments(a.caseId, '2030-03-02');
    await toAwaitingDocuments(b.caseId, '2030-03-01');
    await toAwaitingDocuments(c.caseId, '2030-03-01');
    const queue = await store.listQueue(step, { province: 'SH', limit: 100 });
    const ids = queue.items.map((item) => item.caseId);
    expect(ids.indexOf(b.caseId)).toBeLessThan(ids.indexOf(a.caseId));
    expect(ids).not.toContain(c.caseId);
    const early = await store.listQueue(step, { dueBefore: '2030-03-01', limit: 100 });
    expect(early.items.map((i) => i.caseId)).toEqual(expect.arrayContaining([b.caseId, c.caseId]));
    expect(early.items.map((i) => i.caseId)).not.toContain(a.caseId);
    // Leaving the step takes the case off the queue.
    await store.updateStatus({ caseId: a.caseId, to: 'WITHDRAWN', actor: applicant });
    expect((await store.listQueue(step, { limit: 100 })).items.map((i) => i.caseId)).not.toContain(a.caseId);
  });

  test('a filtered queue page is filled from further reads, and its cursor continues after its last case', async () => {
    const ids: Record<string, string[]> = { XZ: [], QH: [] };
    for (const [day, province] of ['XZ', 'QH', 'XZ', 'QH', 'XZ'].entries()) {
      const created = await store.createCase(newCase({ province }));
      // Due long ago, so these lead the queue whatever other tests put in it.
      await toAwaitingDocuments(created.caseId, `2020-01-0${day + 1}`);
      ids[province]?.push(created.caseId);
    }
    const first = await store.listQueue('DOCUMENTS', { province: 'XZ', limit: 2 });
    expect(first.items.map((i) => i.caseId)).toEqual(ids.XZ?.slice(0, 2));
    const rest: string[] = [];
    let cursor = first.cursor;
    for (let pages = 0; cursor && pages < 50; pages += 1) {
      const page = await store.listQueue('DOCUMENTS', { province: 'XZ', limit: 2, cursor });
      rest.push(...page.items.map((i) => i.caseId));
      cursor = page.cursor;
    }
    expect(rest).toEqual(ids.XZ?.slice(2));
  });

  test("an applicant's cases page with an opaque cursor", async () => {
    const subject = `user-${randomUUID()}`;
    const ids = [];
    for (let i = 0; i < 5; i += 1)
      ids.push((await store.createCase(newCase({ applicantSubject: subject }))).caseId);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.listCasesByApplicant(subject, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((c) => c.caseId));
      cursor = page.cursor;
    } while (cursor);
    expect(seen.sort()).toEqual(ids.sort());
    await expect(store.listCasesByApplicant(subject, { cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'INVALID_CURSOR',
    });
  });

  test('a forged or foreign cursor is INVALID_CURSOR, never a DynamoDB error or another list', async () => {
    const mine = `user-${randomUUID()}`;
    const theirs = `user-${randomUUID()}`;
    for (const subject of [mine, mine, theirs, theirs])
      await store.createCase(newCase({ applicantSubject: subject }));
    const theirPage = await store.listCasesByApplicant(theirs, { limit: 1 });
    expect(theirPage.cursor).toEqual(expect.any(String));
    const encode = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const forged = [
      theirPage.cursor as string, // another applicant's list
      encode({ PK: 'CASE#x', SK: 'CASE', applicantPk: `APPLICANT#${mine}` }), // a key missing
      encode({ PK: 'CASE#x', SK: 'CASE', applicantPk: `APPLICANT#${mine}`, other: 'y' }), // wrong names
      encode({ PK: 'CASE#x', SK: 'CASE', applicantPk: `APPLICANT#${mine}`, applicantSk: 5 }), // not a string
      encode(['CASE#x']),
    ];
    for (const cursor of forged) {
      await expect(store.listCasesByApplicant(mine, { cursor }), cursor).rejects.toMatchObject({
        code: 'INVALID_CURSOR',
      });
    }
    // A cursor past the queue's due-date bound is refused too (DynamoDB would answer 500).
    const beyond = encode({ PK: 'CASE#x', SK: 'CASE', queuePk: 'QUEUE#REVIEW', queueSk: '2999-01-01#x' });
    await expect(
      store.listQueue('REVIEW', { dueBefore: '2026-01-01', cursor: beyond }),
    ).rejects.toMatchObject({
      code: 'INVALID_CURSOR',
    });
  });

  test('a case is found by its ICP number once approved', async () => {
    const created = await store.createCase(newCase());
    await toAwaitingDocuments(created.caseId);
    for (const to of [
      'CROSS_CHECKING',
      'UNDER_REVIEW',
      'AWAITING_VERIFICATION',
      'READY_FOR_BUREAU',
      'AT_BUREAU',
    ] as const) {
      await store.updateStatus({ caseId: created.caseId, to, actor: officer });
    }
    const icpNumber = `京ICP备${Math.floor(Math.random() * 9e7 + 1e7)}号`;
    await store.updateStatus({ caseId: created.caseId, to: 'APPROVED', actor: officer, icpNumber });
    const found = await store.listCasesByIcpNumber(icpNumber);
    expect(found.items.map((c) => c.caseId)).toEqual([created.caseId]);
  });
});

describe('document versions', () => {
  const version = (caseId: string, sequencer: string, etag: string): DocumentVersion => ({
    caseId,
    docType: 'APPLICANT_ID_FRONT',
    uploadId: '0000000000010000000000000001',
    bucket: 'b',
    key: 'k',
    originalKey: 'k',
    etag,
    sequencer: padSequencer(sequencer),
    identity: `b/k/${etag}/${padSequencer(sequencer)}`,
    size: 10,
    status: 'VALID',
    findings: [],
    uploadedAt: '2026-01-01T00:00:00.000Z',
    recordedAt: '2026-01-01T00:00:01.000Z',
  });

  test('the same object is recorded once, an older object never replaces a newer one', async () => {
    const created = await store.createCase(newCase());
    expect((await store.recordDocumentVersion(version(created.caseId, 'B', 'e2'))).outcome).toBe('recorded');
    expect((await store.recordDocumentVersion(version(created.caseId, 'B', 'e2'))).outcome).toBe('duplicate');
    expect((await store.recordDocumentVersion(version(created.caseId, 'A', 'e1'))).outcome).toBe('stale');
    expect((await store.recordDocumentVersion(version(created.caseId, 'C', 'e3'))).outcome).toBe('recorded');
    const versions = await store.listDocumentVersions(created.caseId);
    expect(versions.map((v) => v.etag)).toEqual(['e3']);
  });

  test("a repeated summary of the same upload never undoes an officer's return of it", async () => {
    const created = await store.createCase(newCase());
    const inspected = {
      uploadId: 'u1',
      key: 'cases/x/APPLICANT_ID_FRONT/u1',
      status: 'VALID' as const,
      findings: [],
      uploadedAt: '2026-01-01T00:00:00.000Z',
      recordedAt: '2026-01-01T00:00:01.000Z',
    };
    await store.applyDocumentSummary(created.caseId, 'APPLICANT_ID_FRONT', inspected);
    await store.modifyCase(created.caseId, (c) => {
      c.documents.APPLICANT_ID_FRONT = { ...inspected, status: 'REJECTED_BY_OFFICER' };
      return c;
    });
    // S3 delivers the upload's event again (at-least-once): the officer's judgement stands.
    await store.applyDocumentSummary(created.caseId, 'APPLICANT_ID_FRONT', inspected);
    expect((await store.getCase(created.caseId))?.documents.APPLICANT_ID_FRONT?.status).toBe(
      'REJECTED_BY_OFFICER',
    );
    // A new upload of the document replaces it.
    await store.applyDocumentSummary(created.caseId, 'APPLICANT_ID_FRONT', {
      ...inspected,
      uploadId: 'u2',
      uploadedAt: '2026-01-02T00:00:00.000Z',
    });
    expect((await store.getCase(created.caseId))?.documents.APPLICANT_ID_FRONT).toMatchObject({
      uploadId: 'u2',
      status: 'VALID',
    });
  });
});

describe('pending human tasks', () => {
  test('exactly one of many concurrent claims wins the token', async () => {
    const created = await store.createCase(newCase());
    await store.putTask({ caseId: created.caseId, step: 'REVIEW', token: 'token-abc' });
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.claimTask(created.caseId, 'REVIEW', `officer-${i}`)),
    );
    const winners = claims.filter((c) => c !== undefined);
    expect(winners).toHaveLength(1);
    expect(winners[0]?.token).toBe('token-abc');
    await store.completeTask(created.caseId, 'REVIEW', winners[0]?.claimedBy as string);
    const done = await store.getTask(created.caseId, 'REVIEW');
    expect(done).toMatchObject({ taskState: 'DONE' });
    expect(done).not.toHaveProperty('token');
  });

  test('the case item never holds a task token', async () => {
    const created = await store.createCase(newCase());
    await store.putTask({ caseId: created.caseId, step: 'DOCUMENTS', token: 'token-xyz' });
    expect(JSON.stringify(await store.getCase(created.caseId))).not.toContain('token-xyz');
  });
});

test('no item in the table holds an ID number', async () => {
  // A test-only scan over everything the tests above wrote.
  const { Items } = await emulators.db.send(new ScanCommand({ TableName: emulators.tableName }));
  expect(JSON.stringify(Items)).not.toMatch(/11010119900307\d{4}/);
});
