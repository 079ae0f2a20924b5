import { describe, expect, it } from 'vitest';
import { Application, type ApplicationInput, applicantKey, applicationSchema } from '#domain/application';
import { checkEligibility, type EligibilityContext } from '#domain/eligibility';
import { isOutOfProvinceIndividual, requiredDocuments } from '#domain/required-documents';
import { fromZodError, overridableCodes } from '#domain/zod-errors';

const TODAY = '2026-11-01';
const schema = applicationSchema({ today: () => TODAY });

// 11010519491231002X is the GB 11643 example (Beijing); 440524188001010014 the other (Guangdong).
const individual = (province = 'BJ', idNumber = '11010519491231002X'): ApplicationInput => ({
  filingType: 'GENERAL',
  applicant: {
    type: 'CHINESE_INDIVIDUAL',
    name: '张三',
    idNumber,
    address: '北京市朝阳区某某路1号',
    province: province as 'BJ',
  },
  websites: [
    {
      name: '张三的摄影作品集',
      domains: ['example.com'],
      ipAddresses: ['203.0.113.10'],
      serverProvince: 'BJ',
      contentCategories: ['PERSONAL'],
    },
  ],
  responsiblePerson: {
    name: '张三',
    idType: 'RESIDENT_ID',
    idNumber,
    mobile: '+86 138 1234 5678',
    email: 'zhangsan@example.com',
    emergencyContact: { name: '李四', mobile: '13912345678' },
  },
});

const business = (overrides: Partial<ApplicationInput> = {}): ApplicationInput => ({
  ...individual('GD'),
  applicant: {
    type: 'CHINESE_BUSINESS',
    name: '深圳市腾讯计算机系统有限公司',
    creditCode: '9144030071526726XG',
    legalRepresentative: '马化腾',
    address: '广东省深圳市南山区某某路1号',
    province: 'GD',
  },
  responsiblePerson: {
    name: '王五',
    idType: 'RESIDENT_ID',
    idNumber: '440524188001010014',
    mobile: '13812345678',
    email: 'wangwu@example.com',
    emergencyContact: { name: '赵六', mobile: '13912345678' },
  },
  ...overrides,
});

const firstSite = (input: ApplicationInput) => {
  const site = input.websites[0];
  if (!site) throw new Error('fixture has a website');
  return site;
};

const parse = (input: ApplicationInput) => {
  const r = schema.safeParse(input);
  if (!r.success) throw new Error(JSON.stringify(fromZodError(r.error, input)));
  return r.data;
};

const context = (overrides: Partial<EligibilityContext> = {}): EligibilityContext => ({
  today: TODAY,
  providerAddressRanges: ['203.0.113.0/24', '2001:db8::/32'],
  openCaseApplicantKeys: [],
  ...overrides,
});
const codes = (app: ReturnType<typeof parse>, ctx = context()) =>
  checkEligibility(app, ctx).reasons.map((r) => r.code);

