import { describe, expect, it } from 'vitest';
import { type ApplicationInput, applicationSchema } from '#domain/application';
import { isIsoDate } from '#domain/china-calendar';
import { creditCodeCheckChar } from '#domain/credit-code';
import { checkEligibility, type EligibilityContext } from '#domain/eligibility';
import { PROVINCE_RULE_ENTRIES, provinceRule } from '#domain/province-rules';
import { isOutOfProvinceIndividual, requiredDocuments } from '#domain/required-documents';
import { residentIdCheckChar } from '#domain/resident-id';

const TODAY = '2026-11-01';
const schema = applicationSchema({ today: () => TODAY });
const gbNumber = (first6: string, birth = '19900101', sequence = '123') => {
  const first17 = `${first6}${birth}${sequence}`;
  return first17 + residentIdCheckChar(first17);
};
const creditCode = (prefix: string, region: string) => {
  const first17 = `${prefix}${region}71526726X`;
  return first17 + creditCodeCheckChar(first17);
};

const person = (idNumber: string, name = '张三') => ({
  name,
  idType: 'RESIDENT_ID' as const,
  idNumber,
  mobile: '13812345678',
  email: 'zhangsan@example.com',
  emergencyContact: { name: '李四', mobile: '13912345678' },
});

/** A Chinese individual filing in `province`, with an ID card whose address is in `cardProvince`. */
const individual = (province: string, cardProvince: string | undefined, idNumber = gbNumber('110105')) =>
  schema.parse({
    filingType: 'GENERAL',
    applicant: {
      type: 'CHINESE_INDIVIDUAL',
      name: '张三',
      idNumber,
      ...(cardProvince ? { idCardProvince: cardProvince } : {}),
      address: '某某路1号某某小区',
      province,
    },
    websites: [
      {
        name: '张三的摄影作品集',
        domains: ['zhangsan-photo.cn'],
        ipAddresses: ['203.0.113.10'],
        serverProvince: province,
        contentCategories: ['PERSONAL'],
      },
    ],
    responsiblePerson: person(idNumber),
  } as ApplicationInput);

/** A company filing in `province` (credit code issued in `codeRegion`), with its legal representative. */
const company = (
  province: string,
  options: { leaderName?: string; responsibleName?: string; codeRegion?: string } = {},
) => {
  const leaderId = gbNumber('440305', '19800101', '222');
  return schema.parse({
    filingType: 'GENERAL',
    applicant: {
      type: 'CHINESE_BUSINESS',
      name: '某某科技有限公司',
      creditCode: creditCode('91', options.codeRegion ?? '440300'),
      legalRepresentative: '李娜',
      entityLeader: person(leaderId, options.leaderName ?? '李娜'),
      address: '某某路88号某某大厦',
      province,
    },
    websites: [
      {
        name: '某某科技官网',
        domains: ['mouke-tech.cn'],
        ipAddresses: ['203.0.113.10'],
        serverProvince: province,
        contentCategories: ['CORPORATE'],
      },
    ],
    responsiblePerson: person(leaderId, options.responsibleName ?? '李娜'),
  } as ApplicationInput);
};

const context = (overrides: Partial<EligibilityContext> = {}): EligibilityContext => ({
  today: TODAY,
  providerAddressRanges: ['203.0.113.0/24'],
  openCaseApplicantKeys: [],
  ...overrides,
});
const codes = (result: { code: string }[]) => result.map((r) => r.code);

describe('province rules as data', () => {
  it('names a source, the day it was checked and the words of the source for every rule', () => {
    for (const entry of PROVINCE_RULE_ENTRIES) {
      expect(entry.source.title.length).toBeGreaterThan(0);
      expect(entry.source.url).toMatch(/^(https:\/\/|issue:)/);
      expect(isIsoDate(entry.checkedOn)).toBe(true);
      expect(entry.quote.length).toBeGreaterThan(0);
    }
  });
});

describe('out-of-province individuals: the address on the ID card decides', () => {
  it('asks for a Shanghai residence permit when the card gives an address outside Shanghai, whatever the number says', () => {
    const shanghaiNumber = gbNumber('310104');
    const app = individual('SH', 'BJ', shanghaiNumber);
    expect(isOutOfProvinceIndividual(app.applicant)).toBe(true);
    expect(requiredDocuments(app)).toContain('RESIDENCE_PERMIT');
  });

  it('asks for no residence permit when a Beijing-numbered card gives a Shanghai address', () => {
    const app = individual('SH', 'SH', gbNumber('110105'));
    expect(isOutOfProvinceIndividual(app.applicant)).toBe(false);
    expect(requiredDocuments(app)).not.toContain('RESIDENCE_PERMIT');
  });

  it("falls back to the number's region for a stored case without the card's province", () => {
    expect(isOutOfProvinceIndividual(individual('SH', undefined, gbNumber('110105')).applicant)).toBe(true);
    expect(isOutOfProvinceIndividual(individual('SH', undefined, gbNumber('310104')).applicant)).toBe(false);
  });
});

