import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { resumeDocumentsIfComplete } from '#workflow/documents-complete';
import { startWorkflowHarness, type WorkflowHarness } from './harness.ts';
import { appointmentSlot, statusChain, zhSubjects } from './support.ts';

describe('the GENERAL happy path on the real state machine', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it.each([
    ['a Chinese individual', SAMPLE_APPLICATIONS.chineseIndividual, '京ICP备2026012345号-1', 'BJ'],
    ['a China-registered business', SAMPLE_APPLICATIONS.chineseBusiness, '沪ICP备2026054321号-1', 'SH'],
    [
      'a foreign individual with a residence registration',
      SAMPLE_APPLICATIONS.foreignIndividual,
      '沪ICP备2026099999号-1',
      'SH',
    ],
  ] as const)('takes %s from submission to an ICP number', async (_who, application, icpNumber, office) => {
    const draft = await h.createCase(application);
    const email = application.responsiblePerson.email;
    await h.submit(draft.caseId);

    await h.waitForStep(draft.caseId, 'DOCUMENTS');
    await h.uploadAllDocuments(draft.caseId);
    // The on-upload handler resumes the step once every required document is valid.
    expect(await resumeDocumentsIfComplete(h.store, h.deps.callbacks, draft.caseId)).toBe('resumed');

    await h.decide(draft.caseId, 'REVIEW', { decision: 'APPROVE' });
    await h.decide(draft.caseId, 'APPOINTMENT', {
      officeId: office,
      startsAt: appointmentSlot(h.clock.now()),
    });
    await h.waitForStep(draft.caseId, 'VERIFICATION');
    await h.decide(draft.caseId, 'VERIFICATION', { outcome: 'PRESENT' });
    const submittedAt = new Date(h.clock.now()).toISOString();
    await h.decide(draft.caseId, 'BUREAU_SUBMISSION', { submittedAt });
    const atBureau = await h.waitForStep(draft.caseId, 'SMS_VERIFICATION');
    expect(atBureau.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Kept on the case before the decision step parks: the API holds the bureau's decision to it.
    expect((await h.store.getCase(draft.caseId))?.submission).toMatchObject({ submittedAt });
    await h.decide(draft.caseId, 'SMS_VERIFICATION', { outcome: 'COMPLETED' });
    await h.decide(draft.caseId, 'BUREAU_DECISION', { decision: 'APPROVE', icpNumber });

    const execution = await h.waitForExecution(draft.caseId);
    expect(execution.status).toBe('SUCCEEDED');
    const approved = await h.store.getCase(draft.caseId);
    expect(approved).toMatchObject({ status: 'APPROVED', icpNumber });
    expect(approved?.currentStep).toBeUndefined();

    const audit = await h.store.listAudit(draft.caseId);
    expect(statusChain(audit)).toEqual([
      'SUBMITTED',
      'AWAITING_DOCUMENTS',
      'CROSS_CHECKING',
      'UNDER_REVIEW',
      'AWAITING_VERIFICATION',
      'READY_FOR_BUREAU',
      'AT_BUREAU',
      'APPROVED',
    ]);
    expect(JSON.stringify(audit)).not.toContain(application.responsiblePerson.idNumber);

    const subjects = h.subjects(email);
    expect(zhSubjects(subjects)).toEqual([
      expect.stringContaining('备案申请已创建'),
      expect.stringContaining('材料已齐全'),
      expect.stringContaining('面签预约已确定'),
      expect.stringContaining('已提交至'),
      expect.stringContaining('请完成工信部短信核验'),
      `备案成功：${icpNumber}`,
    ]);
    const approvedMail = h.mail.inbox(email).at(-1);
    expect(approvedMail?.text).toContain(
      `<a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener noreferrer">${icpNumber}</a>`,
    );
  });
});
