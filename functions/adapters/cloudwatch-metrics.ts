/**
 * Publishes the custom metrics (./operational-metrics.ts) in CloudWatch's embedded metric format:
 * Powertools writes one JSON document per publish to stdout, Lambda ships it to the function's log
 * group and CloudWatch extracts the metrics from there. No PutMetricData call, so no IAM grant, no
 * client in the bundle and no latency; the local stack's functions just log the documents.
 * `POWERTOOLS_DEV` or `POWERTOOLS_METRICS_DISABLED` turns publishing off (Powertools' own switches).
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { HumanStep } from '#domain/case-status';
import { METRIC_NAMES, METRICS_NAMESPACE, METRICS_SERVICE, STEP_DIMENSION } from './operational-metrics.ts';

/** One human step's queue at one moment. */
export interface QueueCount {
  step: HumanStep;
  waiting: number;
  pastDue: number;
}

let metrics: Metrics | undefined;
// Created on first use, so the Powertools switches are read from the environment the function runs
// with. One instance per process: each publish is synchronous and flushes everything it added, so
// concurrent invocations (the local stack, tests) cannot mix their metrics.
const emf = () => {
  metrics ??= new Metrics({ namespace: METRICS_NAMESPACE, serviceName: METRICS_SERVICE });
  return metrics;
};

/**
 * Publishes HumanStepsWaiting and HumanStepsPastDue for each step, zeros included: the past-due
 * alarms keep their state while no data arrives, so only a published 0 brings one back to OK.
 */
export function publishQueueCounts(counts: readonly QueueCount[]): void {
  const out = emf();
  // A document per step: EMF gives each dimension one value per document.
  for (const { step, waiting, pastDue } of counts) {
    out.addDimension(STEP_DIMENSION, step);
    out.addMetric(METRIC_NAMES.humanStepsWaiting, MetricUnit.Count, waiting);
    out.addMetric(METRIC_NAMES.humanStepsPastDue, MetricUnit.Count, pastDue);
    out.publishStoredMetrics();
  }
}

/** Publishes EmailsFailed = 1 at once (the failing invocation may end right after, with the error). */
export function publishEmailFailed(): void {
  const out = emf();
  out.addMetric(METRIC_NAMES.emailsFailed, MetricUnit.Count, 1);
  out.publishStoredMetrics();
}

/** Publishes EmailsDeadLettered = 1: an email failed its last attempt and is FAILED on its case. */
export function publishEmailDeadLettered(): void {
  const out = emf();
  out.addMetric(METRIC_NAMES.emailsDeadLettered, MetricUnit.Count, 1);
  out.publishStoredMetrics();
}
