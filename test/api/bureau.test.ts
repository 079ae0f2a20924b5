import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, caseWaitingOn, startApiHarness } from './harness.ts';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
}, 30_000);
afterAll(() => h.close());

const OFFICER = 'officer-wang-fang';
const sms = (caseId: string, body: unknown, as = OFFICER) =>
  h.call('POST', `/officer/cases/${caseId}/sms-verification`, { as, body });
const bureauDecision = (caseId: string, body: unknown) =>
  h.call('POST', `/officer/cases/${caseId}/bureau-decision`, { as: OFFICER, body });
const successesFor = (token: string) =>
  h.sfn.calls.filter((c) => c.action === 'SendTaskSuccess' && c.token === token).map((c) => c.output);

describe('the SMS verification route on the SMS step', () => {
  it('resumes the SMS step with COMPLETED, keeps the outcome on the case and audits the officer', async () => {
    const { record, token } = await caseWaitingOn(h, 'SMS_VERIFICATION');
    const response = await sms(record.caseId, { completedAt: '2026-03-02T09:40:00+08:00' });
    expect(response.status, response.text).toBe(200);
    expect(successesFor(token)).toEqual([{ outcome: 'COMPLETED', completedAt: '2026-03-02T09:40:00+08:00' }]);
    expect(response.body.smsVerification).toMatchObject({
      outcome: 'COMPLETED',
      completedAt: '2026-03-02T09:40:00+08:00',
    });
    expect((await h.deps.store.getTask(record.caseId, 'SMS_VERIFICATION'))?.taskState).toBe('DONE');
    const decided = (await h.deps.store.listAudit(record.caseId)).find((e) => e.action === 'STEP_DECIDED');
    expect(decided).toMatchObject({
      actor: { subject: OFFICER, role: 'officer' },
      detail: { step: 'SMS_VERIFICATION', after: { outcome: 'COMPLETED' } },
    });
    expect(decided?.at).toBe(h.clock.now.toISOString());
  });

  it('resumes the SMS step with FAILED (five wrong answers), which returns the filing', async () => {
    const { record, token } = await caseWaitingOn(h, 'SMS_VERIFICATION');
    const response = await sms(record.caseId, { outcome: 'FAILED' });
    expect(response.status, response.text).toBe(200);
    expect(successesFor(token)).toEqual([{ outcome: 'FAILED', completedAt: h.clock.now.toISOString() }]);
  });

  it('keeps the note behaviour for a case waiting on the decision (an older definition) and refuses FAILED there with 409', async () => {
    const { record, token } = await caseWaitingOn(h, 'BUREAU_DECISION');
    const failed = await sms(record.caseId, { outcome: 'FAILED' });
    expect(failed.status, failed.text).toBe(409);
    expect(failed.body).toMatchObject({ code: 'SMS_STEP_NOT_PENDING' });
    expect(failed.body.messageZh).toBeTruthy();
    const note = await sms(record.caseId, { note: 'answered by phone' });
    expect(note.status, note.text).toBe(200);
    expect(note.body.smsVerification).toMatchObject({ outcome: 'COMPLETED', note: 'answered by phone' });
    expect(successesFor(token)).toEqual([]);
    const audit = await h.deps.store.listAudit(record.caseId);
    expect(audit.some((e) => e.action === 'SMS_VERIFICATION_RECORDED')).toBe(true);
  });

  it('refuses an unknown outcome (400) and a time before the submission (400), changing nothing', async () => {
    const { record, token } = await caseWaitingOn(h, 'SMS_VERIFICATION');
    const before = await h.snapshot();
    const unknown = await sms(record.caseId, { outcome: 'MAYBE' });
    expect(unknown.status, unknown.text).toBe(400);
    const early = await sms(record.caseId, { completedAt: '2026-03-02T08:00:00+08:00' });
    expect(early.status, early.text).toBe(400);
    expect(early.body).toMatchObject({ code: 'SMS_BEFORE_SUBMISSION', field: 'completedAt' });
    expect(await h.snapshot()).toBe(before);
    expect(successesFor(token)).toEqual([]);
  });
});

describe('the bureau’s RETURN decision', () => {
  it('resumes the decision step with the reasons, each naming a document or a field', async () => {
    const { record, token } = await caseWaitingOn(h, 'BUREAU_DECISION');
    const docType = record.requiredDocuments[0];
    const reasons = [
      { docType, message: 'The scan is blurred.', messageZh: '扫描件不清晰。' },
      {
        field: 'websites.0.name',
        message: 'The name does not fit the content.',
        messageZh: '网站名称与内容不符。',
      },
    ];
    const response = await bureauDecision(record.caseId, { decision: 'RETURN', reasons });
    expect(response.status, response.text).toBe(202);
    expect(successesFor(token)).toEqual([{ decision: 'RETURN', reasons }]);
    const audit = await h.deps.store.listAudit(record.caseId);
    expect(audit.find((e) => e.action === 'STEP_DECIDED')?.detail).toMatchObject({
      after: { decision: 'RETURN', reasons: [{ docType }, { field: 'websites.0.name' }] },
    });
  });

  it.each([
    ['names nothing', { message: 'Wrong.', messageZh: '有误。' }, 'RETURN_REASON_TARGET', 'reasons.0'],
    [
      'names both a document and a field',
      { docType: 'APPLICANT_ID_FRONT', field: 'websites.0.name', message: 'Wrong.', messageZh: '有误。' },
      'RETURN_REASON_TARGET',
      'reasons.0',
    ],
    [
      'names a document the case does not have',
      { docType: 'HOSTING_AGREEMENT', message: 'Wrong.', messageZh: '有误。' },
      'DOCUMENT_NOT_REQUIRED',
      'reasons.0.docType',
    ],
    [
      'names a field the application does not have',
      { field: 'websites.3.name', message: 'Wrong.', messageZh: '有误。' },
      'RETURN_FIELD_UNKNOWN',
      'reasons.0.field',
    ],
  ])('refuses a reason that %s (400) and changes nothing', async (_what, reason, code, field) => {
    const { record, token } = await caseWaitingOn(h, 'BUREAU_DECISION');
    const before = await h.snapshot();
    const response = await bureauDecision(record.caseId, { decision: 'RETURN', reasons: [reason] });
    expect(response.status, response.text).toBe(400);
    expect(response.body).toMatchObject({ code, field });
    expect(response.body.messageZh).toBeTruthy();
    expect(await h.snapshot()).toBe(before);
    expect(successesFor(token)).toEqual([]);
  });

  it('refuses a return with no reasons (400)', async () => {
    const { record } = await caseWaitingOn(h, 'BUREAU_DECISION');
    const response = await bureauDecision(record.caseId, { decision: 'RETURN', reasons: [] });
    expect(response.status, response.text).toBe(400);
  });
});

