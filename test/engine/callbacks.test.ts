import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '#stepfunctions/index';
import { type TestEngine, testEngine, until } from './helpers.ts';

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const CALLBACK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

let t: TestEngine;
afterEach(async () => t?.dispose());

function callbackMachine(extra: Record<string, unknown> = {}) {
  return {
    QueryLanguage: 'JSONata',
    StartAt: 'Review',
    States: {
      Review: {
        Type: 'Task',
        Resource: CALLBACK,
        Arguments: {
          FunctionName: 'notify',
          Payload: { token: '{% $states.context.Task.Token %}', input: '{% $states.input %}' },
        },
        ...extra,
        End: true,
      },
      // AWS rejects unreachable states, so the Catch target exists only when a Catch does.
      ...(extra.Catch
        ? {
            Expired: {
              Type: 'Pass',
              Output: { expired: true, error: '{% $states.input.Error %}' },
              End: true,
            },
          }
        : {}),
    },
  };
}

async function expectApiError(p: Promise<unknown>, type: string) {
  await expect(p).rejects.toSatisfy((e: unknown) => e instanceof ApiError && e.type === type);
}

describe('lambda:invoke tasks', () => {
  it('returns the Lambda response shape with the handler result as Payload', async () => {
    t = await testEngine({ double: async (e) => ({ n: (e as { n: number }).n * 2 }) });
    const arn = await t.start({
      QueryLanguage: 'JSONata',
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: LAMBDA_INVOKE,
          Arguments: { FunctionName: 'double', Payload: { n: 21 } },
          End: true,
        },
      },
    });
    await t.embedded.engine.waitForExecution(arn);
    const d = await t.describe(arn);
    const out = JSON.parse(d.output as string);
    expect(out).toMatchObject({ Payload: { n: 42 }, StatusCode: 200, ExecutedVersion: '$LATEST' });
    expect(await t.historyTypes(arn)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('reports a thrown error by its name with a Lambda-style JSON cause, and Catch routes it', async () => {
    class RejectedError extends Error {
      override name = 'RejectedError';
    }
    t = await testEngine({
      'arn:aws:lambda:us-east-1:123456789012:function:check': async () => {
        throw new RejectedError('bad id');
      },
    });
    const arn = await t.start({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:check',
          Catch: [{ ErrorEquals: ['RejectedError'], ResultPath: '$.err', Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Pass', End: true },
      },
    });
    await t.embedded.engine.waitForExecution(arn);
    const out = JSON.parse((await t.describe(arn)).output as string);
    expect(out.err.Error).toBe('RejectedError');
    expect(JSON.parse(out.err.Cause)).toMatchObject({ errorType: 'RejectedError', errorMessage: 'bad id' });
  });

  it('fails with Lambda.ResourceNotFoundException for an unregistered function', async () => {
    t = await testEngine();
    const arn = await t.start({
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: LAMBDA_INVOKE, Parameters: { FunctionName: 'missing' }, End: true },
      },
    });
    await t.embedded.engine.waitForExecution(arn);
    const d = await t.describe(arn);
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('Lambda.ResourceNotFoundException');
  });
});

describe('callback tasks (.waitForTaskToken)', () => {
  it('completes with the SendTaskSuccess output, and the token is then gone', async () => {
    const tokens: string[] = [];
    t = await testEngine({ notify: async (e) => void tokens.push((e as { token: string }).token) });
    const arn = await t.start(callbackMachine(), { caseId: 'c1' });
    await until(() => tokens.length === 1);
    expect((await t.describe(arn)).status).toBe('RUNNING');
    await t.call('SendTaskSuccess', { taskToken: tokens[0], output: JSON.stringify({ approved: true }) });
    await t.embedded.engine.waitForExecution(arn);
    expect(JSON.parse((await t.describe(arn)).output as string)).toEqual({ approved: true });
    expect(await t.historyTypes(arn)).toContain('TaskSubmitted');
    await expectApiError(
      t.call('SendTaskSuccess', { taskToken: tokens[0], output: '{}' }),
      'TaskDoesNotExist',
    );
  });

  it('fails the execution with the error and cause of SendTaskFailure', async () => {
    const tokens: string[] = [];
    t = await testEngine({ notify: async (e) => void tokens.push((e as { token: string }).token) });
    const arn = await t.start(callbackMachine());
    await until(() => tokens.length === 1);
    await t.call('SendTaskFailure', {
      taskToken: tokens[0],
      error: 'Officer.Rejected',
      cause: 'documents unreadable',
    });
    await t.embedded.engine.waitForExecution(arn);
    const d = await t.describe(arn);
    expect([d.status, d.error, d.cause]).toEqual(['FAILED', 'Officer.Rejected', 'documents unreadable']);
  });

  it('rejects malformed tokens with InvalidToken and unknown ones with TaskDoesNotExist', async () => {
    t = await testEngine();
    await expectApiError(t.call('SendTaskSuccess', { taskToken: 'garbage', output: '{}' }), 'InvalidToken');
    const wellFormed = `AQ${Buffer.from(JSON.stringify({ e: 'arn:aws:states:us-east-1:1:execution:x:y', n: 'z' })).toString('base64url')}`;
    await expectApiError(t.call('SendTaskHeartbeat', { taskToken: wellFormed }), 'TaskDoesNotExist');
  });

  it('times out with States.Timeout after TimeoutSeconds, Catch handles it, and a late success gets TaskTimedOut', async () => {
    const tokens: string[] = [];
    t = await testEngine({ notify: async (e) => void tokens.push((e as { token: string }).token) });
    const arn = await t.start(
      callbackMachine({
        TimeoutSeconds: 3600,
        Catch: [{ ErrorEquals: ['States.Timeout'], Output: '{% $states.errorOutput %}', Next: 'Expired' }],
      }),
    );
    await until(() => tokens.length === 1);
    await t.clock.advance(3599_000);
    expect((await t.describe(arn)).status).toBe('RUNNING');
    await t.clock.advance(1_000);
    await t.embedded.engine.waitForExecution(arn);
    expect(JSON.parse((await t.describe(arn)).output as string)).toEqual({
      expired: true,
      error: 'States.Timeout',
    });
    expect(await t.historyTypes(arn)).toContain('TaskTimedOut');
    await expectApiError(t.call('SendTaskSuccess', { taskToken: tokens[0], output: '{}' }), 'TaskTimedOut');
  });

  it('fails with States.HeartbeatTimeout unless heartbeats arrive within HeartbeatSeconds', async () => {
    const tokens: string[] = [];
    t = await testEngine({ notify: async (e) => void tokens.push((e as { token: string }).token) });
    const arn = await t.start(callbackMachine({ HeartbeatSeconds: 60 }));
    await until(() => tokens.length === 1);
    await t.clock.advance(50_000);
    await t.call('SendTaskHeartbeat', { taskToken: tokens[0] });
    await t.clock.advance(50_000);
    expect((await t.describe(arn)).status).toBe('RUNNING');
    await t.clock.advance(11_000);
    await t.embedded.engine.waitForExecution(arn);
    const d = await t.describe(arn);
    expect([d.status, d.error]).toEqual(['FAILED', 'States.HeartbeatTimeout']);
  });
});
