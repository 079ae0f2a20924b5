import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationInput } from '#domain/application';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { startWorkflowHarness, type WorkflowHarness } from './harness.ts';
import { runToApproval, statusChain } from './support.ts';

const individual = SAMPLE_APPLICATIONS.chineseIndividual;
const company = SAMPLE_APPLICATIONS.chineseBusiness;
const site = individual.websites[0] as ApplicationInput['websites'][number];
const email = individual.responsiblePerson.email;
const ENTITY = '京ICP备2026020001号';
const SITE = `${ENTITY}-1`;

describe('changing, cancelling and claiming entities and changing websites, through the real state machine', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  /** Submits a case the eligibility check refuses and returns the reasons it recorded. */
  async function refusedReasons(caseId: string) {
    await h.submit(caseId);
    await h.waitForCase(caseId, (c) => c.status === 'REJECTED', 'the rejection');
    const checked = (await h.store.listAudit(caseId)).find((e) => e.action === 'ELIGIBILITY_CHECKED');
    return checked?.detail?.reasons;
  }

  const ofEntity = (
    filingType: ApplicationInput['filingType'],
    existingIcpNumber: string,
    changes: Partial<ApplicationInput> = {},
  ): ApplicationInput => ({ ...individual, filingType, existingIcpNumber, ...changes });

  it('files the entity the later cases start from', async () => {
    const draft = await h.createCase(individual, { entity: 'zhang' });
    await runToApproval(h, draft.caseId, SITE, true);
    expect((await h.store.getEntityFilings(ENTITY))?.websites.map((w) => w.icpNumber)).toEqual([SITE]);
  });

  it('changes a website’s name with the same responsible person after an officer review only, keeping its number, and records it', async () => {
    const draft = await h.createCase(
      ofEntity('CHANGE_WEBSITE', SITE, { websites: [{ ...site, name: '张伟的风光摄影' }] }),
      { entity: 'zhang' },
    );
    expect(draft.requiredDocuments).toEqual([
      'RESPONSIBLE_PERSON_ID_FRONT',
      'RESPONSIBLE_PERSON_ID_BACK',
      'DOMAIN_CERTIFICATE',
      'WEBSITE_VERIFICATION_FORM',
    ]);
    await runToApproval(h, draft.caseId, SITE, false);
    expect(statusChain(await h.store.listAudit(draft.caseId))).not.toContain('AWAITING_VERIFICATION');
    const filings = await h.store.getEntityFilings(ENTITY);
    expect(filings?.websites).toEqual([
      expect.objectContaining({
        icpNumber: SITE,
        name: '张伟的风光摄影',
        sourceCaseId: draft.caseId,
        status: 'ACTIVE',
      }),
    ]);
    const last = h.mail.inbox(email).at(-1);
    expect(last?.subject).toContain(`变更网站已完成：${SITE}`);
    expect(last?.text).toContain('网站备案号不变');
    expect(last?.text).toContain('its number stays the same');
  });

  it('verifies a new responsible person in person before the bureau, and records them on the website', async () => {
    const newPerson = {
      name: '王芳',
      idType: 'RESIDENT_ID' as const,
      idNumber: '11010519491231002X',
      mobile: '13512345678',
      email: 'wang.fang@example.cn',
      emergencyContact: { name: '王强', mobile: '13612345678' },
    };
    const draft = await h.createCase(
      ofEntity('CHANGE_WEBSITE', SITE, {
        websites: [{ ...site, name: '张伟的风光摄影' }],
        responsiblePerson: newPerson,
      }),
      { entity: 'zhang' },
    );
    await runToApproval(h, draft.caseId, SITE, true);
    expect(statusChain(await h.store.listAudit(draft.caseId))).toContain('AWAITING_VERIFICATION');
    const filings = await h.store.getEntityFilings(ENTITY);
    expect(filings?.websites[0]?.responsiblePerson).toEqual({ name: '王芳', email: 'wang.fang@example.cn' });
  });

  it('changes the entity’s address with its documents and an officer review, the bureau confirming the entity number', async () => {
    const draft = await h.createCase(
      ofEntity('CHANGE_ENTITY', ENTITY, {
        applicant: { ...individual.applicant, address: '北京市朝阳区建国路 1 号' },
      }),
      { entity: 'zhang' },
    );
    expect(draft.requiredDocuments).toEqual(
      expect.arrayContaining(['APPLICANT_ID_FRONT', 'APPLICANT_ID_BACK']),
    );
    await runToApproval(h, draft.caseId, ENTITY, false);
    expect(statusChain(await h.store.listAudit(draft.caseId))).not.toContain('AWAITING_VERIFICATION');
    const filings = await h.store.getEntityFilings(ENTITY);
    expect(filings?.entity).toMatchObject({ status: 'ACTIVE', sourceCaseId: draft.caseId, name: '张伟' });
    expect(filings?.websites.map((w) => w.status)).toEqual(['ACTIVE']);
    const last = h.mail.inbox(email).at(-1);
    expect(last?.subject).toContain(`变更主体已完成：${ENTITY}`);
    expect(last?.text).toContain('主体的备案信息已更新');
    expect(last?.text).toContain('The entity’s filed details are updated');
  });

  it('refuses an entity change under another ID number, explaining to cancel and file anew', async () => {
    const draft = await h.createCase(ofEntity('CHANGE_ENTITY', ENTITY), { entity: 'another-person' });
    expect(await refusedReasons(draft.caseId)).toEqual(['ENTITY_ID_CANNOT_CHANGE']);
    expect((await h.store.getEntityFilings(ENTITY))?.entity.updatedByCaseId).not.toBe(draft.caseId);
  });

  it('cancels the entity: the entity, its websites and our access are all marked cancelled, and says so in both languages', async () => {
    const draft = await h.createCase(ofEntity('CANCEL_ENTITY', ENTITY), { entity: 'zhang' });
    expect(draft.requiredDocuments).toEqual(['APPLICANT_ID_FRONT', 'APPLICANT_ID_BACK']);
    await runToApproval(h, draft.caseId, ENTITY, false);
    const filings = await h.store.getEntityFilings(ENTITY);
    expect(filings?.entity.status).toBe('CANCELLED');
    expect(filings?.websites.map((w) => w.status)).toEqual(['CANCELLED']);
    expect(filings?.access.map((a) => a.status)).toEqual(['CANCELLED']);
    const last = h.mail.inbox(email).at(-1);
    expect(last?.subject).toContain(`注销主体已完成：${ENTITY}`);
    expect(last?.text).toContain('主体及其全部网站的备案已注销');
    expect(last?.text).toContain('every website’s under it are cancelled');
  });

  it('refuses a website change under a cancelled entity', async () => {
    const draft = await h.createCase(ofEntity('CHANGE_WEBSITE', SITE), { entity: 'zhang' });
    expect(await refusedReasons(draft.caseId)).toEqual(['ENTITY_CANCELLED']);
  });

  it('claims a company filed elsewhere with its documents and an officer review, recording the entity under its number for the claimant', async () => {
    const claim = {
      ...company,
      filingType: 'CLAIM',
      existingIcpNumber: '沪ICP备2019000123号',
    } as ApplicationInput;
    const draft = await h.createCase(claim, { entity: 'lanting' });
    expect(draft.requiredDocuments).toEqual(
      expect.arrayContaining(['BUSINESS_LICENCE', 'DOMAIN_CERTIFICATE']),
    );
    expect(draft.requiredDocuments).not.toContain('WEBSITE_VERIFICATION_FORM');
    await runToApproval(h, draft.caseId, '沪ICP备2019000123号', false);
    expect(statusChain(await h.store.listAudit(draft.caseId))).not.toContain('AWAITING_VERIFICATION');
    const filings = await h.store.getEntityFilings('沪ICP备2019000123号');
    expect(filings?.entity).toMatchObject({
      entityNumber: '沪ICP备2019000123号',
      ownerSubject: draft.applicantSubject,
      name: '上海兰亭科技有限公司',
      status: 'ACTIVE',
      sourceCaseId: draft.caseId,
    });
    expect(filings?.websites).toEqual([]);
    const last = h.mail.inbox(company.responsiblePerson.email).at(-1);
    expect(last?.subject).toContain('备案认领已完成：沪ICP备2019000123号');
    expect(last?.text).toContain('file a transfer in for each');

    const again = await h.createCase(claim, { entity: 'lanting' });
    expect(await refusedReasons(again.caseId)).toEqual(['FILING_ALREADY_ON_RECORD']);
  });

  it('keeps the eligibility warnings on the case for the officer, and goes on to the documents', async () => {
    const elsewhere = {
      ...company,
      applicant: { ...company.applicant, province: 'BJ' },
      websites: [{ ...company.websites[0], domains: ['lanting-bj.com'], serverProvince: 'BJ' }],
    } as ApplicationInput;
    const draft = await h.createCase(elsewhere);
    await h.submit(draft.caseId);
    // Waits for the parked task (not only the case's step), so no task still writes when the harness closes.
    await h.waitForStep(draft.caseId, 'DOCUMENTS');
    const waiting = await h.store.getCase(draft.caseId);
    expect(waiting?.eligibilityWarnings).toEqual([
      expect.objectContaining({
        code: 'COMPANY_REGISTERED_IN_OTHER_PROVINCE',
        field: 'applicant.creditCode',
        messageZh: expect.stringContaining('上海'),
      }),
    ]);
  });
});
