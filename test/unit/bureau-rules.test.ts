import { describe, expect, it } from 'vitest';
import { type ApplicationInput, applicationSchema } from '#domain/application';
import { APPROVED_TLD_LIST, isApprovedTld, TLD_SOURCES } from '#domain/approved-tlds';
import { CONTENT_CATEGORIES, categoryNeedsPreApproval, needsPreApproval } from '#domain/content-categories';
import { creditCodeCheckChar, organisationCodeCheckChar, validateCreditCode } from '#domain/credit-code';
import { checkDecisionNumber, parseDecisionNumber } from '#domain/decision-number';
import { validateFileableDomain } from '#domain/domain-name';
import { ERROR_CATALOGUE } from '#domain/error-catalogue';
import { mayHoldDomain, restrictedSuffixOf } from '#domain/restricted-domains';
import { reservedWordIn, validateWebsiteName } from '#domain/website-name';
import { fromZodError } from '#domain/zod-errors';

const HAN = /\p{Script=Han}/u;
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error?.code);

describe('bureau decision numbers against the case', () => {
  const general = { filingType: 'GENERAL', province: 'BJ' } as const;

  it('accepts a Beijing website filing number for a GENERAL case, normalised', () => {
    const r = checkDecisionNumber('京ICP备2026012345号－1', general);
    expect(r.ok && r.value).toEqual({ kind: 'FILING', province: 'BJ', normalised: '京ICP备2026012345号-1' });
  });

  it('refuses a licence number for a GENERAL case, in both languages', () => {
    for (const number of ['京B2-20090059', '京ICP证000001号-1']) {
      const r = checkDecisionNumber(number, general);
      expect(code(r)).toBe('DECISION_NEEDS_FILING_NUMBER');
      if (!r.ok) {
        expect(r.error.message).toMatch(/filing number/);
        expect(r.error.messageZh).toMatch(HAN);
      }
    }
  });

  it('refuses the entity number without the website suffix, and an app number, for a website case', () => {
    expect(code(checkDecisionNumber('京ICP备2026012345号', general))).toBe('DECISION_NEEDS_SITE_NUMBER');
    expect(code(checkDecisionNumber('京ICP备2026012345号-1A', general))).toBe('DECISION_NEEDS_SITE_NUMBER');
  });

  it('still refuses another province’s number first', () => {
    expect(code(checkDecisionNumber('沪ICP备2026012345号-1', general))).toBe('ICP_NUMBER_PROVINCE_MISMATCH');
    expect(code(checkDecisionNumber('沪B2-20090059', { ...general, filingType: 'COMMERCIAL' }))).toBe(
      'ICP_NUMBER_PROVINCE_MISMATCH',
    );
  });

  it('accepts 京B2-20090059 (and the older 京ICP证 form) for a COMMERCIAL case, not a filing number or a B1', () => {
    const commercial = { filingType: 'COMMERCIAL', province: 'BJ' } as const;
    const r = checkDecisionNumber('京B2-20090059', commercial);
    expect(r.ok && r.value).toEqual({ kind: 'LICENCE', province: 'BJ', normalised: '京B2-20090059' });
    expect(code(checkDecisionNumber('京ICP证000001号', commercial))).toBe('OK');
    expect(code(checkDecisionNumber('京ICP备2026012345号-1', commercial))).toBe(
      'DECISION_NEEDS_LICENCE_NUMBER',
    );
    expect(code(checkDecisionNumber('京B1-20090059', commercial))).toBe('DECISION_NEEDS_LICENCE_NUMBER');
  });

  it('keeps an ADD_WEBSITE number under the entity’s existing main number', () => {
    const add = {
      filingType: 'ADD_WEBSITE',
      province: 'BJ',
      existingIcpNumber: '京ICP备2025000001号-1',
    } as const;
    expect(code(checkDecisionNumber('京ICP备2025000001号-2', add))).toBe('OK');
    expect(code(checkDecisionNumber('京ICP备2026099999号-1', add))).toBe('DECISION_NUMBER_NOT_OF_ENTITY');
  });

  it('keeps a hosting change’s number the one that moved', () => {
    const move = {
      filingType: 'CHANGE_HOSTING',
      province: 'BJ',
      existingIcpNumber: '京ICP备2025000001号-3',
    } as const;
    expect(code(checkDecisionNumber('京ICP备2025000001号-3', move))).toBe('OK');
    expect(code(checkDecisionNumber('京ICP备2025000001号-4', move))).toBe('DECISION_SITE_NUMBER_MISMATCH');
    expect(code(checkDecisionNumber('京ICP备2026099999号-3', move))).toBe('DECISION_NUMBER_NOT_OF_ENTITY');
    const entityOnly = { ...move, existingIcpNumber: '京ICP备2025000001号' };
    expect(code(checkDecisionNumber('京ICP备2025000001号-4', entityOnly))).toBe('OK');
  });

  it('parses a telecom licence number where parseIcpNumber alone said ICP_NUMBER_FORMAT', () => {
    expect(code(parseDecisionNumber('京B2-20090059'))).toBe('OK');
    expect(code(parseDecisionNumber('京B2-2009'))).not.toBe('OK');
  });

  it('catalogues every decision-number code with both languages', () => {
    for (const c of [
      'DECISION_NEEDS_FILING_NUMBER',
      'DECISION_NEEDS_LICENCE_NUMBER',
      'DECISION_NEEDS_SITE_NUMBER',
      'DECISION_NUMBER_NOT_OF_ENTITY',
      'DECISION_SITE_NUMBER_MISMATCH',
    ] as const) {
      expect(ERROR_CATALOGUE[c].status).toBe(400);
      expect(ERROR_CATALOGUE[c].messageZh).toMatch(HAN);
    }
  });
});

