/**
 * The service's own CloudWatch metrics as the alarms and the dashboard read them. The functions
 * publish them in the embedded metric format (functions/adapters/cloudwatch-metrics.ts); names and
 * dimensions come from the one list both sides import, so a rename cannot leave an alarm watching
 * a metric nobody publishes.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import {
  METRIC_NAMES,
  METRICS_NAMESPACE,
  METRICS_SERVICE,
  QUEUE_METRICS_MINUTES,
  STEP_DIMENSION,
} from '#adapters/operational-metrics';
import { HumanStep } from '#domain/case-status';

/** Every human step, in the workflow's order: one line (and one past-due alarm) each. */
export const HUMAN_STEPS: readonly HumanStep[] = HumanStep.options;

/** One queue count per run, so a period of one run; the latest count of a period is its maximum. */
export const QUEUE_PERIOD = Duration.minutes(QUEUE_METRICS_MINUTES);

type MetricOptions = Omit<cloudwatch.MetricOptions, 'dimensionsMap'>;

const metric = (metricName: string, dimensions: Record<string, string>, options: MetricOptions) =>
  new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    // Powertools adds `service` to every metric; a metric is found by its full dimension set.
    dimensionsMap: { service: METRICS_SERVICE, ...dimensions },
    ...options,
  });

/** Cases waiting on `step` (a gauge, one value per run). */
export const humanStepsWaiting = (step: HumanStep, options: MetricOptions = {}) =>
  metric(METRIC_NAMES.humanStepsWaiting, { [STEP_DIMENSION]: step }, { period: QUEUE_PERIOD, ...options });

/** Cases waiting on `step` whose due date is before today in China (a gauge, one value per run). */
export const humanStepsPastDue = (step: HumanStep, options: MetricOptions = {}) =>
  metric(METRIC_NAMES.humanStepsPastDue, { [STEP_DIMENSION]: step }, { period: QUEUE_PERIOD, ...options });

/** Attempts a transport failed, from the outbox sender (a count; absent when none failed). */
export const emailsFailed = (options: MetricOptions = {}) =>
  metric(METRIC_NAMES.emailsFailed, {}, { period: Duration.minutes(5), statistic: 'Sum', ...options });

/** Emails whose last attempt failed: FAILED on their case, the outbox's dead letters (a count). */
export const emailsDeadLettered = (options: MetricOptions = {}) =>
  metric(METRIC_NAMES.emailsDeadLettered, {}, { period: Duration.minutes(5), statistic: 'Sum', ...options });
