import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseStatus } from '#domain/case-status';
import { writeDashboardSnapshot } from '#workflow/dashboard-snapshot';
import { type ApiHarness, individualApplication, startApiHarness } from './harness.ts';

const OFFICER = 'officer-wang-fang';
const SUPERVISOR = 'supervisor-liu-yang';
const SYSTEM = { subject: 'system:test', role: 'system' } as const;

/** A case opened through the API and moved to wait on REVIEW, every step at the harness's clock. */
async function caseUnderReview(h: ApiHarness, dueDate: string): Promise<string> {
  const created = await h.call('POST', '/cases', {
    as: 'applicant-zhang-wei',
    body: individualApplication(),
  });
  const caseId = created.body.caseId as string;
  const path: CaseStatus[] = ['SUBMITTED', 'AWAITING_DOCUMENTS', 'CROSS_CHECKING', 'UNDER_REVIEW'];
  for (const to of path) {
    await h.deps.store.updateStatus({
      caseId,
      to,
      actor: SYSTEM,
      now: h.clock.now,
      ...(to === 'UNDER_REVIEW' ? { step: 'REVIEW' as const, dueDate } : {}),
    });
  }
  await h.deps.store.putTask({ caseId, step: 'REVIEW', token: `token-${caseId}-${'x'.repeat(40)}` });
  return caseId;
}

describe('the supervisor dashboard', () => {
  let h: ApiHarness;
  let reviewed: string;
  beforeAll(async () => {
    h = await startApiHarness(); // Monday 2 March 2026, 10:00 in Beijing
    // Two cases waiting on review (opened this week); one due yesterday by the time we look.
    reviewed = await caseUnderReview(h, '2026-03-05');
    await caseUnderReview(h, '2026-03-20');
    // The officer returns a document as blurred.
    const returned = await h.call('POST', `/officer/cases/${reviewed}/review`, {
      as: OFFICER,
      body: {
        decision: 'RETURN',
        documents: [
          {
            docType: 'DOMAIN_CERTIFICATE',
            reason: { code: 'BLURRED', message: 'The scan is blurred.', messageZh: '扫描件模糊。' },
          },
        ],
      },
    });
    expect(returned.status, returned.text).toBe(202);
    // Three business days later (Thursday) the workflow moves it on: the review took 3 business days.
    h.clock.now = new Date('2026-03-05T02:00:00.000Z');
    await h.deps.store.updateStatus({
      caseId: reviewed,
      to: 'AWAITING_VERIFICATION',
      actor: SYSTEM,
      step: 'APPOINTMENT',
      now: h.clock.now,
    });
    // The next Monday, the other case is past due and the withdrawn one closes.
    h.clock.now = new Date('2026-03-09T02:00:00.000Z');
    await h.deps.store.updateStatus({ caseId: reviewed, to: 'WITHDRAWN', actor: SYSTEM, now: h.clock.now });
  }, 60_000);
  afterAll(() => h?.close());

  it('is for supervisors only: an officer gets 403', async () => {
    const response = await h.call('GET', '/supervisor/dashboard', { as: OFFICER });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('FORBIDDEN');
  });

  it('counts cases opened and closed per week from the audit trail, with empty weeks as 0', async () => {
    const { body } = await h.call('GET', '/supervisor/dashboard', { as: SUPERVISOR });
    expect(body.weekly).toHaveLength(12);
    expect(body.weekly.at(-2)).toEqual({ week: '2026-03-02', opened: 2, closed: 0 });
    expect(body.weekly.at(-1)).toEqual({ week: '2026-03-09', opened: 0, closed: 1 });
    expect(body.weekly[0]).toEqual({ week: '2025-12-22', opened: 0, closed: 0 });
  });

  it('gives each step’s lead time in business days as a distribution', async () => {
    const { body } = await h.call('GET', '/supervisor/dashboard', { as: SUPERVISOR });
    const review = body.leadTime.find((s: { step: string }) => s.step === 'REVIEW');
    expect(review.buckets.d3).toBe(1);
    expect(Object.values(review.buckets).reduce((a, b) => (a as number) + (b as number), 0)).toBe(1);
    // The appointment step, from Thursday to the withdrawal on Monday: two business days.
    const appointment = body.leadTime.find((s: { step: string }) => s.step === 'APPOINTMENT');
    expect(appointment.buckets.d2).toBe(1);
  });

  it('ranks the return reasons of the last three months', async () => {
    const { body } = await h.call('GET', '/supervisor/dashboard', { as: SUPERVISOR });
    expect(body.returnReasons).toEqual([{ code: 'BLURRED', count: 1 }]);
    expect(body.returnReasonsSince).toBe('2026-01');
  });

  it('has no open-case snapshot before the first scheduled run, and the run’s figures after it', async () => {
    const before = await h.call('GET', '/supervisor/dashboard', { as: SUPERVISOR });
    expect(before.body.snapshot).toBeUndefined();
    await writeDashboardSnapshot({ store: h.deps.store, now: () => new Date(h.clock.now) });
    const { body } = await h.call('GET', '/supervisor/dashboard', { as: SUPERVISOR });
    expect(body.snapshot.byStep.REVIEW).toBe(1);
    expect(body.snapshot.byStep.APPOINTMENT).toBe(0);
    expect(body.snapshot.byAge.a0_7).toBe(1);
    expect(body.snapshot.overdueByOffice).toEqual({});
    h.clock.now = new Date('2026-03-23T02:00:00.000Z');
    await writeDashboardSnapshot({ store: h.deps.store, now: () => new Date(h.clock.now) });
    const later = await h.call('GET', '/supervisor/dashboard', { as: SUPERVISOR });
    expect(later.body.snapshot.overdueByOffice).toEqual({ BJ: 1 });
    expect(later.body.snapshot.byAge.a15_30).toBe(1);
  });
});
