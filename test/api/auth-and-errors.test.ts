import { Writable } from 'node:stream';
import { Logger } from '@aws-lambda-powertools/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '#api/app';
import type { HumanStep } from '#domain/case-status';
import { redact } from '../../functions/logger.ts';
import {
  type ApiHarness,
  caseWaitingOn,
  individualApplication,
  startHarnessWithOthersCase,
} from './harness.ts';

let h: ApiHarness;
let othersCase: string;
beforeAll(async () => {
  ({ h, othersCase } = await startHarnessWithOthersCase());
}, 30_000);
afterAll(() => h.close());

const ROUTES: Array<{
  method: string;
  path: () => string;
  role: 'applicant' | 'officer' | 'supervisor';
  body?: unknown;
}> = [
  { method: 'POST', path: () => '/cases', role: 'applicant', body: individualApplication() },
  { method: 'GET', path: () => '/cases', role: 'applicant' },
  { method: 'GET', path: () => `/cases/${othersCase}`, role: 'applicant' },
  { method: 'GET', path: () => '/officer/queue?step=REVIEW', role: 'officer' },
  { method: 'GET', path: () => `/officer/cases/${othersCase}`, role: 'officer' },
  { method: 'GET', path: () => '/officer/cases', role: 'officer' },
  { method: 'GET', path: () => '/officer/search?q=example.com', role: 'officer' },
  { method: 'GET', path: () => '/supervisor/override-queue', role: 'supervisor' },
  { method: 'GET', path: () => '/supervisor/dashboard', role: 'supervisor' },
  {
    method: 'POST',
    path: () => `/officer/cases/${othersCase}/review`,
    role: 'officer',
    body: { decision: 'APPROVE' },
  },
  {
    method: 'POST',
    path: () => `/supervisor/cases/${othersCase}/application-overrides`,
    role: 'supervisor',
    body: { code: 'CREDIT_CODE_CHECKSUM', reason: 'Checked the original.' },
  },
];

interface OfficerAction {
  /** The step a fresh case waits on for the call (a `{caseId}` route), if any. */
  step?: HumanStep;
  query?: string;
  body?: unknown;
  /** The status an officer gets for the same call. */
  status: number;
  /** The audit action a write records. */
  audited?: string;
  /** The case has an email in its outbox, named by `{emailId}`. */
  withEmail?: true;
  /** The case is made a commercial licence application. */
  commercial?: true;
}

/** What an officer would do on each officer route; every route under /officer/ must be listed. */
const OFFICER_ACTIONS: Record<string, OfficerAction> = {
  'GET /officer/queue': { query: '?step=REVIEW', status: 200 },
  'GET /officer/cases': { query: '?status=DRAFT', status: 200 },
  'GET /officer/search': { query: '?q=example.com', status: 200 },
  'GET /officer/cases/{caseId}': { step: 'REVIEW', status: 200 },
  'GET /officer/cases/{caseId}/audit': { step: 'REVIEW', status: 200 },
  'GET /officer/cases/{caseId}/emails': { step: 'REVIEW', status: 200, withEmail: true },
  'POST /officer/cases/{caseId}/emails/{emailId}/resend': {
    step: 'REVIEW',
    status: 202,
    audited: 'EMAIL_RESEND_REQUESTED',
    withEmail: true,
  },
  'POST /officer/cases/{caseId}/review': {
    step: 'REVIEW',
    body: { decision: 'APPROVE' },
    status: 202,
    audited: 'STEP_DECIDED',
  },
  'POST /officer/cases/{caseId}/licence-review': {
    step: 'LICENCE_REVIEW',
    body: { decision: 'APPROVE', feeYuan: 3000 },
    status: 202,
    audited: 'STEP_DECIDED',
  },
  'POST /officer/cases/{caseId}/appointment': {
    step: 'APPOINTMENT',
    body: { officeId: 'SH', startsAt: '2026-03-05T10:00:00+08:00' },
    status: 202,
    audited: 'STEP_DECIDED',
  },
  'POST /officer/cases/{caseId}/verification': {
    step: 'VERIFICATION',
    body: { outcome: 'PRESENT' },
    status: 202,
    audited: 'STEP_DECIDED',
  },
  'POST /officer/cases/{caseId}/bureau-submission': {
    step: 'BUREAU_SUBMISSION',
    body: { submittedAt: '2026-03-02T09:30:00+08:00', reference: 'BJ-2026-000123' },
    status: 202,
    audited: 'STEP_DECIDED',
  },
  'POST /officer/cases/{caseId}/bureau-decision': {
    step: 'BUREAU_DECISION',
    body: { decision: 'APPROVE', icpNumber: '京ICP备12345678号-1' },
    status: 202,
    audited: 'STEP_DECIDED',
  },
  'GET /officer/cases/{caseId}/provider-documents': { step: 'REVIEW', status: 200 },
  'POST /officer/cases/{caseId}/provider-documents/uploads': {
    step: 'LICENCE_REVIEW',
    commercial: true,
    body: { kind: 'TELECOM_LICENCE', contentType: 'application/pdf' },
    status: 201,
  },
  // Past the role check: no file arrived under this upload id (nothing changes, nothing audited).
  'POST /officer/cases/{caseId}/provider-documents': {
    step: 'LICENCE_REVIEW',
    commercial: true,
    body: { kind: 'TELECOM_LICENCE', uploadId: '0'.repeat(28) },
    status: 409,
  },
  'POST /officer/cases/{caseId}/sms-verification': {
    step: 'BUREAU_DECISION',
    body: { completedAt: '2026-03-02T09:00:00+08:00' },
    status: 200,
    audited: 'SMS_VERIFICATION_RECORDED',
  },
};