describe('approved TLDs as dated data', () => {
  it('accepts real approved TLDs the old list refused: .art, .中文网, .在线, .集团', () => {
    for (const domain of ['example.art', '例子.中文网', '例子.在线', '例子.集团', 'example.xn--3bst00m']) {
      expect(code(validateFileableDomain(domain)), domain).toBe('OK');
    }
  });

  it('still refuses TLDs with no approved registry (.io, .dev) as overridable', () => {
    for (const domain of ['example.io', 'example.dev']) {
      const r = validateFileableDomain(domain);
      expect(code(r)).toBe('DOMAIN_TLD_NOT_APPROVED');
      expect(!r.ok && r.overridable).toBe(true);
    }
    expect(isApprovedTld('xn--j6w193g')).toBe(false); // .香港: on MIIT's list, but not the mainland
  });

  it('names a dated source for every entry', () => {
    for (const entry of APPROVED_TLD_LIST) {
      const source = TLD_SOURCES[entry.source];
      expect(source.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(source.url).toMatch(/^https?:\/\//);
      expect(entry.tld).toBe(entry.tld.toLowerCase());
    }
    expect(new Set(APPROVED_TLD_LIST.map((e) => e.tld)).size).toBe(APPROVED_TLD_LIST.length);
  });
});

describe('restricted second-level domains', () => {
  // Valid credit codes of a given kind (first two characters), national region 100000.
  const uscc = (kind: string) => {
    const org8 = '12345678';
    const first17 = `${kind}100000${org8}${organisationCodeCheckChar(org8)}`;
    const value = first17 + creditCodeCheckChar(first17);
    expect(validateCreditCode(value).ok, value).toBe(true);
    return value;
  };
  const business = (creditCode: string) => ({ type: 'CHINESE_BUSINESS' as const, creditCode });

  it('knows which suffixes are restricted', () => {
    expect(restrictedSuffixOf('www.beijing.gov.cn')).toBe('gov.cn');
    expect(restrictedSuffixOf('pku.edu.cn')).toBe('edu.cn');
    expect(restrictedSuffixOf('example.com.cn')).toBeUndefined();
    expect(restrictedSuffixOf('notgov.cn')).toBeUndefined();
  });

  it('lets only government bodies (USCC 11) file .gov.cn', () => {
    expect(mayHoldDomain('beijing.gov.cn', business(uscc('11')))).toBe(true);
    expect(mayHoldDomain('beijing.gov.cn', business(uscc('12')))).toBe(false);
    expect(mayHoldDomain('beijing.gov.cn', business(uscc('91')))).toBe(false);
    expect(mayHoldDomain('beijing.gov.cn', { type: 'CHINESE_INDIVIDUAL' })).toBe(false);
  });

  it('lets only schools and research institutions (USCC 12, 52) file .edu.cn', () => {
    expect(mayHoldDomain('school.edu.cn', business(uscc('12')))).toBe(true);
    expect(mayHoldDomain('school.edu.cn', business(uscc('52')))).toBe(true);
    expect(mayHoldDomain('school.edu.cn', business(uscc('91')))).toBe(false);
    expect(mayHoldDomain('school.edu.cn', { type: 'FOREIGN_INDIVIDUAL' })).toBe(false);
  });

  it('refuses a company’s .gov.cn site in the application at the domain’s field', () => {
    const input: ApplicationInput = {
      filingType: 'GENERAL',
      applicant: {
        type: 'CHINESE_BUSINESS',
        name: '深圳市腾讯计算机系统有限公司',
        creditCode: '9144030071526726XG',
        legalRepresentative: '马化腾',
        address: '广东省深圳市南山区某某路1号',
        province: 'GD',
      },
      websites: [
        {
          name: '公司介绍',
          domains: ['tencent.gov.cn'],
          ipAddresses: ['203.0.113.10'],
          serverProvince: 'GD',
          contentCategories: ['CORPORATE'],
        },
      ],
      responsiblePerson: {
        name: '王五',
        idType: 'RESIDENT_ID',
        idNumber: '440524188001010014',
        mobile: '13812345678',
        email: 'wangwu@example.com',
        emergencyContact: { name: '赵六', mobile: '13912345678' },
      },
    };
    const r = applicationSchema({ today: () => '2026-12-02' }).safeParse(input);
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(fromZodError(r.error, input)).toContainEqual(
        expect.objectContaining({ code: 'DOMAIN_RESTRICTED_SUFFIX', field: 'websites.0.domains.0' }),
      );
    }
  });
});

describe('reserved words with word boundaries', () => {
  it('lets 国际象棋 through: the compound claims nothing international', () => {
    expect(reservedWordIn('国际象棋爱好者')).toBeUndefined();
    expect(code(validateWebsiteName('我的国际象棋笔记', 'CHINESE_INDIVIDUAL'))).toBe('OK');
  });

  it('refuses 国际 standing alone as a claim, also next to the compound', () => {
    expect(reservedWordIn('张三国际')).toBe('国际');
    expect(reservedWordIn('国际象棋国际交流')).toBe('国际');
    expect(code(validateWebsiteName('张三国际摄影', 'CHINESE_INDIVIDUAL'))).toBe(
      'WEBSITE_NAME_RESERVED_WORD',
    );
  });

  it('keeps the other reserved words and lets businesses use them', () => {
    expect(reservedWordIn('中华美食网')).toBe('中华');
    expect(code(validateWebsiteName('政府信息公开网', 'CHINESE_INDIVIDUAL'))).toBe(
      'WEBSITE_NAME_RESERVED_WORD',
    );
    expect(code(validateWebsiteName('蓝庭国际官网', 'CHINESE_BUSINESS'))).toBe('OK');
  });
});

describe('pre-approval (前置审批) categories', () => {
  it('has culture (网络文化经营许可证) and ride-hailing, each with its permit', () => {
    expect(CONTENT_CATEGORIES.CULTURE.permitZh).toBe('网络文化经营许可证');
    expect(CONTENT_CATEGORIES.RIDE_HAILING.permitZh).toBe('网络预约出租汽车经营许可证');
    expect(needsPreApproval(['CULTURE'], 'BJ')).toBe(true);
    expect(needsPreApproval(['RIDE_HAILING'], 'GD')).toBe(true);
  });

  it('asks for an education pre-approval where the bureau still does, not everywhere', () => {
    expect(categoryNeedsPreApproval('EDUCATION', 'ZJ')).toBe(true);
    expect(categoryNeedsPreApproval('EDUCATION', 'BJ')).toBe(false);
    expect(categoryNeedsPreApproval('EDUCATION')).toBe(true); // province unknown: ask
  });

  it('asks for a medical pre-approval only in Hebei and Tibet', () => {
    expect(categoryNeedsPreApproval('MEDICAL', 'HE')).toBe(true);
    expect(categoryNeedsPreApproval('MEDICAL', 'XZ')).toBe(true);
    expect(categoryNeedsPreApproval('MEDICAL', 'SH')).toBe(false);
    expect(categoryNeedsPreApproval('DRUGS', 'SH')).toBe(true);
  });

  it('names a source for every category that needs one', () => {
    for (const [category, info] of Object.entries(CONTENT_CATEGORIES)) {
      if (info.needsPreApproval) expect(info.source, category).toBeTruthy();
    }
  });
});
