/**
 * Schedule rules on the local stack: the template's `rate(...)` rules invoke their targets every
 * interval with EventBridge's Scheduled Event until the rules close, an expression the stack cannot
 * run fails the load, and a schedule rule never catches the events put on the bus. Time is vitest's
 * fake clock, so an interval is a step of the test, not a wait.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AssemblyRule, loadCloudAssembly } from '#stack/assembly/cloud-assembly';
import { cachedAssemblyDir } from '#stack/assembly/synthesize';
import { eventRules, rateIntervalMs } from '#stack/event-rules';
import { createAuthorizer } from '#stack/iam/authorizer';
import type { InvokeOutcome } from '#stack/lambda/lambda-function';
import { ACCOUNT_ID, loadResolvedTemplates } from './iam-resolved-templates.ts';

const FUNCTION_ARN = 'arn:aws:lambda:ap-southeast-1:000000000000:function:queue-metrics';
const scheduleRule = (scheduleExpression: string): AssemblyRule => ({
  name: 'IcpStateless-QueueMetricsRule',
  arn: 'arn:aws:events:ap-southeast-1:000000000000:rule/IcpStateless-QueueMetricsRule',
  scheduleExpression,
  enabled: true,
  targets: [{ arn: FUNCTION_ARN, retryAttempts: 2, maxEventAgeSeconds: 60 }],
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'schedule-rules-'));
  vi.useFakeTimers();
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(dir, { recursive: true, force: true });
});

function rulesWith(
  rules: AssemblyRule[],
  outcome: () => InvokeOutcome = () => ({ ok: true, payload: null }),
) {
  const invoked: { arn: string; event: Record<string, unknown> }[] = [];
  const logged: string[] = [];
  const bus = eventRules({
    rules,
    invoke: async (arn, event) => {
      invoked.push({ arn, event: event as Record<string, unknown> });
      return outcome();
    },
    retryAttemptsOf: () => 2,
    deadLetterFile: join(dir, 'dead-letters.jsonl'),
    log: (message) => logged.push(message),
    retryDelayMs: () => 1_000,
  });
  return { bus, invoked, logged };
}

describe('schedule rules', () => {
  it('invoke the target once per interval with a Scheduled Event, and not at all once closed', async () => {
    const { bus, invoked } = rulesWith([scheduleRule('rate(1 minute)')]);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(invoked).toHaveLength(0); // like AWS: the first run is one interval after the rule exists

    await vi.advanceTimersByTimeAsync(1);
    expect(invoked).toHaveLength(1);
    expect(invoked[0]?.arn).toBe(FUNCTION_ARN);
    expect(invoked[0]?.event).toMatchObject({
      version: '0',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      region: 'ap-southeast-1',
      resources: ['arn:aws:events:ap-southeast-1:000000000000:rule/IcpStateless-QueueMetricsRule'],
      detail: {},
    });
    expect(invoked[0]?.event.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(invoked).toHaveLength(3);
    expect(new Set(invoked.map(({ event }) => event.id)).size).toBe(3);

    await bus.close();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(invoked).toHaveLength(3);
  });

  it('retry a failed run as an asynchronous invocation, then drop it without a dead letter', async () => {
    const { bus, invoked, logged } = rulesWith([scheduleRule('rate(5 minutes)')], () => ({
      ok: false,
      errorType: 'Error',
      errorMessage: 'DynamoDB unavailable',
    }));
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(invoked).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000); // the retries, 1 s apart here
    await vi.advanceTimersByTimeAsync(1_000);
    expect(invoked).toHaveLength(3);
    await bus.close();
    expect(logged).toEqual(Array(3).fill('Asynchronous invocation failed'));
    await expect(readFile(join(dir, 'dead-letters.jsonl'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('never receive the events put on the bus', async () => {
    const { bus, invoked } = rulesWith([scheduleRule('rate(1 hour)')]);
    await bus.put({ source: 'aws.s3', 'detail-type': 'Object Created', detail: {} });
    expect(invoked).toHaveLength(0);
    await bus.close();
  });

  it('skip a disabled rule', async () => {
    const { bus, invoked } = rulesWith([{ ...scheduleRule('rate(1 minute)'), enabled: false }]);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(invoked).toHaveLength(0);
    await bus.close();
  });

  it('refuse, when the rules load, an expression the local stack cannot run, naming the rule', () => {
    for (const expression of ['cron(0 12 * * ? *)', 'rate(1 minutes)', 'rate(2 minute)', 'rate(0 minutes)']) {
      expect(() => rulesWith([scheduleRule(expression)]), expression).toThrow(
        /of rule IcpStateless-QueueMetricsRule is not supported by the local stack/,
      );
    }
    expect(() => rulesWith([scheduleRule('cron(0 12 * * ? *)')])).toThrow(
      'Schedule expression "cron(0 12 * * ? *)" of rule IcpStateless-QueueMetricsRule is not supported by the local stack',
    );
  });

  it('read rate expressions with AWS’s units', () => {
    expect(rateIntervalMs('rate(1 minute)')).toBe(60_000);
    expect(rateIntervalMs('rate(15 minutes)')).toBe(900_000);
    expect(rateIntervalMs('rate(1 hour)')).toBe(3_600_000);
    expect(rateIntervalMs('rate(2 days)')).toBe(172_800_000);
  });
});

describe.each(['aws', 'aws-cn'] as const)('the %s assembly', (partition) => {
  it('schedules queue-metrics every 15 minutes and the outbox sender every minute, and the local stack can run every rule of it', async () => {
    const assembly = loadCloudAssembly(cachedAssemblyDir(partition));
    const named = (service: string) =>
      assembly.functions.find((fn) => fn.environment.POWERTOOLS_SERVICE_NAME === service)?.arn;
    const schedules = assembly.rules.filter((rule) => rule.scheduleExpression !== undefined);
    expect(schedules.map((rule) => [rule.scheduleExpression, rule.targets.map((t) => t.arn)]).sort()).toEqual(
      [
        ['rate(15 minutes)', [named('icp-queue-metrics')]],
        ['rate(1 minute)', [named('icp-send-emails')]],
      ].sort(),
    );
    // Loading every rule of the template succeeds (an unsupported expression would throw here).
    const { bus } = rulesWith(assembly.rules);
    await bus.close();
  });

  it('lets the queue-metrics role Query the byQueue index, and nothing else of the table', async () => {
    const deployment = loadResolvedTemplates(partition);
    const authorizer = createAuthorizer({
      templates: [deployment.stateful, deployment.stateless],
      partition,
      region: deployment.region,
      accountId: ACCOUNT_ID,
    });
    const role = deployment.ref('IcpStateless', 'ScheduleQueueMetricsHandlerRole');
    const principalArn = `arn:${partition}:sts::${ACCOUNT_ID}:assumed-role/${role}/queue-metrics`;
    const table = deployment.arn('IcpStateful', 'CaseTable');
    const may = (action: string, resource: string) =>
      authorizer.authorize({ principalArn, action, resource });
    expect(await may('dynamodb:Query', `${table}/index/byQueue`)).toBe(true);
    expect(await may('dynamodb:Query', `${table}/index/byApplicant`)).toBe(false);
    expect(await may('dynamodb:Query', table)).toBe(false);
    expect(await may('dynamodb:GetItem', table)).toBe(false);
    expect(await may('dynamodb:Scan', `${table}/index/byQueue`)).toBe(false);
  });

  it('lets the outbox sender Query the byQueue index and update or add items, and not read or delete any', async () => {
    const deployment = loadResolvedTemplates(partition);
    const authorizer = createAuthorizer({
      templates: [deployment.stateful, deployment.stateless],
      partition,
      region: deployment.region,
      accountId: ACCOUNT_ID,
    });
    const role = deployment.ref('IcpStateless', 'ScheduleSendEmailsHandlerRole');
    const principalArn = `arn:${partition}:sts::${ACCOUNT_ID}:assumed-role/${role}/send-emails`;
    const table = deployment.arn('IcpStateful', 'CaseTable');
    const may = (action: string, resource: string) =>
      authorizer.authorize({ principalArn, action, resource });
    expect(await may('dynamodb:Query', `${table}/index/byQueue`)).toBe(true);
    expect(await may('dynamodb:UpdateItem', table)).toBe(true);
    expect(await may('dynamodb:PutItem', table)).toBe(true);
    expect(await may('dynamodb:Query', table)).toBe(false);
    expect(await may('dynamodb:GetItem', table)).toBe(false);
    expect(await may('dynamodb:DeleteItem', table)).toBe(false);
    expect(await may('dynamodb:Scan', table)).toBe(false);
  });
});
