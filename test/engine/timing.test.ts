import { afterEach, describe, expect, it } from 'vitest';
import { type TestEngine, testEngine, until } from './helpers.ts';

let t: TestEngine;
afterEach(async () => t?.dispose());

describe('time with an injected clock', () => {
  it('a Wait of one day completes only when the clock reaches it', async () => {
    t = await testEngine();
    const arn = await t.start(
      { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 86_400, End: true } } },
      { a: 1 },
    );
    await t.clock.advance(86_399_000);
    expect((await t.describe(arn)).status).toBe('RUNNING');
    await t.clock.advance(1_000);
    await t.embedded.engine.waitForExecution(arn);
    expect((await t.describe(arn)).output).toBe('{"a":1}');
  });

  it('Retry backs off IntervalSeconds × BackoffRate^n, capped by MaxDelaySeconds, then Catch takes over', async () => {
    const calls: number[] = [];
    t = await testEngine({
      flaky: async () => {
        calls.push(t.clock.now());
        throw new Error('down');
      },
    });
    const arn = await t.start({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'flaky' },
          Retry: [
            {
              ErrorEquals: ['States.ALL'],
              IntervalSeconds: 2,
              BackoffRate: 3,
              MaxAttempts: 3,
              MaxDelaySeconds: 10,
            },
          ],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Gave up' }],
          End: true,
        },
        'Gave up': { Type: 'Pass', Result: 'gave up', End: true },
      },
    });
    await until(() => calls.length === 1);
    await t.clock.advance(1_999);
    expect(calls).toHaveLength(1);
    await t.clock.advance(1);
    await until(() => calls.length === 2);
    await t.clock.advance(6_000);
    await until(() => calls.length === 3);
    await t.clock.advance(10_000); // 2 × 3² = 18 s, capped at 10 s
    await until(() => calls.length === 4);
    await t.embedded.engine.waitForExecution(arn);
    expect(calls.map((c) => (c - (calls[0] as number)) / 1000)).toEqual([0, 2, 8, 18]);
    expect((await t.describe(arn)).output).toBe('"gave up"');
  });

  it('an execution TimeoutSeconds ends the execution as TIMED_OUT', async () => {
    t = await testEngine();
    const arn = await t.start({
      TimeoutSeconds: 5,
      StartAt: 'W',
      States: { W: { Type: 'Wait', Seconds: 60, End: true } },
    });
    await t.clock.advance(5_000);
    const d = await t.describe(arn);
    expect(d.status).toBe('TIMED_OUT');
    expect((await t.historyTypes(arn)).at(-1)).toBe('ExecutionTimedOut');
  });

  it('StopExecution aborts a waiting execution', async () => {
    t = await testEngine();
    const arn = await t.start({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } });
    await t.call('StopExecution', { executionArn: arn, error: 'Manual', cause: 'operator' });
    const d = await t.describe(arn);
    expect([d.status, d.error]).toEqual(['ABORTED', 'Manual']);
  });

  it('StartExecution with the same name and input is idempotent, with other input ExecutionAlreadyExists', async () => {
    t = await testEngine();
    const sm = await t.call<{ stateMachineArn: string }>('CreateStateMachine', {
      name: 'idem',
      definition: JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } }),
      roleArn: 'arn:aws:iam::123456789012:role/x',
    });
    const a = await t.call<{ executionArn: string }>('StartExecution', {
      stateMachineArn: sm.stateMachineArn,
      name: 'case-1',
      input: '{"x":1}',
    });
    const b = await t.call<{ executionArn: string }>('StartExecution', {
      stateMachineArn: sm.stateMachineArn,
      name: 'case-1',
      input: '{"x":1}',
    });
    expect(b.executionArn).toBe(a.executionArn);
    await expect(
      t.call('StartExecution', { stateMachineArn: sm.stateMachineArn, name: 'case-1', input: '{"x":2}' }),
    ).rejects.toMatchObject({
      type: 'ExecutionAlreadyExists',
    });
  });

  it('CreateStateMachine rejects an invalid definition with InvalidDefinition', async () => {
    t = await testEngine();
    await expect(
      t.call('CreateStateMachine', {
        name: 'bad',
        definition: JSON.stringify({ StartAt: 'X', States: { A: { Type: 'Pass', End: true } } }),
        roleArn: 'r',
      }),
    ).rejects.toMatchObject({ type: 'InvalidDefinition' });
  });
});
