import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { apiError, IssuesError, toErrorResponse } from '#api/errors';
import { type ApplicationInput, applicationSchema } from '#domain/application';
import { creditCodeCheckChar, validateCreditCode } from '#domain/credit-code';
import { parseDomain, validateFileableDomain } from '#domain/domain-name';
import { checkEligibility } from '#domain/eligibility';
import { validateEmail } from '#domain/email';
import {
  ERROR_CATALOGUE,
  ERROR_CODES,
  type ErrorEntry,
  isErrorCode,
  isOverridable,
  OVERRIDABLE_CODES,
  statusOf,
} from '#domain/error-catalogue';
import { caseNotFound, DomainError, errorBody, type Validation } from '#domain/errors';
import { validateHostedHere, validateIpAddress, validateRegistrar } from '#domain/hosting';
import { parseIcpNumber, parseTelecomLicence } from '#domain/icp-number';
import { licencePrerequisiteReasons } from '#domain/licence-prerequisites';
import { validateMobile } from '#domain/mobile';
import { validateResidentId } from '#domain/resident-id';
import { validateWebsiteName } from '#domain/website-name';
import { fromZodError, overridableCodes } from '#domain/zod-errors';

const TODAY = '2026-11-01';
const HAN = /\p{Script=Han}/u;

// A valid business application (GB 32100 and GB 11643 example numbers), to break one field at a time.
const business = (): ApplicationInput => ({
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
      name: '张三的摄影作品集',
      domains: ['example.com'],
      ipAddresses: ['203.0.113.10'],
      serverProvince: 'GD',
      contentCategories: ['PERSONAL'],
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
});

const withCreditCode = (creditCode: string): ApplicationInput => {
  const input = business();
  (input.applicant as { creditCode: string }).creditCode = creditCode;
  return input;
};

const withDomain = (domain: string, input = business()): ApplicationInput => {
  const site = input.websites[0];
  if (!site) throw new Error('fixture has a website');
  site.domains = [domain];
  return input;
};

const orgChecksumCode = (() => {
  const first17 = '91350100M000100Y5'; // organisation check digit 5 instead of 4
  return first17 + creditCodeCheckChar(first17);
})();

/** Every validator failure the domain can produce, from a spread of bad input. */
function validatorFailures(): Array<Extract<Validation<unknown>, { ok: false }>> {
  const results: Validation<unknown>[] = [
    ...['123', '11010519491231002', '990105194912310021', '110105194902300029', '110105194912310021'].map(
      (id) => validateResidentId(id, TODAY),
    ),
    ...['X', '91350100M000100O43', '91350100M000100Y44', orgChecksumCode].map(validateCreditCode),
    validateCreditCode(`91990100M000100Y4${creditCodeCheckChar('91990100M000100Y4')}`),
    ...['http://example.com', 'com.cn', 'example.io', 'example.cmo'].map(validateFileableDomain),
    validateRegistrar('GoDaddy.com, LLC'),
    validateIpAddress('999.1.1.1'),
    validateHostedHere(['198.51.100.7'], ['203.0.113.0/24']),
    validateMobile('12345'),
    validateEmail('not-an-email'),
    ...['nonsense', '京ICP备123号', '京ICP证1234567号', 'XICP备12345678号'].map(parseIcpNumber),
    parseTelecomLicence('B2-1'),
    ...['a', 'example.com', '123456', '个人网站', '政府信息公开网'].map((name) =>
      validateWebsiteName(name, 'CHINESE_INDIVIDUAL'),
    ),
  ];
  return results.filter((r): r is Extract<Validation<unknown>, { ok: false }> => !r.ok);
}

