import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDaysBetween } from '#domain/china-calendar';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { startWorkflowHarness, type WorkflowHarness } from './harness.ts';
import { appointmentSlot } from './support.ts';

/** The bureau's period (MIIT Order 33 art. 12) as the workflow sets it and the applicant reads it. */
describe('the bureau’s due date', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  /**
   * A hosting change of a site filed elsewhere (so the responsible person is verified in person)
   * submitted to the bureau at `submittedAt`; its email and due date.
   */
  async function submittedAt(submittedAt: string, existingIcpNumber: string, entity: string) {
    const application = {
      ...SAMPLE_APPLICATIONS.chineseBusiness,
      filingType: 'CHANGE_HOSTING' as const,
      existingIcpNumber,
    };
    const draft = await h.createCase(application, { entity });
    await h.submit(draft.caseId);
    await h.completeDocuments(draft.caseId);
    await h.decide(draft.caseId, 'REVIEW', { decision: 'APPROVE' });
    await h.decide(draft.caseId, 'APPOINTMENT', { officeId: 'BJ', startsAt: appointmentSlot(h.clock.now()) });
    await h.waitForStep(draft.caseId, 'VERIFICATION');
    await h.decide(draft.caseId, 'VERIFICATION', { outcome: 'PRESENT' });
    await h.waitForStep(draft.caseId, 'BUREAU_SUBMISSION');
    await h.decide(draft.caseId, 'BUREAU_SUBMISSION', { submittedAt });
    const atBureau = await h.waitForStep(draft.caseId, 'SMS_VERIFICATION');
    const mail = h.mail
      .inbox(application.responsiblePerson.email)
      .filter((m) => m.subject.includes('已提交至'))
      .at(-1);
    await h.withdraw(draft.caseId, 'SMS_VERIFICATION');
    await h.waitForExecution(draft.caseId);
    return { dueDate: atBureau.dueDate as string, text: mail?.text ?? '' };
  }

  it('is 20 working days, named as the bureau’s legal period, certain inside 2026', async () => {
    const { dueDate, text } = await submittedAt(
      '2026-03-02T10:00:00+08:00',
      '沪ICP备2025000001号-1',
      'due-1',
    );
    expect(dueDate).toBe('2026-03-30');
    expect(businessDaysBetween('2026-03-02', dueDate)).toBe(20);
    expect(text).toContain('20个工作日');
    expect(text).toContain('MIIT Order No. 33, art. 12');
    expect(text).not.toContain('暂定');
    expect(text).not.toMatch(/provisional/i);
  });

  it('is shown as provisional (暂定) when it runs into 2027, whose holidays are not published', async () => {
    const { dueDate, text } = await submittedAt(
      '2026-12-21T10:00:00+08:00',
      '沪ICP备2025000002号-1',
      'due-2',
    );
    expect(dueDate.startsWith('2027-')).toBe(true);
    expect(text).toContain(dueDate);
    expect(text).toContain('暂定');
    expect(text).toMatch(/provisional/i);
  });
});
