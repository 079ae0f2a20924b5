import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_RULES } from '#domain/document-types';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { startWorkflowHarness, type WorkflowHarness } from './harness.ts';
import { appointmentSlot } from './support.ts';

/** Issue 17: what the emails the workflow builds ask the applicant for, as recorded in the outbox. */
describe('the documents the workflow’s emails ask for', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const emailText = async (caseId: string, template: string) => {
    const email = (await h.store.listEmails(caseId)).find((e) => e.template === template);
    if (!email) throw new Error(`no ${template} email for ${caseId}`);
    return email.text;
  };

  it('asks in the case-opened email only for the documents not yet accepted when the case opens', async () => {
    const draft = await h.createCase(SAMPLE_APPLICATIONS.chineseIndividual);
    const [missing, ...accepted] = draft.requiredDocuments;
    if (!missing || accepted.length === 0) throw new Error('the sample needs several documents');
    // Uploaded with the draft and accepted by inspection before the applicant submits.
    const at = new Date(h.clock.now()).toISOString();
    for (const docType of accepted) {
      await h.store.applyDocumentSummary(draft.caseId, docType, {
        uploadId: `u-${docType}`,
        key: `cases/${draft.caseId}/${docType}/x`,
        status: 'VALID',
        findings: [],
        uploadedAt: at,
        recordedAt: at,
      });
    }
    await h.submit(draft.caseId);
    await h.waitForStep(draft.caseId, 'DOCUMENTS');

    const text = await emailText(draft.caseId, 'caseOpened');
    const asked = text.split('\n').filter((line) => line.startsWith('- '));
    expect(asked).toEqual([`- ${DOCUMENT_RULES[missing].labelZh}`, `- ${DOCUMENT_RULES[missing].labelEn}`]);
  });

  it('tells the applicant there is nothing to upload when every document was accepted with the draft', async () => {
    const draft = await h.createCase(SAMPLE_APPLICATIONS.chineseBusiness);
    await h.uploadAllDocuments(draft.caseId);
    await h.submit(draft.caseId);
    // All valid: the step resumes at once and the case goes on to the review.
    await h.waitForStep(draft.caseId, 'REVIEW');

    const text = await emailText(draft.caseId, 'caseOpened');
    expect(text.split('\n').filter((line) => line.startsWith('- '))).toEqual([]);
    expect(text).toContain('无需再上传');
    expect(text).toContain('nothing more to upload');
  });

  it.each([
    { who: 'a Chinese individual', company: false, application: SAMPLE_APPLICATIONS.chineseIndividual },
    { who: 'a foreign individual', company: false, application: SAMPLE_APPLICATIONS.foreignIndividual },
    { who: 'a China-registered business', company: true, application: SAMPLE_APPLICATIONS.chineseBusiness },
  ])(
    'lists what $who brings to the appointment (company documents: $company)',
    async ({ company, application }) => {
      const draft = await h.createCase(application);
      await h.submit(draft.caseId);
      await h.completeDocuments(draft.caseId);
      await h.decide(draft.caseId, 'REVIEW', { decision: 'APPROVE' });
      await h.decide(draft.caseId, 'APPOINTMENT', {
        officeId: 'BJ',
        startsAt: appointmentSlot(h.clock.now()),
      });
      await h.waitForStep(draft.caseId, 'VERIFICATION');

      const text = await emailText(draft.caseId, 'appointmentScheduled');
      expect(text).toContain('- 网站负责人本人有效身份证件原件');
      expect(text).toContain('- The signed original Website Verification Form');
      for (const line of [
        '- 加盖公章的营业执照复印件',
        "- A copy of the business licence with the organisation's seal",
      ]) {
        if (company) expect(text).toContain(line);
        else expect(text).not.toContain(line);
      }
      if (!company) expect(text).not.toMatch(/营业执照|licence/);
    },
  );
});