describe('the applicant’s corrections after a bureau return', () => {
  /** A case returned by the bureau naming the website's name, its documents all valid again. */
  async function returnedNamingTheSiteName() {
    const { record, token } = await caseWaitingOn(h, 'DOCUMENTS');
    const at = h.clock.now.toISOString();
    for (const docType of record.requiredDocuments) {
      await h.deps.store.applyDocumentSummary(record.caseId, docType, {
        uploadId: `u-${docType}`,
        key: `cases/${record.caseId}/${docType}/x`,
        status: 'VALID',
        findings: [],
        uploadedAt: at,
        recordedAt: at,
      });
    }
    await h.deps.store.modifyCase(record.caseId, (current) => ({
      ...current,
      pendingCorrections: ['websites.0.name'],
    }));
    return { caseId: record.caseId, token };
  }
  const correct = (caseId: string, body: unknown, as = 'applicant-zhang-wei') =>
    h.call('PUT', `/cases/${caseId}/corrections`, { as, body });

  it('changes only the named field, audits the applicant and moves the workflow on once nothing else is missing', async () => {
    const { caseId, token } = await returnedNamingTheSiteName();
    const response = await correct(caseId, {
      corrections: [{ field: 'websites.0.name', value: '张伟的旅行相册' }],
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.application.websites[0].name).toBe('张伟的旅行相册');
    expect(response.body.pendingCorrections).toBeUndefined();
    expect(successesFor(token)).toEqual([{ documentsComplete: true }]);
    const audit = await h.deps.store.listAudit(caseId);
    expect(audit.find((e) => e.action === 'APPLICATION_CORRECTED')).toMatchObject({
      actor: { subject: 'applicant-zhang-wei', role: 'applicant' },
      detail: { fields: ['websites.0.name'] },
    });
  });

  it('refuses a field the bureau did not name (400) and an invalid value (400), changing nothing', async () => {
    const { caseId, token } = await returnedNamingTheSiteName();
    const before = await h.snapshot();
    const other = await correct(caseId, {
      corrections: [{ field: 'responsiblePerson.email', value: 'other@example.cn' }],
    });
    expect(other.status, other.text).toBe(400);
    expect(other.body).toMatchObject({ code: 'FIELD_NOT_RETURNED', field: 'corrections.0.field' });
    expect(other.body.messageZh).toContain('websites.0.name');
    const invalid = await correct(caseId, { corrections: [{ field: 'websites.0.name', value: 'x' }] });
    expect(invalid.status, invalid.text).toBe(400);
    expect(await h.snapshot()).toBe(before);
    expect(successesFor(token)).toEqual([]);
  });

  it('answers 409 NO_CORRECTIONS_PENDING when the bureau named no field', async () => {
    const { record } = await caseWaitingOn(h, 'DOCUMENTS');
    const response = await correct(record.caseId, {
      corrections: [{ field: 'websites.0.name', value: '张伟的旅行相册' }],
    });
    expect(response.status, response.text).toBe(409);
    expect(response.body).toMatchObject({ code: 'NO_CORRECTIONS_PENDING' });
  });
});

describe('the licence fee', () => {
  it('is kept on the case for the applicant and emailed once the licence review approves it', async () => {
    const { record } = await caseWaitingOn(h, 'LICENCE_REVIEW');
    const response = await h.call('POST', `/officer/cases/${record.caseId}/licence-review`, {
      as: OFFICER,
      body: { decision: 'APPROVE', feeYuan: 3000 },
    });
    expect(response.status, response.text).toBe(202);
    const own = await h.call('GET', `/cases/${record.caseId}`, { as: 'applicant-zhang-wei' });
    expect(own.body.licenceFee).toMatchObject({ feeYuan: 3000 });
    const emails = await h.deps.store.listEmails(record.caseId);
    const fee = emails.find((e) => e.template === 'licenceFee');
    expect(fee?.subject).toContain('3000');
    expect(fee?.subject).toContain(' / ');
  });

  it('is not recorded when the licence review rejects', async () => {
    const { record } = await caseWaitingOn(h, 'LICENCE_REVIEW');
    const response = await h.call('POST', `/officer/cases/${record.caseId}/licence-review`, {
      as: OFFICER,
      body: { decision: 'REJECT', reason: { message: 'No.', messageZh: '不予通过。' } },
    });
    expect(response.status, response.text).toBe(202);
    expect((await h.deps.store.getCase(record.caseId))?.licenceFee).toBeUndefined();
  });
});