describe('application schema', () => {
  it('parses a valid individual application and normalises the mobile number', () => {
    const app = parse(individual());
    expect(app.responsiblePerson.mobile).toBe('13812345678');
  });

  it('reports a bad ID number as an issue at applicant.idNumber with a Chinese message', () => {
    const input = individual('BJ', '110105194912310021');
    const r = schema.safeParse(input);
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(fromZodError(r.error, input)).toContainEqual(
        expect.objectContaining({
          code: 'ID_NUMBER_CHECKSUM',
          field: 'applicant.idNumber',
          messageZh: expect.stringContaining('身份证'),
        }),
      );
    }
  });

  it('reports the second domain of the first website at websites.0.domains.1', () => {
    const input = individual();
    firstSite(input).domains = ['example.com', 'not a domain'];
    const r = schema.safeParse(input);
    expect(!r.success && fromZodError(r.error, input).map((e) => e.field)).toContain('websites.0.domains.1');
  });

  it('reports a bad website name together with other fields’ problems, not only once they are fixed', () => {
    const input = individual();
    firstSite(input).name = '';
    input.responsiblePerson.mobile = '123';
    const r = schema.safeParse(input);
    const fields = !r.success ? fromZodError(r.error, input).map((e) => e.field) : [];
    expect(fields).toContain('responsiblePerson.mobile');
    expect(fields).toContain('websites.0.name');
  });

  it('reports a website name that fails its text rules once, not again for the name rules', () => {
    const input = individual();
    firstSite(input).name = 'ab\u0000cd';
    const r = schema.safeParse(input);
    const fields = !r.success ? fromZodError(r.error, input).map((e) => e.field) : [];
    expect(fields.filter((f) => f === 'websites.0.name')).toHaveLength(1);
  });

  it('converts an IDN domain to punycode in the parsed value', () => {
    const input = individual();
    firstSite(input).domains = ['例子.中国'];
    expect(parse(input).websites[0]?.domains).toEqual(['xn--fsqu00a.xn--fiqs8s']);
  });

  it('maps a missing field to REQUIRED with the Chinese message 此项为必填项', () => {
    const input = individual() as Record<string, unknown>;
    delete input.responsiblePerson;
    const r = Application.safeParse(input);
    expect(!r.success && fromZodError(r.error, input)).toContainEqual({
      code: 'REQUIRED',
      message: 'This field is required.',
      messageZh: '此项为必填项。',
      field: 'responsiblePerson',
    });
  });

  it('rejects a reserved word in a personal website name at websites.0.name', () => {
    const input = individual();
    firstSite(input).name = '中华美食网';
    const r = schema.safeParse(input);
    expect(!r.success && fromZodError(r.error, input)).toContainEqual(
      expect.objectContaining({ code: 'WEBSITE_NAME_RESERVED_WORD', field: 'websites.0.name' }),
    );
  });

  it('rejects an emergency contact with the responsible person’s own mobile', () => {
    const input = individual();
    input.responsiblePerson.emergencyContact.mobile = '13812345678';
    const r = schema.safeParse(input);
    expect(!r.success && fromZodError(r.error, input).map((e) => e.code)).toContain(
      'EMERGENCY_CONTACT_SAME_MOBILE',
    );
  });

  it('marks a credit-code checksum as overridable and accepts it once an officer overrides it', () => {
    const input = business();
    (input.applicant as { creditCode: string }).creditCode = '9144030071526726XH';
    const r = schema.safeParse(input);
    expect(!r.success && overridableCodes(r.error)).toEqual(['CREDIT_CODE_CHECKSUM']);
    const overridden = applicationSchema({
      today: () => TODAY,
      acceptedOverrides: ['CREDIT_CODE_CHECKSUM'],
    }).safeParse(input);
    expect(overridden.success).toBe(true);
  });

  it('requires an existing ICP number for ADD_WEBSITE', () => {
    const input = { ...individual(), filingType: 'ADD_WEBSITE' as const };
    const r = schema.safeParse(input);
    expect(!r.success && fromZodError(r.error, input)).toContainEqual(
      expect.objectContaining({ code: 'EXISTING_ICP_NUMBER_REQUIRED', field: 'existingIcpNumber' }),
    );
  });
});

