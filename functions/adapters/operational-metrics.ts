/**
 * The custom CloudWatch metrics the functions publish and the alarms and dashboard read: names only,
 * no imports, so infra/ takes them from here and the two cannot drift (docs/operations.md).
 */

/** One namespace for every custom metric of the service. */
export const METRICS_NAMESPACE = 'IcpRegistration';

/**
 * The value of the `service` dimension Powertools adds to every metric. Fixed, not the function's
 * POWERTOOLS_SERVICE_NAME: EmailsFailed comes from every emailing function and must add up to one
 * metric that one alarm watches.
 */
export const METRICS_SERVICE = 'icp-registration';

/** The dimension naming the human step (functions/domain/case-status.ts `HumanStep`). */
export const STEP_DIMENSION = 'Step';

export const METRIC_NAMES = {
  /** Cases waiting on a human step, per step (gauge, every 15 minutes). */
  humanStepsWaiting: 'HumanStepsWaiting',
  /** Of those, the cases whose due date is before today's China date, per step (gauge). */
  humanStepsPastDue: 'HumanStepsPastDue',
  /** One per attempt a transport failed (the outbox sender retries it: a relay outage shows here). */
  emailsFailed: 'EmailsFailed',
  /** One per email whose last attempt failed (FAILED on its case: the outbox's dead letters). */
  emailsDeadLettered: 'EmailsDeadLettered',
} as const;

/** How often the queue counts are published (the schedule of functions/handlers/schedule/queue-metrics.ts). */
export const QUEUE_METRICS_MINUTES = 15;

/** How often the outbox sender runs (the schedule of functions/handlers/schedule/send-emails.ts). */
export const OUTBOX_SENDER_MINUTES = 1;
