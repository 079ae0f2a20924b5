import { CaseStore } from '#adapters/case-store';
import { publishQueueCounts } from '#adapters/cloudwatch-metrics';
import { createDocumentClient } from '#adapters/dynamo-client';
import { baseEnv, loadConfig } from '#config';
import { publishQueueMetrics } from '#workflow/queue-metrics';
import { createLogger } from '../../logger.ts';

const logger = createLogger('queue-metrics');
let store: CaseStore | undefined;

/**
 * An EventBridge schedule (every 15 minutes, infra/handlers.ts): publishes how many cases wait on
 * each human step and how many are past due (functions/workflow/queue-metrics.ts). The event carries
 * nothing it needs; a failed run is simply redone by the next one.
 */
export const handler = async (): Promise<void> => {
  if (!store) {
    const config = loadConfig(baseEnv);
    store = new CaseStore(
      createDocumentClient({
        region: config.AWS_REGION,
        ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
      }),
      config.TABLE_NAME,
    );
  }
  const counts = await publishQueueMetrics({ store, publish: publishQueueCounts, now: () => new Date() });
  logger.info('queue metrics published', { counts });
};
