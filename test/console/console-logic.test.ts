import { createHash } from 'node:crypto';
import { InMemoryWebStorage, OidcClient } from 'oidc-client-ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Realm, sessionRoles } from '../../console/src/auth.ts';
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
import { oidcSettings, signoutArgs } from '../../console/src/oidc-sign-in.ts';
import { base64Url, ensureSha256Digest, sha256 } from '../../console/src/pkce.ts';
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
    idCardProvince: 'BJ',
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

  it('lists the empty website name with every other problem of the empty form, all at once', () => {
    const { errors } = validateForm(emptyForm(), '2026-03-02');
    expect(Object.keys(errors)).toEqual(
      expect.arrayContaining([
        'applicant.name',
        'websites.0.domains',
        'responsiblePerson.name',
        'websites.0.name',
      ]),
    );
    expect(errors['websites.0.name']?.[0]?.messageZh).toMatch(/\p{Script=Han}/u);
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

  it('gives a page without WebCrypto a SHA-256 digest, so the S256 challenge still works off a secure origin', async () => {
    const insecure: { subtle?: { digest(algorithm: string, data: BufferSource): Promise<ArrayBuffer> } } = {};
    ensureSha256Digest(insecure);
    const digest = await insecure.subtle?.digest('SHA-256', new TextEncoder().encode('abc'));
    expect(Buffer.from(new Uint8Array(digest ?? new ArrayBuffer(0))).toString('base64url')).toBe(
      createHash('sha256').update('abc').digest('base64url'),
    );
    await expect(insecure.subtle?.digest('SHA-1', new Uint8Array())).rejects.toThrow(/SHA-1/);
    const secure = { subtle: 'WebCrypto' };
    ensureSha256Digest(secure);
    expect(secure.subtle).toBe('WebCrypto');
  });
});

