import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '#domain/case-record';
import {
  incrementsOf,
  LEAD_TIME,
  leadTimeBucket,
  RETURNS,
  snapshotOf,
  WEEKLY,
  weekOf,
} from '#domain/case-statistics';

const event = (action: string, at: string, extra: Partial<AuditEvent> = {}): AuditEvent => ({
  caseId: 'C-1',
  at,
  idempotencyKey: 'k',
  actor: { subject: 'system:test', role: 'system' },
  action,
  ...extra,
});

describe('dashboard counters moved by audit events', () => {
  it('puts a week on its Monday in China, across a month end', () => {
    expect(weekOf('2026-03-02')).toBe('2026-03-02'); // a Monday
    expect(weekOf('2026-03-08')).toBe('2026-03-02'); // the Sunday after
    expect(weekOf('2026-04-01')).toBe('2026-03-30');
  });

  it('counts a case opened in the China week it was opened (Sunday 23:30 UTC is Monday in Beijing)', () => {
    expect(incrementsOf(event('CASE_CREATED', '2026-03-01T23:30:00.000Z'))).toEqual([
      { partition: WEEKLY, key: '2026-03-02', counts: { opened: 1 } },
    ]);
  });

  it('counts a case closed when it reaches a terminal status, and only then', () => {
    expect(
      incrementsOf(event('STATUS_CHANGED', '2026-03-04T02:00:00.000Z', { toStatus: 'APPROVED' })),
    ).toEqual([{ partition: WEEKLY, key: '2026-03-02', counts: { closed: 1 } }]);
    expect(
      incrementsOf(event('STATUS_CHANGED', '2026-03-04T02:00:00.000Z', { toStatus: 'UNDER_REVIEW' })),
    ).toEqual([]);
  });

  it('puts the step a transition ends in its business-day lead-time bucket, skipping the weekend', () => {
    // Friday 6 March to Monday 9 March 2026: one business day.
    const left = event('STATUS_CHANGED', '2026-03-09T02:00:00.000Z', {
      toStatus: 'AWAITING_VERIFICATION',
      detail: { leftStep: 'REVIEW', waitingSince: '2026-03-06T02:00:00.000Z' },
    });
    expect(incrementsOf(left)).toEqual([{ partition: LEAD_TIME, key: 'REVIEW', counts: { d1: 1 } }]);
  });

  it('buckets lead times by day for a week, then 6–10, 11–20 and 21+', () => {
    expect([0, 5, 6, 10, 11, 20, 21, 90].map(leadTimeBucket)).toEqual([
      'd0',
      'd5',
      'd6_10',
      'd6_10',
      'd11_20',
      'd11_20',
      'd21plus',
      'd21plus',
    ]);
  });

  it('counts each return reason code of an officer’s return in its month', () => {
    const returned = event('STEP_DECIDED', '2026-03-04T02:00:00.000Z', {
      detail: {
        step: 'REVIEW',
        after: { decision: 'RETURN', reasonCodes: ['BLURRED', 'BLURRED', 'NOT_SIGNED'] },
      },
    });
    expect(incrementsOf(returned)).toEqual([
      { partition: RETURNS, key: '2026-03', counts: { BLURRED: 2, NOT_SIGNED: 1 } },
    ]);
    expect(
      incrementsOf(
        event('STEP_DECIDED', '2026-03-04T02:00:00.000Z', { detail: { after: { decision: 'APPROVE' } } }),
      ),
    ).toEqual([]);
  });
});

describe('the open-case snapshot', () => {
  it('counts cases by step, by age, and past due by office (due before today in China)', () => {
    const now = new Date('2026-03-10T02:00:00.000Z'); // 10 March in Beijing
    const snapshot = snapshotOf(
      [
        {
          step: 'REVIEW',
          items: [
            { office: 'BJ', dueDate: '2026-03-09', createdAt: '2026-03-09T02:00:00.000Z' },
            { office: 'BJ', dueDate: '2026-03-10', createdAt: '2026-02-01T02:00:00.000Z' },
          ],
        },
        {
          step: 'VERIFICATION',
          items: [{ office: 'SH', dueDate: '2026-03-01', createdAt: '2026-01-01T00:00:00Z' }],
        },
        { step: 'BUREAU_DECISION', items: [] },
      ],
      now,
    );
    expect(snapshot.byStep).toEqual({ REVIEW: 2, VERIFICATION: 1, BUREAU_DECISION: 0 });
    expect(snapshot.byAge).toEqual({ a0_7: 1, a8_14: 0, a15_30: 0, a31_60: 1, a61plus: 1 });
    expect(snapshot.overdueByOffice).toEqual({ BJ: 1, SH: 1 });
    expect(snapshot.computedAt).toBe(now.toISOString());
  });
});
