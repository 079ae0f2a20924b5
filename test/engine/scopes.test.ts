/**
 * Scopes below the execution: each task has its own heartbeat, a failed Parallel branch or a Map
 * past its tolerated failures stops its siblings at once (as AWS does), and the 256 KiB payload
 * quota holds inside an execution.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '#stepfunctions/index';
import { type TestEngine, testEngine, until } from './helpers.ts';

const CALLBACK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

let t: TestEngine;
afterEach(async () => t?.dispose());

/** A handler that keeps each callback task's token under the name its payload gives. */
function tokenKeeper(tokens: Record<string, string>) {
  return async (e: unknown) => {
    const { name, token } = e as { name: string; token: string };
    tokens[name] = token;
    return {};
  };
}

/** A branch whose one state is a callback task named `name`, caught when it times out. */
function callbackBranch(name: string, extra: Record<string, unknown> = {}) {
  return {
    StartAt: name,
    States: {
      [name]: {
        Type: 'Task',
        Resource: CALLBACK,
        Arguments: { FunctionName: 'keep', Payload: { name, token: '{% $states.context.Task.Token %}' } },
        ...extra,
        Catch: [
          { ErrorEquals: ['States.HeartbeatTimeout'], Output: { timedOut: name }, Next: `${name}TimedOut` },
        ],
        End: true,
      },
      [`${name}TimedOut`]: { Type: 'Succeed' },
    },
  };
}

function waitBranch(seconds: number) {
  return { StartAt: 'Long', States: { Long: { Type: 'Wait', Seconds: seconds, End: true } } };
}

async function expectApiError(p: Promise<unknown>, type: string) {
  await expect(p).rejects.toSatisfy((e: unknown) => e instanceof ApiError && e.type === type);
}

describe('heartbeats', () => {
  it('a heartbeat keeps only its own task alive: in a Parallel, the silent task times out, the other waits on', async () => {
    const tokens: Record<string, string> = {};
    t = await testEngine({ keep: tokenKeeper(tokens) });
    const arn = await t.start({
      QueryLanguage: 'JSONata',
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            callbackBranch('A', { HeartbeatSeconds: 10 }),
            callbackBranch('B', { HeartbeatSeconds: 10 }),
          ],
          End: true,
        },
      },
    });
    await until(() => tokens.A !== undefined && tokens.B !== undefined);
    await t.clock.advance(6_000);
    await t.call('SendTaskHeartbeat', { taskToken: tokens.A });
    await t.clock.advance(4_000);
    // B sent nothing for 10 s: it timed out. A's heartbeat at 6 s keeps it until 16 s.
    expect((await t.describe(arn)).status).toBe('RUNNING');
    await expectApiError(t.call('SendTaskHeartbeat', { taskToken: tokens.B }), 'TaskTimedOut');
    await t.call('SendTaskSuccess', { taskToken: tokens.A, output: JSON.stringify({ done: 'A' }) });
    await t.embedded.engine.waitForExecution(arn);
    const described = await t.describe(arn);
    expect(described.status).toBe('SUCCEEDED');
    expect(JSON.parse(described.output as string)).toEqual([{ done: 'A' }, { timedOut: 'B' }]);
  });
});

describe('a failed branch stops its siblings', () => {
  it('a Parallel fails as soon as one branch fails, without waiting for a long Wait in another', async () => {
    t = await testEngine();
    const arn = await t.start({
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            waitBranch(1_000),
            { StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Broken', Cause: 'on purpose' } } },
          ],
          End: true,
        },
      },
    });
    await until(async () => (await t.describe(arn)).status !== 'RUNNING');
    const described = await t.describe(arn);
    expect(described).toMatchObject({ status: 'FAILED', error: 'Broken', cause: 'on purpose' });
    expect(t.clock.pendingTimers).toBe(0);
  });

  it("a sibling's callback task is withdrawn: its token no longer exists", async () => {
    const tokens: Record<string, string> = {};
    t = await testEngine({
      keep: tokenKeeper(tokens),
      explode: async () => {
        throw new Error('no');
      },
    });
    const arn = await t.start({
      QueryLanguage: 'JSONata',
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            callbackBranch('A'),
            {
              StartAt: 'Explode',
              States: {
                Explode: {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::lambda:invoke',
                  // Runs once A's token is handed out, so the cancellation withdraws a live token.
                  Arguments: { FunctionName: 'explode' },
                  End: true,
                },
              },
            },
          ],
          End: true,
        },
      },
    });
    await until(async () => (await t.describe(arn)).status !== 'RUNNING');
    expect((await t.describe(arn)).status).toBe('FAILED');
    expect(tokens.A).toBeDefined();
    await expectApiError(
      t.call('SendTaskSuccess', { taskToken: tokens.A, output: '{}' }),
      'TaskDoesNotExist',
    );
  });

  it('a Map fails at its first failed iteration and stops the running ones', async () => {
    t = await testEngine();
    const arn = await t.start({
      QueryLanguage: 'JSONata',
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          Items: [1, 2, 3],
          ItemProcessor: {
            StartAt: 'Which',
            States: {
              Which: {
                Type: 'Choice',
                Choices: [{ Condition: '{% $states.input = 2 %}', Next: 'Boom' }],
                Default: 'Long',
              },
              Boom: { Type: 'Fail', Error: 'Broken' },
              Long: { Type: 'Wait', Seconds: 1_000, End: true },
            },
          },
          End: true,
        },
      },
    });
    await until(async () => (await t.describe(arn)).status !== 'RUNNING');
    expect(await t.describe(arn)).toMatchObject({ status: 'FAILED', error: 'Broken' });
    expect(t.clock.pendingTimers).toBe(0);
  });

  it('a Map past its tolerated failure count fails at once with States.ExceedToleratedFailureThreshold', async () => {
    t = await testEngine();
    const arn = await t.start(
      {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ToleratedFailureCount: 1,
            ItemProcessor: {
              StartAt: 'Which',
              States: {
                Which: {
                  Type: 'Choice',
                  Choices: [{ Variable: '$', NumericEquals: 3, Next: 'Long' }],
                  Default: 'Boom',
                },
                Boom: { Type: 'Fail', Error: 'Broken' },
                Long: { Type: 'Wait', Seconds: 1_000, End: true },
              },
            },
            End: true,
          },
        },
      },
      [1, 2, 3],
    );
    await until(async () => (await t.describe(arn)).status !== 'RUNNING');
    expect(await t.describe(arn)).toMatchObject({
      status: 'FAILED',
      error: 'States.ExceedToleratedFailureThreshold',
    });
  });
});

describe('the 256 KiB payload quota inside an execution', () => {
  const big = `{% $join($map([1..3000], function($v) { '${'x'.repeat(100)}' })) %}`;

  it('a state whose output exceeds 256 KiB fails the execution with States.DataLimitExceeded', async () => {
    t = await testEngine();
    const arn = await t.start({
      QueryLanguage: 'JSONata',
      StartAt: 'Grow',
      States: {
        Grow: {
          Type: 'Pass',
          Output: big,
          Next: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    });
    await t.embedded.engine.waitForExecution(arn);
    expect(await t.describe(arn)).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('a task result over 256 KiB fails the task with States.DataLimitExceeded even under a States.ALL catcher', async () => {
    t = await testEngine({ large: async () => ({ blob: 'y'.repeat(300 * 1024) }) });
    const arn = await t.start({
      StartAt: 'Fetch',
      States: {
        Fetch: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:large',
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Succeed' },
      },
    });
    await t.embedded.engine.waitForExecution(arn);
    expect(await t.describe(arn)).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });
});
