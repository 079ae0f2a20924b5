import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_PREFIXES, organisationKindOf, validateCreditCodeKind } from '#domain/applicant-kinds';
import { type ApplicationInput, applicantKey, applicationSchema } from '#domain/application';
import { creditCodeCheckChar } from '#domain/credit-code';
import type { OrganisationType } from '#domain/filing';
import { requiredDocuments } from '#domain/required-documents';
import { ageOn, residentIdCheckChar, validateGb11643Number, validateResidentId } from '#domain/resident-id';
import { fromZodError } from '#domain/zod-errors';

const TODAY = '2026-11-01';
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error?.code);
/** An 18-character number with a valid GB 11643 check character. */
const gbNumber = (first6: string, birth = '19900101', sequence = '123') => {
  const first17 = `${first6}${birth}${sequence}`;
  return first17 + residentIdCheckChar(first17);
};
/** A credit code of the given registration authority and category, with valid check characters. */
const creditCode = (prefix: string, region = '440300') => {
  const first17 = `${prefix}${region}71526726X`;
  return first17 + creditCodeCheckChar(first17);
};

describe('Hong Kong, Macao and Taiwan residence permits', () => {
  it('accepts numbers with region codes 810000, 820000 and 830000 and the GB 11643 check', () => {
    for (const region of ['810000', '820000', '830000']) {
      const result = validateGb11643Number(gbNumber(region), TODAY, 'HMT_RESIDENCE_PERMIT');
      expect(result).toMatchObject({ ok: true, value: { birthDate: '1990-01-01' } });
    }
  });

  it('refuses a mistyped check character and a prefix other than 8x0000', () => {
    const good = gbNumber('810000');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(code(validateGb11643Number(bad, TODAY, 'HMT_RESIDENCE_PERMIT'))).toBe('ID_NUMBER_CHECKSUM');
    expect(code(validateGb11643Number(gbNumber('810100'), TODAY, 'HMT_RESIDENCE_PERMIT'))).toBe(
      'ID_NUMBER_REGION',
    );
  });

  it('is no longer refused as ID_NUMBER_REGION when typed as a resident ID: it names the right ID type', () => {
    const result = validateResidentId(gbNumber('820000'), TODAY);
    expect(code(result)).toBe('ID_NUMBER_KIND_MISMATCH');
    expect(!result.ok && result.error.messageZh).toContain('港澳台居民居住证');
  });
});

describe('the 2023 foreigner permanent-residence ID', () => {
  it('accepts an 18-digit number starting with 9 with the MOD 11-2 check character', () => {
    const id = gbNumber('915840', '19850612', '001');
    expect(validateGb11643Number(id, TODAY, 'PERMANENT_RESIDENCE_ID')).toMatchObject({
      ok: true,
      value: { normalised: id, birthDate: '1985-06-12' },
    });
  });

  it('refuses a resident ID number as a permanent-residence ID, and the reverse', () => {
    expect(code(validateGb11643Number(gbNumber('110105'), TODAY, 'PERMANENT_RESIDENCE_ID'))).toBe(
      'ID_NUMBER_KIND_MISMATCH',
    );
    expect(code(validateResidentId(gbNumber('915840'), TODAY))).toBe('ID_NUMBER_KIND_MISMATCH');
  });
});

