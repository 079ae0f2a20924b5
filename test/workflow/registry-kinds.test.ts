import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationInput } from '#domain/application';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { issueNumber } from '#workflow/issue-number';
import { startWorkflowHarness, type WorkflowHarness } from './harness.ts';
import { runToApproval, statusChain, zhSubjects } from './support.ts';

const individual = SAMPLE_APPLICATIONS.chineseIndividual;
const site = individual.websites[0] as ApplicationInput['websites'][number];
const email = individual.responsiblePerson.email;

describe('the filing registry and the filings after the first, through the real state machine', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  /** A case of the individual's entity acting on one of its websites. */
  const onWebsite = (
    filingType: ApplicationInput['filingType'],
    existingIcpNumber: string,
    websites: ApplicationInput['websites'] = [site],
  ): ApplicationInput => ({ ...individual, filingType, existingIcpNumber, websites });

  it('records an approved GENERAL case as the entity, its website and our access record, under the applicant', async () => {
    const draft = await h.createCase(individual, { entity: 'zhang' });
    await runToApproval(h, draft.caseId, '京ICP备2026010001号-1', true);

    const filings = await h.store.getEntityFilings('京ICP备2026010001号');
    expect(filings?.entity).toMatchObject({
      entityNumber: '京ICP备2026010001号',
      ownerSubject: draft.applicantSubject,
      entityKey: draft.entityKey,
      name: '张伟',
      status: 'ACTIVE',
      sourceCaseId: draft.caseId,
    });
    expect(filings?.websites).toEqual([
      expect.objectContaining({
        icpNumber: '京ICP备2026010001号-1',
        siteNumber: 1,
        domains: ['zhangwei-photo.cn'],
        responsiblePerson: { name: '张伟', email },
        status: 'ACTIVE',
      }),
    ]);
    expect(filings?.access).toEqual([
      expect.objectContaining({
        icpNumber: '京ICP备2026010001号-1',
        ipAddresses: ['203.0.113.10'],
        status: 'ACTIVE',
      }),
    ]);
    // No ID number is kept in the registry.
    expect(JSON.stringify(filings)).not.toContain(individual.applicant.idNumber);
    const owned = await h.store.listFilingsByOwner(draft.applicantSubject);
    expect(owned.map((f) => f.entity.entityNumber)).toEqual(['京ICP备2026010001号']);
  });

  it('writes the registry once when IssueNumber is retried', async () => {
    const [owned] = await h.store.listFilingsByOwner('applicant-1');
    const caseId = owned?.entity.sourceCaseId as string;
    const before = await h.store.getEntityFilings('京ICP备2026010001号');
    const audit = (await h.store.listAudit(caseId)).filter((e) => e.action === 'REGISTRY_UPDATED');
    expect(audit).toHaveLength(1);
    await issueNumber(h.deps, {
      caseId,
      idempotencyKey: audit[0]?.idempotencyKey as string,
      icpNumber: '京ICP备2026010001号-1',
    });
    expect(await h.store.getEntityFilings('京ICP备2026010001号')).toEqual(before);
    expect((await h.store.listAudit(caseId)).filter((e) => e.action === 'REGISTRY_UPDATED')).toHaveLength(1);
  });

  it('changes the access of a site we host with an officer review and no in-person verification, and records the new addresses', async () => {
    const draft = await h.createCase(
      onWebsite('CHANGE_ACCESS', '京ICP备2026010001号-1', [{ ...site, ipAddresses: ['203.0.113.77'] }]),
      { entity: 'zhang' },
    );
    expect(draft.requiredDocuments).toEqual([
      'RESPONSIBLE_PERSON_ID_FRONT',
      'RESPONSIBLE_PERSON_ID_BACK',
      'WEBSITE_VERIFICATION_FORM',
    ]);
    await runToApproval(h, draft.caseId, '京ICP备2026010001号-1', false);
    expect(statusChain(await h.store.listAudit(draft.caseId))).not.toContain('AWAITING_VERIFICATION');
    const filings = await h.store.getEntityFilings('京ICP备2026010001号');
    expect(filings?.access).toEqual([
      expect.objectContaining({
        ipAddresses: ['203.0.113.77'],
        status: 'ACTIVE',
        updatedByCaseId: draft.caseId,
      }),
    ]);
    expect(zhSubjects(h.subjects(email)).at(-1)).toBe(
      '变更接入信息（本服务商内更换 IP）已完成：京ICP备2026010001号-1',
    );
  });

  it('transfers in a site filed through another provider with the in-person verification, and records it as hosted here', async () => {
    const draft = await h.createCase(
      onWebsite('TRANSFER_IN', '京ICP备2025000777号-3', [
        { ...site, name: '张伟的旅行日记', domains: ['zhangwei-travel.cn'], ipAddresses: ['203.0.113.30'] },
      ]),
      { entity: 'zhang-elsewhere' },
    );
    expect(draft.requiredDocuments).toEqual(
      expect.arrayContaining(['APPLICANT_ID_FRONT', 'DOMAIN_CERTIFICATE', 'WEBSITE_VERIFICATION_FORM']),
    );
    await runToApproval(h, draft.caseId, '京ICP备2025000777号-3', true);
    expect(statusChain(await h.store.listAudit(draft.caseId))).toContain('AWAITING_VERIFICATION');
    const filings = await h.store.getEntityFilings('京ICP备2025000777号');
    expect(filings?.websites).toEqual([
      expect.objectContaining({ icpNumber: '京ICP备2025000777号-3', domains: ['zhangwei-travel.cn'] }),
    ]);
    expect(filings?.access).toEqual([
      expect.objectContaining({
        icpNumber: '京ICP备2025000777号-3',
        ipAddresses: ['203.0.113.30'],
        status: 'ACTIVE',
      }),
    ]);
  });

  it('withdraws our access to the transferred site after an officer review, keeping its filing, and says so in both languages', async () => {
    const draft = await h.createCase(
      onWebsite('CANCEL_ACCESS', '京ICP备2025000777号-3', [
        { ...site, name: '张伟的旅行日记', domains: ['zhangwei-travel.cn'], ipAddresses: ['203.0.113.30'] },
      ]),
      { entity: 'zhang-elsewhere' },
    );
    expect(draft.requiredDocuments).toEqual(['RESPONSIBLE_PERSON_ID_FRONT', 'RESPONSIBLE_PERSON_ID_BACK']);
    await runToApproval(h, draft.caseId, '京ICP备2025000777号-3', false);
    expect(statusChain(await h.store.listAudit(draft.caseId))).not.toContain('AWAITING_VERIFICATION');
    const filings = await h.store.getEntityFilings('京ICP备2025000777号');
    expect(filings?.websites.map((w) => w.status)).toEqual(['ACTIVE']);
    expect(filings?.access.map((a) => a.status)).toEqual(['CANCELLED']);
    const last = h.mail.inbox(email).at(-1);
    expect(last?.subject).toContain('取消接入已完成：京ICP备2025000777号-3');
    expect(last?.text).toContain('网站备案保留');
    expect(last?.text).toContain('its filing stays');
  });

  it('refuses to change the access of a site we do not host, naming the reason', async () => {
    const draft = await h.createCase(onWebsite('CHANGE_ACCESS', '京ICP备2025000999号-1'), {
      entity: 'zhang-2',
    });
    await h.submit(draft.caseId);
    const closed = await h.waitForCase(draft.caseId, (c) => c.status === 'REJECTED', 'the rejection');
    expect(closed.status).toBe('REJECTED');
    const checked = (await h.store.listAudit(draft.caseId)).find((e) => e.action === 'ELIGIBILITY_CHECKED');
    expect(checked?.detail).toMatchObject({ eligible: false, reasons: ['SITE_NOT_HOSTED_HERE'] });
  });

  it('cancels a website after an officer review, marks it and its access cancelled, and says so in both languages', async () => {
    const draft = await h.createCase(onWebsite('CANCEL_WEBSITE', '京ICP备2026010001号-1'), {
      entity: 'zhang',
    });
    expect(draft.requiredDocuments).toEqual(['RESPONSIBLE_PERSON_ID_FRONT', 'RESPONSIBLE_PERSON_ID_BACK']);
    await runToApproval(h, draft.caseId, '京ICP备2026010001号-1', false);
    const filings = await h.store.getEntityFilings('京ICP备2026010001号');
    expect(filings?.websites.map((w) => w.status)).toEqual(['CANCELLED']);
    expect(filings?.access.map((a) => a.status)).toEqual(['CANCELLED']);
    const last = h.mail.inbox(email).at(-1);
    expect(last?.subject).toContain('注销网站已完成：京ICP备2026010001号-1');
    expect(last?.text).toContain('该网站的备案已注销');
    expect(last?.text).toContain('The website’s filing is cancelled');
  });
});
