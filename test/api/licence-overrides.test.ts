import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationInput } from '#domain/application';
import { SAMPLE_APPLICATIONS } from '#stack/sample-applications';
import { recordApprovedFiling } from '#workflow/record-approved-filing';
import { type ApiHarness, caseWaitingOn, startApiHarness } from './harness.ts';

const LANTING = 'applicant-lanting-tech';
const SUPERVISOR = 'supervisor-liu-yang';
const OFFICER = 'officer-wang-fang';
const GENERAL_NUMBER = '沪ICP备2026033333号';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
  // The company's general filing, approved: what a commercial licence builds on.
  const { record } = await caseWaitingOn(h, 'BUREAU_DECISION', {
    applicant: LANTING,
    application: SAMPLE_APPLICATIONS.chineseBusiness,
  });
  const approved = await h.deps.store.updateStatus({
    caseId: record.caseId,
    to: 'APPROVED',
    step: null,
    icpNumber: `${GENERAL_NUMBER}-1`,
    actor: { subject: 'system:workflow', role: 'system' },
  });
  await recordApprovedFiling(h.deps, approved, `${GENERAL_NUMBER}-1`, 'IssueNumber#seed', approved.updatedAt);
}, 60_000);
afterAll(() => h.close());

/** The company's licence application with these facts (a pilot-zone company may exceed the cap). */
const licenceApplication = (facts: {
  foreignOwnershipPercent: number;
  staffWithSocialInsurance: number;
  registeredCapitalCny?: number;
}): ApplicationInput => ({
  ...SAMPLE_APPLICATIONS.chineseBusiness,
  filingType: 'COMMERCIAL',
  commercial: {
    generalIcpNumber: GENERAL_NUMBER,
    registeredCapitalCny: facts.registeredCapitalCny ?? 5_000_000,
    legalRepresentative: { name: '李娜', idNumber: '310104198503124022' },
    foreignOwnershipPercent: facts.foreignOwnershipPercent,
    staffWithSocialInsurance: facts.staffWithSocialInsurance,
  },
});

describe('licence prerequisites a supervisor may accept (a pilot-zone company)', () => {
  it('refuses with 422 when another rule fails too, naming every reason, and saves nothing', async () => {
    const before = await h.snapshot();
    const response = await h.call('POST', '/cases', {
      as: LANTING,
      body: licenceApplication({
        foreignOwnershipPercent: 70,
        staffWithSocialInsurance: 8,
        registeredCapitalCny: 500_000,
      }),
    });
    expect(response.status, response.text).toBe(422);
    expect(response.body.issues.map((i: { code: string }) => i.code).sort()).toEqual([
      'FOREIGN_EQUITY_OVER_CAP',
      'REGISTERED_CAPITAL_TOO_LOW',
    ]);
    expect(await h.snapshot()).toBe(before);
  });

  it('saves a draft over the foreign-equity cap and with too few insured staff as waiting on a supervisor, who accepts both; then it can be submitted', async () => {
    const created = await h.call('POST', '/cases', {
      as: LANTING,
      body: licenceApplication({ foreignOwnershipPercent: 70, staffWithSocialInsurance: 2 }),
    });
    expect(created.status, created.text).toBe(201);
    const caseId = created.body.caseId as string;
    expect([...created.body.pendingOverrides].sort()).toEqual([
      'FOREIGN_EQUITY_OVER_CAP',
      'INSURED_STAFF_TOO_FEW',
    ]);
    const queue = await h.call('GET', '/supervisor/override-queue', { as: SUPERVISOR });
    expect(queue.status, queue.text).toBe(200);
    expect(queue.body.items.map((c: { caseId: string }) => c.caseId)).toContain(caseId);

    const early = await h.call('POST', `/cases/${caseId}/submit`, { as: LANTING });
    expect(early.status, early.text).toBe(409);
    expect(early.body).toMatchObject({ code: 'OVERRIDE_REQUIRED' });

    // An officer may not accept it; a supervisor does, with the reason (the pilot approval seen).
    const byOfficer = await h.call('POST', `/supervisor/cases/${caseId}/application-overrides`, {
      as: OFFICER,
      body: { code: 'FOREIGN_EQUITY_OVER_CAP', reason: 'Shanghai FTZ Lingang pilot approval seen.' },
    });
    expect(byOfficer.status, byOfficer.text).toBe(403);
    for (const code of ['FOREIGN_EQUITY_OVER_CAP', 'INSURED_STAFF_TOO_FEW']) {
      const accepted = await h.call('POST', `/supervisor/cases/${caseId}/application-overrides`, {
        as: SUPERVISOR,
        body: { code, reason: 'Shanghai FTZ Lingang pilot approval and staff records seen.' },
      });
      expect(accepted.status, accepted.text).toBe(200);
    }
    const audit = await h.deps.store.listAudit(caseId);
    expect(
      audit
        .filter((e) => e.action === 'APPLICATION_CHECK_OVERRIDDEN')
        .map((e) => [e.actor.subject, e.detail?.code])
        // The harness clock stands still: both entries have one timestamp, so their order is not asserted.
        .sort(([, a], [, b]) => String(a).localeCompare(String(b))),
    ).toEqual([
      [SUPERVISOR, 'FOREIGN_EQUITY_OVER_CAP'],
      [SUPERVISOR, 'INSURED_STAFF_TOO_FEW'],
    ]);

    // An edit that keeps the accepted facts is saved with nothing pending.
    const edited = await h.call('PUT', `/cases/${caseId}`, {
      as: LANTING,
      body: licenceApplication({ foreignOwnershipPercent: 70, staffWithSocialInsurance: 2 }),
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.pendingOverrides).toBeUndefined();
    const submitted = await h.call('POST', `/cases/${caseId}/submit`, { as: LANTING });
    expect(submitted.status, submitted.text).toBe(200);
    expect(submitted.body.status).toBe('SUBMITTED');
  });
});
