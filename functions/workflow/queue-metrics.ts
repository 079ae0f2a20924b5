import type { CaseStore } from '#adapters/case-store';
import type { QueueCount } from '#adapters/cloudwatch-metrics';
import { HumanStep } from '#domain/case-status';
import { chinaDate } from '#domain/china-calendar';

export interface QueueMetricsDependencies {
  store: Pick<CaseStore, 'countQueue'>;
  /** Where the counts go (CloudWatch's embedded metric format in Lambda; a recorder in tests). */
  publish: (counts: readonly QueueCount[]) => void;
  now: () => Date;
}

/**
 * Counts, for every human step, the cases waiting on it and those past their due date (a due date
 * before today in China, where the deadlines are kept: functions/workflow/step-deadlines.ts), and
 * publishes the counts. Every step is published, empty ones as 0, so a queue that was late and is
 * now caught up clears its alarm. Returns the counts.
 */
export async function publishQueueMetrics(deps: QueueMetricsDependencies): Promise<QueueCount[]> {
  const today = chinaDate(deps.now());
  const counts = await Promise.all(
    HumanStep.options.map(async (step): Promise<QueueCount> => {
      const [waiting, pastDue] = await Promise.all([
        deps.store.countQueue(step),
        deps.store.countQueue(step, { dueEarlierThan: today }),
      ]);
      return { step, waiting, pastDue };
    }),
  );
  deps.publish(counts);
  return counts;
}