describe('required documents', () => {
  it('asks a local individual for ID card, domain certificate and the three forms', () => {
    expect(requiredDocuments(parse(individual()))).toEqual([
      'APPLICANT_ID_FRONT',
      'APPLICANT_ID_BACK',
      'DOMAIN_CERTIFICATE',
      'WEBSITE_VERIFICATION_FORM',
      'REGISTRATION_APPLICATION_FORM',
      'SECURITY_COMMITMENT',
    ]);
  });

  it.each(['SH', 'ZJ', 'SD', 'FJ', 'GD', 'HB'])(
    'asks an out-of-province individual in %s for a residence permit',
    (p) => {
      expect(requiredDocuments(parse(individual(p)))).toContain('RESIDENCE_PERMIT');
    },
  );

  it('asks no residence permit of an out-of-province individual in Beijing, nor of a local one in Guangdong', () => {
    // A Guangdong ID card (4405…) filing in Beijing: out of province, and Beijing asks no permit.
    const guangdongerInBeijing = parse(individual('BJ', '440524188001010014'));
    expect(isOutOfProvinceIndividual(guangdongerInBeijing.applicant)).toBe(true);
    expect(requiredDocuments(guangdongerInBeijing)).not.toContain('RESIDENCE_PERMIT');
    // The same ID card filing in Guangdong: local, so no permit either.
    const localInGuangdong = parse(individual('GD', '440524188001010014'));
    expect(isOutOfProvinceIndividual(localInGuangdong.applicant)).toBe(false);
    expect(requiredDocuments(localInGuangdong)).not.toContain('RESIDENCE_PERMIT');
  });

  it('adds Guangdong’s commitment letter to every Guangdong filing', () => {
    expect(requiredDocuments(parse(business()))).toContain('GUANGDONG_COMMITMENT_LETTER');
    expect(requiredDocuments(parse(individual()))).not.toContain('GUANGDONG_COMMITMENT_LETTER');
  });

  it('asks a business for its licence and the responsible person’s ID card', () => {
    const docs = requiredDocuments(parse(business()));
    expect(docs).toEqual(
      expect.arrayContaining([
        'BUSINESS_LICENCE',
        'RESPONSIBLE_PERSON_ID_FRONT',
        'RESPONSIBLE_PERSON_ID_BACK',
      ]),
    );
    expect(docs).not.toContain('APPLICANT_ID_FRONT');
  });

  it('adds the sector pre-approval for a news or drugs website', () => {
    const input = individual();
    firstSite(input).contentCategories = ['PERSONAL', 'DRUGS'];
    expect(requiredDocuments(parse(input))).toContain('SECTOR_PRE_APPROVAL');
  });

  it('adds the four licence documents for COMMERCIAL', () => {
    const app = parse(
      business({
        filingType: 'COMMERCIAL',
        commercial: {
          generalIcpNumber: '粤ICP备12345678号',
          registeredCapitalCny: 2_000_000,
          legalRepresentative: { name: '马化腾', idNumber: '440524188001010014' },
          staffWithSocialInsurance: 10,
        },
      }),
    );
    expect(requiredDocuments(app)).toEqual(
      expect.arrayContaining([
        'COMMERCIAL_LICENCE_APPLICATION',
        'ARTICLES_OF_ASSOCIATION',
        'SOCIAL_INSURANCE_PROOF',
        'HOSTING_AGREEMENT',
      ]),
    );
  });

  it('gives CHANGE_HOSTING a smaller set without entity documents or domain certificate', () => {
    const app = parse(business({ filingType: 'CHANGE_HOSTING', existingIcpNumber: '粤ICP备12345678号-1' }));
    expect(requiredDocuments(app)).toEqual([
      'RESPONSIBLE_PERSON_ID_FRONT',
      'RESPONSIBLE_PERSON_ID_BACK',
      'WEBSITE_VERIFICATION_FORM',
      'SECURITY_COMMITMENT',
    ]);
  });

  it('asks a foreign individual for passport and residence registration', () => {
    const input = individual('SH');
    input.applicant = {
      type: 'FOREIGN_INDIVIDUAL',
      name: 'John Smith',
      idNumber: 'E1234567',
      nationality: 'gb',
      residenceRegistration: { number: 'SH2026-001', validUntil: '2027-06-30' },
      address: '上海市浦东新区某某路1号',
      province: 'SH',
    };
    input.responsiblePerson = { ...input.responsiblePerson, idType: 'PASSPORT', idNumber: 'E1234567' };
    const docs = requiredDocuments(parse(input));
    expect(docs).toEqual(expect.arrayContaining(['PASSPORT', 'RESIDENCE_REGISTRATION']));
    expect(docs).not.toContain('RESPONSIBLE_PERSON_ID_FRONT');
  });
});

