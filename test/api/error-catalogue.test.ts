/**
 * The error catalogue as the API shows it: one CASE_NOT_FOUND body whatever the route or reason,
 * statuses from the catalogue, and the supervisor's overridable codes derived from it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, isErrorCode, OVERRIDABLE_CODES, statusOf } from '#domain/error-catalogue';
import { type ApiHarness, caseWaitingOn, startHarnessWithOthersCase } from './harness.ts';

const SUPERVISOR = 'supervisor-liu-yang';

let h: ApiHarness;
let othersCase: string;
beforeAll(async () => {
  ({ h, othersCase } = await startHarnessWithOthersCase());
}, 30_000);
afterAll(() => h.close());

const CASE_NOT_FOUND_BODY = {
  code: 'CASE_NOT_FOUND',
  message: ERROR_CATALOGUE.CASE_NOT_FOUND.message,
  messageZh: ERROR_CATALOGUE.CASE_NOT_FOUND.messageZh,
};

describe('error bodies from the catalogue', () => {
  it('answers CASE_NOT_FOUND with one body: someone else’s case, an unknown case, a malformed id', async () => {
    const responses = await Promise.all([
      h.call('GET', `/cases/${othersCase}`, { as: 'applicant-zhang-wei' }),
      h.call('POST', `/cases/${othersCase}/submit`, { as: 'applicant-zhang-wei' }),
      h.call('GET', '/officer/cases/C-01JB7Q3M8ZK4X9TWRH2DZZZZZZ', { as: SUPERVISOR }),
      h.call('GET', `/cases/${'x'.repeat(65)}`, { as: 'applicant-zhang-wei' }),
    ]);
    for (const response of responses) {
      expect(response.status, response.text).toBe(statusOf('CASE_NOT_FOUND'));
      expect(response.body).toEqual(CASE_NOT_FOUND_BODY);
    }
  });

  it('sends only catalogued codes, with the catalogue’s status', async () => {
    const { record } = await caseWaitingOn(h, 'REVIEW');
    const responses = await Promise.all([
      h.call('POST', '/cases', { as: 'applicant-zhang-wei', body: { filingType: 'GENERAL' } }),
      h.call('POST', `/officer/cases/${record.caseId}/appointment`, {
        as: SUPERVISOR,
        body: { officeId: 'BJ', startsAt: '2020-01-06T10:00:00+08:00' },
      }),
      h.call('POST', `/officer/cases/${record.caseId}/sms-verification`, { as: SUPERVISOR, body: {} }),
      h.call('GET', '/no-such-route', { as: SUPERVISOR }),
    ]);
    for (const response of responses) {
      expect(response.status, response.text).toBeGreaterThanOrEqual(400);
      const code = response.body.code as string;
      expect(isErrorCode(code), code).toBe(true);
      if (isErrorCode(code) && !response.body.issues) expect(response.status, code).toBe(statusOf(code));
      for (const issue of response.body.issues ?? []) expect(isErrorCode(issue.code), issue.code).toBe(true);
    }
  });

  it('lets a supervisor accept every overridable code of the catalogue, and no other', async () => {
    const { record } = await caseWaitingOn(h, 'REVIEW');
    for (const code of OVERRIDABLE_CODES) {
      const response = await h.call('POST', `/supervisor/cases/${record.caseId}/application-overrides`, {
        as: SUPERVISOR,
        body: { code, reason: 'Checked against the original document.' },
      });
      expect(response.status, response.text).toBe(200);
      expect(response.body.acceptedOverrides).toContain(code);
    }
    const refused = await h.call('POST', `/supervisor/cases/${record.caseId}/application-overrides`, {
      as: SUPERVISOR,
      body: { code: 'ID_NUMBER_CHECKSUM', reason: 'Looks fine.' },
    });
    expect(refused.status).toBe(statusOf('NOT_OVERRIDABLE'));
    expect(refused.body).toMatchObject({ code: 'NOT_OVERRIDABLE', field: 'code' });
  });
});
