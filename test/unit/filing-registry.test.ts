import { describe, expect, it } from 'vitest';
import { applicationSchema } from '#domain/application';
import { checkDecisionNumber } from '#domain/decision-number';
import { needsInPersonVerification } from '#domain/filing-kinds';
import { type ApprovedCase, applyApprovedCase, type EntityFilings } from '#domain/filing-registry';
import { checkAgainstRegistry } from '#domain/registry-eligibility';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';

const AT = '2026-12-02T06:00:00.000Z';
const site = (name: string, domain: string, ip: string) => ({
  name,
  domains: [domain],
  ipAddresses: [ip],
  serverProvince: 'BJ',
});
const approved = (overrides: Partial<ApprovedCase> = {}): ApprovedCase => ({
  caseId: 'C-1',
  applicantSubject: 'applicant-1',
  entityKey: 'key-1',
  applicantType: 'CHINESE_INDIVIDUAL',
  filingType: 'GENERAL',
  province: 'BJ',
  application: {
    applicant: { name: '张伟' },
    websites: [site('摄影', 'a.cn', '203.0.113.1'), site('旅行', 'b.cn', '203.0.113.2')],
    responsiblePerson: { name: '张伟', email: 'z@example.cn' },
  },
  ...overrides,
});

describe('the registry after an approval', () => {
  it('numbers the websites of a GENERAL case from the decision’s site number on, each hosted here', () => {
    const filings = applyApprovedCase(undefined, approved(), '京ICP备2026000001号-1', AT);
    expect(filings?.entity).toMatchObject({
      entityNumber: '京ICP备2026000001号',
      ownerSubject: 'applicant-1',
    });
    expect(filings?.websites.map((w) => [w.icpNumber, w.domains[0]])).toEqual([
      ['京ICP备2026000001号-1', 'a.cn'],
      ['京ICP备2026000001号-2', 'b.cn'],
    ]);
    expect(filings?.access.map((a) => [a.icpNumber, a.ipAddresses[0], a.status])).toEqual([
      ['京ICP备2026000001号-1', '203.0.113.1', 'ACTIVE'],
      ['京ICP备2026000001号-2', '203.0.113.2', 'ACTIVE'],
    ]);
  });

  it('gives the same registry when the same approval is applied again (a retried task)', () => {
    const once = applyApprovedCase(undefined, approved(), '京ICP备2026000001号-1', AT);
    expect(applyApprovedCase(once, approved(), '京ICP备2026000001号-1', AT)).toEqual(once);
  });

  it('cancels one website and its access, leaving the entity and the other website filed', () => {
    const first = applyApprovedCase(undefined, approved(), '京ICP备2026000001号-1', AT) as EntityFilings;
    const after = applyApprovedCase(
      first,
      approved({ caseId: 'C-2', filingType: 'CANCEL_WEBSITE' }),
      '京ICP备2026000001号-2',
      AT,
    );
    expect(after?.entity.status).toBe('ACTIVE');
    expect(after?.websites.map((w) => w.status)).toEqual(['ACTIVE', 'CANCELLED']);
    expect(after?.access.map((a) => a.status)).toEqual(['ACTIVE', 'CANCELLED']);
  });

  it('leaves the registry as it was for a commercial licence', () => {
    const first = applyApprovedCase(undefined, approved(), '京ICP备2026000001号-1', AT);
    expect(applyApprovedCase(first, approved({ filingType: 'COMMERCIAL' }), '京B2-20090059', AT)).toBe(first);
  });
});

