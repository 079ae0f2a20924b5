/**
 * The EventBridge schedule rules: one per catalogued handler with trigger `schedule`, invoking it on
 * its `schedule` expression (infra/handlers.ts). The local stack runs the same rules from the
 * template (local/stack/event-rules.ts).
 */
import { Duration, type Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type { HandlerFunction } from '../constructs/handler-function.ts';
import { type HandlerSpec, handlerConstructId } from '../handlers.ts';
import { acknowledgeScheduleRule } from './nag-acknowledgements.ts';

const UNIT_MINUTES: Record<string, number> = {
  minute: 1,
  minutes: 1,
  hour: 60,
  hours: 60,
  day: 1440,
  days: 1440,
};

/** The interval of a `rate(<n> <unit>)` expression; undefined for anything else (`cron(...)`). */
function rateInterval(expression: string): Duration | undefined {
  const match = /^rate\((\d+) (minutes?|hours?|days?)\)$/.exec(expression.trim());
  if (!match?.[1] || !match[2]) return undefined;
  return Duration.minutes(Number(match[1]) * (UNIT_MINUTES[match[2]] ?? 0));
}

/**
 * Creates the schedule rules and returns them by handler entry. A scheduled run only reports the
 * present, so it is not worth anything once the next run is due: EventBridge and Lambda retry a run
 * within one interval (capped at their limits), then drop it, and nothing goes to the dead-letter
 * queue, whose messages are redriven by hand (docs/operations.md). A run that keeps failing shows
 * as the function's Errors alarm; one that never starts, as the alarm on missing queue metrics.
 */
export function createScheduledRules(
  stack: Stack,
  handlers: readonly HandlerSpec[],
  functions: ReadonlyMap<string, HandlerFunction>,
): Map<string, events.Rule> {
  const rules = new Map<string, events.Rule>();
  for (const spec of handlers.filter((h) => h.trigger === 'schedule')) {
    if (!spec.schedule) throw new Error(`${spec.entry}: a scheduled handler needs its schedule expression`);
    const handler = functions.get(spec.entry);
    if (!handler) throw new Error(`${spec.entry}: no function for this scheduled handler`);
    const interval = rateInterval(spec.schedule);
    // Lambda's asynchronous limits: event age 1 minute to 6 hours, 0 to 2 retries.
    const maxEventAge = interval
      ? Duration.seconds(Math.min(Math.max(interval.toSeconds(), 60), 6 * 3600))
      : Duration.hours(1);
    const rule = new events.Rule(stack, `${handlerConstructId(spec)}Rule`, {
      description: `${spec.schedule} → ${spec.entry}`,
      schedule: events.Schedule.expression(spec.schedule),
      targets: [new targets.LambdaFunction(handler.function, { retryAttempts: 2, maxEventAge })],
    });
    handler.function.configureAsyncInvoke({ retryAttempts: 2, maxEventAge });
    acknowledgeScheduleRule(rule);
    rules.set(spec.entry, rule);
  }
  return rules;
}
