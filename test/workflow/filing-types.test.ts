import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationInput } from '#domain/application';
import type { DocumentType } from '#domain/document-types';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { resumeDocumentsIfComplete } from '#workflow/documents-complete';
import { startWorkflowHarness, type WorkflowHarness } from './harness.ts';
import { appointmentSlot, statusChain } from './support.ts';

const business = SAMPLE_APPLICATIONS.chineseBusiness;

describe('steps that depend on the filing type', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  /** Records what the inspection read from the current upload of a document. */
  async function recordFacts(caseId: string, docType: DocumentType, facts: Record<string, unknown>) {
    const summary = (await h.store.getCase(caseId))?.documents[docType];
    if (!summary) throw new Error(`no ${docType} summary`);
    await h.store.recordDocumentVersion({
      caseId,
      docType,
      uploadId: summary.uploadId,
      bucket: 'icp-uploads',
      key: summary.key,
      originalKey: summary.key,
      sequencer: '0001',
      identity: `${summary.key}/1`,
      size: 1000,
      status: 'VALID',
      findings: [],
      facts,
      uploadedAt: summary.uploadedAt,
      recordedAt: summary.recordedAt,
    });
  }

  /** Runs a GENERAL filing of the business to its ICP number. */
  async function approvedGeneralFiling(icpNumber: string) {
    const draft = await h.createCase(business, { entity: 'lanting' });
    await h.submit(draft.caseId);
    await h.completeDocuments(draft.caseId);
    await h.decide(draft.caseId, 'REVIEW', { decision: 'APPROVE' });
    await h.decide(draft.caseId, 'APPOINTMENT', { officeId: 'SH', startsAt: appointmentSlot(h.clock.now()) });
    await h.decide(draft.caseId, 'VERIFICATION', { outcome: 'PRESENT' });
    await h.decide(draft.caseId, 'BUREAU_SUBMISSION', { submittedAt: new Date(h.clock.now()).toISOString() });
    await h.decide(draft.caseId, 'SMS_VERIFICATION', { outcome: 'COMPLETED' });
    await h.decide(draft.caseId, 'BUREAU_DECISION', { decision: 'APPROVE', icpNumber });
    expect((await h.waitForExecution(draft.caseId)).status).toBe('SUCCEEDED');
    expect((await h.store.getCase(draft.caseId))?.status).toBe('APPROVED');
  }

  it('runs the licence review with the province fee for a COMMERCIAL case of an entity holding a general ICP number', async () => {
    const SHANGHAI_LICENCE_FEE_YUAN = 3000;
    await approvedGeneralFiling('沪ICP备2026011111号-1');
    const commercial: ApplicationInput = {
      ...business,
      filingType: 'COMMERCIAL',
      commercial: {
        generalIcpNumber: '沪ICP备2026011111号',
        registeredCapitalCny: 5_000_000,
        legalRepresentative: { name: '李娜', idNumber: '310104198503124022' },
        staffWithSocialInsurance: 12,
      },
    };
    const draft = await h.createCase(commercial, { entity: 'lanting' });
    expect(draft.requiredDocuments).toEqual(
      expect.arrayContaining(['COMMERCIAL_LICENCE_APPLICATION', 'HOSTING_AGREEMENT']),
    );
    await h.submit(draft.caseId);
    await h.completeDocuments(draft.caseId);
    await h.decide(draft.caseId, 'REVIEW', { decision: 'APPROVE' });
    await h.decide(draft.caseId, 'LICENCE_REVIEW', {
      decision: 'APPROVE',
      feeYuan: SHANGHAI_LICENCE_FEE_YUAN,
    });
    await h.waitForStep(draft.caseId, 'APPOINTMENT');
    // The officer's decision, fee included, is what the licence review hands on in the execution.
    const exits = (await h.history(draft.caseId))
      .filter((e) => e.stateExitedEventDetails?.name === 'LicenceReview')
      .map((e) => JSON.parse(e.stateExitedEventDetails?.output ?? 'null'));
    expect(exits).toEqual([{ decision: 'APPROVE', feeYuan: SHANGHAI_LICENCE_FEE_YUAN }]);
    expect(statusChain(await h.store.listAudit(draft.caseId))).toEqual([
      'SUBMITTED',
      'AWAITING_DOCUMENTS',
      'CROSS_CHECKING',
      'UNDER_REVIEW',
      'LICENCE_REVIEW',
      'AWAITING_VERIFICATION',
    ]);
    await h.withdraw(draft.caseId, 'APPOINTMENT');
    await h.waitForExecution(draft.caseId);
  });

  it('skips the in-person verification for a hosting change of a site we already host', async () => {
    const draft = await h.createCase({
      ...SAMPLE_APPLICATIONS.chineseIndividual,
      filingType: 'CHANGE_HOSTING',
      existingIcpNumber: '京ICP备2025000001号-1',
    });
    // The site is in the registry as hosted here (as an approved filing of this entity leaves it).
    const at = new Date(h.clock.now()).toISOString();
    const stamp = { status: 'ACTIVE' as const, updatedByCaseId: 'C-EARLIER', updatedAt: at };
    await h.store.putEntityFilings({
      entity: {
        entityNumber: '京ICP备2025000001号',
        ownerSubject: draft.applicantSubject,
        entityKey: draft.entityKey,
        applicantType: 'CHINESE_INDIVIDUAL',
        name: '张伟',
        province: 'BJ',
        sourceCaseId: 'C-EARLIER',
        ...stamp,
      },
      websites: [
        {
          entityNumber: '京ICP备2025000001号',
          icpNumber: '京ICP备2025000001号-1',
          siteNumber: 1,
          name: '张伟的摄影作品集',
          domains: ['zhangwei-photo.cn'],
          responsiblePerson: { name: '张伟', email: 'zhang.wei@example.cn' },
          sourceCaseId: 'C-EARLIER',
          ...stamp,
        },
      ],
      access: [
        {
          entityNumber: '京ICP备2025000001号',
          icpNumber: '京ICP备2025000001号-1',
          ipAddresses: ['203.0.113.9'],
          serverProvince: 'BJ',
          ...stamp,
        },
      ],
    });
    await h.submit(draft.caseId);
    await h.completeDocuments(draft.caseId);
    await h.decide(draft.caseId, 'REVIEW', { decision: 'APPROVE' });
    await h.waitForStep(draft.caseId, 'BUREAU_SUBMISSION');
    expect(h.invocations).not.toContain('send-reminder');
    const chain = statusChain(await h.store.listAudit(draft.caseId));
    expect(chain).not.toContain('AWAITING_VERIFICATION');
    expect(chain.at(-1)).toBe('READY_FOR_BUREAU');
    await h.withdraw(draft.caseId, 'BUREAU_SUBMISSION');
    await h.waitForExecution(draft.caseId);
  });

  it('verifies the responsible person in person when a hosting change moves a site filed through another provider', async () => {
    const draft = await h.createCase({
      ...SAMPLE_APPLICATIONS.chineseIndividual,
      filingType: 'CHANGE_HOSTING',
      existingIcpNumber: '京ICP备2025000002号-1',
    });
    await h.submit(draft.caseId);
    await h.completeDocuments(draft.caseId);
    await h.decide(draft.caseId, 'REVIEW', { decision: 'APPROVE' });
    await h.waitForStep(draft.caseId, 'APPOINTMENT');
    expect(statusChain(await h.store.listAudit(draft.caseId)).at(-1)).toBe('AWAITING_VERIFICATION');
    await h.withdraw(draft.caseId, 'APPOINTMENT');
    await h.waitForExecution(draft.caseId);
  });

  it('returns the domain certificate when its holder is not the applicant, and moves on once a supervisor accepts it', async () => {
    const draft = await h.createCase(SAMPLE_APPLICATIONS.chineseIndividual);
    await h.submit(draft.caseId);
    await h.waitForStep(draft.caseId, 'DOCUMENTS');
    await h.uploadAllDocuments(draft.caseId);
    // The certificate's text names someone else as the holder (as the inspection extracted it).
    await recordFacts(draft.caseId, 'DOMAIN_CERTIFICATE', {
      domains: ['zhangwei-photo.cn'],
      holderName: '王小明',
    });
    await resumeDocumentsIfComplete(h.store, h.deps.callbacks, draft.caseId);

    const back = await h.waitForCase(
      draft.caseId,
      (c) => c.status === 'AWAITING_DOCUMENTS' && c.documents.DOMAIN_CERTIFICATE?.status === 'INVALID',
      'the certificate returned',
    );
    expect(back.documents.DOMAIN_CERTIFICATE?.findings.map((f) => f.code)).toContain(
      'CROSS_CHECK_HOLDER_MISMATCH',
    );
    const email = SAMPLE_APPLICATIONS.chineseIndividual.responsiblePerson.email;
    await h.waitForCase(
      draft.caseId,
      () => (h.mail.inbox(email).at(-1)?.text ?? '').includes('王小明'),
      'the email',
    );
    expect(h.mail.inbox(email).at(-1)?.subject).toContain('材料未通过检查：域名证书');

    // A supervisor accepts the certificate (e.g. the holder's name is written differently): settled.
    await h.advance(600);
    await h.store.modifyCase(draft.caseId, (c) => {
      const summary = c.documents.DOMAIN_CERTIFICATE;
      if (!summary) return undefined;
      c.documents.DOMAIN_CERTIFICATE = {
        ...summary,
        status: 'VALID',
        override: {
          by: 'supervisor-liu-yang',
          at: new Date(h.clock.now()).toISOString(),
          reason: '同一人',
          previousStatus: 'INVALID',
          previousFindings: summary.findings,
        },
      };
      return c;
    });
    await resumeDocumentsIfComplete(h.store, h.deps.callbacks, draft.caseId);
    await h.waitForStep(draft.caseId, 'REVIEW');
    const crossChecks = (await h.store.listAudit(draft.caseId)).filter(
      (e) => e.action === 'DOCUMENTS_CROSS_CHECKED',
    );
    expect(crossChecks).toHaveLength(2);
    await h.withdraw(draft.caseId, 'REVIEW');
    await h.waitForExecution(draft.caseId);
  });

  it('returns a form that carries an ID number other than the application’s', async () => {
    const draft = await h.createCase(SAMPLE_APPLICATIONS.chineseIndividual);
    await h.submit(draft.caseId);
    await h.waitForStep(draft.caseId, 'DOCUMENTS');
    await h.uploadAllDocuments(draft.caseId);
    // Stored text keeps ID numbers masked; 310********22 is not the applicant's 110********31.
    await recordFacts(draft.caseId, 'WEBSITE_VERIFICATION_FORM', {
      domains: ['zhangwei-photo.cn'],
      textExcerpt:
        '网站备案信息真实性核验单 主办者：张伟 证件号码：310*************22 域名 zhangwei-photo.cn',
    });
    await recordFacts(draft.caseId, 'REGISTRATION_APPLICATION_FORM', {
      domains: [],
      textExcerpt: '网站备案申请表 主办者名称：张伟 证件号码：110*************31',
    });
    await resumeDocumentsIfComplete(h.store, h.deps.callbacks, draft.caseId);
    const back = await h.waitForCase(
      draft.caseId,
      (c) => c.status === 'AWAITING_DOCUMENTS' && c.documents.WEBSITE_VERIFICATION_FORM?.status === 'INVALID',
      'the form returned',
    );
    expect(back.documents.WEBSITE_VERIFICATION_FORM?.findings.map((f) => f.code)).toEqual([
      'CROSS_CHECK_ID_MISMATCH',
    ]);
    expect(back.documents.REGISTRATION_APPLICATION_FORM?.status).toBe('VALID');
    await h.withdraw(draft.caseId, 'DOCUMENTS');
    await h.waitForExecution(draft.caseId);
  });
});