describe('eligibility', () => {
  it('finds a local individual hosted here with no open case eligible', () => {
    expect(checkEligibility(parse(individual()), context())).toEqual({
      eligible: true,
      reasons: [],
      warnings: [],
    });
  });

  it('refuses COMMERCIAL to individuals', () => {
    const input = { ...individual(), filingType: 'COMMERCIAL' as const };
    input.commercial = {
      generalIcpNumber: '京ICP备12345678号',
      registeredCapitalCny: 2_000_000,
      legalRepresentative: { name: '张三', idNumber: '11010519491231002X' },
      staffWithSocialInsurance: 1,
    };
    expect(codes(parse(input))).toContain('INDIVIDUAL_CANNOT_FILE_COMMERCIAL');
  });

  it('needs a general ICP number of the same entity and 1,000,000 CNY capital for COMMERCIAL', () => {
    const app = parse(
      business({
        filingType: 'COMMERCIAL',
        commercial: {
          generalIcpNumber: '粤ICP备12345678号-2',
          registeredCapitalCny: 500_000,
          legalRepresentative: { name: '马化腾', idNumber: '440524188001010014' },
          staffWithSocialInsurance: 10,
        },
      }),
    );
    expect(codes(app)).toEqual(['GENERAL_ICP_NUMBER_NOT_OF_ENTITY', 'REGISTERED_CAPITAL_TOO_LOW']);
    const known = [{ applicantKey: 'USCC:9144030071526726XG', icpNumber: '粤ICP备12345678号' }];
    expect(codes(app, context({ knownFilings: known }))).toEqual(['REGISTERED_CAPITAL_TOO_LOW']);
  });

  it('refuses a filing whose general number is a licence number (证) instead of a filing (备)', () => {
    const app = parse(
      business({
        filingType: 'COMMERCIAL',
        commercial: {
          generalIcpNumber: '粤ICP证123456号',
          registeredCapitalCny: 2_000_000,
          legalRepresentative: { name: '马化腾', idNumber: '440524188001010014' },
          staffWithSocialInsurance: 10,
        },
      }),
    );
    expect(codes(app)).toEqual(['GENERAL_ICP_NUMBER_INVALID']);
  });

  it.each(['SX', 'NM', 'GX', 'QH', 'NX', 'XJ'])('refuses an out-of-province individual in %s', (p) => {
    expect(codes(parse(individual(p)))).toEqual(['PROVINCE_LOCAL_INDIVIDUALS_ONLY']);
  });

  it('refuses foreign individuals in Hebei and without a residence registration', () => {
    const input = individual('HE');
    input.applicant = {
      type: 'FOREIGN_INDIVIDUAL',
      name: 'John Smith',
      idNumber: 'E1234567',
      nationality: 'GB',
      address: '河北省石家庄市某某路1号',
      province: 'HE',
    };
    expect(codes(parse(input))).toEqual([
      'PROVINCE_REFUSES_FOREIGN_INDIVIDUALS',
      'RESIDENCE_REGISTRATION_REQUIRED',
    ]);
  });

  it('refuses a second open case of the same applicant entity', () => {
    expect(
      codes(parse(individual()), context({ openCaseApplicantKeys: ['RESIDENT_ID:11010519491231002X'] })),
    ).toEqual(['OPEN_CASE_EXISTS']);
  });

  it('refuses an IP address outside our ranges with its field path', () => {
    const input = individual();
    firstSite(input).ipAddresses = ['203.0.113.10', '198.51.100.7'];
    const { reasons } = checkEligibility(parse(input), context());
    expect(reasons).toEqual([
      expect.objectContaining({ code: 'IP_NOT_HOSTED_HERE', field: 'websites.0.ipAddresses.1' }),
    ]);
  });

  it('refuses a domain at a registrar abroad unless an officer overrides it', () => {
    const app = parse(individual());
    const registrars = { 'example.com': 'GoDaddy.com, LLC' };
    expect(codes(app, context({ domainRegistrars: registrars }))).toEqual(['REGISTRAR_NOT_ACCREDITED']);
    expect(
      codes(app, context({ domainRegistrars: registrars, acceptedOverrides: ['REGISTRAR_NOT_ACCREDITED'] })),
    ).toEqual([]);
  });

  it('says a subdomain needs no separate filing', () => {
    const input = individual();
    firstSite(input).domains = ['www.example.com'];
    expect(codes(parse(input))).toEqual(['DOMAIN_IS_SUBDOMAIN']);
    const known = [
      {
        applicantKey: 'RESIDENT_ID:11010519491231002X',
        icpNumber: '京ICP备12345678号-1',
        domains: ['example.com'],
      },
    ];
    const again = individual();
    expect(codes(parse(again), context({ knownFilings: known }))).toEqual(['DOMAIN_ALREADY_FILED']);
  });
});

