import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationInput } from '#domain/application';
import { recordApprovedFiling } from '#workflow/record-approved-filing';
import {
  type ApiHarness,
  approvedGeneralCase,
  caseWaitingOn,
  newResidentId,
  startApiHarness,
} from './harness.ts';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
}, 30_000);
afterAll(() => h.close());

const ZHANG = 'applicant-zhang-wei';
const OFFICER = 'officer-wang-fang';

const prefill = (icpNumber: string, kind: string) =>
  h.call('GET', `/filings/prefill?icpNumber=${encodeURIComponent(icpNumber)}&kind=${kind}`, { as: ZHANG });

describe('the entity kinds and website changes through the API', () => {
  it('pre-fills an entity change with the entity as filed and its websites, and takes a changed address as a draft', async () => {
    const approved = await approvedGeneralCase(h, ZHANG, '京ICP备2026030001号-1');
    const filled = await prefill('京ICP备2026030001号', 'CHANGE_ENTITY');
    expect(filled.status, filled.text).toBe(200);
    expect(filled.body).toMatchObject({
      kind: 'CHANGE_ENTITY',
      icpNumber: '京ICP备2026030001号',
      current: { entityName: '张伟', entityAddress: approved.application.applicant.address },
    });
    const application = filled.body.application as ApplicationInput;
    expect(application.existingIcpNumber).toBe('京ICP备2026030001号');
    expect(application.websites).toEqual([
      expect.objectContaining({ domains: approved.domains, ipAddresses: ['203.0.113.10'] }),
    ]);
    const draft = await h.call('POST', '/cases', {
      as: ZHANG,
      body: { ...application, applicant: { ...application.applicant, address: '北京市东城区东长安街 1 号' } },
    });
    expect(draft.status, draft.text).toBe(201);
    expect(draft.body).toMatchObject({ filingType: 'CHANGE_ENTITY', status: 'DRAFT' });
    expect(draft.body.requiredDocuments).toEqual(expect.arrayContaining(['APPLICANT_ID_FRONT']));
  });

  it('refuses with 422 an entity change under another ID number, explaining to cancel and file anew, and stores nothing', async () => {
    await approvedGeneralCase(h, ZHANG, '京ICP备2026030002号-1');
    const filled = await prefill('京ICP备2026030002号', 'CHANGE_ENTITY');
    const application = filled.body.application as ApplicationInput;
    const before = await h.snapshot();
    const response = await h.call('POST', '/cases', {
      as: ZHANG,
      body: { ...application, applicant: { ...application.applicant, idNumber: newResidentId() } },
    });
    expect(response.status).toBe(422);
    expect(response.body.issues).toEqual([
      expect.objectContaining({
        code: 'ENTITY_ID_CANNOT_CHANGE',
        message: expect.stringContaining('file the new entity anew'),
        messageZh: expect.stringContaining('先注销该主体'),
      }),
    ]);
    expect(await h.snapshot()).toBe(before);
  });

  it('refuses to cancel an entity while it has another open case, naming that case', async () => {
    await approvedGeneralCase(h, ZHANG, '京ICP备2026030003号-1');
    const change = await prefill('京ICP备2026030003号-1', 'CHANGE_ACCESS');
    const application = change.body.application as ApplicationInput;
    const open = await h.call('POST', '/cases', {
      as: ZHANG,
      body: { ...application, websites: [{ ...application.websites[0], ipAddresses: ['203.0.113.44'] }] },
    });
    expect(open.status, open.text).toBe(201);
    const cancel = await prefill('京ICP备2026030003号', 'CANCEL_ENTITY');
    expect(cancel.status).toBe(200);
    const before = await h.snapshot();
    const refused = await h.call('POST', '/cases', { as: ZHANG, body: cancel.body.application });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'OPEN_CASE_EXISTS', caseId: open.body.caseId });
    expect(await h.snapshot()).toBe(before);
  });

  it('pre-fills a website change with the site’s name, domains and responsible person as filed', async () => {
    const approved = await approvedGeneralCase(h, ZHANG, '京ICP备2026030004号-1');
    const filled = await prefill('京ICP备2026030004号-1', 'CHANGE_WEBSITE');
    expect(filled.status, filled.text).toBe(200);
    expect(filled.body.current).toMatchObject({
      name: approved.application.websites[0]?.name,
      domains: approved.domains,
      responsiblePersonName: '张伟',
    });
    expect(filled.body.application.existingIcpNumber).toBe('京ICP备2026030004号-1');
  });

  it('refuses with 422 a website change that also changes the server addresses, pointing to the access change', async () => {
    await approvedGeneralCase(h, ZHANG, '京ICP备2026030006号-1');
    const filled = await prefill('京ICP备2026030006号-1', 'CHANGE_WEBSITE');
    const application = filled.body.application as ApplicationInput;
    const before = await h.snapshot();
    const response = await h.call('POST', '/cases', {
      as: ZHANG,
      body: {
        ...application,
        websites: [{ ...application.websites[0], name: '张伟的新站', ipAddresses: ['203.0.113.99'] }],
      },
    });
    expect(response.status).toBe(422);
    expect(response.body.issues).toEqual([
      expect.objectContaining({
        code: 'ADDRESSES_CHANGE_BY_ACCESS_CHANGE',
        field: 'websites.0.ipAddresses',
        messageZh: expect.stringContaining('变更接入'),
      }),
    ]);
    expect(await h.snapshot()).toBe(before);
    const renamed = await h.call('POST', '/cases', {
      as: ZHANG,
      body: { ...application, websites: [{ ...application.websites[0], name: '张伟的新站' }] },
    });
    expect(renamed.status, renamed.text).toBe(201);
  });

  it('starts a change of a claimed entity from the claim, its sites as the claim listed them', async () => {
    const { record } = await caseWaitingOn(h, 'BUREAU_DECISION', { applicant: ZHANG });
    await h.deps.store.modifyCase(record.caseId, (current) => ({
      ...current,
      filingType: 'CLAIM',
      application: { ...current.application, filingType: 'CLAIM', existingIcpNumber: '京ICP备2019000456号' },
    }));
    const claimed = await h.deps.store.updateStatus({
      caseId: record.caseId,
      to: 'APPROVED',
      step: null,
      icpNumber: '京ICP备2019000456号',
      actor: { subject: 'system:workflow', role: 'system' },
    });
    await recordApprovedFiling(
      h.deps,
      claimed,
      '京ICP备2019000456号',
      `IssueNumber#${record.caseId}`,
      claimed.updatedAt,
    );
    const mine = await h.call('GET', '/filings', { as: ZHANG });
    const entity = mine.body.items.find(
      (i: { entityNumber: string }) => i.entityNumber === '京ICP备2019000456号',
    );
    expect(entity).toMatchObject({
      websites: [],
      actions: ['ADD_WEBSITE', 'CHANGE_ENTITY', 'CANCEL_ENTITY'],
    });
    const filled = await prefill('京ICP备2019000456号', 'CHANGE_ENTITY');
    expect(filled.status, filled.text).toBe(200);
    expect(filled.body.basedOnCaseId).toBe(record.caseId);
    expect(filled.body.application.websites).toEqual(claimed.application.websites);
  });

  it('refuses with 422 a claim of a number already on record', async () => {
    const approved = await approvedGeneralCase(h, ZHANG, '京ICP备2026030005号-1');
    const response = await h.call('POST', '/cases', {
      as: ZHANG,
      body: { ...approved.application, filingType: 'CLAIM', existingIcpNumber: '京ICP备2026030005号' },
    });
    expect(response.status).toBe(422);
    expect(response.body.issues).toEqual([
      expect.objectContaining({ code: 'FILING_ALREADY_ON_RECORD', field: 'existingIcpNumber' }),
    ]);
  });

  it('shows the eligibility warnings to the officer and not to the applicant', async () => {
    const { record } = await caseWaitingOn(h, 'REVIEW', { applicant: ZHANG });
    const warning = {
      code: 'COMPANY_REGISTERED_IN_OTHER_PROVINCE',
      message: 'The credit code was issued in Shanghai, but the filing is in Beijing.',
      messageZh: '统一社会信用代码的登记地为上海，备案省份为北京。',
      field: 'applicant.creditCode',
    };
    // What CheckEligibility stores (test/workflow/entity-kinds.test.ts runs it).
    await h.deps.store.modifyCase(record.caseId, (current) => ({
      ...current,
      eligibilityWarnings: [warning],
    }));
    const officer = await h.call('GET', `/officer/cases/${record.caseId}`, { as: OFFICER });
    expect(officer.status, officer.text).toBe(200);
    expect(officer.body.eligibilityWarnings).toEqual([warning]);
    expect(officer.body.case.eligibilityWarnings).toBeUndefined();
    const own = await h.call('GET', `/cases/${record.caseId}`, { as: ZHANG });
    expect(own.status).toBe(200);
    expect(own.body.eligibilityWarnings).toBeUndefined();
  });
});
