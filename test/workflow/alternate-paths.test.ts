import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationInput } from '#domain/application';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { DAY_SECONDS, DEFAULT_SETTINGS, startWorkflowHarness, type WorkflowHarness } from './harness.ts';
import { appointmentSlot, statusChain, zhSubjects } from './support.ts';

const individual = SAMPLE_APPLICATIONS.chineseIndividual;
const business = SAMPLE_APPLICATIONS.chineseBusiness;
const reason = { message: 'The signature is missing.', messageZh: '缺少签字。' };

describe('the case workflow off the happy path', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  /** Submits a case and brings it to the officer's review. */
  async function toReview(application: ApplicationInput = individual, settings = DEFAULT_SETTINGS) {
    const draft = await h.createCase(application);
    await h.submit(draft.caseId, settings);
    await h.completeDocuments(draft.caseId);
    await h.waitForStep(draft.caseId, 'REVIEW');
    return draft.caseId;
  }

  it('sends returned documents back to the applicant, who re-uploads only those, and reviews again', async () => {
    const caseId = await toReview();
    await h.decide(caseId, 'REVIEW', {
      decision: 'RETURN',
      documents: [{ docType: 'WEBSITE_VERIFICATION_FORM', reason }],
    });
    const returned = await h.waitForStep(caseId, 'DOCUMENTS');
    expect(returned.taskState).toBe('OPEN');
    const record = await h.store.getCase(caseId);
    expect(record?.status).toBe('AWAITING_DOCUMENTS');
    expect(record?.documents.WEBSITE_VERIFICATION_FORM?.status).toBe('REJECTED_BY_OFFICER');
    expect(record?.documents.DOMAIN_CERTIFICATE?.status).toBe('VALID');
    const mail = h.mail.inbox(individual.responsiblePerson.email).at(-1);
    expect(mail?.subject).toContain('部分材料需要重新提交');
    expect(mail?.text).toContain('缺少签字');
    expect(mail?.text).toContain('剩余审核次数：2');

    await h.completeDocuments(caseId);
    await h.decide(caseId, 'REVIEW', { decision: 'APPROVE' });
    await h.waitForStep(caseId, 'APPOINTMENT');
    expect(statusChain(await h.store.listAudit(caseId))).toEqual([
      'SUBMITTED',
      'AWAITING_DOCUMENTS',
      'CROSS_CHECKING',
      'UNDER_REVIEW',
      'AWAITING_DOCUMENTS',
      'CROSS_CHECKING',
      'UNDER_REVIEW',
      'AWAITING_VERIFICATION',
    ]);
    await h.withdraw(caseId, 'APPOINTMENT');
    await h.waitForExecution(caseId);
  });

  it('rejects the case when the documents are returned after the last review round', async () => {
    const caseId = await toReview(individual, { ...DEFAULT_SETTINGS, maxReviewRounds: 1 });
    await h.decide(caseId, 'REVIEW', {
      decision: 'RETURN',
      documents: [{ docType: 'DOMAIN_CERTIFICATE', reason }],
    });
    const execution = await h.waitForExecution(caseId);
    expect(execution.status).toBe('SUCCEEDED');
    expect((await h.store.getCase(caseId))?.status).toBe('REJECTED');
    expect(h.mail.inbox(individual.responsiblePerson.email).at(-1)?.text).toContain(
      '多轮审核后材料仍不符合要求',
    );
  });

  it('ends REJECTED with the reason emailed when the officer rejects at review', async () => {
    const caseId = await toReview();
    await h.decide(caseId, 'REVIEW', {
      decision: 'REJECT',
      reason: { message: 'The site is a gambling portal.', messageZh: '网站内容涉及赌博。' },
    });
    await h.waitForExecution(caseId);
    const record = await h.store.getCase(caseId);
    expect(record?.status).toBe('REJECTED');
    expect(record?.currentStep).toBeUndefined();
    expect(h.mail.inbox(individual.responsiblePerson.email).at(-1)?.text).toContain('网站内容涉及赌博');
  });

  it('reschedules after a no-show, reminds the day before, and continues when the person attends', async () => {
    const caseId = await toReview();
    await h.decide(caseId, 'REVIEW', { decision: 'APPROVE' });
    await h.decide(caseId, 'APPOINTMENT', { officeId: 'BJ', startsAt: appointmentSlot(h.clock.now()) });
    await h.waitForStep(caseId, 'VERIFICATION');
    await h.decide(caseId, 'VERIFICATION', { outcome: 'NO_SHOW' });
    await h.waitForStep(caseId, 'APPOINTMENT');
    expect(h.mail.inbox(individual.responsiblePerson.email).at(-1)?.text).toContain('剩余改约次数：2');

    await h.decide(caseId, 'APPOINTMENT', { officeId: 'SH', startsAt: appointmentSlot(h.clock.now()) });
    const attending = await h.waitForStep(caseId, 'VERIFICATION');
    expect((await h.store.getCase(caseId))?.appointment?.officeId).toBe('SH');
    // A week passes: the reminder goes out the day before the appointment.
    const reminded = () =>
      zhSubjects(h.subjects(individual.responsiblePerson.email)).filter((s) => s.startsWith('面签提醒'));
    expect(reminded()).toHaveLength(0);
    // Time passes until the day before the appointment: the reminder goes out then, not earlier.
    const appointment = (await h.store.getCase(caseId))?.appointment;
    const dayBefore = (Date.parse(appointment?.startsAt ?? '') - h.clock.now()) / 1000 - DAY_SECONDS;
    await h.advance(dayBefore - 3600);
    expect(reminded()).toHaveLength(0);
    await h.advance(2 * 3600);
    await h.waitForCase(caseId, () => reminded().length > 0, 'the appointment reminder');
    expect(reminded()).toHaveLength(1);
    // The reminder ended the first wait; the step is parked again with a new token.
    await h.waitForStep(caseId, 'VERIFICATION', attending);
    await h.decide(caseId, 'VERIFICATION', { outcome: 'PRESENT' });
    await h.waitForStep(caseId, 'BUREAU_SUBMISSION');
    expect((await h.store.getCase(caseId))?.status).toBe('READY_FOR_BUREAU');
    await h.withdraw(caseId, 'BUREAU_SUBMISSION');
    await h.waitForExecution(caseId);
  });

  it('closes the case CLOSED_NO_SHOW after the second reschedule is missed too', async () => {
    const caseId = await toReview();
    await h.decide(caseId, 'REVIEW', { decision: 'APPROVE' });
    for (let attempt = 0; attempt < 3; attempt++) {
      await h.decide(caseId, 'APPOINTMENT', { officeId: 'BJ', startsAt: appointmentSlot(h.clock.now()) });
      await h.decide(caseId, 'VERIFICATION', { outcome: 'NO_SHOW' });
    }
    const execution = await h.waitForExecution(caseId);
    expect(execution.status).toBe('SUCCEEDED');
    expect((await h.store.getCase(caseId))?.status).toBe('CLOSED_NO_SHOW');
    const audit = await h.store.listAudit(caseId);
    expect(audit.filter((e) => e.action === 'NO_SHOW_RECORDED')).toHaveLength(2);
    expect(zhSubjects(h.subjects(individual.responsiblePerson.email)).at(-1)).toContain('未按预约到场');
  });

  it('records the bureau rejection with its reason', async () => {
    const caseId = await toReview(business);
    await h.decide(caseId, 'REVIEW', { decision: 'APPROVE' });
    await h.decide(caseId, 'APPOINTMENT', { officeId: 'SH', startsAt: appointmentSlot(h.clock.now()) });
    await h.decide(caseId, 'VERIFICATION', { outcome: 'PRESENT' });
    await h.decide(caseId, 'BUREAU_SUBMISSION', { submittedAt: new Date(h.clock.now()).toISOString() });
    await h.decide(caseId, 'SMS_VERIFICATION', { outcome: 'COMPLETED' });
    await h.decide(caseId, 'BUREAU_DECISION', {
      decision: 'REJECT',
      reason: { message: 'The website name does not match the content.', messageZh: '网站名称与内容不符。' },
    });
    await h.waitForExecution(caseId);
    expect((await h.store.getCase(caseId))?.status).toBe('REJECTED');
    expect(h.mail.inbox(business.responsiblePerson.email).at(-1)?.text).toContain('网站名称与内容不符');
  });

  it('reminds at day 30 and day 40 and expires the case at day 45 without documents', async () => {
    const entity = 'the-expiring-entity';
    const draft = await h.createCase(business, { entity });
    await h.submit(draft.caseId);
    const waiting = await h.waitForStep(draft.caseId, 'DOCUMENTS');
    expect(waiting.dueDate).toBeDefined();
    const email = business.responsiblePerson.email;
    const opened = (s: string) => s.includes(draft.caseId) && s.includes('备案申请已创建');
    await h.waitForCase(draft.caseId, () => h.subjects(email).some(opened), 'the case-opened email');
    const before = h.subjects(email).length;

    await h.advance(30 * DAY_SECONDS);
    await h.waitForCase(draft.caseId, () => h.subjects(email).length === before + 1, 'the day-30 reminder');
    expect(h.mail.inbox(email).at(-1)?.subject).toContain('还剩 15 天');
    const rewaiting = await h.waitForStep(draft.caseId, 'DOCUMENTS', waiting);
    await h.advance(10 * DAY_SECONDS);
    await h.waitForCase(draft.caseId, () => h.subjects(email).length === before + 2, 'the day-40 reminder');
    expect(h.mail.inbox(email).at(-1)?.subject).toContain('还剩 5 天');
    expect((await h.store.getCase(draft.caseId))?.status).toBe('AWAITING_DOCUMENTS');
    await h.waitForStep(draft.caseId, 'DOCUMENTS', rewaiting);
    await h.advance(5 * DAY_SECONDS);
    const expired = await h.waitForCase(draft.caseId, (c) => c.status === 'EXPIRED', 'EXPIRED');
    expect(expired.currentStep).toBeUndefined();
    expect((await h.waitForExecution(draft.caseId)).status).toBe('SUCCEEDED');
    expect(h.mail.inbox(email).at(-1)?.subject).toContain('备案案件已过期关闭');
    // The entity may open a new case once this one is closed.
    const again = await h.createCase(business, { entity });
    expect(again.status).toBe('DRAFT');
  });

  it('rejects a COMMERCIAL application whose general ICP number the entity does not hold', async () => {
    const draft = await h.createCase({
      ...SAMPLE_APPLICATIONS.chineseBusiness,
      filingType: 'COMMERCIAL',
      applicant: { ...SAMPLE_APPLICATIONS.chineseBusiness.applicant, creditCode: '91310000MA1FL8LQ5A' },
      commercial: {
        generalIcpNumber: '沪ICP备2026000001号',
        registeredCapitalCny: 5_000_000,
        legalRepresentative: { name: '李娜', idNumber: '310104198503124022' },
        staffWithSocialInsurance: 8,
      },
    });
    await h.submit(draft.caseId);
    const execution = await h.waitForExecution(draft.caseId);
    expect(execution.status).toBe('SUCCEEDED');
    const record = await h.store.getCase(draft.caseId);
    expect(record?.status).toBe('REJECTED');
    const audit = await h.store.listAudit(draft.caseId);
    expect(audit.find((e) => e.action === 'ELIGIBILITY_CHECKED')?.detail).toMatchObject({ eligible: false });
    const mail = h.mail.inbox(SAMPLE_APPLICATIONS.chineseBusiness.responsiblePerson.email).at(-1);
    expect(mail?.subject).toContain('备案未通过');
    // It ends at eligibility: the applicant is never asked for documents.
    expect(statusChain(audit)).toEqual(['SUBMITTED', 'REJECTED']);
  });

  it('lets the applicant withdraw while the officer reviews', async () => {
    const caseId = await toReview();
    await h.withdraw(caseId, 'REVIEW');
    expect((await h.waitForExecution(caseId)).status).toBe('SUCCEEDED');
    expect((await h.store.getCase(caseId))?.status).toBe('WITHDRAWN');
    expect(zhSubjects(h.subjects(individual.responsiblePerson.email)).at(-1)).toContain('备案申请已撤回');
  });
});
