/**
 * The supervisor dashboard's flow figures, kept as counters that move with the audit trail: each
 * audit event, the one time it is stored (the trail is idempotent), adds to a few counter items —
 * cases opened and closed per week, the business days each human step took, the return reasons of
 * the month. The dashboard then reads a handful of small items instead of every case
 * (docs/dashboard.md). Pure: which counters an event moves; the store applies them.
 */
import type { AuditEvent } from './case-record.ts';
import { TERMINAL_STATUSES } from './case-status.ts';
import { addCalendarDays, businessDaysBetween, chinaDate, type IsoDate } from './china-calendar.ts';

/** One counter item and what to add to its counters. */
export interface CounterIncrement {
  /** `STATS#WEEKLY`, `STATS#LEAD_TIME` or `STATS#RETURNS`. */
  partition: string;
  /** The week's Monday, the step, or the month. */
  key: string;
  counts: Record<string, number>;
}

export const WEEKLY = 'STATS#WEEKLY';
export const LEAD_TIME = 'STATS#LEAD_TIME';
export const RETURNS = 'STATS#RETURNS';

/**
 * Business-day buckets of a step's lead time: one a day for the first week (most steps are decided
 * within days), then the bureau's scale (its legal period is 20 business days: MIIT Order 33 art. 12,
 * /work/shared/domain-facts.md).
 */
export const LEAD_TIME_BUCKETS = [
  { name: 'd0', label: '0', max: 0 },
  { name: 'd1', label: '1', max: 1 },
  { name: 'd2', label: '2', max: 2 },
  { name: 'd3', label: '3', max: 3 },
  { name: 'd4', label: '4', max: 4 },
  { name: 'd5', label: '5', max: 5 },
  { name: 'd6_10', label: '6–10', max: 10 },
  { name: 'd11_20', label: '11–20', max: 20 },
  { name: 'd21plus', label: '21+', max: Number.POSITIVE_INFINITY },
] as const;

export const leadTimeBucket = (businessDays: number): string =>
  LEAD_TIME_BUCKETS.find((b) => businessDays <= b.max)?.name ?? 'd21plus';

/** The Monday (China date) of the week `date` falls in. */
export function weekOf(date: IsoDate): IsoDate {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addCalendarDays(date, -((weekday + 6) % 7));
}

/** The counters one stored audit event moves (none for most events). */
export function incrementsOf(event: AuditEvent): CounterIncrement[] {
  const day = chinaDate(event.at);
  const detail = event.detail ?? {};
  const out: CounterIncrement[] = [];
  if (event.action === 'CASE_CREATED') {
    out.push({ partition: WEEKLY, key: weekOf(day), counts: { opened: 1 } });
  }
  if (event.action === 'STATUS_CHANGED') {
    if (event.toStatus && TERMINAL_STATUSES.has(event.toStatus)) {
      out.push({ partition: WEEKLY, key: weekOf(day), counts: { closed: 1 } });
    }
    // The step the case stopped waiting on, and since when (case-store.ts, updateStatus).
    const { leftStep, waitingSince } = detail;
    if (typeof leftStep === 'string' && typeof waitingSince === 'string') {
      const days = Math.max(0, businessDaysBetween(chinaDate(waitingSince), day));
      out.push({ partition: LEAD_TIME, key: leftStep, counts: { [leadTimeBucket(days)]: 1 } });
    }
  }
  // An officer's decision keeps what was decided under `after` (functions/api/officer-service.ts).
  const decided = (detail.after ?? {}) as Record<string, unknown>;
  if (
    event.action === 'STEP_DECIDED' &&
    decided.decision === 'RETURN' &&
    Array.isArray(decided.reasonCodes)
  ) {
    const counts: Record<string, number> = {};
    for (const code of decided.reasonCodes) {
      if (typeof code === 'string') counts[code] = (counts[code] ?? 0) + 1;
    }
    if (Object.keys(counts).length) out.push({ partition: RETURNS, key: day.slice(0, 7), counts });
  }
  return out;
}

/** A counter item as read back: its key and counts. */
export interface CounterItem {
  key: string;
  counts: Record<string, number>;
}

/** What the dashboard needs of one waiting case (the snapshot reads only these attributes). */
export interface QueueFact {
  office?: string;
  dueDate?: string;
  createdAt: string;
}

/** Age buckets of open cases, in calendar days since the case was opened. */
export const AGE_BUCKETS = [
  { name: 'a0_7', label: '0–7', max: 7 },
  { name: 'a8_14', label: '8–14', max: 14 },
  { name: 'a15_30', label: '15–30', max: 30 },
  { name: 'a31_60', label: '31–60', max: 60 },
  { name: 'a61plus', label: '61+', max: Number.POSITIVE_INFINITY },
] as const;

/**
 * The dashboard's figures of the cases open now, which change as days pass without any event (a case
 * becomes overdue overnight): computed by the scheduled queue-metrics run from the officers' queues,
 * not on page load.
 */
export interface DashboardSnapshot {
  computedAt: string;
  /** Cases waiting on each human step. */
  byStep: Record<string, number>;
  /** Cases waiting on a step, by age bucket (AGE_BUCKETS). */
  byAge: Record<string, number>;
  /** Cases past their due date, by office (`—` for none yet). */
  overdueByOffice: Record<string, number>;
}

/** Folds the waiting cases of each step into a snapshot (today: the China date of the run). */
export function snapshotOf(
  facts: ReadonlyArray<{ step: string; items: readonly QueueFact[] }>,
  now: Date,
): DashboardSnapshot {
  const today = chinaDate(now);
  const byStep: Record<string, number> = {};
  const byAge: Record<string, number> = Object.fromEntries(AGE_BUCKETS.map((b) => [b.name, 0]));
  const overdueByOffice: Record<string, number> = {};
  for (const { step, items } of facts) {
    byStep[step] = items.length;
    for (const item of items) {
      const age = Math.round(
        (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${chinaDate(item.createdAt)}T00:00:00Z`)) /
          86_400_000,
      );
      const bucket = AGE_BUCKETS.find((b) => age <= b.max)?.name ?? 'a61plus';
      byAge[bucket] = (byAge[bucket] ?? 0) + 1;
      // Overdue as the queues say it: a due date before today (functions/workflow/queue-metrics.ts).
      if (item.dueDate && item.dueDate < today) {
        const office = item.office ?? '—';
        overdueByOffice[office] = (overdueByOffice[office] ?? 0) + 1;
      }
    }
  }
  return { computedAt: now.toISOString(), byStep, byAge, overdueByOffice };
}