describe('eligibility of filings that build on an existing ICP number', () => {
  const context = (knownFilings: { applicantKey: string; icpNumber: string; domains?: string[] }[] = []) => ({
    today: TODAY,
    providerAddressRanges: ['203.0.113.0/24'],
    openCaseApplicantKeys: [],
    knownFilings,
  });
  const hostingChange = (): ApplicationInput => ({
    ...individual(),
    filingType: 'CHANGE_HOSTING',
    existingIcpNumber: '京ICP备2025000001号-1',
  });

  it('accepts a hosting change for a filing made through another provider (unknown here)', () => {
    expect(checkEligibility(schema.parse(hostingChange()), context()).reasons).toEqual([]);
  });

  it('refuses a hosting change for a number known to belong to another entity', () => {
    const result = checkEligibility(
      schema.parse(hostingChange()),
      context([{ applicantKey: 'RESIDENT_ID:440524188001010014', icpNumber: '京ICP备2025000001号-1' }]),
    );
    expect(result.reasons.map((r) => r.code)).toEqual(['EXISTING_ICP_NUMBER_NOT_OF_ENTITY']);
  });

  it('lets a company holding a general filing apply for a commercial licence covering its filed domain', () => {
    const general = schema.parse(business());
    const filing = {
      applicantKey: applicantKey(general.applicant),
      icpNumber: '粤ICP备2026000001号-1',
      domains: ['example.com'],
    };
    const commercial = schema.parse(
      business({
        filingType: 'COMMERCIAL',
        commercial: {
          generalIcpNumber: '粤ICP备2026000001号',
          registeredCapitalCny: 2_000_000,
          legalRepresentative: { name: '马化腾', idNumber: '440524188001010014' },
          staffWithSocialInsurance: 5,
        },
      }),
    );
    expect(checkEligibility(commercial, context([filing])).reasons).toEqual([]);
  });
});

