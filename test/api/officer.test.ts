import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevIssuer } from '#stack/dev-issuer';
import {
  type ApiHarness,
  caseWaitingOn,
  individualApplication,
  putCaseDirectly,
  startApiHarness,
} from './harness.ts';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
}, 30_000);
afterAll(() => h.close());

const OFFICER = 'officer-wang-fang';
const SUPERVISOR = 'supervisor-liu-yang';
const reason = { message: 'The scan is blurred.', messageZh: '扫描件不清晰。' };

const decide = (caseId: string, path: string, body: unknown, as = OFFICER) =>
  h.call('POST', `/officer/cases/${caseId}/${path}`, { as, body });

const lastSuccessFor = (token: string) =>
  h.sfn.calls.filter((c) => c.action === 'SendTaskSuccess' && c.token === token).at(-1)?.output;

describe('officer decisions resume the pending step with the documented output', () => {
  it('REVIEW approve', async () => {
    const { record, token } = await caseWaitingOn(h, 'REVIEW');
    const response = await decide(record.caseId, 'review', { decision: 'APPROVE' });
    expect(response.status, response.text).toBe(202);
    expect(response.body).toMatchObject({ caseId: record.caseId, step: 'REVIEW', accepted: true });
    expect(lastSuccessFor(token)).toEqual({ decision: 'APPROVE' });
    expect(response.text).not.toContain(token);
    const task = await h.deps.store.getTask(record.caseId, 'REVIEW');
    expect(task?.taskState).toBe('DONE');
    const audit = await h.deps.store.listAudit(record.caseId);
    expect(audit.find((e) => e.action === 'STEP_DECIDED')).toMatchObject({
      action: 'STEP_DECIDED',
      actor: { subject: OFFICER, role: 'officer' },
      fromStatus: 'UNDER_REVIEW',
      detail: {
        step: 'REVIEW',
        before: { status: 'UNDER_REVIEW', step: 'REVIEW' },
        after: { decision: 'APPROVE' },
      },
    });
  });

  it('REVIEW return of named required documents with bilingual reasons', async () => {
    const { record, token } = await caseWaitingOn(h, 'REVIEW');
    const body = {
      decision: 'RETURN',
      documents: [{ docType: 'APPLICANT_ID_FRONT', reason: { code: 'BLURRED', ...reason } }],
    };
    const response = await decide(record.caseId, 'review', body);
    expect(response.status).toBe(202);
    expect(lastSuccessFor(token)).toEqual(body);
  });

  it('REVIEW return of a document the case does not require is 400 and claims nothing', async () => {
    const { record } = await caseWaitingOn(h, 'REVIEW');
    const response = await decide(record.caseId, 'review', {
      decision: 'RETURN',
      documents: [{ docType: 'BUSINESS_LICENCE', reason }],
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'DOCUMENT_NOT_REQUIRED', field: 'documents.0.docType' });
    expect((await h.deps.store.getTask(record.caseId, 'REVIEW'))?.taskState).toBe('OPEN');
  });

  it('REVIEW reject', async () => {
    const { record, token } = await caseWaitingOn(h, 'REVIEW');
    const response = await decide(record.caseId, 'review', { decision: 'REJECT', reason });
    expect(response.status).toBe(202);
    expect(lastSuccessFor(token)).toEqual({ decision: 'REJECT', reason });
  });

  it('LICENCE_REVIEW approve with the fee', async () => {
    const { record, token } = await caseWaitingOn(h, 'LICENCE_REVIEW');
    const response = await decide(record.caseId, 'licence-review', { decision: 'APPROVE', feeYuan: 3000 });
    expect(response.status).toBe(202);
    expect(lastSuccessFor(token)).toEqual({ decision: 'APPROVE', feeYuan: 3000 });
    // The fee is on the record the console's history shows, not only in the workflow.
    const decided = (await h.deps.store.listAudit(record.caseId)).find((e) => e.action === 'STEP_DECIDED');
    expect(decided?.detail?.after).toEqual({ decision: 'APPROVE', feeYuan: 3000 });
  });

  it('APPOINTMENT on a future business day; a holiday or a past time is 400', async () => {
    const { record, token } = await caseWaitingOn(h, 'APPOINTMENT');
    const holiday = await decide(record.caseId, 'appointment', {
      officeId: 'BJ',
      startsAt: '2026-05-01T10:00:00+08:00',
    });
    expect(holiday.status).toBe(400);
    expect(holiday.body).toMatchObject({ code: 'APPOINTMENT_NOT_BUSINESS_DAY', field: 'startsAt' });
    const past = await decide(record.caseId, 'appointment', {
      officeId: 'BJ',
      startsAt: '2026-02-27T10:00:00+08:00',
    });
    expect(past.status).toBe(400);
    const ok = await decide(record.caseId, 'appointment', {
      officeId: 'SH',
      startsAt: '2026-03-05T10:00:00+08:00',
    });
    expect(ok.status, ok.text).toBe(202);
    expect(lastSuccessFor(token)).toEqual({ officeId: 'SH', startsAt: '2026-03-05T10:00:00+08:00' });
  });

  it('VERIFICATION present and no-show', async () => {
    const a = await caseWaitingOn(h, 'VERIFICATION');
    expect((await decide(a.record.caseId, 'verification', { outcome: 'PRESENT' })).status).toBe(202);
    expect(lastSuccessFor(a.token)).toEqual({ outcome: 'PRESENT' });
    const b = await caseWaitingOn(h, 'VERIFICATION');
    expect((await decide(b.record.caseId, 'verification', { outcome: 'NO_SHOW' })).status).toBe(202);
    expect(lastSuccessFor(b.token)).toEqual({ outcome: 'NO_SHOW' });
  });

  it('BUREAU_SUBMISSION with a reference', async () => {
    const { record, token } = await caseWaitingOn(h, 'BUREAU_SUBMISSION');
    const body = { submittedAt: '2026-03-02T09:30:00+08:00', reference: 'BJ-2026-000123' };
    const response = await decide(record.caseId, 'bureau-submission', body);
    expect(response.status).toBe(202);
    expect(lastSuccessFor(token)).toEqual(body);
  });

  it('BUREAU_DECISION approve with an ICP number of the case’s province; another province’s number is 400', async () => {
    const { record, token } = await caseWaitingOn(h, 'BUREAU_DECISION');
    const wrong = await decide(record.caseId, 'bureau-decision', {
      decision: 'APPROVE',
      icpNumber: '沪ICP备12345678号',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'ICP_NUMBER_PROVINCE_MISMATCH', field: 'icpNumber' });
    const garbled = await decide(record.caseId, 'bureau-decision', {
      decision: 'APPROVE',
      icpNumber: 'ICP 12345',
    });
    expect(garbled.status).toBe(400);
    expect(garbled.body.field).toBe('icpNumber');
    const ok = await decide(record.caseId, 'bureau-decision', {
      decision: 'APPROVE',
      icpNumber: '京ICP备12345678号-1',
    });
    expect(ok.status, ok.text).toBe(202);
    expect(lastSuccessFor(token)).toEqual({
      decision: 'APPROVE',
      icpNumber: expect.stringMatching(/^京ICP备12345678号/),
    });
  });

  it('BUREAU_DECISION checks the number against the case: a GENERAL case needs a website filing number, not a licence', async () => {
    const { record, token } = await caseWaitingOn(h, 'BUREAU_DECISION');
    const licence = await decide(record.caseId, 'bureau-decision', {
      decision: 'APPROVE',
      icpNumber: '京B2-20090059',
    });
    expect(licence.status).toBe(400);
    expect(licence.body).toMatchObject({ code: 'DECISION_NEEDS_FILING_NUMBER', field: 'icpNumber' });
    expect(licence.body.messageZh).toMatch(/\p{Script=Han}/u);
    const entityOnly = await decide(record.caseId, 'bureau-decision', {
      decision: 'APPROVE',
      icpNumber: '京ICP备2026012345号',
    });
    expect(entityOnly.body).toMatchObject({ code: 'DECISION_NEEDS_SITE_NUMBER', field: 'icpNumber' });
    expect(lastSuccessFor(token)).toBeUndefined();
  });

  it('BUREAU_DECISION on a COMMERCIAL case takes the licence number 京B2-20090059 and refuses a filing number', async () => {
    const { record, token } = await caseWaitingOn(h, 'BUREAU_DECISION');
    await h.deps.store.modifyCase(record.caseId, (c) => ({ ...c, filingType: 'COMMERCIAL' }) as typeof c, {
      now: new Date(),
    });
    const filing = await decide(record.caseId, 'bureau-decision', {
      decision: 'APPROVE',
      icpNumber: '京ICP备2026012345号-1',
    });
    expect(filing.status).toBe(400);
    expect(filing.body).toMatchObject({ code: 'DECISION_NEEDS_LICENCE_NUMBER', field: 'icpNumber' });
    const ok = await decide(record.caseId, 'bureau-decision', {
      decision: 'APPROVE',
      icpNumber: '京B2-20090059',
    });
    expect(ok.status, ok.text).toBe(202);
    expect(lastSuccessFor(token)).toEqual({ decision: 'APPROVE', icpNumber: '京B2-20090059' });
  });

  it('BUREAU_DECISION on an ADD_WEBSITE case refuses a number outside the entity’s existing one', async () => {
    const { record } = await caseWaitingOn(h, 'BUREAU_DECISION');
    await h.deps.store.modifyCase(
      record.caseId,
      (c) =>
        ({
          ...c,
          filingType: 'ADD_WEBSITE',
          application: {
            ...c.application,
            filingType: 'ADD_WEBSITE',
            existingIcpNumber: '京ICP备2025000001号-1',
          },
        }) as typeof c,
      { now: new Date() },
    );
    const other = await decide(record.caseId, 'bureau-decision', {
      decision: 'APPROVE',
      icpNumber: '京ICP备2026099999号-1',
    });
    expect(other.body).toMatchObject({ code: 'DECISION_NUMBER_NOT_OF_ENTITY', field: 'icpNumber' });
    const ok = await decide(record.caseId, 'bureau-decision', {
      decision: 'APPROVE',
      icpNumber: '京ICP备2025000001号-2',
    });
    expect(ok.status, ok.text).toBe(202);
  });

  it('BUREAU_DECISION reject', async () => {
    const { record, token } = await caseWaitingOn(h, 'BUREAU_DECISION');
    expect((await decide(record.caseId, 'bureau-decision', { decision: 'REJECT', reason })).status).toBe(202);
    expect(lastSuccessFor(token)).toEqual({ decision: 'REJECT', reason });
  });

  it('a decision on a step that is not pending is 409 STEP_NOT_PENDING', async () => {
    const { record } = await caseWaitingOn(h, 'REVIEW');
    const response = await decide(record.caseId, 'verification', { outcome: 'PRESENT' });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('STEP_NOT_PENDING');
    expect((await decide(record.caseId, 'review', { decision: 'APPROVE' })).status).toBe(202);
    expect((await decide(record.caseId, 'review', { decision: 'APPROVE' })).status).toBe(409);
  });

  it('a token the workflow no longer knows completes the task and answers 409 TASK_GONE', async () => {
    const { record, token } = await caseWaitingOn(h, 'REVIEW');
    h.sfn.goneTokens.add(token);
    const response = await decide(record.caseId, 'review', { decision: 'APPROVE' });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('TASK_GONE');
    expect((await h.deps.store.getTask(record.caseId, 'REVIEW'))?.taskState).toBe('DONE');
  });

  it('a Step Functions failure releases the claim and answers 500 without a stack; the next try succeeds', async () => {
    const { record, token } = await caseWaitingOn(h, 'REVIEW');
    h.sfn.failing.count = 1;
    const failed = await decide(record.caseId, 'review', { decision: 'APPROVE' });
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({
      code: 'INTERNAL',
      message: expect.any(String),
      messageZh: expect.any(String),
    });
    expect(failed.text).not.toMatch(/injected|at .*\.ts/);
    expect((await h.deps.store.getTask(record.caseId, 'REVIEW'))?.taskState).toBe('OPEN');
    expect((await decide(record.caseId, 'review', { decision: 'APPROVE' })).status).toBe(202);
    expect(lastSuccessFor(token)).toEqual({ decision: 'APPROVE' });
  });

  it('20 concurrent approvals of one step: exactly one 202, nineteen 409, one SendTaskSuccess', async () => {
    const { record, token } = await caseWaitingOn(h, 'REVIEW');
    const officers = ['officer-wang-fang', 'officer-chen-jing', 'supervisor-liu-yang'];
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        decide(record.caseId, 'review', { decision: 'APPROVE' }, officers[i % 3]),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(h.sfn.calls.filter((c) => c.action === 'SendTaskSuccess' && c.token === token)).toHaveLength(1);
  });
});