describe('age from the ID number', () => {
  it('counts a birthday on its day', () => {
    expect(ageOn('2008-11-01', '2026-11-01')).toBe(18);
    expect(ageOn('2008-11-02', '2026-11-01')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
});

describe('organisation kinds and their credit codes', () => {
  const cases: Array<[OrganisationType, string, string]> = [
    ['CHINESE_BUSINESS', '91', '92'],
    ['SOLE_PROPRIETOR', '92', '91'],
    ['COOPERATIVE', '93', '91'],
    ['PUBLIC_INSTITUTION', '12', '51'],
    ['SOCIAL_ORGANISATION', '51', '52'],
    ['PRIVATE_NON_ENTERPRISE', '52', '53'],
    ['FOUNDATION', '53', '51'],
  ];
  for (const [kind, own, other] of cases) {
    it(`accepts a ${own} code for ${kind} and refuses a ${other} code naming the kind it belongs to`, () => {
      expect(code(validateCreditCodeKind(creditCode(own), kind))).toBe('OK');
      const refused = validateCreditCodeKind(creditCode(other), kind);
      expect(code(refused)).toBe('CREDIT_CODE_KIND_MISMATCH');
      expect(!refused.ok && refused.error.message).toContain(CREDIT_CODE_PREFIXES[kind][0]);
    });
  }

  it('reads the kind from the first two characters', () => {
    expect(organisationKindOf('92440300')).toBe('SOLE_PROPRIETOR');
    expect(organisationKindOf('11100000')).toBe('PUBLIC_INSTITUTION');
    expect(organisationKindOf('59100000')).toBeUndefined();
  });
});

const leader = {
  name: '李娜',
  idType: 'RESIDENT_ID' as const,
  idNumber: gbNumber('440305', '19800101', '222'),
  mobile: '13700001111',
  email: 'li.na@example.cn',
  emergencyContact: { name: '王强', mobile: '13600002222' },
};

const organisation = (type: OrganisationType, prefix: string, extra: object = {}): ApplicationInput =>
  ({
    filingType: 'GENERAL',
    applicant: {
      type,
      name: '深圳市某某科技服务部',
      creditCode: creditCode(prefix),
      legalRepresentative: '李娜',
      entityLeader: leader,
      address: '广东省深圳市南山区某某路1号',
      province: 'GD',
      ...extra,
    },
    websites: [
      {
        name: '某某科技服务部官网',
        domains: ['mouke-tech.cn'],
        ipAddresses: ['203.0.113.10'],
        serverProvince: 'GD',
        contentCategories: ['CORPORATE'],
      },
    ],
    responsiblePerson: { ...leader, emergencyContact: { name: '王强', mobile: '13600002222' } },
  }) as ApplicationInput;

const issuesOf = (input: ApplicationInput, forNewCase: boolean) => {
  const result = applicationSchema({ today: () => TODAY, forNewCase }).safeParse(input);
  return result.success ? [] : fromZodError(result.error, input).map((i) => `${i.code}@${i.field}`);
};

describe('the application with the new applicant kinds', () => {
  it('accepts each organisation kind with its entity leader, keyed by its credit code', () => {
    const schema = applicationSchema({ today: () => TODAY, forNewCase: true });
    for (const [kind, prefix] of [
      ['SOLE_PROPRIETOR', '92'],
      ['PUBLIC_INSTITUTION', '12'],
      ['FOUNDATION', '53'],
    ] as const) {
      const parsed = schema.parse(organisation(kind, prefix));
      expect(applicantKey(parsed.applicant)).toBe(`USCC:${creditCode(prefix)}`);
    }
  });

  it('requires the entity leader and a matching credit code of new cases only', () => {
    const input = organisation('SOCIAL_ORGANISATION', '91', { entityLeader: undefined });
    expect(issuesOf(input, true)).toEqual([
      'CREDIT_CODE_KIND_MISMATCH@applicant.creditCode',
      'ENTITY_LEADER_REQUIRED@applicant.entityLeader',
    ]);
    // A stored case (parsed again by the workflow) keeps working without them.
    expect(issuesOf(input, false)).toEqual([]);
  });

  it("checks the entity leader's ID number by its ID type", () => {
    const input = organisation('CHINESE_BUSINESS', '91', {
      entityLeader: { ...leader, idType: 'HMT_RESIDENCE_PERMIT', idNumber: leader.idNumber },
    });
    expect(issuesOf(input, true)).toEqual(['ID_NUMBER_KIND_MISMATCH@applicant.entityLeader.idNumber']);
  });

  it('requires the ID card address province of mainland-card individuals in new cases only', () => {
    const input = {
      ...organisation('CHINESE_BUSINESS', '91'),
      applicant: {
        type: 'HMT_RESIDENT',
        name: '陈大文',
        idNumber: gbNumber('810000'),
        address: '广东省深圳市福田区某某路2号',
        province: 'GD',
      },
      responsiblePerson: { ...leader, idType: 'HMT_RESIDENCE_PERMIT', idNumber: gbNumber('810000') },
    } as ApplicationInput;
    expect(issuesOf(input, true)).toEqual(['ID_CARD_PROVINCE_REQUIRED@applicant.idCardProvince']);
    expect(issuesOf(input, false)).toEqual([]);
    const withProvince = {
      ...input,
      applicant: { ...input.applicant, idCardProvince: 'GD' },
    } as ApplicationInput;
    const parsed = applicationSchema({ today: () => TODAY, forNewCase: true }).parse(withProvince);
    expect(applicantKey(parsed.applicant)).toBe(`HMT_RESIDENCE_PERMIT:${gbNumber('810000')}`);
    expect(requiredDocuments(parsed)).toEqual(
      expect.arrayContaining(['HMT_RESIDENCE_PERMIT_FRONT', 'HMT_RESIDENCE_PERMIT_BACK']),
    );
  });
});

describe('required documents by applicant kind', () => {
  const schema = applicationSchema({ today: () => TODAY });
  it("asks each organisation kind for its own certificate and the entity leader's ID when another person", () => {
    const expectations: Array<[OrganisationType, string, string]> = [
      ['SOLE_PROPRIETOR', '92', 'BUSINESS_LICENCE'],
      ['COOPERATIVE', '93', 'BUSINESS_LICENCE'],
      ['PUBLIC_INSTITUTION', '12', 'INSTITUTION_CERTIFICATE'],
      ['SOCIAL_ORGANISATION', '51', 'SOCIAL_ORGANISATION_CERTIFICATE'],
      ['PRIVATE_NON_ENTERPRISE', '52', 'PRIVATE_NON_ENTERPRISE_CERTIFICATE'],
      ['FOUNDATION', '53', 'FOUNDATION_CERTIFICATE'],
    ];
    for (const [kind, prefix, certificate] of expectations) {
      const input = organisation(kind, prefix);
      const other = {
        ...input,
        responsiblePerson: {
          ...input.responsiblePerson,
          name: '王五',
          idNumber: gbNumber('440305', '19900101', '333'),
        },
      };
      const docs = requiredDocuments(schema.parse(other));
      expect(docs).toContain(certificate);
      expect(docs).toEqual(expect.arrayContaining(['ENTITY_LEADER_ID_FRONT', 'ENTITY_LEADER_ID_BACK']));
      // The same person as the responsible person shows their ID once.
      expect(requiredDocuments(schema.parse(input))).not.toContain('ENTITY_LEADER_ID_FRONT');
    }
  });

  it('asks a foreign permanent resident for the permanent-residence ID card, not a residence registration', () => {
    const id = gbNumber('915840', '19850612', '001');
    const input = {
      ...organisation('CHINESE_BUSINESS', '91'),
      applicant: {
        type: 'FOREIGN_PERMANENT_RESIDENT',
        name: 'Emma Schmidt',
        idNumber: id,
        nationality: 'de',
        address: '广东省深圳市福田区某某路2号',
        province: 'GD',
      },
      responsiblePerson: { ...leader, name: 'Emma Schmidt', idType: 'PERMANENT_RESIDENCE_ID', idNumber: id },
    } as ApplicationInput;
    const docs = requiredDocuments(schema.parse(input));
    expect(docs).toEqual(
      expect.arrayContaining(['PERMANENT_RESIDENCE_ID_FRONT', 'PERMANENT_RESIDENCE_ID_BACK']),
    );
    expect(docs).not.toContain('RESIDENCE_REGISTRATION');
    expect(docs).not.toContain('RESPONSIBLE_PERSON_ID_FRONT');
  });
});
