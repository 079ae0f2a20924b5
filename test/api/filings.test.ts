import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationInput } from '#domain/application';
import { type ApiHarness, approvedGeneralCase, caseWaitingOn, startApiHarness } from './harness.ts';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
}, 30_000);
afterAll(() => h.close());

const ZHANG = 'applicant-zhang-wei';
const LANTING = 'applicant-lanting-tech';

describe('filings from the registry', () => {
  it('lists an approved GENERAL case among my filings with the actions that apply, and nobody else’s', async () => {
    const approved = await approvedGeneralCase(h, ZHANG, '京ICP备2026020001号-1');
    const mine = await h.call('GET', '/filings', { as: ZHANG });
    expect(mine.status).toBe(200);
    const entity = mine.body.items.find(
      (i: { entityNumber: string }) => i.entityNumber === '京ICP备2026020001号',
    );
    expect(entity).toMatchObject({
      name: '张伟',
      status: 'ACTIVE',
      actions: ['ADD_WEBSITE', 'CHANGE_ENTITY', 'CANCEL_ENTITY'],
      websites: [
        {
          icpNumber: '京ICP备2026020001号-1',
          domains: approved.domains,
          hostedHere: true,
          ipAddresses: ['203.0.113.10'],
          actions: ['CHANGE_WEBSITE', 'CHANGE_ACCESS', 'CANCEL_ACCESS', 'CANCEL_WEBSITE'],
        },
      ],
    });
    expect(JSON.stringify(mine.body)).not.toContain(
      (approved.application.applicant as { idNumber: string }).idNumber,
    );
    const theirs = await h.call('GET', '/filings', { as: LANTING });
    expect(theirs.body.items).toEqual([]);
  });

  it('pre-fills a change of access from the approved filing, and a draft made from it names the open case when another is refused', async () => {
    const approved = await approvedGeneralCase(h, ZHANG, '京ICP备2026020002号-1');
    const prefill = await h.call(
      'GET',
      `/filings/prefill?icpNumber=${encodeURIComponent('京ICP备2026020002号-1')}&kind=CHANGE_ACCESS`,
      { as: ZHANG },
    );
    expect(prefill.status, prefill.text).toBe(200);
    expect(prefill.body).toMatchObject({
      kind: 'CHANGE_ACCESS',
      basedOnCaseId: approved.caseId,
      current: { domains: approved.domains, ipAddresses: ['203.0.113.10'] },
    });
    const application = prefill.body.application as ApplicationInput;
    // Nothing to retype: the entity and the responsible person are the approved filing's.
    expect(application.applicant).toEqual(approved.application.applicant);
    expect(application.responsiblePerson).toEqual(approved.application.responsiblePerson);
    expect(application.existingIcpNumber).toBe('京ICP备2026020002号-1');

    const changed = {
      ...application,
      websites: [{ ...application.websites[0], ipAddresses: ['203.0.113.99'] }],
    };
    const draft = await h.call('POST', '/cases', { as: ZHANG, body: changed });
    expect(draft.status, draft.text).toBe(201);
    expect(draft.body).toMatchObject({ filingType: 'CHANGE_ACCESS', status: 'DRAFT' });

    const addWebsite = await h.call(
      'GET',
      `/filings/prefill?icpNumber=${encodeURIComponent('京ICP备2026020002号')}&kind=ADD_WEBSITE`,
      { as: ZHANG },
    );
    expect(addWebsite.status).toBe(200);
    expect(addWebsite.body.application.websites).toEqual([]);
    const second = await h.call('POST', '/cases', {
      as: ZHANG,
      body: {
        ...addWebsite.body.application,
        websites: [
          {
            name: '张伟的旅行日记',
            domains: ['zhangwei-travel-2026.cn'],
            ipAddresses: ['203.0.113.11'],
            serverProvince: 'BJ',
            contentCategories: ['PERSONAL'],
          },
        ],
      },
    });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'OPEN_CASE_EXISTS', caseId: draft.body.caseId });
    expect(second.body.message).toContain(draft.body.caseId);
    expect(second.body.messageZh).toContain(draft.body.caseId);
  });

  it('does not name another applicant’s open case of the same entity', async () => {
    const { record } = await caseWaitingOn(h, 'REVIEW', { applicant: ZHANG });
    const again = await h.call('POST', '/cases', { as: LANTING, body: record.application });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('OPEN_CASE_EXISTS');
    expect(again.body.caseId).toBeUndefined();
    expect(again.body.message).not.toContain(record.caseId);
  });

  it('answers 404 FILING_NOT_FOUND for another applicant’s number and 409 for an action that does not apply, changing nothing', async () => {
    await approvedGeneralCase(h, ZHANG, '京ICP备2026020003号-1');
    const before = await h.snapshot();
    const number = encodeURIComponent('京ICP备2026020003号-1');
    const theirs = await h.call('GET', `/filings/prefill?icpNumber=${number}&kind=CHANGE_ACCESS`, {
      as: LANTING,
    });
    expect(theirs.status).toBe(404);
    expect(theirs.body).toMatchObject({ code: 'FILING_NOT_FOUND', messageZh: expect.any(String) });
    const transfer = await h.call('GET', `/filings/prefill?icpNumber=${number}&kind=TRANSFER_IN`, {
      as: ZHANG,
    });
    expect(transfer.status).toBe(409);
    expect(transfer.body.code).toBe('FILING_ACTION_NOT_ALLOWED');
    expect(await h.snapshot()).toBe(before);
  });

  it('refuses with 422 a change of access for a website we do not host', async () => {
    const { record } = await caseWaitingOn(h, 'BUREAU_DECISION', { applicant: ZHANG });
    await h.deps.store.updateStatus({
      caseId: record.caseId,
      to: 'REJECTED',
      step: null,
      actor: { subject: 'system:workflow', role: 'system' },
    });
    const response = await h.call('POST', '/cases', {
      as: ZHANG,
      body: {
        ...record.application,
        filingType: 'CHANGE_ACCESS',
        existingIcpNumber: '京ICP备2026020004号-1',
      },
    });
    expect(response.status).toBe(422);
    expect(response.body.issues).toEqual([
      expect.objectContaining({ code: 'SITE_NOT_HOSTED_HERE', field: 'existingIcpNumber' }),
    ]);
  });
});