describe('officer views', () => {
  it('the queue of a step: soonest due first, filtered by office, province and overdue, paginated', async () => {
    const a = await putCaseDirectly(h, {
      applicant: 'x1',
      step: 'LICENCE_REVIEW',
      dueDate: '2026-03-10',
      office: 'BJ',
    });
    const b = await putCaseDirectly(h, {
      applicant: 'x2',
      step: 'LICENCE_REVIEW',
      dueDate: '2026-02-20',
      office: 'SH',
      province: 'SH',
    });
    const c = await putCaseDirectly(h, {
      applicant: 'x3',
      step: 'LICENCE_REVIEW',
      dueDate: '2026-03-01',
      office: 'BJ',
    });
    const all = await h.call('GET', '/officer/queue?step=LICENCE_REVIEW&limit=100', { as: OFFICER });
    expect(all.status).toBe(200);
    const ids = all.body.items.map((i: { caseId: string }) => i.caseId);
    expect(ids.filter((id: string) => [a, b, c].includes(id))).toEqual([b, c, a]);
    const dues = all.body.items.map((i: { dueDate: string }) => i.dueDate);
    expect([...dues].sort()).toEqual(dues);

    const shanghai = await h.call('GET', '/officer/queue?step=LICENCE_REVIEW&office=SH', { as: OFFICER });
    expect(shanghai.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([b]);
    const province = await h.call('GET', '/officer/queue?step=LICENCE_REVIEW&province=SH', { as: OFFICER });
    expect(province.body.items.map((i: { caseId: string }) => i.caseId)).toEqual([b]);
    const overdue = await h.call('GET', '/officer/queue?step=LICENCE_REVIEW&overdue=true', { as: OFFICER });
    const overdueIds = overdue.body.items.map((i: { caseId: string }) => i.caseId);
    expect(overdueIds).toContain(b);
    expect(overdueIds).toContain(c);
    expect(overdueIds).not.toContain(a);

    const page1 = await h.call('GET', '/officer/queue?step=LICENCE_REVIEW&limit=1', { as: OFFICER });
    expect(page1.body.items).toHaveLength(1);
    const page2 = await h.call(
      'GET',
      `/officer/queue?step=LICENCE_REVIEW&limit=1&cursor=${encodeURIComponent(page1.body.cursor)}`,
      { as: OFFICER },
    );
    expect(page2.body.items[0].caseId).not.toBe(page1.body.items[0].caseId);
  });

  it('the queue needs a valid step (400)', async () => {
    const response = await h.call('GET', '/officer/queue', { as: OFFICER });
    expect(response.status).toBe(400);
    expect(response.body.field).toBe('step');
  });

  it('a case in full: every required document, findings, short-lived download (attachment) and preview (inline) links', async () => {
    const { record } = await caseWaitingOn(h, 'REVIEW');
    await h.deps.store.applyDocumentSummary(record.caseId, 'APPLICANT_ID_FRONT', {
      uploadId: '0000000000000000000000000001',
      key: `cases/${record.caseId}/APPLICANT_ID_FRONT/0000000000000000000000000001`,
      status: 'VALID',
      contentType: 'image/png',
      findings: [{ code: 'IMAGE_OK', severity: 'INFO', message: 'Readable.', messageZh: '清晰。' }],
      uploadedAt: '2026-03-01T00:00:00.000Z',
      recordedAt: '2026-03-01T00:00:01.000Z',
    });
    const response = await h.call('GET', `/officer/cases/${record.caseId}`, { as: 'officer-chen-jing' });
    expect(response.status).toBe(200);
    expect(response.body.case.caseId).toBe(record.caseId);
    expect(response.body.case.entityKey).toBeUndefined();
    const front = response.body.documents.find(
      (d: { docType: string }) => d.docType === 'APPLICANT_ID_FRONT',
    );
    expect(front).toMatchObject({
      status: 'VALID',
      findings: [expect.objectContaining({ code: 'IMAGE_OK' })],
    });
    const expires = Number(new URL(front.downloadUrl).searchParams.get('X-Amz-Expires'));
    expect(expires).toBeGreaterThan(0);
    expect(expires).toBeLessThanOrEqual(300);
    // The download saves the file; the preview shows it, with the type found in its content.
    expect(new URL(front.downloadUrl).searchParams.get('response-content-disposition')).toBe('attachment');
    expect(new URL(front.previewUrl).searchParams.get('response-content-disposition')).toBe('inline');
    expect(new URL(front.previewUrl).searchParams.get('response-content-type')).toBe(front.contentType);
    const missing = response.body.documents.find(
      (d: { docType: string }) => d.docType === 'APPLICANT_ID_BACK',
    );
    expect(missing).toMatchObject({ status: 'MISSING' });
    expect(missing.downloadUrl).toBeUndefined();
    expect(missing.previewUrl).toBeUndefined();
  });

  it('the audit trail: who did what, and when, oldest first', async () => {
    const started = h.clock.now;
    const at = (minutes: number) => new Date(started.getTime() + minutes * 60_000);
    const WORKFLOW = { subject: 'system:workflow', role: 'system' } as const;
    try {
      // The applicant creates and submits; the workflow moves the case to review; an officer approves.
      const created = await h.call('POST', '/cases', {
        as: 'applicant-zhang-wei',
        body: individualApplication(),
      });
      expect(created.status, created.text).toBe(201);
      const caseId = created.body.caseId as string;
      h.clock.now = at(5);
      const submitted = await h.call('POST', `/cases/${caseId}/submit`, { as: 'applicant-zhang-wei' });
      expect(submitted.status, submitted.text).toBe(200);
      const moves = [
        ['SUBMITTED', 'AWAITING_DOCUMENTS', 10],
        ['AWAITING_DOCUMENTS', 'CROSS_CHECKING', 20],
        ['CROSS_CHECKING', 'UNDER_REVIEW', 30],
      ] as const;
      for (const [, to, minutes] of moves) {
        await h.deps.store.updateStatus({
          caseId,
          to,
          actor: WORKFLOW,
          ...(to === 'UNDER_REVIEW' ? { step: 'REVIEW' as const } : {}),
          now: at(minutes),
        });
      }
      await h.deps.store.putTask({ caseId, step: 'REVIEW', token: `token-${caseId}-${'x'.repeat(40)}` });
      h.clock.now = at(60);
      expect((await decide(caseId, 'review', { decision: 'APPROVE' })).status).toBe(202);

      h.clock.now = at(61);
      const response = await h.call('GET', `/officer/cases/${caseId}/audit`, { as: OFFICER });
      expect(response.status).toBe(200);
      const trail = (
        response.body.items as Array<{
          at: string;
          actor: { subject: string; role: string };
          action: string;
          fromStatus?: string;
          toStatus?: string;
          detail?: { step?: string; after?: unknown };
        }>
      ).map((e) => ({
        at: e.at,
        who: `${e.actor.subject} (${e.actor.role})`,
        what: `${e.action}${e.fromStatus ? ` ${e.fromStatus}` : ''}${e.toStatus ? ` → ${e.toStatus}` : ''}`,
        ...(e.action === 'STEP_DECIDED' ? { step: e.detail?.step, decision: e.detail?.after } : {}),
      }));
      expect(trail).toEqual([
        { at: at(0).toISOString(), who: 'applicant-zhang-wei (applicant)', what: 'CASE_CREATED → DRAFT' },
        {
          at: at(5).toISOString(),
          who: 'applicant-zhang-wei (applicant)',
          what: 'STATUS_CHANGED DRAFT → SUBMITTED',
        },
        ...moves.map(([from, to, minutes]) => ({
          at: at(minutes).toISOString(),
          who: 'system:workflow (system)',
          what: `STATUS_CHANGED ${from} → ${to}`,
        })),
        {
          at: at(60).toISOString(),
          who: `${OFFICER} (officer)`,
          what: 'STEP_DECIDED UNDER_REVIEW',
          step: 'REVIEW',
          decision: { decision: 'APPROVE' },
        },
      ]);
    } finally {
      h.clock.now = started;
    }
  });

  it('records the bureau’s SMS verification only while the case is at the bureau', async () => {
    const { record } = await caseWaitingOn(h, 'BUREAU_DECISION');
    const response = await h.call('POST', `/officer/cases/${record.caseId}/sms-verification`, {
      as: OFFICER,
      body: { completedAt: '2026-03-02T09:00:00+08:00' },
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.smsVerification).toMatchObject({ completedAt: '2026-03-02T09:00:00+08:00' });
    const audit = await h.deps.store.listAudit(record.caseId);
    expect(audit.find((e) => e.action === 'SMS_VERIFICATION_RECORDED')).toMatchObject({
      actor: { subject: OFFICER, role: 'officer' },
    });
    const early = await caseWaitingOn(h, 'REVIEW');
    const refused = await h.call('POST', `/officer/cases/${early.record.caseId}/sms-verification`, {
      as: OFFICER,
      body: {},
    });
    expect(refused.status).toBe(409);
  });
});

describe('officer steps keep time order, at the server’s time', () => {
  const CHEN_JING = 'officer-chen-jing'; // Shanghai office
  const FRIDAY_APPOINTMENT = { officeId: 'BJ', startsAt: '2026-03-06T10:00:00+08:00' } as const;

  /** Runs `body` with the server's clock at `at`, then puts the harness's clock back. */
  const at = async (instant: string, body: () => Promise<void>) => {
    const before = h.clock.now;
    h.clock.now = new Date(instant);
    try {
      await body();
    } finally {
      h.clock.now = before;
    }
  };

  const successes = (token: string) =>
    h.sfn.calls.filter((c) => c.action === 'SendTaskSuccess' && c.token === token).length;

  it('refuses presence (or a no-show) before the appointment’s start and changes nothing; accepts it from the start', async () => {
    const { record, token } = await caseWaitingOn(h, 'VERIFICATION', { appointment: FRIDAY_APPOINTMENT });
    // Booked for Friday 10:00, confirmed on Wednesday: the probe of issue 14.
    await at('2026-03-04T02:00:00Z', async () => {
      const before = await h.snapshot();
      for (const outcome of ['PRESENT', 'NO_SHOW']) {
        const early = await decide(record.caseId, 'verification', { outcome });
        expect(early.status, early.text).toBe(409);
        expect(early.body).toMatchObject({ code: 'PRESENCE_BEFORE_APPOINTMENT' });
        expect(early.body.message).toContain('2026-03-06 10:00 China time');
        expect(early.body.messageZh).toContain('北京时间 2026-03-06 10:00');
      }
      expect(await h.snapshot()).toBe(before);
      expect(successes(token)).toBe(0);
    });
    // One minute before the start (China time) is still before it.
    await at('2026-03-06T01:59:00Z', async () => {
      expect((await decide(record.caseId, 'verification', { outcome: 'PRESENT' })).status).toBe(409);
    });
    await at('2026-03-06T02:00:00Z', async () => {
      const ok = await decide(record.caseId, 'verification', { outcome: 'PRESENT' });
      expect(ok.status, ok.text).toBe(202);
    });
    expect(lastSuccessFor(token)).toEqual({ outcome: 'PRESENT' });
    // The record's time is the server's, with the appointment it was held against.
    const decided = (await h.deps.store.listAudit(record.caseId)).find((e) => e.action === 'STEP_DECIDED');
    expect(decided).toMatchObject({
      at: '2026-03-06T02:00:00.000Z',
      detail: { step: 'VERIFICATION', after: { outcome: 'PRESENT', appointment: FRIDAY_APPOINTMENT } },
    });
  });

  it('lets only officers of the appointment’s office record it (403 NOT_YOUR_OFFICE), and supervisors at any office', async () => {
    const shanghai = { officeId: 'SH', startsAt: '2026-03-02T09:00:00+08:00' } as const;
    const { record, token } = await caseWaitingOn(h, 'VERIFICATION', { appointment: shanghai });
    const before = await h.snapshot();
    const beijing = await decide(record.caseId, 'verification', { outcome: 'PRESENT' }, OFFICER);
    expect(beijing.status, beijing.text).toBe(403);
    expect(beijing.body).toMatchObject({ code: 'NOT_YOUR_OFFICE' });
    expect(beijing.body.message).toContain('SH');
    expect(beijing.body.messageZh).toMatch(/\p{Script=Han}/u);
    expect(await h.snapshot()).toBe(before);
    expect(successes(token)).toBe(0);
    const ok = await decide(record.caseId, 'verification', { outcome: 'PRESENT' }, CHEN_JING);
    expect(ok.status, ok.text).toBe(202);

    // 刘洋 is a supervisor of the Beijing office: he may stand in at Shanghai.
    const other = await caseWaitingOn(h, 'VERIFICATION', { appointment: shanghai });
    expect(
      (await decide(other.record.caseId, 'verification', { outcome: 'NO_SHOW' }, SUPERVISOR)).status,
    ).toBe(202);
  });

  it('refuses a verification when the case has no appointment to hold it to (409 NO_APPOINTMENT)', async () => {
    const { record, token } = await caseWaitingOn(h, 'VERIFICATION');
    await h.deps.store.modifyCase(record.caseId, ({ appointment: _, ...current }) => current);
    const response = await decide(record.caseId, 'verification', { outcome: 'PRESENT' }, SUPERVISOR);
    expect(response.status, response.text).toBe(409);
    expect(response.body).toMatchObject({ code: 'NO_APPOINTMENT' });
    expect(successes(token)).toBe(0);
  });

  it('refuses an officer whose token names no office (fails closed)', async () => {
    const issuer = await createDevIssuer({
      issuer: h.issuer.issuer,
      clientId: 'icp-console',
      keyFile: h.keyFile,
      users: [
        {
          sub: 'officer-no-office',
          name: '无办公室',
          email: 'x@hosting.example',
          role: 'officer',
          description: '',
        },
      ],
    });
    const { record } = await caseWaitingOn(h, 'VERIFICATION');
    const response = await h.call('POST', `/officer/cases/${record.caseId}/verification`, {
      token: await issuer.tokenFor('officer-no-office'),
      body: { outcome: 'PRESENT' },
    });
    expect(response.status, response.text).toBe(403);
    expect(response.body).toMatchObject({ code: 'NOT_YOUR_OFFICE' });
    expect(response.body.message).toContain('names no office');
  });

  it('refuses a submission dated before the in-person verification (400) and changes nothing', async () => {
    const { record, token } = await caseWaitingOn(h, 'BUREAU_SUBMISSION');
    const before = await h.snapshot();
    const response = await decide(record.caseId, 'bureau-submission', {
      submittedAt: '2026-03-01T15:00:00+08:00',
    });
    expect(response.status, response.text).toBe(400);
    expect(response.body).toMatchObject({ code: 'SUBMISSION_BEFORE_VERIFICATION', field: 'submittedAt' });
    expect(response.body.message).toContain('2026-03-02 09:00 China time');
    expect(await h.snapshot()).toBe(before);
    expect(successes(token)).toBe(0);
  });

  it('records a submission a browser dates a little ahead of the server at the server’s time', async () => {
    const { record, token } = await caseWaitingOn(h, 'BUREAU_SUBMISSION');
    // The harness's clock is 10:00 in Beijing; the officer's browser is three minutes fast.
    const response = await decide(record.caseId, 'bureau-submission', {
      submittedAt: '2026-03-02T10:03:00+08:00',
    });
    expect(response.status, response.text).toBe(202);
    expect(lastSuccessFor(token)).toEqual({ submittedAt: h.clock.now.toISOString() });
  });

  it('refuses the bureau’s decision before the recorded submission (409) and changes nothing', async () => {
    const { record, token } = await caseWaitingOn(h, 'BUREAU_DECISION', {
      submission: { submittedAt: '2026-03-02T10:30:00+08:00', recordedAt: '2026-03-02T02:30:00.000Z' },
    });
    const before = await h.snapshot();
    for (const body of [
      { decision: 'APPROVE', icpNumber: '京ICP备2026012345号-1' },
      { decision: 'REJECT', reason: { message: 'Incomplete.', messageZh: '材料不全。' } },
    ]) {
      const response = await decide(record.caseId, 'bureau-decision', body);
      expect(response.status, response.text).toBe(409);
      expect(response.body).toMatchObject({ code: 'DECISION_BEFORE_SUBMISSION' });
      expect(response.body.message).toContain('2026-03-02 10:30 China time');
    }
    expect(await h.snapshot()).toBe(before);
    expect(successes(token)).toBe(0);
    await at('2026-03-02T02:30:00Z', async () => {
      const ok = await decide(record.caseId, 'bureau-decision', {
        decision: 'APPROVE',
        icpNumber: '京ICP备2026012345号-1',
      });
      expect(ok.status, ok.text).toBe(202);
    });
  });

  it('refuses an SMS verification before the submission or in the future (400) and changes nothing', async () => {
    const { record } = await caseWaitingOn(h, 'BUREAU_DECISION');
    const before = await h.snapshot();
    const sms = (completedAt: string) =>
      h.call('POST', `/officer/cases/${record.caseId}/sms-verification`, {
        as: OFFICER,
        body: { completedAt },
      });
    const early = await sms('2026-03-02T08:59:00+08:00');
    expect(early.status, early.text).toBe(400);
    expect(early.body).toMatchObject({ code: 'SMS_BEFORE_SUBMISSION', field: 'completedAt' });
    const future = await sms('2026-03-02T11:00:00+08:00');
    expect(future.status, future.text).toBe(400);
    expect(future.body).toMatchObject({ code: 'SMS_COMPLETED_IN_FUTURE', field: 'completedAt' });
    expect(await h.snapshot()).toBe(before);
  });
});

describe('officers’ free text is clean text (one rule with the application’s)', () => {
  it('refuses reasons, notes and references with invisible, control or private-use characters, naming the field, and changes nothing', async () => {
    const { record, token } = await caseWaitingOn(h, 'REVIEW');
    const before = await h.snapshot();
    const bidi = await decide(record.caseId, 'review', {
      decision: 'RETURN',
      documents: [
        { docType: 'APPLICANT_ID_FRONT', reason: { message: 'Blurred.', messageZh: '扫描件\u202E不清晰' } },
      ],
    });
    expect(bidi.status, bidi.text).toBe(400);
    const issues = (bidi.body.issues ?? [bidi.body]) as Array<{
      code: string;
      field?: string;
      messageZh: string;
    }>;
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: 'TEXT_INVISIBLE_CHARACTERS',
        field: 'documents.0.reason.messageZh',
        messageZh: expect.stringContaining('U+202E'),
      }),
    );
    const reject = await decide(record.caseId, 'review', {
      decision: 'REJECT',
      reason: { message: 'Forged\u0000.', messageZh: '材料伪造。' },
    });
    expect(reject.status).toBe(400);
    expect(JSON.stringify(reject.body)).toContain('TEXT_INVISIBLE_CHARACTERS');
    expect(await h.snapshot()).toBe(before);
    expect(h.sfn.calls.some((c) => c.token === token)).toBe(false);

    const atBureau = await caseWaitingOn(h, 'BUREAU_DECISION');
    const note = await h.call('POST', `/officer/cases/${atBureau.record.caseId}/sms-verification`, {
      as: OFFICER,
      body: { note: 'code \uE000 confirmed' },
    });
    expect(note.status, note.text).toBe(400);
    expect(JSON.stringify(note.body)).toContain('TEXT_UNSUPPORTED_CHARACTERS');
    expect(JSON.stringify(note.body)).toContain('"field":"note"');

    const submission = await caseWaitingOn(h, 'BUREAU_SUBMISSION');
    const reference = await decide(submission.record.caseId, 'bureau-submission', {
      submittedAt: '2026-03-02T09:30:00+08:00',
      reference: 'BJ-\u200B2026',
    });
    expect(reference.status).toBe(400);
    expect(JSON.stringify(reference.body)).toContain('"field":"reference"');
  });

  it('sends reasons NFKC-normalised and trimmed, keeping the line breaks of a multi-line reason', async () => {
    const { record, token } = await caseWaitingOn(h, 'REVIEW');
    const response = await decide(record.caseId, 'review', {
      decision: 'REJECT',
      reason: {
        message: '  Page １ is missing.\r\nPage 2 is blurred. ',
        messageZh: '\u3000缺少第１页。\n第2页不清晰。',
      },
    });
    expect(response.status, response.text).toBe(202);
    expect(lastSuccessFor(token)).toEqual({
      decision: 'REJECT',
      reason: { message: 'Page 1 is missing.\nPage 2 is blurred.', messageZh: '缺少第1页。\n第2页不清晰。' },
    });
  });
});

