/**
 * EventBridge's part in the local stack: the rules of the template match each event by their
 * event pattern and invoke their Lambda targets asynchronously, with the retries Lambda's
 * asynchronous invocation makes (the function's EventInvokeConfig: 2 by default) before the event
 * is written to the dead-letter file, as the template's queue would receive it. Retry delays are
 * 1 s and 2 s here instead of about 1 and 2 minutes in AWS, so a person trying the stack sees the
 * outcome; the number of attempts is AWS's.
 *
 * Schedule rules (`ScheduleExpression`) send EventBridge's `Scheduled Event` to their targets every
 * interval of their `rate(...)`, the same way, from when the rules are loaded until `close()`. A
 * `cron(...)` (or any other expression) is refused when the rules load, so a schedule never silently
 * stops running here while it runs in AWS.
 */
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AssemblyRule } from './assembly/cloud-assembly.ts';
import type { InvokeOutcome } from './lambda/lambda-function.ts';

/**
 * Whether `event` matches an EventBridge pattern. Supported: exact values, `prefix`, `suffix`,
 * `anything-but` and `exists`; any other operator is refused when the rules are loaded, so a
 * pattern is never matched differently than in AWS without anyone noticing.
 */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  if (pattern === null || typeof pattern !== 'object' || Array.isArray(pattern))
    throw new Error(`An event pattern must be an object, got ${JSON.stringify(pattern)}`);
  return Object.entries(pattern as Record<string, unknown>).every(([field, expected]) => {
    const actual =
      event !== null && typeof event === 'object' ? (event as Record<string, unknown>)[field] : undefined;
    if (Array.isArray(expected)) {
      const values = Array.isArray(actual) ? actual : [actual];
      return expected.some((candidate) => values.some((value) => matchesValue(candidate, value)));
    }
    return matchesPattern(expected, actual);
  });
}

function matchesValue(candidate: unknown, value: unknown): boolean {
  if (candidate === null || typeof candidate !== 'object') return value !== undefined && candidate === value;
  const [operator, argument] = Object.entries(candidate as Record<string, unknown>)[0] ?? [];
  switch (operator) {
    case 'prefix':
      return typeof value === 'string' && value.startsWith(String(argument));
    case 'suffix':
      return typeof value === 'string' && value.endsWith(String(argument));
    case 'exists':
      return argument === (value !== undefined);
    case 'anything-but': {
      const excluded = Array.isArray(argument) ? argument : [argument];
      return value !== undefined && !excluded.some((item) => matchesValue(item, value));
    }
    default:
      throw new Error(`Event pattern operator ${String(operator)} is not supported by the local stack`);
  }
}

const OPERATORS = new Set(['prefix', 'suffix', 'exists', 'anything-but']);

/** Throws on an operator `matchesPattern` does not know (checked once, when the rules load). */
export function validatePattern(pattern: unknown): void {
  if (Array.isArray(pattern)) {
    for (const candidate of pattern) {
      if (candidate === null || typeof candidate !== 'object') continue;
      const operator = Object.keys(candidate)[0] ?? '';
      if (!OPERATORS.has(operator))
        throw new Error(`Event pattern operator ${operator} is not supported by the local stack`);
    }
  } else if (pattern !== null && typeof pattern === 'object') {
    for (const value of Object.values(pattern)) validatePattern(value);
  }
}

export interface EventRulesOptions {
  rules: AssemblyRule[];
  invoke(functionArn: string, event: unknown): Promise<InvokeOutcome>;
  /** Asynchronous retries of a target function (its EventInvokeConfig). */
  retryAttemptsOf(functionArn: string): number;
  /** Where events that failed every attempt are appended (JSON lines). */
  deadLetterFile: string;
  log(message: string, details: Record<string, unknown>): void;
  /** Delay before retry `n` (1-based); 1 s, 2 s by default. */
  retryDelayMs?: (attempt: number) => number;
}

export interface EventRules {
  /** Delivers `event` to every matching rule's targets; resolves when every attempt is over. */
  put(event: unknown): Promise<void>;
  /** Stops the schedules and waits for the scheduled deliveries under way (before the functions stop). */
  close(): Promise<void>;
}

