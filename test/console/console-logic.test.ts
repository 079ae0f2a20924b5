import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { logoutLocation, sessionRoles } from '../../console/src/auth.ts';
import { parseConfig } from '../../console/src/config.ts';
import {
  emptyForm,
  errorsAt,
  fromApplication,
  splitList,
  toApplicationInput,
  validateForm,
} from '../../console/src/form-model.ts';
import { dueState } from '../../console/src/format.ts';
import { messageKeys, messagePair } from '../../console/src/i18n.ts';
import { base64Url, sha256 } from '../../console/src/pkce.ts';
import { reasonFor } from '../../console/src/review-reasons.ts';
import { parseHash } from '../../console/src/router.ts';
import { Application, type ApplicationInput } from '../../functions/domain/application.ts';
import { SAMPLE_APPLICATIONS } from '../../local/stack/sample-applications.ts';

const filledForm = () => {
  const form = emptyForm();
  form.applicant = {
    ...form.applicant,
    name: '张伟',
    idNumber: '110108199001011231',
    address: '北京市海淀区中关村大街 27 号',
    province: 'BJ',
  };
  form.websites = [
    {
      uid: 'w',
      name: '张伟的摄影作品集',
      domains: 'zhangwei-photo.cn',
      ipAddresses: '203.0.113.10',
      serverProvince: 'BJ',
      contentCategories: ['PERSONAL'],
    },
  ];
  form.responsible = {
    name: '张伟',
    idType: 'RESIDENT_ID',
    idNumber: '110108199001011231',
    mobile: '13812345678',
    email: 'zhang.wei@example.cn',
    emergencyName: '张丽',
    emergencyMobile: '13912345678',
  };
  return form;
};

describe('the new-case form', () => {
  it('passes the domain application schema when filled like the sample application', () => {
    expect(validateForm(filledForm(), '2026-03-02').errors).toEqual({});
  });

  it('reports problems at the schema field paths with Chinese and English messages', () => {
    const form = filledForm();
    form.responsible.emergencyMobile = form.responsible.mobile;
    expect(
      validateForm(form, '2026-03-02').errors['responsiblePerson.emergencyContact.mobile']?.[0]?.code,
    ).toBe('EMERGENCY_CONTACT_SAME_MOBILE');
    if (form.websites[0]) form.websites[0].domains = 'good.cn\nhttp://bad';
    const { errors } = validateForm(form, '2026-03-02');
    const domainErrors = errorsAt(errors, 'websites.0.domains', true);
    expect(domainErrors).toHaveLength(1);
    expect(domainErrors[0]?.item).toBe(1);
    expect(domainErrors[0]?.messageZh).toMatch(/域名/);
  });

  it('sends only the fields of the chosen applicant type and filing type', () => {
    const form = filledForm();
    form.applicant.creditCode = 'ignored';
    const input = toApplicationInput(form) as unknown as Record<string, unknown>;
    expect(input.applicant).not.toHaveProperty('creditCode');
    expect(input).not.toHaveProperty('commercial');
    expect(input).not.toHaveProperty('existingIcpNumber');
  });

  it('splits lists on new lines, commas and the Chinese enumeration comma', () => {
    expect(splitList('a.cn, b.cn\n\nc.cn、d.cn；e.cn')).toEqual(['a.cn', 'b.cn', 'c.cn', 'd.cn', 'e.cn']);
  });
});

describe('PKCE', () => {
  it('computes the same SHA-256 as Node for the S256 challenge', () => {
    for (const text of [
      '',
      'abc',
      'x'.repeat(55),
      'y'.repeat(64),
      'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
    ]) {
      const expected = createHash('sha256').update(text).digest('base64url');
      expect(base64Url(sha256(new TextEncoder().encode(text)))).toBe(expected);
    }
  });
});