describe('supervisor overrides', () => {
  it('accepts a failed document (INVALID → VALID), audits the reason and previous findings, and resumes documents when complete', async () => {
    const { record, token } = await caseWaitingOn(h, 'DOCUMENTS');
    for (const [i, docType] of record.requiredDocuments.entries()) {
      const uploadId = String(i + 1).padStart(28, '0');
      await h.deps.store.applyDocumentSummary(record.caseId, docType, {
        uploadId,
        key: `cases/${record.caseId}/${docType}/${uploadId}`,
        status: docType === 'APPLICANT_ID_FRONT' ? 'INVALID' : 'VALID',
        findings:
          docType === 'APPLICANT_ID_FRONT'
            ? [{ code: 'IMAGE_TOO_SMALL', severity: 'ERROR', message: 'Too small.', messageZh: '图片太小。' }]
            : [],
        uploadedAt: '2026-03-01T00:00:00.000Z',
        recordedAt: '2026-03-01T00:00:01.000Z',
      });
    }
    const officer = await h.call(
      'POST',
      `/supervisor/cases/${record.caseId}/documents/APPLICANT_ID_FRONT/override`,
      {
        as: OFFICER,
        body: { reason: 'Legible on the original.' },
      },
    );
    expect(officer.status).toBe(403);
    const response = await h.call(
      'POST',
      `/supervisor/cases/${record.caseId}/documents/APPLICANT_ID_FRONT/override`,
      {
        as: SUPERVISOR,
        body: { reason: 'Legible on the original.' },
      },
    );
    expect(response.status, response.text).toBe(200);
    expect(response.body.documents.APPLICANT_ID_FRONT).toMatchObject({
      status: 'VALID',
      override: {
        by: SUPERVISOR,
        reason: 'Legible on the original.',
        previousFindings: [expect.objectContaining({ code: 'IMAGE_TOO_SMALL' })],
      },
    });
    expect(response.body.documentsStep).toBe('resumed');
    expect(h.sfn.calls).toContainEqual(expect.objectContaining({ action: 'SendTaskSuccess', token }));
    const audit = await h.deps.store.listAudit(record.caseId);
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: 'DOCUMENT_FINDING_OVERRIDDEN',
        // The supervisor's name from the token comes along (the audit trail shows it).
        actor: expect.objectContaining({ subject: SUPERVISOR, role: 'supervisor' }),
        detail: expect.objectContaining({
          reason: 'Legible on the original.',
          previousFindings: ['IMAGE_TOO_SMALL'],
        }),
      }),
    );
    const again = await h.call(
      'POST',
      `/supervisor/cases/${record.caseId}/documents/APPLICANT_ID_FRONT/override`,
      {
        as: SUPERVISOR,
        body: { reason: 'Legible on the original.' },
      },
    );
    expect(again.status).toBe(409);
  });

  it('refuses to override a code that is not overridable (400)', async () => {
    const { record } = await caseWaitingOn(h, 'REVIEW');
    const response = await h.call('POST', `/supervisor/cases/${record.caseId}/application-overrides`, {
      as: SUPERVISOR,
      body: { code: 'RESIDENT_ID_CHECKSUM', reason: 'Looks fine to me.' },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('NOT_OVERRIDABLE');
  });
});