describe('Gansu (local individuals, age 18, local mobiles)', () => {
  it('refuses an individual whose card gives an address outside Gansu', () => {
    const result = checkEligibility(individual('GS', 'BJ'), context());
    expect(codes(result.reasons)).toEqual(['PROVINCE_LOCAL_INDIVIDUALS_ONLY']);
  });

  it('accepts a Gansu card with a non-Gansu number and flags the mobile for the officer', () => {
    const result = checkEligibility(individual('GS', 'GS', gbNumber('110105')), context());
    expect(result.eligible).toBe(true);
    expect(codes(result.warnings)).toEqual(['MOBILE_PROVINCE_TO_CONFIRM']);
  });

  it('refuses a person under 18 on the workflow clock and accepts them on their 18th birthday', () => {
    const young = gbNumber('620102', '20081102');
    expect(codes(checkEligibility(individual('GS', 'GS', young), context()).reasons)).toEqual([
      'PERSON_UNDER_MINIMUM_AGE',
    ]);
    expect(checkEligibility(individual('GS', 'GS', young), context({ today: '2026-11-02' })).eligible).toBe(
      true,
    );
  });
});

describe('Tibet: age 18 and the entity leader as legal representative', () => {
  it('refuses a 17-year-old responsible person in Tibet but not in Beijing', () => {
    const young = gbNumber('540102', '20090101');
    expect(codes(checkEligibility(individual('XZ', 'XZ', young), context()).reasons)).toEqual([
      'PERSON_UNDER_MINIMUM_AGE',
    ]);
    expect(checkEligibility(individual('BJ', 'BJ', young), context()).eligible).toBe(true);
  });
});

describe('entity leader must be the legal representative (Tibet, Chongqing, Qinghai)', () => {
  for (const province of ['XZ', 'CQ', 'QH']) {
    it(`refuses another entity leader in ${province} and accepts the legal representative`, () => {
      const other = checkEligibility(company(province, { leaderName: '王五' }), context());
      expect(codes(other.reasons)).toEqual(['ENTITY_LEADER_NOT_LEGAL_REPRESENTATIVE']);
      expect(checkEligibility(company(province), context()).reasons).toEqual([]);
    });
  }
  it('lets another person lead the entity in Guangdong', () => {
    expect(checkEligibility(company('GD', { leaderName: '王五' }), context()).reasons).toEqual([]);
  });
  it('reads the rule from the folded province data', () => {
    expect(provinceRule('CQ').entityLeaderIsLegalRepresentative).toBe(true);
    expect(provinceRule('GD').entityLeaderIsLegalRepresentative).toBeUndefined();
  });
});

describe('authorisation letter when the responsible person is not the legal representative (Anhui, Sichuan, Qinghai)', () => {
  for (const province of ['AH', 'SC', 'QH']) {
    it(`asks for it in ${province} only when the responsible person is someone else`, () => {
      expect(requiredDocuments(company(province, { responsibleName: '王五' }))).toContain(
        'AUTHORISATION_LETTER',
      );
      expect(requiredDocuments(company(province))).not.toContain('AUTHORISATION_LETTER');
    });
  }
  it('does not ask for it in Beijing', () => {
    expect(requiredDocuments(company('BJ', { responsibleName: '王五' }))).not.toContain(
      'AUTHORISATION_LETTER',
    );
  });
});

describe("a company filing outside its credit code's province", () => {
  it('is a warning for the officer, not a refusal', () => {
    const result = checkEligibility(company('SH', { codeRegion: '440300' }), context());
    expect(result.eligible).toBe(true);
    expect(result.warnings).toEqual([
      expect.objectContaining({
        code: 'COMPANY_REGISTERED_IN_OTHER_PROVINCE',
        field: 'applicant.creditCode',
      }),
    ]);
  });
  it('gives no warning at home or for a nationally registered code (region 10xxxx)', () => {
    expect(checkEligibility(company('GD'), context()).warnings).toEqual([]);
    expect(checkEligibility(company('SH', { codeRegion: '100000' }), context()).warnings).toEqual([]);
  });
});

