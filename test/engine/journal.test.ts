/**
 * The journal's compact event encoding: every history (all event types, details, previous-event
 * links, timestamps, shared hand-over values) reads back identically after a restart, and journals
 * written in the earlier format (events as objects) still load.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock, settle } from '#stepfunctions/index';
import { testEngine, until } from './helpers.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'sfn-journal-'));
  dirs.push(d);
  return d;
}

const definitions: Record<string, object> = {
  dataFlow: {
    StartAt: 'Init',
    States: {
      Init: { Type: 'Pass', Parameters: { i: 0, list: [1, 2, 3] }, Assign: { seen: 0 }, Next: 'Check' },
      Check: {
        Type: 'Choice',
        Choices: [{ Variable: '$.i', NumericGreaterThanEquals: 3, Next: 'Fan' }],
        Default: 'Increment',
      },
      Increment: {
        Type: 'Pass',
        Parameters: { 'i.$': 'States.MathAdd($.i, 1)', 'list.$': '$.list', 'at.$': '$$.State.Name' },
        Assign: { 'seen.$': '$.i' },
        ResultPath: '$',
        Next: 'Check',
      },
      Fan: {
        Type: 'Parallel',
        Branches: [
          {
            StartAt: 'Each',
            States: {
              Each: {
                Type: 'Map',
                ItemsPath: '$.list',
                ItemProcessor: {
                  StartAt: 'Double',
                  States: {
                    Double: { Type: 'Pass', Parameters: { 'v.$': 'States.MathAdd($, $)' }, End: true },
                  },
                },
                End: true,
              },
            },
          },
          {
            StartAt: 'Call',
            States: {
              Call: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke',
                Parameters: { FunctionName: 'echo', 'Payload.$': '$' },
                OutputPath: '$.Payload',
                End: true,
              },
            },
          },
        ],
        ResultPath: '$.fan',
        Next: 'Risky',
      },
      Risky: {
        Type: 'Task',
        Resource: 'arn:aws:lambda:us-east-1:123456789012:function:boom',
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Pause' }],
        End: true,
      },
      Pause: { Type: 'Wait', Seconds: 5, Next: 'Done' },
      Done: { Type: 'Succeed' },
    },
  },
  jsonata: {
    QueryLanguage: 'JSONata',
    StartAt: 'A',
    States: {
      A: { Type: 'Pass', Output: { n: 1 }, Assign: { x: '{% $states.input.n %}' }, Next: 'B' },
      B: { Type: 'Pass', Output: '{% $states.input.n + $x %}', Next: 'C' },
      C: { Type: 'Fail', Error: 'Custom', Cause: '{% "n=" & $string($states.input) %}' },
    },
  },
  parked: {
    StartAt: 'Prep',
    States: {
      Prep: { Type: 'Pass', Result: { big: 'x'.repeat(2000) }, Next: 'Human' },
      Human: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: 'notify', Payload: { 'token.$': '$$.Task.Token' } },
        End: true,
      },
    },
  },
};

describe('journal encoding', () => {
  it('reads back every history exactly after a restart, and resumed executions go on', async () => {
    const dataDir = tempDir();
    const clock = new ManualClock();
    const tokens: string[] = [];
    const handlers = {
      echo: async (e: unknown) => e,
      boom: async () => {
        throw Object.assign(new Error('no'), { name: 'Boom' });
      },
      notify: async (e: unknown) => {
        tokens.push((e as { token: string }).token);
        return {};
      },
    };
    let t = await testEngine(handlers, { dataDir, clock });
    const arns: string[] = [];
    for (const [name, def] of Object.entries(definitions)) arns.push(await t.start(def, {}, name));
    await clock.advance(10_000);
    await until(() => tokens.length === 1);
    await settle();
    const before = [];
    for (const arn of arns)
      before.push({
        history: await t.call('GetExecutionHistory', { executionArn: arn }),
        describe: await t.describe(arn),
      });
    expect(before.map((b) => b.describe.status)).toEqual(['SUCCEEDED', 'FAILED', 'RUNNING']);
    await t.embedded.close();

    t = await testEngine(handlers, { dataDir, clock });
    for (const [i, arn] of arns.entries()) {
      expect(await t.call('GetExecutionHistory', { executionArn: arn })).toEqual(before[i]?.history);
      expect(await t.describe(arn)).toEqual(before[i]?.describe);
    }
    await t.call('SendTaskSuccess', { taskToken: tokens[0], output: '{"ok":true}' });
    await until(async () => (await t.describe(arns[2] as string)).status === 'SUCCEEDED');
    const finished = await t.call<{ events: unknown[] }>('GetExecutionHistory', { executionArn: arns[2] });
    await t.embedded.close();

    // A third start reads the journal as compacted by the second one.
    t = await testEngine(handlers, { dataDir, clock });
    expect(await t.call('GetExecutionHistory', { executionArn: arns[2] })).toEqual(finished);
    for (const [i, arn] of arns.slice(0, 2).entries())
      expect(await t.call('GetExecutionHistory', { executionArn: arn })).toEqual(before[i]?.history);
    await t.embedded.close();
  });

  it('loads a journal written with events as objects', async () => {
    const dataDir = tempDir();
    const arn = 'arn:aws:states:us-east-1:123456789012:execution:old:one';
    const smArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:old';
    const def = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    const lines = [
      {
        t: 'sm',
        v: {
          arn: smArn,
          name: 'old',
          definition: def,
          roleArn: 'r',
          type: 'STANDARD',
          created: 1,
          revisionId: 'x',
        },
      },
      {
        t: 'ex',
        v: {
          arn,
          name: 'one',
          smArn,
          smName: 'old',
          roleArn: 'r',
          input: { a: 1 },
          start: 1000,
          def,
          status: 'RUNNING',
          root: null,
        },
      },
      {
        t: 'cp',
        a: arn,
        ev: [
          { id: 1, prev: 0, ts: 1000, type: 'ExecutionStarted', d: { input: { a: 1 }, roleArn: 'r' } },
          { id: 2, prev: 1, ts: 1001, type: 'PassStateEntered', d: { name: 'P', input: { a: 1 } } },
          { id: 3, prev: 2, ts: 1002, type: 'PassStateExited', d: { name: 'P', output: { a: 1 } } },
          { id: 4, prev: 3, ts: 1003, type: 'ExecutionSucceeded', d: { output: { a: 1 } } },
        ],
        root: null,
        st: 'SUCCEEDED',
        sp: 1003,
        o: { a: 1 },
      },
    ];
    writeFileSync(join(dataDir, 'journal.jsonl'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const t = await testEngine({}, { dataDir });
    const h = await t.call<{ events: Record<string, unknown>[] }>('GetExecutionHistory', {
      executionArn: arn,
    });
    expect(h.events.map((e) => [e.id, e.previousEventId, e.timestamp, e.type])).toEqual([
      [1, 0, 1, 'ExecutionStarted'],
      [2, 1, 1.001, 'PassStateEntered'],
      [3, 2, 1.002, 'PassStateExited'],
      [4, 3, 1.003, 'ExecutionSucceeded'],
    ]);
    expect(h.events[1]?.stateEnteredEventDetails).toEqual({
      name: 'P',
      input: '{"a":1}',
      inputDetails: { truncated: false },
    });
    expect((await t.describe(arn)).output).toBe('{"a":1}');
    await t.embedded.close();
  });
});