describe('the filing kinds after the first', () => {
  const filings = applyApprovedCase(undefined, approved(), '京ICP备2026000001号-1', AT) as EntityFilings;

  it('verifies in person for a transfer in and a hosting change of a site hosted elsewhere, not for an access change or a cancellation', () => {
    expect(needsInPersonVerification('TRANSFER_IN', { hostedHere: false })).toBe(true);
    expect(needsInPersonVerification('CHANGE_HOSTING', { hostedHere: false })).toBe(true);
    expect(needsInPersonVerification('CHANGE_HOSTING', { hostedHere: true })).toBe(false);
    expect(needsInPersonVerification('CHANGE_ACCESS', { hostedHere: true })).toBe(false);
    expect(needsInPersonVerification('CANCEL_WEBSITE', { hostedHere: true })).toBe(false);
  });

  it('refuses an access change of a site we do not host, a transfer of one we do, and a number of another entity', () => {
    const codes = (filingType: 'CHANGE_ACCESS' | 'TRANSFER_IN', number: string, key = 'key-1') =>
      checkAgainstRegistry({ filingType, existingIcpNumber: number }, filings, key).map((r) => r.code);
    expect(codes('CHANGE_ACCESS', '京ICP备2026000001号-1')).toEqual([]);
    expect(codes('CHANGE_ACCESS', '京ICP备2026000001号-7')).toEqual(['SITE_NOT_HOSTED_HERE']);
    expect(codes('TRANSFER_IN', '京ICP备2026000001号-1')).toEqual(['SITE_ALREADY_HOSTED_HERE']);
    expect(codes('CHANGE_ACCESS', '京ICP备2026000001号-1', 'key-2')).toEqual([
      'EXISTING_ICP_NUMBER_NOT_OF_ENTITY',
    ]);
  });

  it('refuses a website change that takes a domain another live site of the entity files, not the site’s own', () => {
    const change = (domains: string[]) =>
      checkAgainstRegistry(
        {
          filingType: 'CHANGE_WEBSITE',
          existingIcpNumber: '京ICP备2026000001号-1',
          websites: [{ domains, ipAddresses: ['203.0.113.1'] }],
        },
        filings,
        'key-1',
      ).map((r) => [r.code, r.field]);
    expect(change(['a.cn', 'new.cn'])).toEqual([]);
    expect(change(['a.cn', 'www.b.cn'])).toEqual([['DOMAIN_ALREADY_FILED', 'websites.0.domains.1']]);
  });

  it('keeps the website’s number at the bureau’s decision of an access change', () => {
    const record = {
      filingType: 'CHANGE_ACCESS' as const,
      province: 'BJ',
      existingIcpNumber: '京ICP备2026000001号-1',
    };
    expect(checkDecisionNumber('京ICP备2026000001号-1', record).ok).toBe(true);
    const other = checkDecisionNumber('京ICP备2026000001号-2', record);
    expect(other.ok ? undefined : other.error.code).toBe('DECISION_SITE_NUMBER_MISMATCH');
  });

  it('takes the entity’s own number, without a site suffix, as the decision of a case on the entity', () => {
    for (const filingType of ['CHANGE_ENTITY', 'CANCEL_ENTITY', 'CLAIM'] as const) {
      const record = { filingType, province: 'BJ', existingIcpNumber: '京ICP备2026000001号' };
      expect(checkDecisionNumber('京ICP备2026000001号', record).ok).toBe(true);
      const withSite = checkDecisionNumber('京ICP备2026000001号-1', record);
      expect(withSite.ok ? undefined : withSite.error.code).toBe('DECISION_ENTITY_NUMBER_MISMATCH');
      const other = checkDecisionNumber('京ICP备2026000002号', record);
      expect(other.ok ? undefined : other.error.code).toBe('DECISION_ENTITY_NUMBER_MISMATCH');
    }
  });

  it('verifies a website change in person only when its responsible person changes', () => {
    expect(
      needsInPersonVerification('CHANGE_WEBSITE', { hostedHere: true, responsiblePersonChanges: true }),
    ).toBe(true);
    expect(
      needsInPersonVerification('CHANGE_WEBSITE', { hostedHere: true, responsiblePersonChanges: false }),
    ).toBe(false);
    expect(needsInPersonVerification('CLAIM', { hostedHere: false })).toBe(false);
  });

  it('asks a case on one website for that website’s number and for that website alone', () => {
    const individual = SAMPLE_APPLICATIONS.chineseIndividual;
    const result = applicationSchema().safeParse({
      ...individual,
      filingType: 'CANCEL_WEBSITE',
      existingIcpNumber: '京ICP备2026000001号',
      websites: [individual.websites[0], { ...individual.websites[0], domains: ['other-site.cn'] }],
    });
    expect(result.success).toBe(false);
    const codes = result.success
      ? []
      : result.error.issues.map((i) => (i as { params?: { code?: string } }).params?.code);
    expect(codes).toEqual(expect.arrayContaining(['EXISTING_NUMBER_NEEDS_SITE', 'ONE_WEBSITE_PER_CASE']));
  });
});
