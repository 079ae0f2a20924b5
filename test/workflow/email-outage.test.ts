import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { startWorkflowHarness, type WorkflowHarness } from './harness.ts';
import { appointmentSlot, zhSubjects } from './support.ts';

describe('an SMTP outage in the middle of a case', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    // The test plays the one-minute schedule itself, so the relay can stay down across its runs.
    h = await startWorkflowHarness({ emails: 'on-demand' });
  });
  afterAll(async () => {
    await h.close();
  });

  /** One minute of the schedule: the clock moves a minute, then the outbox sender runs. */
  const minute = async () => {
    await h.advance(60);
    await h.runSender();
  };

  it('lets the case move on while the relay is down for 10 minutes, then delivers every email exactly once', async () => {
    const application = SAMPLE_APPLICATIONS.chineseIndividual;
    const to = application.responsiblePerson.email;
    const draft = await h.createCase(application);
    const { caseId } = draft;
    await h.submit(caseId);
    await h.waitForStep(caseId, 'DOCUMENTS');
    await minute();
    expect(zhSubjects(h.subjects(to))).toEqual([expect.stringContaining('备案申请已创建')]);

    await h.smtpDown();
    const downAt = h.clock.now();
    await h.completeDocuments(caseId);
    await h.decide(caseId, 'REVIEW', { decision: 'APPROVE' });
    await h.decide(caseId, 'APPOINTMENT', { officeId: 'BJ', startsAt: appointmentSlot(h.clock.now()) });
    await h.waitForStep(caseId, 'VERIFICATION');
    while (h.clock.now() - downAt < 10 * 60_000) await minute();

    // Ten minutes of a dead relay: the case went on through review and booking, nothing failed,
    // and the two emails of those steps wait in the outbox with their failed attempts.
    expect(await h.store.getCase(caseId)).toMatchObject({
      status: 'AWAITING_VERIFICATION',
      currentStep: 'VERIFICATION',
    });
    expect((await h.execution(caseId)).status).toBe('RUNNING');
    const waiting = await h.store.listEmails(caseId);
    expect(waiting.map((e) => [e.template, e.state])).toEqual([
      ['caseOpened', 'SENT'],
      ['documentsComplete', 'QUEUED'],
      ['appointmentScheduled', 'QUEUED'],
    ]);
    for (const email of waiting.slice(1)) {
      expect(email.attempts).toBeGreaterThanOrEqual(2);
      expect(email.lastError).toMatch(/ECONNREFUSED/);
      expect(email.history.every((attempt) => attempt.outcome === 'FAILED')).toBe(true);
    }
    expect(h.subjects(to)).toHaveLength(1);

    await h.smtpUp();
    await h.decide(caseId, 'VERIFICATION', { outcome: 'PRESENT' });
    await h.decide(caseId, 'BUREAU_SUBMISSION', { submittedAt: new Date(h.clock.now()).toISOString() });
    await h.decide(caseId, 'SMS_VERIFICATION', { outcome: 'COMPLETED' });
    await h.decide(caseId, 'BUREAU_DECISION', { decision: 'APPROVE', icpNumber: '京ICP备2026012345号-1' });
    expect((await h.waitForExecution(caseId)).status).toBe('SUCCEEDED');
    // The schedule runs on until each waiting email's next attempt came round (its back-off).
    for (let i = 0; i < 30 && (await h.store.listEmails(caseId)).some((e) => e.state !== 'SENT'); i++) {
      await minute();
    }

    const emails = await h.store.listEmails(caseId);
    expect(emails.map((e) => e.state)).toEqual(['SENT', 'SENT', 'SENT', 'SENT', 'SENT', 'SENT']);
    const received = zhSubjects(h.subjects(to));
    expect(received).toHaveLength(6);
    // Each email exactly once, in whatever order the back-off delivered them.
    for (const part of [
      '备案申请已创建',
      '材料已齐全',
      '面签预约已确定',
      '已提交至',
      '请完成工信部短信核验',
      '备案成功：京ICP备2026012345号-1',
    ]) {
      expect(received.filter((subject) => subject.includes(part))).toHaveLength(1);
    }
    const audit = await h.store.listAudit(caseId);
    expect(audit.filter((e) => e.action === 'EMAIL_SENT')).toHaveLength(6);
    expect(audit.some((e) => e.toStatus === 'FAILED')).toBe(false);
  });
});
