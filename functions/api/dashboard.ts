/**
 * The supervisor dashboard's data: a few small items, whatever the number of cases — the open-case
 * snapshot (one GetItem), the weekly opened/closed counters of the last 12 weeks, the lead-time
 * counters of each step, and the return reasons of the last three months (one Query each).
 */
import { AGE_BUCKETS, LEAD_TIME, LEAD_TIME_BUCKETS, RETURNS, WEEKLY, weekOf } from '#domain/case-statistics';
import { HumanStep } from '#domain/case-status';
import { addCalendarDays, chinaDate } from '#domain/china-calendar';
import type { ApiDependencies } from './dependencies.ts';

export const DASHBOARD_WEEKS = 12;
export const RETURN_REASON_MONTHS = 3;
export const TOP_RETURN_REASONS = 10;

export async function dashboardData(deps: Pick<ApiDependencies, 'store' | 'now'>) {
  const today = chinaDate(deps.now());
  const firstWeek = addCalendarDays(weekOf(today), -7 * (DASHBOARD_WEEKS - 1));
  const month = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  month.setUTCMonth(month.getUTCMonth() - (RETURN_REASON_MONTHS - 1));
  const firstMonth = month.toISOString().slice(0, 7);
  const [snapshot, weekly, leadTimes, returns] = await Promise.all([
    deps.store.getDashboardSnapshot(),
    deps.store.listCounters(WEEKLY, firstWeek),
    deps.store.listCounters(LEAD_TIME, ''),
    deps.store.listCounters(RETURNS, firstMonth),
  ]);
  const byWeek = new Map(weekly.map((item) => [item.key, item.counts]));
  const byStep = new Map(leadTimes.map((item) => [item.key, item.counts]));
  const reasons = new Map<string, number>();
  for (const item of returns) {
    for (const [code, count] of Object.entries(item.counts))
      reasons.set(code, (reasons.get(code) ?? 0) + count);
  }
  return {
    ...(snapshot ? { snapshot } : {}),
    ageBuckets: AGE_BUCKETS.map((b) => ({ name: b.name, label: b.label })),
    weekly: Array.from({ length: DASHBOARD_WEEKS }, (_, i) => {
      const week = addCalendarDays(firstWeek, 7 * i);
      const counts = byWeek.get(week) ?? {};
      return { week, opened: counts.opened ?? 0, closed: counts.closed ?? 0 };
    }),
    leadTimeBuckets: LEAD_TIME_BUCKETS.map((b) => ({ name: b.name, label: b.label })),
    leadTime: HumanStep.options.map((step) => {
      const counts = byStep.get(step) ?? {};
      return {
        step,
        buckets: Object.fromEntries(LEAD_TIME_BUCKETS.map((b) => [b.name, counts[b.name] ?? 0])),
      };
    }),
    returnReasons: [...reasons.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, TOP_RETURN_REASONS)
      .map(([code, count]) => ({ code, count })),
    returnReasonsSince: firstMonth,
  };
}