const RATE_UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/**
 * The interval of a `rate(<value> <unit>)` schedule expression in milliseconds, with AWS's grammar:
 * a positive whole value, `minute`/`hour`/`day` for 1, the plural for more. Throws on anything else
 * (`cron(...)` included), naming the rule.
 */
export function rateIntervalMs(expression: string, ruleName = 'the rule'): number {
  const match = /^rate\((\d+) (minute|hour|day)(s?)\)$/.exec(expression);
  const value = Number(match?.[1]);
  const unitMs = RATE_UNIT_MS[match?.[2] ?? ''];
  if (!match || !unitMs || value < 1 || (value === 1) === (match[3] === 's'))
    throw new Error(
      `Schedule expression "${expression}" of ${ruleName} is not supported by the local stack: only rate(<n> minute(s)|hour(s)|day(s)) runs here (local/stack/event-rules.ts)`,
    );
  return value * unitMs;
}

/** What EventBridge sends a schedule rule's targets (account and region from the rule's ARN). */
export function scheduledEvent(rule: Pick<AssemblyRule, 'arn'>, now = new Date()) {
  const [, , , region = '', account = ''] = rule.arn.split(':');
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account,
    time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'), // EventBridge's times have no milliseconds
    region,
    resources: [rule.arn],
    detail: {},
  };
}

export function eventRules(options: EventRulesOptions): EventRules {
  const enabled = options.rules.filter((rule) => rule.enabled);
  // A schedule rule has no pattern: it must not match (an empty pattern would match every event).
  const patternRules = enabled.filter(
    (rule): rule is AssemblyRule & { eventPattern: Record<string, unknown> } =>
      rule.eventPattern !== undefined,
  );
  for (const rule of patternRules) validatePattern(rule.eventPattern);
  // Every expression is checked before any schedule starts: one the stack cannot run fails the start.
  const schedules = enabled.flatMap((rule) =>
    rule.scheduleExpression === undefined
      ? []
      : [{ rule, everyMs: rateIntervalMs(rule.scheduleExpression, `rule ${rule.name}`) }],
  );
  const delay = options.retryDelayMs ?? ((attempt: number) => attempt * 1000);
  const deliver = async (rule: AssemblyRule, arn: string, event: unknown, deadLetter = true) => {
    const attempts = 1 + options.retryAttemptsOf(arn);
    let last: InvokeOutcome | undefined;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      last = await options.invoke(arn, event);
      if (last.ok) return;
      options.log('Asynchronous invocation failed', {
        rule: rule.name,
        function: arn,
        attempt,
        errorType: last.errorType,
        errorMessage: last.errorMessage,
      });
      if (attempt < attempts) await new Promise((resolve) => setTimeout(resolve, delay(attempt)));
    }
    if (!deadLetter) return;
    await mkdir(dirname(options.deadLetterFile), { recursive: true });
    await appendFile(
      options.deadLetterFile,
      `${JSON.stringify({ rule: rule.name, function: arn, event, error: last && !last.ok ? last.errorType : undefined })}\n`,
    );
  };

  const underway = new Set<Promise<void>>();
  const fire = (rule: AssemblyRule) => {
    const event = scheduledEvent(rule);
    // No dead letter: the template gives scheduled runs none (infra/stacks/scheduled-rules.ts), the
    // next run does the work again. A run that failed every attempt is logged above, and dropped.
    const runs = rule.targets.map((target) => deliver(rule, target.arn, event, false));
    const delivery = Promise.all(runs).then(
      () => undefined,
      (error: unknown) =>
        options.log('Scheduled delivery failed', {
          rule: rule.name,
          error: error instanceof Error ? error.message : String(error),
        }),
    );
    underway.add(delivery);
    void delivery.finally(() => underway.delete(delivery));
  };
  // Like a rate rule in AWS, the first run is one interval after the rule exists, not at once.
  // unref: a schedule alone never keeps the process alive.
  const timers = schedules.map(({ rule, everyMs }) => setInterval(() => fire(rule), everyMs).unref());

  return {
    async put(event) {
      const deliveries = patternRules
        .filter((rule) => matchesPattern(rule.eventPattern, event))
        .flatMap((rule) => rule.targets.map((target) => deliver(rule, target.arn, event)));
      await Promise.all(deliveries);
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
      await Promise.all([...underway]);
    },
  };
}