describe('the registrar check', () => {
  it('flags a domain whose registrar could not be looked up for the officer without refusing', () => {
    const result = checkEligibility(
      individual('BJ', 'BJ'),
      context({ unresolvedRegistrars: ['zhangsan-photo.cn'] }),
    );
    expect(result.eligible).toBe(true);
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: 'REGISTRAR_LOOKUP_FAILED', field: 'websites.0.domains.0' }),
    ]);
  });
  it('explains in both languages how to transfer a domain held abroad', () => {
    const result = checkEligibility(
      individual('BJ', 'BJ'),
      context({ domainRegistrars: { 'zhangsan-photo.cn': 'GoDaddy.com, LLC' } }),
    );
    expect(codes(result.reasons)).toEqual(['REGISTRAR_NOT_ACCREDITED']);
    expect(result.reasons[0]?.message).toContain('transfer (auth/EPP) code');
    expect(result.reasons[0]?.messageZh).toContain('转移密码');
  });
});

describe('every dated entry is enforced', () => {
  const provincesWith = (kind: string) =>
    PROVINCE_RULE_ENTRIES.filter((e) => e.requirement.kind === kind).map((e) => e.province);

  for (const province of provincesWith('OUT_OF_PROVINCE_RESIDENCE_PERMIT')) {
    it(`${province}: an individual whose card gives another province's address adds a residence permit`, () => {
      const other = province === 'BJ' ? 'TJ' : 'BJ';
      expect(requiredDocuments(individual(province, other))).toContain('RESIDENCE_PERMIT');
      expect(requiredDocuments(individual(province, province))).not.toContain('RESIDENCE_PERMIT');
    });
  }

  for (const province of provincesWith('LOCAL_INDIVIDUALS_ONLY')) {
    it(`${province}: an individual whose card gives another province's address is refused`, () => {
      expect(codes(checkEligibility(individual(province, 'BJ'), context()).reasons)).toContain(
        'PROVINCE_LOCAL_INDIVIDUALS_ONLY',
      );
      expect(codes(checkEligibility(individual(province, province), context()).reasons)).not.toContain(
        'PROVINCE_LOCAL_INDIVIDUALS_ONLY',
      );
    });
  }

  for (const entry of PROVINCE_RULE_ENTRIES.filter((e) => e.requirement.kind === 'EXTRA_DOCUMENT')) {
    it(`${entry.province}: every filing adds its extra document`, () => {
      const requirement = entry.requirement as { document: string };
      expect(requiredDocuments(company(entry.province))).toContain(requirement.document);
    });
  }

  for (const province of provincesWith('REFUSES_FOREIGN_INDIVIDUALS')) {
    it(`${province}: a foreign permanent resident is refused like a foreign passport holder`, () => {
      const id = gbNumber('915840', '19850612', '001');
      const app = schema.parse({
        ...company(province),
        applicant: {
          type: 'FOREIGN_PERMANENT_RESIDENT',
          name: 'Emma Schmidt',
          idNumber: id,
          nationality: 'DE',
          address: '某某路1号某某小区',
          province,
        },
        responsiblePerson: { ...person(id, 'Emma Schmidt'), idType: 'PERMANENT_RESIDENCE_ID' },
        websites: [
          { ...company(province).websites[0], name: 'Emma的旅行笔记', contentCategories: ['PERSONAL'] },
        ],
      } as ApplicationInput);
      expect(codes(checkEligibility(app, context()).reasons)).toEqual([
        'PROVINCE_REFUSES_FOREIGN_INDIVIDUALS',
      ]);
    });
  }
});

describe('commercial licences for organisations', () => {
  it('refuses a sole proprietor a commercial licence: only companies hold one', () => {
    const sole = company('GD');
    const app = schema.parse({
      ...sole,
      filingType: 'COMMERCIAL',
      applicant: { ...sole.applicant, type: 'SOLE_PROPRIETOR', creditCode: creditCode('92', '440300') },
      commercial: {
        generalIcpNumber: '粤ICP备2026000001号',
        registeredCapitalCny: 5_000_000,
        legalRepresentative: { name: '李娜', idNumber: gbNumber('440305', '19800101', '222') },
        staffWithSocialInsurance: 3,
      },
    } as ApplicationInput);
    expect(codes(checkEligibility(app, context()).reasons)).toEqual(['ONLY_COMPANIES_FILE_COMMERCIAL']);
  });
});
