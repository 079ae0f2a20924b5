/**
 * The dashboard's figures of the open cases (by step, by age, overdue by office), computed on the
 * queue-metrics schedule from the officers' queues and stored as one item, so a page load reads one
 * item instead of every open case (docs/dashboard.md).
 */
import type { CaseRepository } from '#domain/case-repository';
import { type DashboardSnapshot, snapshotOf } from '#domain/case-statistics';
import { HumanStep } from '#domain/case-status';

export async function writeDashboardSnapshot(deps: {
  store: Pick<CaseRepository, 'listQueueFacts' | 'putDashboardSnapshot'>;
  now: () => Date;
}): Promise<DashboardSnapshot> {
  const facts = await Promise.all(
    HumanStep.options.map(async (step) => ({ step, items: await deps.store.listQueueFacts(step) })),
  );
  const snapshot = snapshotOf(facts, deps.now());
  await deps.store.putDashboardSnapshot(snapshot);
  return snapshot;
}
