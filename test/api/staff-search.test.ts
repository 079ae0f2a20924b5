import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiHarness,
  businessWithBadCreditCode,
  caseWaitingOn,
  individualApplication,
  newResidentId,
  startApiHarness,
} from './harness.ts';

const OFFICER = 'officer-wang-fang';
const SUPERVISOR = 'supervisor-liu-yang';
const APPLICANT = 'applicant-zhang-wei';
const LANTING = 'applicant-lanting-tech';

/** A business draft whose credit code fails only its checksum: saved, waiting for an override. */
function businessWithBadChecksum() {
  const base = businessWithBadCreditCode();
  return {
    ...base,
    websites: [
      {
        name: '兰亭科技官网',
        domains: ['lanting-tech.cn'],
        ipAddresses: ['203.0.113.10'],
        serverProvince: 'GD' as const,
        contentCategories: ['CORPORATE' as const],
      },
    ],
  };
}

describe('staff search, lists and the override queue', () => {
  let h: ApiHarness;
  let idNumber: string;
  let individualCase: string;
  let draftCase: string;

  beforeAll(async () => {
    h = await startApiHarness();
    idNumber = newResidentId();
    const created = await h.call('POST', '/cases', { as: APPLICANT, body: individualApplication(idNumber) });
    expect(created.status, created.text).toBe(201);
    individualCase = created.body.caseId;
    const draft = await h.call('POST', '/cases', { as: LANTING, body: businessWithBadChecksum() });
    expect(draft.status, draft.text).toBe(201);
    draftCase = draft.body.caseId;
  }, 60_000);
  afterAll(() => h?.close());

  const search = (q: string, as = OFFICER) =>
    h.call('GET', `/officer/search?q=${encodeURIComponent(q)}`, { as });
  const ids = (body: { items: { caseId: string }[] }) => body.items.map((item) => item.caseId);

  it('finds a case by its domain, also typed as a URL with www. and upper case', async () => {
    const domain = `zw${idNumber.slice(-6).toLowerCase()}.com`;
    for (const q of [domain, `https://WWW.${domain.toUpperCase()}/about`]) {
      const response = await search(q);
      expect(response.status, response.text).toBe(200);
      expect(ids(response.body)).toEqual([individualCase]);
      expect(response.body.items[0].matchedBy).toBe('domain');
    }
  });

  it('finds a case by its case id, and by the applicant’s ID number through its keyed hash', async () => {
    const byId = await search(individualCase.toLowerCase());
    expect(ids(byId.body)).toEqual([individualCase]);
    expect(byId.body.items[0].matchedBy).toBe('caseId');
    const byNumber = await search(idNumber);
    expect(ids(byNumber.body)).toEqual([individualCase]);
    expect(byNumber.body.items[0].matchedBy).toBe('idNumber');
    // No key of any item holds the number: the search went through the entity key's hash.
    const keys = (JSON.parse(await h.snapshot()) as Record<string, unknown>[]).flatMap((item) =>
      Object.entries(item)
        .filter(([name]) => /^(PK|SK|\w+Pk|\w+Sk)$/.test(name))
        .map(([, value]) => String(value)),
    );
    expect(keys.join('\n')).not.toContain(idNumber);
  });

  it('finds a draft by a credit code that fails its checksum, and by the start of the company name', async () => {
    const byCode = await search('9144 0300 7152 6726 xa');
    expect(ids(byCode.body)).toEqual([draftCase]);
    const byName = await search('深圳市兰亭');
    expect(ids(byName.body)).toContain(draftCase);
    expect(byName.body.items.find((i: { caseId: string }) => i.caseId === draftCase).matchedBy).toBe('name');
  });

  it('follows the case when the applicant edits the domain: the old one no longer finds it', async () => {
    const before = businessWithBadChecksum();
    const edited = {
      ...before,
      websites: [{ ...(before.websites[0] as (typeof before.websites)[0]), domains: ['lanting-new.cn'] }],
    };
    const put = await h.call('PUT', `/cases/${draftCase}`, { as: LANTING, body: edited });
    expect(put.status, put.text).toBe(200);
    expect(ids((await search('lanting-new.cn')).body)).toEqual([draftCase]);
    expect(ids((await search('lanting-tech.cn')).body)).toEqual([]);
    expect(await h.snapshot()).not.toContain('LOOKUP#DOMAIN#lanting-tech.cn');
  });

  it('finds a case by the ICP number the bureau issued', async () => {
    const { record } = await caseWaitingOn(h, 'BUREAU_DECISION');
    await h.deps.store.updateStatus({
      caseId: record.caseId,
      to: 'APPROVED',
      actor: { subject: 'system:test', role: 'system' },
      icpNumber: '京ICP备20260302号-1',
    });
    const response = await search('京ICP备20260302号-1');
    expect(ids(response.body)).toEqual([record.caseId]);
    expect(response.body.items[0].matchedBy).toBe('icpNumber');
  });

  it('answers 400 SEARCH_TEXT_UNUSABLE, bilingual, for a text no reading fits', async () => {
    const response = await search('x');
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'SEARCH_TEXT_UNUSABLE', field: 'q' });
    expect(response.body.messageZh).toMatch(/案件编号/);
  });

  it('keeps search to staff: an applicant gets 403, no token 401', async () => {
    expect((await search('example.com', APPLICANT)).status).toBe(403);
    expect((await h.call('GET', '/officer/search?q=example.com')).status).toBe(401);
  });

  it('lists every case newest first, by status, by step, and filtered by filing type and province', async () => {
    const all = await h.call('GET', '/officer/cases?limit=100', { as: OFFICER });
    expect(all.status, all.text).toBe(200);
    expect(ids(all.body)).toEqual(expect.arrayContaining([individualCase, draftCase]));
    const created = all.body.items.map((i: { createdAt: string }) => i.createdAt);
    expect(created).toEqual([...created].sort().reverse());

    const drafts = await h.call('GET', '/officer/cases?status=DRAFT&province=GD', { as: OFFICER });
    expect(ids(drafts.body)).toEqual([draftCase]);
    const commercial = await h.call('GET', '/officer/cases?filingType=COMMERCIAL', { as: OFFICER });
    expect(ids(commercial.body)).toEqual([]);

    const { record } = await caseWaitingOn(h, 'REVIEW');
    const review = await h.call('GET', '/officer/cases?step=REVIEW', { as: OFFICER });
    expect(ids(review.body)).toEqual([record.caseId]);
  });

  it('pages the all-cases list with a cursor, and refuses a forged cursor with 400 INVALID_CURSOR', async () => {
    const first = await h.call('GET', '/officer/cases?limit=1', { as: OFFICER });
    expect(first.body.items).toHaveLength(1);
    const second = await h.call('GET', `/officer/cases?limit=1&cursor=${first.body.cursor}`, { as: OFFICER });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].caseId).not.toBe(first.body.items[0].caseId);
    const forged = Buffer.from(JSON.stringify({ PK: 'x' })).toString('base64url');
    const bad = await h.call('GET', `/officer/cases?cursor=${forged}`, { as: OFFICER });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_CURSOR');
  });

  it('lists drafts waiting for an override to supervisors only, and drops one once it is accepted', async () => {
    const queue = await h.call('GET', '/supervisor/override-queue', { as: SUPERVISOR });
    expect(queue.status, queue.text).toBe(200);
    expect(ids(queue.body)).toEqual([draftCase]);
    expect(queue.body.items[0].pendingOverrides).toContain('CREDIT_CODE_CHECKSUM');
    expect((await h.call('GET', '/supervisor/override-queue', { as: OFFICER })).status).toBe(403);

    const accepted = await h.call('POST', `/supervisor/cases/${draftCase}/application-overrides`, {
      as: SUPERVISOR,
      body: { code: 'CREDIT_CODE_CHECKSUM', reason: 'Checked against the licence original.' },
    });
    expect(accepted.status, accepted.text).toBe(200);
    const after = await h.call('GET', '/supervisor/override-queue', { as: SUPERVISOR });
    expect(ids(after.body)).toEqual([]);
  });
});