describe('text printed on the bureau’s forms', () => {
  const issuesFor = (input: ApplicationInput) => {
    const result = schema.safeParse(input);
    return result.success ? [] : fromZodError(result.error, input).map((i) => `${i.field}:${i.code}`);
  };

  it('refuses invisible and direction-reversing characters in names, addresses and the website name', () => {
    const app = individual();
    const rtl = '\u202E三张'; // shows as "张三" reversed
    expect(issuesFor({ ...app, applicant: { ...app.applicant, name: rtl } })).toContain(
      'applicant.name:TEXT_INVISIBLE_CHARACTERS',
    );
    expect(
      issuesFor({ ...app, applicant: { ...app.applicant, address: '北京市朝阳区\u200B某某路1号' } }),
    ).toContain('applicant.address:TEXT_INVISIBLE_CHARACTERS');
    const onlyZeroWidth = '\u200B\u200C\u200D';
    expect(
      issuesFor({ ...app, responsiblePerson: { ...app.responsiblePerson, name: onlyZeroWidth } }),
    ).toContain('responsiblePerson.name:TEXT_INVISIBLE_CHARACTERS');
    const [site] = app.websites;
    expect(
      issuesFor({ ...app, websites: [{ ...(site as NonNullable<typeof site>), name: '摄影\u2066作品集' }] }),
    ).toContain('websites.0.name:TEXT_INVISIBLE_CHARACTERS');
  });

  it('accepts the same text without them', () => {
    expect(issuesFor(individual())).toEqual([]);
  });

  it('refuses control, private-use and unpaired-surrogate characters, naming the field and the character', () => {
    const app = individual();
    const [site] = app.websites as [NonNullable<(typeof app.websites)[number]>];
    const cases: Array<[ApplicationInput, string]> = [
      [
        { ...app, applicant: { ...app.applicant, address: '北京市朝阳区\u0007某某路1号' } },
        'applicant.address',
      ],
      [{ ...app, applicant: { ...app.applicant, address: '北京市朝阳区\n某某路1号' } }, 'applicant.address'],
      [{ ...app, applicant: { ...app.applicant, name: '张\u00AD伟' } }, 'applicant.name'], // soft hyphen (Cf)
      [{ ...app, websites: [{ ...site, name: '摄影\uFEFF作品集' }] }, 'websites.0.name'],
    ];
    for (const [input, field] of cases)
      expect(issuesFor(input)).toContain(`${field}:TEXT_INVISIBLE_CHARACTERS`);
    const privateUse = { ...app, applicant: { ...app.applicant, name: '张\uE000伟' } };
    expect(issuesFor(privateUse)).toContain('applicant.name:TEXT_UNSUPPORTED_CHARACTERS');
    const loneSurrogate = {
      ...app,
      responsiblePerson: {
        ...app.responsiblePerson,
        emergencyContact: { name: '李\uD800娜', mobile: '13912345678' },
      },
    };
    expect(issuesFor(loneSurrogate)).toContain(
      'responsiblePerson.emergencyContact.name:TEXT_UNSUPPORTED_CHARACTERS',
    );
    // The message says which character, in both languages.
    const result = schema.safeParse(privateUse);
    const issue = result.success ? undefined : fromZodError(result.error, privateUse)[0];
    expect(issue).toMatchObject({ field: 'applicant.name', code: 'TEXT_UNSUPPORTED_CHARACTERS' });
    expect(issue?.message).toContain('U+E000');
    expect(issue?.messageZh).toContain('U+E000');
  });

  it('keeps characters outside the Basic Multilingual Plane (a valid surrogate pair)', () => {
    const app = individual();
    const name = '张𠀀'; // U+20000, CJK Extension B: one character, two UTF-16 units
    expect(issuesFor({ ...app, applicant: { ...app.applicant, name } })).toEqual([]);
  });

  it('stores names, addresses and website names NFKC-normalised and trimmed', () => {
    const app = individual();
    const [site] = app.websites as [NonNullable<(typeof app.websites)[number]>];
    const parsed = parse({
      ...app,
      applicant: { ...app.applicant, name: '\u3000张伟 ', address: ' 北京市朝阳区某某路１号\t' },
      websites: [{ ...site, name: ' 张伟的ＡＢＣ摄影 ' }],
    });
    expect(parsed.applicant.name).toBe('张伟');
    expect(parsed.applicant.address).toBe('北京市朝阳区某某路1号');
    expect(parsed.websites[0]?.name).toBe('张伟的ABC摄影');
  });

  it('refuses a name without a letter', () => {
    const app = individual();
    expect(issuesFor({ ...app, responsiblePerson: { ...app.responsiblePerson, name: '12345' } })).toContain(
      'responsiblePerson.name:NAME_WITHOUT_LETTER',
    );
    expect(issuesFor({ ...app, applicant: { ...app.applicant, name: '--·--' } })).toContain(
      'applicant.name:NAME_WITHOUT_LETTER',
    );
  });
});