describe('a case’s emails', () => {
  /** A case with one email in its outbox, failed for good after `attempts` refused attempts. */
  async function caseWithFailedEmail() {
    const caseId = await putCaseDirectly(h, { applicant: 'applicant-zhang-wei', step: 'REVIEW' });
    const { email } = await h.deps.store.enqueueEmail({
      caseId,
      key: 'documentsComplete#Review#1',
      template: 'documentsComplete',
      to: 'zhang.wei@example.cn',
      subject: '材料已齐全 / Documents complete',
      text: 'text',
      html: '<p>html</p>',
      now: h.clock.now,
    });
    const claimed = await h.deps.store.claimEmail(caseId, email.emailId, 'lease-1', h.clock.now, h.clock.now);
    if (!claimed) throw new Error('not claimed');
    await h.deps.store.recordAttempt(claimed, 'lease-1', {
      outcome: 'FAILED',
      at: h.clock.now,
      error: '550 5.1.1 mailbox unavailable',
    });
    return { caseId, emailId: email.emailId };
  }

  it('lists each email with its state, attempts and last error, and never the bodies', async () => {
    const { caseId, emailId } = await caseWithFailedEmail();
    const response = await h.call('GET', `/officer/cases/${caseId}/emails`, { as: OFFICER });
    expect(response.status, response.text).toBe(200);
    expect(response.body.items).toEqual([
      expect.objectContaining({
        emailId,
        template: 'documentsComplete',
        to: 'zhang.wei@example.cn',
        state: 'FAILED',
        sending: false,
        attempts: 1,
        lastError: '550 5.1.1 mailbox unavailable',
        history: [expect.objectContaining({ outcome: 'FAILED', error: '550 5.1.1 mailbox unavailable' })],
      }),
    ]);
    expect(response.body.items[0]).not.toHaveProperty('html');
    expect(response.body.items[0]).not.toHaveProperty('text');
  });

  it('sends a failed email again: queued at once with a fresh schedule, the officer audited', async () => {
    const { caseId, emailId } = await caseWithFailedEmail();
    const response = await h.call('POST', `/officer/cases/${caseId}/emails/${emailId}/resend`, {
      as: OFFICER,
    });
    expect(response.status, response.text).toBe(202);
    expect(response.body).toMatchObject({ emailId, state: 'QUEUED', attempts: 0 });
    expect(response.body.resends).toEqual([
      { by: expect.objectContaining({ subject: OFFICER, role: 'officer' }), at: expect.any(String) },
    ]);
    const due = await h.deps.store.listDueEmails(h.clock.now, 100);
    expect(due).toContainEqual({ caseId, emailId });
    const audit = await h.deps.store.listAudit(caseId);
    expect(audit.find((e) => e.action === 'EMAIL_RESEND_REQUESTED')).toMatchObject({
      actor: { subject: OFFICER, role: 'officer' },
      detail: { emailId, template: 'documentsComplete' },
    });
  });

  it('answers 404 EMAIL_NOT_FOUND for an email the case does not have, 409 EMAIL_BEING_SENT during an attempt', async () => {
    const { caseId, emailId } = await caseWithFailedEmail();
    const missing = await h.call('POST', `/officer/cases/${caseId}/emails/${'0'.repeat(20)}/resend`, {
      as: OFFICER,
    });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 'EMAIL_NOT_FOUND', messageZh: expect.any(String) });
    await h.deps.store.requeueEmail(caseId, emailId, { subject: OFFICER, role: 'officer' }, h.clock.now);
    const until = new Date(h.clock.now.getTime() + 300_000);
    await h.deps.store.claimEmail(caseId, emailId, 'lease-2', h.clock.now, until);
    const busy = await h.call('POST', `/officer/cases/${caseId}/emails/${emailId}/resend`, { as: OFFICER });
    expect(busy.status).toBe(409);
    expect(busy.body).toMatchObject({ code: 'EMAIL_BEING_SENT', messageZh: expect.any(String) });
    const listed = await h.call('GET', `/officer/cases/${caseId}/emails`, { as: OFFICER });
    expect(listed.body.items[0]).toMatchObject({ state: 'QUEUED', sending: true });
  });

  it('keeps the emails from applicants', async () => {
    const { caseId, emailId } = await caseWithFailedEmail();
    const list = await h.call('GET', `/officer/cases/${caseId}/emails`, { as: 'applicant-zhang-wei' });
    expect(list.status).toBe(403);
    const resend = await h.call('POST', `/officer/cases/${caseId}/emails/${emailId}/resend`, {
      as: 'applicant-zhang-wei',
    });
    expect(resend.status).toBe(403);
  });
});
