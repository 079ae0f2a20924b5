import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationInput } from '#domain/application';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { resumeDocumentsIfComplete } from '#workflow/documents-complete';
import { DEFAULT_SETTINGS, startWorkflowHarness, type WorkflowHarness } from './harness.ts';
import { appointmentSlot, statusChain, zhSubjects } from './support.ts';

const individual = SAMPLE_APPLICATIONS.chineseIndividual;
const HOUR = 3_600;
const CONTACT = { name: '王小明', email: 'contact@example.cn' };

describe('the bureau’s SMS check and its returns (退回) on the real state machine', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  /** Takes a case through documents, review and verification to the submission to the bureau. */
  async function toBureau(application: ApplicationInput = individual, settings: object = DEFAULT_SETTINGS) {
    const draft = await h.createCase(application, { contact: CONTACT });
    await h.submit(draft.caseId, settings as typeof DEFAULT_SETTINGS);
    await h.completeDocuments(draft.caseId);
    await h.decide(draft.caseId, 'REVIEW', { decision: 'APPROVE' });
    await h.decide(draft.caseId, 'APPOINTMENT', { officeId: 'BJ', startsAt: appointmentSlot(h.clock.now()) });
    await h.waitForStep(draft.caseId, 'VERIFICATION');
    await h.decide(draft.caseId, 'VERIFICATION', { outcome: 'PRESENT' });
    await h.decide(draft.caseId, 'BUREAU_SUBMISSION', { submittedAt: new Date(h.clock.now()).toISOString() });
    return draft.caseId;
  }

  /** The applicant's documents are valid again and the workflow, waiting on them, moves on. */
  async function documentsCorrected(caseId: string) {
    await h.waitForStep(caseId, 'DOCUMENTS');
    await h.uploadAllDocuments(caseId);
    expect(await resumeDocumentsIfComplete(h.store, h.deps.callbacks, caseId)).toBe('resumed');
  }

  /** The officer re-checks and submits again: no second appointment, straight to the bureau. */
  async function resubmit(caseId: string) {
    await h.decide(caseId, 'REVIEW', { decision: 'APPROVE' });
    await h.decide(caseId, 'BUREAU_SUBMISSION', { submittedAt: new Date(h.clock.now()).toISOString() });
  }

  it('waits 24 hours for the SMS check, emails the responsible person and the contact, and moves to the decision once it is answered', async () => {
    const caseId = await toBureau();
    await h.waitForStep(caseId, 'SMS_VERIFICATION');
    const atSms = await h.store.getCase(caseId);
    expect(atSms?.status).toBe('AT_BUREAU');
    const window = atSms?.smsWindow;
    expect(window).toBeDefined();
    expect(Date.parse(window?.endsAt ?? '') - Date.parse(window?.opensAt ?? '')).toBe(24 * HOUR * 1000);
    for (const address of [individual.responsiblePerson.email, CONTACT.email]) {
      expect(zhSubjects(h.subjects(address)).at(-1)).toContain('请完成工信部短信核验');
    }
    const due = h.mail.inbox(individual.responsiblePerson.email).at(-1);
    expect(due?.text).toContain('138****5678');
    expect(due?.text).not.toContain('13812345678');

    await h.decide(caseId, 'SMS_VERIFICATION', { outcome: 'COMPLETED' });
    await h.waitForStep(caseId, 'BUREAU_DECISION');
    await h.decide(caseId, 'BUREAU_DECISION', { decision: 'APPROVE', icpNumber: '京ICP备2026012345号-1' });
    expect((await h.waitForExecution(caseId)).status).toBe('SUCCEEDED');
    expect(await h.store.getCase(caseId)).toMatchObject({ status: 'APPROVED' });
  });

  it('reminds before the SMS window ends, returns the filing with reason SMS when it passes, and approves it after the resubmission', async () => {
    const caseId = await toBureau();
    const firstWait = await h.waitForStep(caseId, 'SMS_VERIFICATION');
    const firstSubmission = (await h.store.getCase(caseId))?.submission;
    const reminder = (s: string) => s.includes('提醒：请完成工信部短信核验');
    expect(h.subjects(CONTACT.email).filter(reminder)).toHaveLength(0);

    await h.advance(20 * HOUR); // the reminder, four hours before the end
    await h.waitForCase(caseId, () => h.subjects(CONTACT.email).some(reminder), 'the SMS reminder');
    expect(h.subjects(individual.responsiblePerson.email).filter(reminder)).toHaveLength(1);
    expect((await h.store.getCase(caseId))?.bureauReturns).toBeUndefined();

    await h.waitForStep(caseId, 'SMS_VERIFICATION', firstWait); // waiting again, its last phase armed
    await h.advance(4 * HOUR); // the window ends with no answer
    const returned = await h.waitForCase(caseId, (c) => (c.bureauReturns?.length ?? 0) === 1, 'the return');
    expect(returned.bureauReturns?.[0]).toMatchObject({
      round: 1,
      returnsLeft: 2,
      reasons: [{ code: 'SMS_TIMEOUT' }],
    });
    expect(returned.smsWindow).toBeUndefined();
    await h.waitForStep(caseId, 'REVIEW');
    expect(zhSubjects(h.subjects(CONTACT.email)).filter((s) => s.includes('管局退回备案'))).toHaveLength(1);

    // Nothing to upload for an SMS return: the workflow goes straight back to the officer.
    await resubmit(caseId);
    await h.waitForStep(caseId, 'SMS_VERIFICATION');
    const again = await h.store.getCase(caseId);
    expect(again?.previousSubmissions).toEqual([firstSubmission]);
    await h.decide(caseId, 'SMS_VERIFICATION', { outcome: 'COMPLETED' });
    await h.decide(caseId, 'BUREAU_DECISION', { decision: 'APPROVE', icpNumber: '京ICP备2026012346号-1' });
    expect((await h.waitForExecution(caseId)).status).toBe('SUCCEEDED');

    const audit = await h.store.listAudit(caseId);
    expect(statusChain(audit)).toEqual([
      'SUBMITTED',
      'AWAITING_DOCUMENTS',
      'CROSS_CHECKING',
      'UNDER_REVIEW',
      'AWAITING_VERIFICATION',
      'READY_FOR_BUREAU',
      'AT_BUREAU',
      'AWAITING_DOCUMENTS',
      'CROSS_CHECKING',
      'UNDER_REVIEW',
      'READY_FOR_BUREAU',
      'AT_BUREAU',
      'APPROVED',
    ]);
    expect(audit.filter((e) => e.action === 'BUREAU_RETURNED')).toHaveLength(1);
    expect(audit.some((e) => e.action === 'STATUS_CHANGED' && e.toStatus === 'REJECTED')).toBe(false);
  });

  it('returns the filing when the SMS check fails five times', async () => {
    const caseId = await toBureau();
    await h.decide(caseId, 'SMS_VERIFICATION', { outcome: 'FAILED' });
    const returned = await h.waitForCase(caseId, (c) => (c.bureauReturns?.length ?? 0) === 1, 'the return');
    expect(returned.bureauReturns?.[0]?.reasons).toMatchObject([{ code: 'SMS_FAILED' }]);
    await h.withdraw(caseId, 'REVIEW');
    await h.waitForExecution(caseId);
  });

  it('returns named documents on the bureau’s RETURN, takes only those again and approves after the resubmission', async () => {
    const caseId = await toBureau();
    await h.decide(caseId, 'SMS_VERIFICATION', { outcome: 'COMPLETED' });
    const bureauReason = {
      docType: 'WEBSITE_VERIFICATION_FORM',
      message: 'The verification form is not signed.',
      messageZh: '网站核验单未签字。',
    };
    await h.decide(caseId, 'BUREAU_DECISION', { decision: 'RETURN', reasons: [bureauReason] });
    await h.waitForStep(caseId, 'DOCUMENTS');
    const waiting = await h.store.getCase(caseId);
    expect(waiting?.status).toBe('AWAITING_DOCUMENTS');
    expect(waiting?.documents.WEBSITE_VERIFICATION_FORM?.status).toBe('REJECTED_BY_OFFICER');
    const others = Object.entries(waiting?.documents ?? {}).filter(
      ([t]) => t !== 'WEBSITE_VERIFICATION_FORM',
    );
    expect(others.every(([, d]) => d?.status === 'VALID')).toBe(true);
    const email = h.mail.inbox(CONTACT.email).at(-1);
    expect(email?.subject).toContain('管局退回备案');
    expect(email?.text).toContain('网站核验单未签字');
    expect(email?.text).toContain('退回不是驳回');

    await documentsCorrected(caseId);
    await resubmit(caseId);
    await h.decide(caseId, 'SMS_VERIFICATION', { outcome: 'COMPLETED' });
    await h.decide(caseId, 'BUREAU_DECISION', { decision: 'APPROVE', icpNumber: '京ICP备2026012347号-1' });
    expect((await h.waitForExecution(caseId)).status).toBe('SUCCEEDED');
    expect(await h.store.getCase(caseId)).toMatchObject({
      status: 'APPROVED',
      icpNumber: '京ICP备2026012347号-1',
    });
  });

  it('closes the case as rejected when the bureau returns it once more than the settings allow', async () => {
    const caseId = await toBureau(individual, { ...DEFAULT_SETTINGS, maxBureauReturns: 1 });
    await h.decide(caseId, 'SMS_VERIFICATION', { outcome: 'FAILED' });
    await h.waitForCase(caseId, (c) => (c.bureauReturns?.length ?? 0) === 1, 'the return');
    await resubmit(caseId);
    await h.decide(caseId, 'SMS_VERIFICATION', { outcome: 'FAILED' });
    expect((await h.waitForExecution(caseId)).status).toBe('SUCCEEDED');
    const closed = await h.store.getCase(caseId);
    expect(closed?.status).toBe('REJECTED');
    expect(closed?.bureauReturns).toHaveLength(1);
    expect(h.mail.inbox(CONTACT.email).at(-1)?.text).toContain('超过可重新提交的次数');
  });
});