describe('error catalogue', () => {
  it('names every code in UPPER_SNAKE_CASE', () => {
    for (const code of ERROR_CODES) expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
    expect(ERROR_CODES.length).toBeGreaterThan(60);
  });

  it('gives every code a 4xx status, except INTERNAL, the one 500', () => {
    for (const code of ERROR_CODES) {
      const { status } = ERROR_CATALOGUE[code];
      if (code === 'INTERNAL') expect(status).toBe(500);
      else expect(status, code).toBeGreaterThanOrEqual(400);
      if (code !== 'INTERNAL') expect(status, code).toBeLessThan(500);
    }
  });

  it('has both languages for every entry: English in message, Chinese in messageZh', () => {
    for (const code of ERROR_CODES) {
      const { message, messageZh } = ERROR_CATALOGUE[code] as ErrorEntry;
      expect(message.trim(), code).not.toBe('');
      expect(message, code).toMatch(/^[A-Z]/);
      expect(message, code).toMatch(/[.)]$/);
      expect(messageZh, code).toMatch(HAN);
      expect(messageZh, code).toMatch(/[。）]$/);
    }
  });

  it('keeps the statuses the API has always answered with', () => {
    expect(statusOf('CASE_NOT_FOUND')).toBe(404);
    expect(statusOf('OPEN_CASE_EXISTS')).toBe(409);
    expect(statusOf('UNAUTHORIZED')).toBe(401);
    expect(statusOf('FORBIDDEN')).toBe(403);
    expect(statusOf('NOT_ELIGIBLE')).toBe(422);
    expect(statusOf('PAYLOAD_TOO_LARGE')).toBe(413);
    expect(statusOf('UNSUPPORTED_MEDIA_TYPE')).toBe(415);
    // Field rules are 400 (what every code missing from the old status table was).
    for (const code of ['REQUIRED', 'CREDIT_CODE_CHECKSUM', 'DOMAIN_SYNTAX', 'NOT_OVERRIDABLE'] as const) {
      expect(statusOf(code), code).toBe(400);
    }
  });

  it('tells catalogued codes from others', () => {
    expect(isErrorCode('CASE_NOT_FOUND')).toBe(true);
    expect(isErrorCode('CASE_NOT_FOUNDD')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
  });

  it('refuses an unknown code at compile time', () => {
    // Never called: tsc (npm run typecheck) fails if these stop being errors.
    const typos = () => [
      // @ts-expect-error an unknown code is a compile error
      apiError('CASE_NOT_FOND'),
      // @ts-expect-error an unknown code is a compile error
      new DomainError({ code: 'CASE_NOT_FOND', message: 'x', messageZh: '无' }),
      // @ts-expect-error an unknown code is a compile error
      errorBody('NOPE'),
    ];
    expect(typeof typos).toBe('function');
  });
});

describe('overridable codes', () => {
  it('are exactly the codes the domain rules report as overridable, and the licence prerequisites a pilot zone lifts', () => {
    const failures = validatorFailures();
    for (const { error, overridable } of failures) {
      expect(overridable === true, error.code).toBe(isOverridable(error.code));
    }
    const markedByDomain = new Set(failures.filter((f) => f.overridable).map((f) => f.error.code));
    // Eligibility reasons, not validations: every licence prerequisite may be accepted by a supervisor.
    const prerequisites = licencePrerequisiteReasons(
      { foreignOwnershipPercent: 70, staffWithSocialInsurance: 0 },
      new Set(),
    ).map((reason) => reason.code);
    expect(prerequisites).toEqual(['FOREIGN_EQUITY_OVER_CAP', 'INSURED_STAFF_TOO_FEW']);
    expect([...markedByDomain, ...prerequisites].sort()).toEqual([...OVERRIDABLE_CODES].sort());
  });

  it('match what the application schema’s refinements mark overridable', () => {
    const schema = applicationSchema({ today: () => TODAY });
    const inputs = [
      withCreditCode('9144030071526726XH'), // CREDIT_CODE_CHECKSUM
      withCreditCode(orgChecksumCode), // CREDIT_CODE_ORG_CHECKSUM
      withDomain('example.io'), // DOMAIN_TLD_NOT_APPROVED
      withDomain('http://example.com'), // DOMAIN_SYNTAX (not overridable)
      withCreditCode('91350100M000100O43'), // CREDIT_CODE_FORMAT (not overridable)
    ];
    const marked = new Set<string>();
    for (const input of inputs) {
      const r = schema.safeParse(input);
      expect(r.success).toBe(false);
      if (r.success) continue;
      const overridable = overridableCodes(r.error);
      for (const code of overridable) marked.add(code);
      for (const issue of fromZodError(r.error, input)) {
        expect(overridable.includes(issue.code), issue.code).toBe(isOverridable(issue.code));
      }
    }
    expect([...marked].sort()).toEqual([
      'CREDIT_CODE_CHECKSUM',
      'CREDIT_CODE_ORG_CHECKSUM',
      'DOMAIN_TLD_NOT_APPROVED',
    ]);
  });

  it('include the registrar check, which eligibility lets an officer accept', () => {
    const application = applicationSchema({ today: () => TODAY }).parse(business());
    const domain = parseDomain('example.com');
    if (!domain.ok) throw new Error('fixture');
    const context = {
      today: TODAY,
      providerAddressRanges: ['203.0.113.0/24'],
      openCaseApplicantKeys: [],
      domainRegistrars: { [domain.value.registrableDomain]: 'GoDaddy.com, LLC' },
    };
    const codes = (accepted: string[]) =>
      checkEligibility(application, { ...context, acceptedOverrides: accepted }).reasons.map((r) => r.code);
    expect(codes([])).toEqual(['REGISTRAR_NOT_ACCREDITED']);
    expect(isOverridable('REGISTRAR_NOT_ACCREDITED')).toBe(true);
    expect(codes(['REGISTRAR_NOT_ACCREDITED'])).toEqual([]);
  });
});