const SOMEONE_OF: Record<string, string> = {
  applicant: 'officer-wang-fang',
  officer: 'applicant-zhang-wei',
  supervisor: 'officer-chen-jing',
};

describe('the auth matrix', () => {
  for (const route of ROUTES) {
    const name = `${route.method} ${route.path().replace(/C-[0-9A-Z]+/, '{caseId}')}`;
    it(`${name}: no token, expired, wrong issuer, wrong audience → 401; wrong role → 403`, async () => {
      const call = (token?: string) =>
        h.call(route.method, route.path(), {
          ...(token ? { token } : {}),
          ...(route.body ? { body: route.body } : {}),
        });
      const anyone = route.role === 'applicant' ? 'applicant-zhang-wei' : 'supervisor-liu-yang';
      const cases = {
        none: await call(),
        garbage: await call('not-a-jwt'),
        expired: await call(await h.issuer.tokenFor(anyone, { expiresInSeconds: -120 })),
        wrongIssuer: await call(await h.otherIssuer.tokenFor(anyone)),
        wrongAudience: await call(await h.wrongAudience.tokenFor(anyone)),
      };
      for (const [kind, response] of Object.entries(cases)) {
        expect(response.status, kind).toBe(401);
        expect(response.body).toMatchObject({
          code: 'UNAUTHORIZED',
          message: expect.any(String),
          messageZh: expect.any(String),
        });
      }
      const wrongRole = await call(await h.token(SOMEONE_OF[route.role] as string));
      expect(wrongRole.status).toBe(403);
      expect(wrongRole.body.code).toBe('FORBIDDEN');
    });
  }

  it('an applicant gets 404, not 403, for another applicant’s case on every case route', async () => {
    const as = 'applicant-zhang-wei';
    const attempts = [
      h.call('GET', `/cases/${othersCase}`, { as }),
      h.call('PUT', `/cases/${othersCase}`, { as, body: individualApplication() }),
      h.call('GET', `/cases/${othersCase}/timeline`, { as }),
      h.call('POST', `/cases/${othersCase}/submit`, { as }),
      h.call('POST', `/cases/${othersCase}/withdraw`, { as }),
      h.call('POST', `/cases/${othersCase}/uploads`, {
        as,
        body: { docType: 'APPLICANT_ID_FRONT', contentType: 'image/png' },
      }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('CASE_NOT_FOUND');
    }
    expect((await h.deps.store.getCase(othersCase))?.status).toBe('DRAFT');
  });

  it('a supervisor may do what an officer may, on every officer route', async () => {
    const SUPERVISOR = 'supervisor-liu-yang'; // a seeded user with the supervisor role only
    const spec = await h.call('GET', '/openapi.json');
    const officerRoutes = Object.entries(spec.body.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => path.startsWith('/officer/'))
      .flatMap(([path, operations]) => Object.keys(operations).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    // A new officer route fails here until it is given an action below (and so is covered).
    expect(officerRoutes).toEqual(Object.keys(OFFICER_ACTIONS).sort());
    for (const route of officerRoutes) {
      const action = OFFICER_ACTIONS[route] as OfficerAction;
      const [method, template] = route.split(' ') as [string, string];
      const waiting = action.step ? await caseWaitingOn(h, action.step) : undefined;
      if (waiting && action.commercial) {
        await h.deps.store.modifyCase(
          waiting.record.caseId,
          (c) => ({ ...c, filingType: 'COMMERCIAL' }) as typeof c,
        );
      }
      const email =
        waiting && action.withEmail
          ? await h.deps.store.enqueueEmail({
              caseId: waiting.record.caseId,
              key: 'documentsComplete#Review#1',
              template: 'documentsComplete',
              to: 'applicant@example.cn',
              subject: 'subject',
              text: 'text',
              html: '<p>html</p>',
              now: h.deps.now(),
            })
          : undefined;
      const path = `${template
        .replace('{caseId}', waiting?.record.caseId ?? '')
        .replace('{emailId}', email?.email.emailId ?? '')}${action.query ?? ''}`;
      const response = await h.call(method, path, {
        as: SUPERVISOR,
        ...(action.body ? { body: action.body } : {}),
      });
      expect(response.status, `${route}: ${response.text}`).toBe(action.status);
      if (waiting && method === 'POST') {
        // The change is made, and audited as the supervisor's, acting as a supervisor (an upload form
        // changes nothing, nor does a refused call).
        const audit = await h.deps.store.listAudit(waiting.record.caseId);
        expect(
          audit.filter((e) => e.actor.subject === SUPERVISOR).map((e) => [e.action, e.actor.role]),
          route,
        ).toEqual(action.audited ? [[action.audited, 'supervisor']] : []);
      }
    }
  });
});

describe('errors', () => {
  it('malformed JSON is 400 MALFORMED_JSON, on schema-validated and application routes alike', async () => {
    const a = await h.call('POST', `/officer/cases/${othersCase}/review`, {
      as: 'officer-wang-fang',
      raw: '{"decision":',
    });
    expect(a.status).toBe(400);
    expect(a.body.code).toBe('MALFORMED_JSON');
    const b = await h.call('POST', '/cases', { as: 'applicant-zhang-wei', raw: '{nope' });
    expect(b.status).toBe(400);
    expect(b.body.code).toBe('MALFORMED_JSON');
  });

  it('a body over 64 KB is 413 with the error shape', async () => {
    const response = await h.call('POST', '/cases', {
      as: 'applicant-zhang-wei',
      raw: JSON.stringify({ padding: 'x'.repeat(70 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', messageZh: expect.any(String) });
  });

  it('a body that is not JSON is 415', async () => {
    const response = await h.call('POST', '/cases', {
      as: 'applicant-zhang-wei',
      raw: 'filingType=GENERAL',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(415);
    expect(response.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('an unknown route is a JSON 404', async () => {
    const response = await h.call('GET', '/nowhere');
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ code: 'NOT_FOUND', messageZh: expect.any(String) });
  });

  it('an unknown field in a decision is 400 with the field', async () => {
    const { record } = await caseWaitingOn(h, 'VERIFICATION');
    const response = await h.call('POST', `/officer/cases/${record.caseId}/verification`, {
      as: 'officer-wang-fang',
      body: { outcome: 'PRESENT', extra: 1 },
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('UNKNOWN_FIELD');
  });

  it('a query parameter given twice is 400, not silently the first value', async () => {
    const response = await h.call('GET', '/officer/queue?step=REVIEW&step=DOCUMENTS', {
      as: 'officer-wang-fang',
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ field: 'step', messageZh: expect.any(String) });
  });

  it('API responses carry security headers and no-store; the console origin gets CORS', async () => {
    const response = await h.call('GET', '/cases', {
      as: 'applicant-zhang-wei',
      headers: { origin: 'http://localhost:5173' },
    });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const preflight = await h.app.request('/cases', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    const stranger = await h.call('GET', '/cases', {
      as: 'applicant-zhang-wei',
      headers: { origin: 'https://evil.example' },
    });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('documentation', () => {
  it('serves OpenAPI 3.1 with every route and the application schema', async () => {
    const response = await h.call('GET', '/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/cases',
        '/cases/{caseId}',
        '/cases/{caseId}/uploads',
        '/cases/{caseId}/submit',
        '/cases/{caseId}/withdraw',
        '/cases/{caseId}/timeline',
        '/officer/queue',
        '/officer/cases/{caseId}',
        '/officer/cases/{caseId}/review',
        '/officer/cases/{caseId}/bureau-decision',
        '/officer/cases/{caseId}/audit',
        '/supervisor/cases/{caseId}/documents/{docType}/override',
      ]),
    );
    expect(response.body.components.schemas.ApplicationInput).toBeDefined();
    expect(response.body.components.schemas.ReviewDecision).toBeDefined();
  });

  it('renders self-contained HTML docs', async () => {
    const response = await h.call('GET', '/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.text).toContain('POST /cases');
    expect(response.text).not.toMatch(/<script|https?:\/\/cdn/);
  });
});

describe('logging', () => {
  it('one redacted line per request: no Authorization header, token, ID number or presigned URL', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = new Logger({
      serviceName: 'icp-api-test',
      logLevel: 'DEBUG',
      jsonReplacerFn: (key: string, value: unknown) => redact(key, value),
      logRecordOrder: ['level', 'message'],
    });
    // Powertools writes through its console; route it into the sink.
    (logger as unknown as { console: Console }).console = new console.Console({ stdout: sink, stderr: sink });
    const app = createApp({ ...h.deps, logger });
    const token = await h.token('applicant-zhang-wei');
    const application = individualApplication();
    const created = await app.request('/cases', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(application),
    });
    const draft = (await created.json()) as { caseId: string };
    const upload = await app.request(`/cases/${draft.caseId}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ docType: 'APPLICANT_ID_FRONT', contentType: 'image/png' }),
    });
    const { url, fields } = (await upload.json()) as { url: string; fields: Record<string, string> };
    const output = lines.join('');
    expect(lines.filter((l) => l.includes('"request"'))).toHaveLength(2);
    expect(output).toContain('/cases/:caseId/uploads');
    expect(output).toContain('applicant-zhang-wei');
    expect(output).not.toContain(token.slice(-20));
    expect(output).not.toContain(
      application.applicant.type === 'CHINESE_INDIVIDUAL' ? application.applicant.idNumber : 'x',
    );
    expect(output).not.toContain(url);
    expect(output).not.toContain(fields.Policy ?? fields.policy ?? 'no-policy');
    expect(output.toLowerCase()).not.toContain('authorization');
  });
});
