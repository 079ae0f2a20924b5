import { publishQueueCounts } from '#adapters/cloudwatch-metrics';
import { caseStoreFrom } from '#adapters/from-config';
import { baseEnv, loadConfig } from '#config';
import type { CaseRepository } from '#domain/case-repository';
import { writeDashboardSnapshot } from '#workflow/dashboard-snapshot';
import { publishQueueMetrics } from '#workflow/queue-metrics';
import { createLogger } from '../../logger.ts';

const logger = createLogger('queue-metrics');
let store: CaseRepository | undefined;

/**
 * An EventBridge schedule (every 15 minutes, infra/handlers.ts): publishes how many cases wait on
 * each human step and how many are past due (functions/workflow/queue-metrics.ts). The event carries
 * nothing it needs; a failed run is simply redone by the next one.
 */
export const handler = async (): Promise<void> => {
  if (!store) {
    const config = loadConfig(baseEnv);
    store = caseStoreFrom(config);
  }
  const counts = await publishQueueMetrics({ store, publish: publishQueueCounts, now: () => new Date() });
  logger.info('queue metrics published', { counts });
  // The supervisor dashboard's open-case figures, on the same schedule (docs/dashboard.md).
  await writeDashboardSnapshot({ store, now: () => new Date() });
};