describe('error bodies and responses', () => {
  it('builds a body from the catalogue, with a call site’s specific message and field', () => {
    expect(errorBody('CASE_NOT_FOUND')).toEqual({
      code: 'CASE_NOT_FOUND',
      message: 'The case does not exist.',
      messageZh: '案件不存在。',
    });
    expect(errorBody('DOCUMENT_NOT_REQUIRED', { message: 'X is not asked for.', field: 'docType' })).toEqual({
      code: 'DOCUMENT_NOT_REQUIRED',
      message: 'X is not asked for.',
      messageZh: ERROR_CATALOGUE.DOCUMENT_NOT_REQUIRED.messageZh,
      field: 'docType',
    });
  });

  it('answers CASE_NOT_FOUND with 404 and the one body', () => {
    expect(toErrorResponse(caseNotFound())).toEqual({
      status: 404,
      body: { code: 'CASE_NOT_FOUND', message: 'The case does not exist.', messageZh: '案件不存在。' },
      internal: false,
    });
    expect(caseNotFound('C-1').message).toBe('Case C-1 does not exist.');
  });

  it('takes each DomainError’s status from the catalogue and keeps its field', () => {
    const { status, body } = toErrorResponse(apiError('APPOINTMENT_IN_PAST', { field: 'startsAt' }));
    expect(status).toBe(400);
    expect(body).toEqual({
      code: 'APPOINTMENT_IN_PAST',
      message: ERROR_CATALOGUE.APPOINTMENT_IN_PAST.message,
      messageZh: ERROR_CATALOGUE.APPOINTMENT_IN_PAST.messageZh,
      field: 'startsAt',
    });
    expect(toErrorResponse(apiError('STEP_NOT_PENDING')).status).toBe(409);
  });

  it('gives an IssuesError its summary’s status, the first issue as body and every issue', () => {
    const issues = [errorBody('OPEN_CASE_EXISTS'), errorBody('IP_NOT_HOSTED_HERE', { field: 'websites.0' })];
    const { status, body } = toErrorResponse(new IssuesError(errorBody('NOT_ELIGIBLE'), issues));
    expect(status).toBe(422);
    expect(body).toEqual({ ...issues[0], issues });
    const empty = toErrorResponse(new IssuesError(errorBody('VALIDATION'), []));
    expect(empty).toMatchObject({ status: 400, body: { code: 'VALIDATION', issues: [] } });
  });

  it('maps Hono’s HTTP exceptions to catalogued codes, and anything else to INTERNAL', () => {
    expect(
      toErrorResponse(new HTTPException(400, { message: 'Malformed JSON in request body' })),
    ).toMatchObject({ status: 400, body: { code: 'MALFORMED_JSON' } });
    expect(toErrorResponse(new HTTPException(405))).toMatchObject({
      status: 405,
      body: { code: 'METHOD_NOT_ALLOWED' },
    });
    expect(toErrorResponse(new HTTPException(418))).toMatchObject({
      status: 418,
      body: { code: 'HTTP_418' },
    });
    expect(toErrorResponse(new Error('boom'))).toEqual({
      status: 500,
      body: errorBody('INTERNAL'),
      internal: true,
    });
  });
});
