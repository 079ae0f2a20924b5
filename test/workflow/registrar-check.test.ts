import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationInput } from '#domain/application';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { startWorkflowHarness, type WorkflowHarness } from './harness.ts';
import { statusChain } from './support.ts';

const business = SAMPLE_APPLICATIONS.chineseBusiness;
/** The sample company's application with its website's domain replaced. */
const withDomain = (domain: string): ApplicationInput => ({
  ...business,
  websites: [{ ...(business.websites[0] as (typeof business.websites)[number]), domains: [domain] }],
});

// The harness's registrar lookup is the local stack's fixture (functions/adapters/fixture-registrar-lookup.ts):
// `-abroad` domains are at GoDaddy, `-rdap-down` domains cannot be looked up.
describe('the registrar check in CheckEligibility', () => {
  let h: WorkflowHarness;
  beforeAll(async () => {
    h = await startWorkflowHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses a domain held at a foreign registrar and emails how to transfer it, in both languages', async () => {
    const draft = await h.createCase(withDomain('lanting-abroad.com'));
    await h.submit(draft.caseId);
    const execution = await h.waitForExecution(draft.caseId);
    expect(execution.status).toBe('SUCCEEDED');
    expect((await h.store.getCase(draft.caseId))?.status).toBe('REJECTED');
    const audit = await h.store.listAudit(draft.caseId);
    expect(audit.find((e) => e.action === 'ELIGIBILITY_CHECKED')?.detail).toMatchObject({
      eligible: false,
      reasons: ['REGISTRAR_NOT_ACCREDITED'],
      registrars: { 'lanting-abroad.com': 'GoDaddy.com, LLC' },
    });
    expect(statusChain(audit)).toEqual(['SUBMITTED', 'REJECTED']);
    const mail = h.mail.inbox(business.responsiblePerson.email).at(-1);
    expect(mail?.subject).toContain('备案未通过');
    expect(mail?.text).toContain('转移密码');
    expect(mail?.text).toContain('transfer (auth/EPP) code');
  });

  it('lets a case whose registrar cannot be looked up go on, flagged for the officer', async () => {
    const draft = await h.createCase(withDomain('lanting-rdap-down.com'));
    await h.submit(draft.caseId);
    await h.waitForStep(draft.caseId, 'DOCUMENTS');
    const audit = await h.store.listAudit(draft.caseId);
    expect(audit.find((e) => e.action === 'ELIGIBILITY_CHECKED')?.detail).toMatchObject({
      eligible: true,
      warnings: [{ code: 'REGISTRAR_LOOKUP_FAILED', field: 'websites.0.domains.0' }],
    });
  });
});