describe('routing, config, due dates, reasons and words', () => {
  it('parses hash routes with parameters and query', () => {
    const route = parseHash('#/officer?step=APPOINTMENT&overdue=true');
    expect(route.name).toBe('queue');
    expect(route.query.get('step')).toBe('APPOINTMENT');
    expect(parseHash('#/cases/C-01ABC').params.caseId).toBe('C-01ABC');
    expect(parseHash('#/officer/cases/C-1').name).toBe('officer-case');
    expect(parseHash('#/cases/C-1/forms/SECURITY_COMMITMENT')).toMatchObject({
      name: 'case-form',
      params: { caseId: 'C-1', docType: 'SECURITY_COMMITMENT' },
    });
    expect(parseHash('#/nope').name).toBe('not-found');
  });

  it('reads config.json and names a missing key', () => {
    expect(parseConfig({ apiUrl: 'http://a/', issuer: 'http://b/oidc/', clientId: 'c' })).toEqual({
      apiUrl: 'http://a',
      issuer: 'http://b/oidc',
      clientId: 'c',
    });
    expect(() => parseConfig({ apiUrl: 'x', issuer: 'y' })).toThrow(/clientId/);
    expect(
      parseConfig({
        apiUrl: 'a',
        issuer: 'b',
        clientId: 'c',
        staffIssuer: 'https://staff/',
        staffClientId: 's',
      }),
    ).toMatchObject({ staffIssuer: 'https://staff', staffClientId: 's' });
  });

  it('ends the issuer session on sign-out: OIDC end-session first, else Cognito logout, else nowhere', () => {
    const base = { clientId: 'c', idToken: 'id.token.sig', returnTo: 'https://console.example/' };
    const oidc = new URL(
      logoutLocation({
        ...base,
        endSessionEndpoint: 'https://idp/end',
        cognitoLogoutUrl: 'https://x/logout',
      }) ?? '',
    );
    expect(oidc.origin + oidc.pathname).toBe('https://idp/end');
    expect(oidc.searchParams.get('id_token_hint')).toBe('id.token.sig');
    expect(oidc.searchParams.get('post_logout_redirect_uri')).toBe('https://console.example/');
    const cognito = new URL(
      logoutLocation({
        ...base,
        endSessionEndpoint: undefined,
        cognitoLogoutUrl: 'https://pool.auth/logout',
      }) ?? '',
    );
    expect(cognito.searchParams.get('client_id')).toBe('c');
    expect(cognito.searchParams.get('logout_uri')).toBe('https://console.example/');
    expect(
      logoutLocation({ ...base, endSessionEndpoint: undefined, cognitoLogoutUrl: undefined }),
    ).toBeUndefined();
  });

  it('lets a draft be saved with an overridable checksum, which it lists apart from the errors', () => {
    const form = fromApplication(Application.parse(SAMPLE_APPLICATIONS.chineseBusiness as ApplicationInput));
    // A real-looking code whose check character is wrong.
    form.applicant.creditCode = '9144030071526726XA';
    const { errors, overrides } = validateForm(form);
    expect(errors).toEqual({});
    expect(overrides['applicant.creditCode']?.map((e) => e.code)).toEqual(['CREDIT_CODE_CHECKSUM']);
    form.applicant.name = '';
    expect(Object.keys(validateForm(form).errors)).toEqual(['applicant.name']);
  });

  it('gives a session the roles the API will: applicants by pool, staff by their pool groups', () => {
    // One issuer (China, local): the groups say it all.
    expect(sessionRoles(['officer'], 'applicant', false)).toEqual(['officer']);
    // Separate pools: every applicant-pool account is an applicant, whatever it claims…
    expect(sessionRoles(undefined, 'applicant', true)).toEqual(['applicant']);
    expect(sessionRoles(['supervisor'], 'applicant', true)).toEqual(['applicant']);
    // …and the staff pool gives officer and supervisor roles only.
    expect(sessionRoles(['officer', 'applicant'], 'staff', true)).toEqual(['officer']);
  });

  it('counts due dates in China business days, across the National Day holiday', () => {
    const now = new Date('2026-09-30T04:00:00Z'); // Wednesday 30 Sep, China
    expect(dueState('2026-10-09', now)).toEqual({ businessDays: 2, overdue: false });
    expect(dueState('2026-09-29', now)?.overdue).toBe(true);
  });

  it('turns a reason template or free text into a bilingual reason', () => {
    expect(reasonFor('NOT_SIGNED', { zh: '', en: '' })?.messageZh).toMatch(/缺少签字/);
    expect(reasonFor('OTHER', { zh: '印章不清', en: '' })).toEqual({
      code: 'OFFICER_NOTE',
      message: '印章不清',
      messageZh: '印章不清',
    });
    expect(reasonFor('OTHER', { zh: ' ', en: '' })).toBeUndefined();
  });

  it('has every word in both languages', () => {
    for (const key of messageKeys()) {
      const [zh, en] = messagePair(key);
      expect(zh.length, key).toBeGreaterThan(0);
      expect(en.length, key).toBeGreaterThan(0);
    }
  });

  it.each(Object.entries(SAMPLE_APPLICATIONS))(
    'puts a saved %s application back in the form unchanged',
    (_name, sample) => {
      const saved = Application.parse(sample as ApplicationInput);
      const commercial = Application.parse({
        ...(sample as ApplicationInput),
        filingType: 'COMMERCIAL',
        commercial: {
          generalIcpNumber: '京ICP备2026012345号',
          registeredCapitalCny: 1_000_000,
          legalRepresentative: { name: '李娜', idNumber: '310104198503124022' },
          staffWithSocialInsurance: 3,
        },
      } as ApplicationInput);
      for (const application of [saved, commercial]) {
        const { input, errors } = validateForm(fromApplication(application));
        expect(errors).toEqual({});
        expect(Application.parse(input)).toEqual(application);
      }
    },
  );

  it('shows a saved internationalised domain in Chinese characters', () => {
    const saved = Application.parse({
      ...(SAMPLE_APPLICATIONS.chineseIndividual as ApplicationInput),
      websites: [{ ...SAMPLE_APPLICATIONS.chineseIndividual.websites[0], domains: ['例子.中国'] }],
    } as ApplicationInput);
    expect(saved.websites[0]?.domains).toEqual(['xn--fsqu00a.xn--fiqs8s']);
    expect(fromApplication(saved).websites[0]?.domains).toBe('例子.中国');
  });
});