describe('sign-in with oidc-client-ts', () => {
  const console_ = 'https://console.example/';
  const global = parseConfig({
    apiUrl: 'https://api.example',
    issuer: 'https://cognito-idp/applicants/',
    clientId: 'applicant-client',
    staffIssuer: 'https://cognito-idp/staff',
    staffClientId: 'staff-client',
    logoutUrl: 'https://applicants.auth.example/logout',
    staffLogoutUrl: 'https://staff.auth.example/logout',
  });
  const china = parseConfig({
    apiUrl: 'https://api.example',
    issuer: 'https://operator/oidc',
    clientId: 'console',
  });
  const discovery = (issuer: string, extra: Record<string, string> = {}) => ({
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwks.json`,
    ...extra,
  });
  const jwt = (claims: Record<string, unknown>) =>
    `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
  /** A client with our settings, against issuers answered by `routes` (URL → JSON). */
  const clientFor = (c: typeof global, realm: Realm, routes: Record<string, unknown>) => {
    const requests: { url: string; body?: string }[] = [];
    vi.stubGlobal('fetch', async (input: string | URL, init?: RequestInit) => {
      const url = String(input);
      requests.push({ url, ...(init?.body ? { body: String(init.body) } : {}) });
      const json = routes[url];
      return json === undefined
        ? new Response('not found', { status: 404 })
        : new Response(JSON.stringify(json), { headers: { 'content-type': 'application/json' } });
    });
    return { client: new OidcClient(oidcSettings(c, realm, console_, new InMemoryWebStorage())), requests };
  };
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends staff to the staff pool with PKCE S256, state, nonce and the language', async () => {
    const { client } = clientFor(global, 'staff', {
      'https://cognito-idp/staff/.well-known/openid-configuration': discovery('https://cognito-idp/staff'),
    });
    const request = await client.createSigninRequest({
      state: { returnTo: '/officer' },
      nonce: 'n-123',
      ui_locales: 'en',
    });
    const url = new URL(request.url);
    expect(url.origin + url.pathname).toBe('https://cognito-idp/staff/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: 'staff-client',
      redirect_uri: console_,
      response_type: 'code',
      scope: 'openid email profile',
      nonce: 'n-123',
      state: request.state.id,
      code_challenge_method: 'S256',
      ui_locales: 'en',
    });
    expect(url.searchParams.get('code_challenge')).toBe(
      createHash('sha256').update(String(request.state.code_verifier)).digest('base64url'),
    );
  });

  it('completes a sign-in only with the nonce it sent, exchanging the code with the PKCE verifier', async () => {
    const issuer = 'https://cognito-idp/applicants';
    const signInWith = async (idTokenNonce: string | undefined) => {
      const { client, requests } = clientFor(global, 'applicant', {
        [`${issuer}/.well-known/openid-configuration`]: discovery(issuer),
        [`${issuer}/token`]: {
          id_token: jwt({ sub: 'u1', ...(idTokenNonce ? { nonce: idTokenNonce } : {}) }),
          access_token: 'a',
          token_type: 'Bearer',
          expires_in: 3600,
        },
      });
      const request = await client.createSigninRequest({ state: { returnTo: '/cases/C-1' }, nonce: 'n-1' });
      const response = await client.processSigninResponse(`${console_}?code=c-1&state=${request.state.id}`);
      return { request, response, requests };
    };
    const { request, response, requests } = await signInWith('n-1');
    expect(response.userState).toEqual({ returnTo: '/cases/C-1' });
    const token = new URLSearchParams(requests.find((r) => r.url.endsWith('/token'))?.body);
    expect(Object.fromEntries(token)).toMatchObject({
      grant_type: 'authorization_code',
      code: 'c-1',
      redirect_uri: console_,
      client_id: 'applicant-client',
      code_verifier: request.state.code_verifier,
    });
    await expect(signInWith('another')).rejects.toThrow(/nonce/);
    await expect(signInWith(undefined)).rejects.toThrow(/nonce/);
  });

  it('ends the issuer session on sign-out: Cognito logout from config.json, else OIDC end-session, else nowhere', async () => {
    const base = { idToken: 'id.token.sig', returnTo: console_ };
    // Global: Cognito's discovery names no end-session endpoint; config.json's logout URL is seeded.
    const staff = clientFor(global, 'staff', {
      'https://cognito-idp/staff/.well-known/openid-configuration': discovery('https://cognito-idp/staff'),
    }).client;
    const cognitoArgs = signoutArgs({
      ...base,
      clientId: 'staff-client',
      endSessionEndpoint: await staff.metadataService.getEndSessionEndpoint(),
      cognitoLogoutUrl: global.staffLogoutUrl,
    });
    const cognito = new URL((await staff.createSignoutRequest(cognitoArgs)).url);
    expect(cognito.origin + cognito.pathname).toBe('https://staff.auth.example/logout');
    expect(Object.fromEntries(cognito.searchParams)).toEqual({
      client_id: 'staff-client',
      logout_uri: console_,
    });
    // An issuer whose discovery names an end-session endpoint.
    const operator = clientFor(china, 'applicant', {
      'https://operator/oidc/.well-known/openid-configuration': discovery('https://operator/oidc', {
        end_session_endpoint: 'https://operator/oidc/end',
      }),
    }).client;
    const oidcArgs = signoutArgs({
      ...base,
      clientId: 'console',
      endSessionEndpoint: await operator.metadataService.getEndSessionEndpoint(),
      cognitoLogoutUrl: china.logoutUrl,
    });
    const oidc = new URL((await operator.createSignoutRequest(oidcArgs)).url);
    expect(oidc.origin + oidc.pathname).toBe('https://operator/oidc/end');
    expect(Object.fromEntries(oidc.searchParams)).toEqual({
      id_token_hint: 'id.token.sig',
      post_logout_redirect_uri: console_,
      client_id: 'console',
    });
    expect(
      signoutArgs({ ...base, clientId: 'c', endSessionEndpoint: undefined, cognitoLogoutUrl: undefined }),
    ).toBeUndefined();
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
    expect(dueState('2026-10-09', now)).toEqual({ businessDays: 2, overdue: false, provisional: false });
    expect(dueState('2026-09-29', now)?.overdue).toBe(true);
  });

  it('marks a due date provisional (暂定) when it lies across a year whose holidays are not published', () => {
    const now = new Date('2026-12-21T04:00:00Z');
    expect(dueState('2026-12-30', now)?.provisional).toBe(false);
    expect(dueState('2027-01-18', now)?.provisional).toBe(true);
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
