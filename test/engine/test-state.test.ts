/**
 * TestState through the real SDK, as local/stepfunctions/TEST-STATE.md specifies it: one state run
 * once, with an optional mocked result or error, at the INFO / DEBUG / TRACE inspection levels.
 * Expected values come from the AWS documentation and from responses recorded on AWS (the spec
 * cites each); the few the spec marks **Proposal** are the engine's own choice.
 *
 * JSON-carrying response fields are compared parsed (AWS echoes some texts verbatim, the engine
 * writes compact JSON), and `toEqual` on the whole parsed view also pins which fields are absent.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SFNClient,
  TestStateCommand,
  type TestStateCommandInput,
  type TestStateCommandOutput,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type EmbeddedEngine } from '#stepfunctions/index';

const ROLE = 'arn:aws:iam::123456789012:role/test';
const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const CALLBACK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

let embedded: EmbeddedEngine;
let client: SFNClient;
let closeServer: () => Promise<void>;
let dataDir: string;
/** Events each local Lambda handler received, by function name. */
const received: Record<string, unknown[]> = {};

function record(name: string, event: unknown): void {
  const events = received[name] ?? [];
  events.push(event);
  received[name] = events;
}

class RejectedError extends Error {
  override name = 'RejectedError';
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sfn-teststate-'));
  embedded = await createEngine({
    dataDir,
    handlers: {
      double: async (event) => {
        record('double', event);
        return { n: (event as { n: number }).n * 2 };
      },
    },
  });
  embedded.registerHandler('reject', async (event) => {
    record('reject', event);
    throw new RejectedError('bad id');
  });
  const server = await embedded.listen(0);
  closeServer = server.close;
  client = new SFNClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
    // TestState carries the `sync-` host prefix in the SDK's model, like StartSyncExecution.
    disableHostPrefix: true,
  });
});

afterAll(async () => {
  client?.destroy();
  await closeServer?.();
  await embedded?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  for (const name of Object.keys(received)) delete received[name];
});

// ------------------------------------------------------------------ helpers

type Request = Omit<TestStateCommandInput, 'definition' | 'input' | 'variables' | 'context'> & {
  definition: object | string;
  input?: unknown;
  variables?: Record<string, unknown>;
  context?: unknown;
};

interface View {
  status?: string;
  nextState?: string;
  error?: string;
  cause?: string;
  output?: unknown;
  inspection?: Record<string, unknown>;
}

const JSON_FIELDS = new Set([
  'input',
  'afterArguments',
  'afterInputPath',
  'afterParameters',
  'result',
  'afterResultSelector',
  'afterResultPath',
  'variables',
  'afterItemsPath',
  'afterItemSelector',
  'afterItemBatcher',
  'afterItemsPointer',
]);

function send(req: Request): Promise<TestStateCommandOutput> {
  const { definition, input, variables, context, ...rest } = req;
  return client.send(
    new TestStateCommand({
      ...rest,
      definition: typeof definition === 'string' ? definition : JSON.stringify(definition),
      ...(input === undefined ? {} : { input: JSON.stringify(input) }),
      ...(variables === undefined ? {} : { variables: JSON.stringify(variables) }),
      ...(context === undefined ? {} : { context: JSON.stringify(context) }),
    }),
  );
}

/** The response with JSON texts parsed and undefined fields dropped. */
function view(out: TestStateCommandOutput): View {
  const v: View = {};
  if (out.status !== undefined) v.status = out.status;
  if (out.nextState !== undefined) v.nextState = out.nextState;
  if (out.error !== undefined) v.error = out.error;
  if (out.cause !== undefined) v.cause = out.cause;
  if (out.output !== undefined) v.output = JSON.parse(out.output);
  if (out.inspectionData !== undefined) {
    const inspection: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(out.inspectionData)) {
      if (value === undefined) continue;
      inspection[key] = JSON_FIELDS.has(key) && typeof value === 'string' ? JSON.parse(value) : value;
    }
    v.inspection = inspection;
  }
  return v;
}

async function testState(req: Request): Promise<View> {
  return view(await send(req));
}

async function expectApiError(req: Request | Promise<unknown>, name: string, message?: string) {
  const p = req instanceof Promise ? req : send(req);
  await expect(p).rejects.toMatchObject(message === undefined ? { name } : { name, message });
}

// ------------------------------------------------------------------ data flow, JSONPath

describe('JSONPath data flow', () => {
  // The developer guide's example 2 (test-state-isolation.html#test-state-cli).
  const pass = {
    Type: 'Pass',
    InputPath: '$.payload',
    Parameters: { data: 1 },
    ResultPath: '$.result',
    OutputPath: '$.result.data',
    Next: 'Another State',
  };

  it('DEBUG shows each step: InputPath, Parameters, ResultSelector, ResultPath, then OutputPath', async () => {
    const r = await testState({
      definition: pass,
      input: { payload: { foo: 'bar' } },
      inspectionLevel: 'DEBUG',
    });
    expect(r).toEqual({
      status: 'SUCCEEDED',
      nextState: 'Another State',
      output: 1,
      inspection: {
        input: { payload: { foo: 'bar' } },
        afterInputPath: { foo: 'bar' },
        afterParameters: { data: 1 },
        afterResultSelector: { data: 1 },
        afterResultPath: { payload: { foo: 'bar' }, result: { data: 1 } },
      },
    });
  });

  it('INFO (also the default) returns no inspectionData', async () => {
    const expected = { status: 'SUCCEEDED', nextState: 'Another State', output: 1 };
    expect(
      await testState({ definition: pass, input: { payload: { foo: 'bar' } }, inspectionLevel: 'INFO' }),
    ).toEqual(expected);
    expect(await testState({ definition: pass, input: { payload: { foo: 'bar' } } })).toEqual(expected);
  });

  it('TRACE on a state that is not an HTTP Task answers what DEBUG answers (no request/response)', async () => {
    const input = { payload: { foo: 'bar' } };
    const debug = await testState({ definition: pass, input, inspectionLevel: 'DEBUG' });
    const trace = await testState({ definition: pass, input, inspectionLevel: 'TRACE' });
    expect(trace).toEqual(debug);
    expect(trace.inspection).not.toHaveProperty('request');
    expect(trace.inspection).not.toHaveProperty('response');
  });

  it('a Pass with Result shows result, not afterInputPath/afterParameters (recorded on AWS)', async () => {
    const input = {
      initialData: { fieldFromInput: 'value from input', otherField: 'other' },
      unrelatedData: { someOtherField: 1234 },
    };
    const r = await testState({
      definition: {
        Type: 'Pass',
        InputPath: '$.initialData',
        Parameters: { staticValue: 'some value', 'inputValue.$': '$.fieldFromInput' },
        Result: { resultKey: 'result value' },
        ResultPath: '$.modifiedData',
        End: true,
      },
      input,
      inspectionLevel: 'DEBUG',
    });
    const output = { ...input, modifiedData: { resultKey: 'result value' } };
    expect(r).toEqual({
      status: 'SUCCEEDED',
      output,
      inspection: {
        input,
        result: { resultKey: 'result value' },
        afterResultSelector: { resultKey: 'result value' },
        afterResultPath: output,
      },
    });
  });

  it('request variables are readable from JSONPath and listed in inspectionData.variables', async () => {
    const r = await testState({
      definition: {
        Type: 'Pass',
        Parameters: { 'total.$': 'States.MathAdd($.a, 1)', 'rate.$': '$rate' },
        End: true,
      },
      input: { a: 41 },
      variables: { rate: 3 },
      inspectionLevel: 'DEBUG',
    });
    expect(r).toEqual({
      status: 'SUCCEEDED',
      output: { total: 42, rate: 3 },
      inspection: {
        input: { a: 41 },
        afterInputPath: { a: 41 },
        afterParameters: { total: 42, rate: 3 },
        afterResultSelector: { total: 42, rate: 3 },
        afterResultPath: { total: 42, rate: 3 },
        variables: { rate: 3 },
      },
    });
  });
});

// ------------------------------------------------------------------ JSONata

describe('JSONata', () => {
  it('a Pass with Output and Assign: Output sees the old values, variables show the new ones', async () => {
    const r = await testState({
      definition: {
        QueryLanguage: 'JSONata',
        Type: 'Pass',
        Assign: { seen: '{% $states.input.n %}', factor: '{% $factor + 1 %}' },
        Output: { n2: '{% $states.input.n * $factor %}' },
        Next: 'B',
      },
      input: { n: 4 },
      variables: { factor: 10 },
      inspectionLevel: 'DEBUG',
    });
    expect(r).toEqual({
      status: 'SUCCEEDED',
      nextState: 'B',
      output: { n2: 40 },
      inspection: { input: { n: 4 }, variables: { factor: 11, seen: 4 } },
    });
  });

  it('a JSONata Pass without variables shows only the input', async () => {
    const r = await testState({
      definition: { QueryLanguage: 'JSONata', Type: 'Pass', End: true },
      input: { Value: 'HelloWorld' },
      inspectionLevel: 'DEBUG',
    });
    expect(r).toEqual({
      status: 'SUCCEEDED',
      output: { Value: 'HelloWorld' },
      inspection: { input: { Value: 'HelloWorld' } },
    });
  });

  it('request variables feed a Choice Condition', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      Type: 'Choice',
      Choices: [{ Condition: '{% $states.input.cost > $limit %}', Next: 'Ask' }],
      Default: 'Approve',
    };
    expect(await testState({ definition, input: { cost: 150 }, variables: { limit: 100 } })).toEqual({
      status: 'SUCCEEDED',
      nextState: 'Ask',
      output: { cost: 150 },
    });
    expect(
      await testState({
        definition,
        input: { cost: 50 },
        variables: { limit: 100 },
        inspectionLevel: 'DEBUG',
      }),
    ).toEqual({
      status: 'SUCCEEDED',
      nextState: 'Approve',
      output: { cost: 50 },
      inspection: { input: { cost: 50 }, variables: { limit: 100 } },
    });
  });
});

// ------------------------------------------------------------------ flow states

describe('Choice, Succeed, Fail, Wait', () => {
  // The developer guide's example 1.
  const choice = {
    Type: 'Choice',
    Choices: [
      { Variable: '$.number', NumericEquals: 1, Next: 'Equals 1' },
      { Variable: '$.number', NumericEquals: 2, Next: 'Equals 2' },
    ],
    Default: 'No Match',
  };

  it('Choice: nextState is the matching rule, else Default; DEBUG shows input and afterInputPath', async () => {
    expect(await testState({ definition: choice, input: { number: 2 } })).toEqual({
      status: 'SUCCEEDED',
      nextState: 'Equals 2',
      output: { number: 2 },
    });
    expect(await testState({ definition: choice, input: { number: 7 }, inspectionLevel: 'DEBUG' })).toEqual({
      status: 'SUCCEEDED',
      nextState: 'No Match',
      output: { number: 7 },
      inspection: { input: { number: 7 }, afterInputPath: { number: 7 } },
    });
  });

  it('Choice without Default and no match fails with States.NoChoiceMatched', async () => {
    const { Default: _, ...noDefault } = choice;
    const r = await testState({ definition: noDefault, input: { number: 3 } });
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.NoChoiceMatched');
    expect(r).not.toHaveProperty('output');
    expect(r).not.toHaveProperty('nextState');
  });

  it('Fail: FAILED with its error and cause, no output', async () => {
    const definition = {
      Type: 'Fail',
      Error: 'SomeFailure',
      Cause: "This state machines raises a 'SomeFailure' failure.",
    };
    const failed = { status: 'FAILED', error: 'SomeFailure', cause: definition.Cause };
    expect(await testState({ definition, input: { Value: 'HelloWorld' } })).toEqual(failed);
    expect(await testState({ definition, input: { Value: 'HelloWorld' }, inspectionLevel: 'DEBUG' })).toEqual(
      {
        ...failed,
        inspection: { input: { Value: 'HelloWorld' }, afterInputPath: { Value: 'HelloWorld' } },
      },
    );
  });

  it('a JSONata Fail evaluates Error and Cause', async () => {
    const r = await testState({
      definition: {
        QueryLanguage: 'JSONata',
        Type: 'Fail',
        Error: "{% 'Case.' & $states.input.code %}",
        Cause: '{% $string($states.input.n) %}',
      },
      input: { code: 'Rejected', n: 3 },
    });
    expect(r).toEqual({ status: 'FAILED', error: 'Case.Rejected', cause: '3' });
  });

  it('Succeed: output after paths, no nextState', async () => {
    const r = await testState({
      definition: { Type: 'Succeed', InputPath: '$.a', OutputPath: '$.b' },
      input: { a: { b: 1 } },
      inspectionLevel: 'DEBUG',
    });
    expect(r).toEqual({
      status: 'SUCCEEDED',
      output: 1,
      inspection: { input: { a: { b: 1 } }, afterInputPath: { b: 1 } },
    });
  });

  it('Wait returns at once, without waiting', async () => {
    const started = Date.now();
    const r = await testState({
      definition: { Type: 'Wait', Seconds: 3600, Next: 'After' },
      input: { x: 1 },
      inspectionLevel: 'DEBUG',
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r).toEqual({
      status: 'SUCCEEDED',
      nextState: 'After',
      output: { x: 1 },
      inspection: { input: { x: 1 }, afterInputPath: { x: 1 } },
    });
    const future = await testState({
      definition: { Type: 'Wait', TimestampPath: '$.until', End: true },
      input: { until: '2099-01-01T00:00:00Z' },
    });
    expect(future).toEqual({ status: 'SUCCEEDED', output: { until: '2099-01-01T00:00:00Z' } });
  }, 10_000);
});

// ------------------------------------------------------------------ Task with a mocked result

describe('Task with mock.result', () => {
  const task = {
    Type: 'Task',
    Resource: LAMBDA_INVOKE,
    InputPath: '$.order',
    Parameters: { FunctionName: 'double', 'Payload.$': '$' },
    ResultSelector: { 'body.$': '$.Payload.body' },
    ResultPath: '$.res',
    OutputPath: '$.res',
    Next: 'Done',
  };
  const input = { order: { id: 7 }, other: true };
  const mocked = { Payload: { body: 'ok' }, StatusCode: 200 };

  it('INFO: the mock is the raw result, the handler is not called, roleArn is optional', async () => {
    const r = await testState({ definition: task, input, mock: { result: JSON.stringify(mocked) } });
    expect(r).toEqual({ status: 'SUCCEEDED', nextState: 'Done', output: { body: 'ok' } });
    expect(received.double).toBeUndefined();
  });

  it('DEBUG: every JSONPath step, with result = the mock', async () => {
    const r = await testState({
      definition: task,
      input,
      mock: { result: JSON.stringify(mocked) },
      inspectionLevel: 'DEBUG',
    });
    expect(r).toEqual({
      status: 'SUCCEEDED',
      nextState: 'Done',
      output: { body: 'ok' },
      inspection: {
        input,
        afterInputPath: { id: 7 },
        afterParameters: { FunctionName: 'double', Payload: { id: 7 } },
        result: mocked,
        afterResultSelector: { body: 'ok' },
        afterResultPath: { order: { id: 7 }, other: true, res: { body: 'ok' } },
      },
    });
  });

  it('JSONata DEBUG: afterArguments and result, Output and Assign applied to the mock', async () => {
    const r = await testState({
      definition: {
        QueryLanguage: 'JSONata',
        Type: 'Task',
        Resource: LAMBDA_INVOKE,
        Arguments: { FunctionName: 'double', Payload: { n: '{% $states.input.n %}' } },
        Assign: { last: '{% $states.result.Payload.n %}' },
        Output: '{% $states.result.Payload %}',
        End: true,
      },
      input: { n: 21 },
      mock: { result: JSON.stringify({ Payload: { n: 99 } }) },
      inspectionLevel: 'DEBUG',
    });
    expect(r).toEqual({
      status: 'SUCCEEDED',
      output: { n: 99 },
      inspection: {
        input: { n: 21 },
        afterArguments: { FunctionName: 'double', Payload: { n: 21 } },
        result: { Payload: { n: 99 } },
        variables: { last: 99 },
      },
    });
    expect(received.double).toBeUndefined();
  });

  it('mocks an integration the engine cannot run', async () => {
    const r = await testState({
      definition: {
        Type: 'Task',
        Resource: 'arn:aws:states:::dynamodb:putItem',
        Parameters: { TableName: 'cases', Item: { id: { 'S.$': '$.id' } } },
        ResultPath: '$.put',
        End: true,
      },
      input: { id: 'c1' },
      mock: { result: '{}' },
    });
    expect(r).toEqual({ status: 'SUCCEEDED', output: { id: 'c1', put: {} } });
  });

  it('fieldValidationMode: STRICT (default) and PRESENT check types of the Invoke model, NONE does not', async () => {
    const definition = {
      Type: 'Task',
      Resource: LAMBDA_INVOKE,
      Parameters: { FunctionName: 'double' },
      End: true,
    };
    const result = JSON.stringify({ StatusCode: '200' });
    const message = "Mock result schema validation error: Field 'StatusCode' must be a number";
    await expectApiError({ definition, mock: { result } }, 'ValidationException', message);
    await expectApiError(
      { definition, mock: { result, fieldValidationMode: 'PRESENT' } },
      'ValidationException',
      message,
    );
    expect(await testState({ definition, mock: { result, fieldValidationMode: 'NONE' } })).toEqual({
      status: 'SUCCEEDED',
      output: { StatusCode: '200' },
    });
    // Fields outside the API model are ignored, even in STRICT.
    expect(await testState({ definition, mock: { result: '{"random":"json"}' } })).toEqual({
      status: 'SUCCEEDED',
      output: { random: 'json' },
    });
  });
});

// ------------------------------------------------------------------ errors, Retry, Catch

describe('mock.errorOutput, Retry and Catch', () => {
  // The developer guide's catch example (#testing-retry-error-handling), in JSONPath.
  const withCatch = {
    Type: 'Task',
    Resource: LAMBDA_INVOKE,
    Parameters: { FunctionName: 'f', 'Payload.$': '$' },
    Catch: [
      { ErrorEquals: ['Lambda.TooManyRequestsException'], ResultPath: '$.error', Next: 'HandleThrottling' },
    ],
    Next: 'Success',
  };
  const throttled = { errorOutput: { error: 'Lambda.TooManyRequestsException', cause: 'Rate exceeded' } };

  it('Catch → CAUGHT_ERROR with the catcher output, nextState and errorDetails.catchIndex', async () => {
    const r = await testState({
      definition: withCatch,
      input: { data: 'value' },
      mock: throttled,
      inspectionLevel: 'DEBUG',
    });
    expect(r).toEqual({
      status: 'CAUGHT_ERROR',
      nextState: 'HandleThrottling',
      error: 'Lambda.TooManyRequestsException',
      cause: 'Rate exceeded',
      output: { data: 'value', error: { Error: 'Lambda.TooManyRequestsException', Cause: 'Rate exceeded' } },
      inspection: {
        input: { data: 'value' },
        afterInputPath: { data: 'value' },
        afterParameters: { FunctionName: 'f', Payload: { data: 'value' } },
        errorDetails: { catchIndex: 0 },
      },
    });
  });

  it('at INFO the same answer carries no inspectionData (so no errorDetails)', async () => {
    const r = await testState({ definition: withCatch, input: { data: 'value' }, mock: throttled });
    expect(r).toEqual({
      status: 'CAUGHT_ERROR',
      nextState: 'HandleThrottling',
      error: 'Lambda.TooManyRequestsException',
      cause: 'Rate exceeded',
      output: { data: 'value', error: { Error: 'Lambda.TooManyRequestsException', Cause: 'Rate exceeded' } },
    });
  });

  it('the first matching catcher wins; a JSONata catcher Output sees $states.errorOutput', async () => {
    const r = await testState({
      definition: {
        QueryLanguage: 'JSONata',
        Type: 'Task',
        Resource: LAMBDA_INVOKE,
        Arguments: { FunctionName: 'foo', Payload: 'bar' },
        Catch: [
          { ErrorEquals: ['MockException'], Next: 'HandleMockError' },
          {
            ErrorEquals: ['States.TaskFailed'],
            Output: { err: '{% $states.errorOutput.Error %}', value: '{% $states.input.Value %}' },
            Next: 'HandleThreshold',
          },
        ],
        End: true,
      },
      input: { Value: 'HelloWorld' },
      mock: { errorOutput: { error: 'States.TaskFailed', cause: 'The task failed.' } },
      inspectionLevel: 'DEBUG',
    });
    expect(r).toEqual({
      status: 'CAUGHT_ERROR',
      nextState: 'HandleThreshold',
      error: 'States.TaskFailed',
      cause: 'The task failed.',
      output: { err: 'States.TaskFailed', value: 'HelloWorld' },
      inspection: {
        input: { Value: 'HelloWorld' },
        afterArguments: { FunctionName: 'foo', Payload: 'bar' },
        errorDetails: { catchIndex: 1 },
      },
    });
  });

  // The developer guide's retry example: 2 × 2.0^1 = 4.
  const withRetry = {
    QueryLanguage: 'JSONata',
    Type: 'Task',
    Resource: LAMBDA_INVOKE,
    Arguments: { FunctionName: 'foo', Payload: 'bar' },
    Retry: [
      { ErrorEquals: ['Lambda.ServiceException'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2.0 },
    ],
    End: true,
  };
  const serviceError = { errorOutput: { error: 'Lambda.ServiceException', cause: 'Service error' } };

  it('Retry → RETRIABLE with retryIndex and retryBackoffIntervalSeconds, no output', async () => {
    const r = await testState({
      definition: withRetry,
      input: { data: 'value' },
      mock: serviceError,
      stateConfiguration: { retrierRetryCount: 1 },
      inspectionLevel: 'DEBUG',
    });
    expect(r).toEqual({
      status: 'RETRIABLE',
      error: 'Lambda.ServiceException',
      cause: 'Service error',
      inspection: {
        input: { data: 'value' },
        afterArguments: { FunctionName: 'foo', Payload: 'bar' },
        errorDetails: { retryIndex: 0, retryBackoffIntervalSeconds: 4 },
      },
    });
  });

  it('retrierRetryCount defaults to 0; the first matching retrier is reported', async () => {
    const r = await testState({
      definition: {
        ...withRetry,
        Retry: [
          { ErrorEquals: ['Other'], IntervalSeconds: 9 },
          { ErrorEquals: ['States.ALL'], IntervalSeconds: 3 },
        ],
      },
      mock: serviceError,
      inspectionLevel: 'DEBUG',
    });
    expect(r.status).toBe('RETRIABLE');
    expect(r.inspection?.errorDetails).toEqual({ retryIndex: 1, retryBackoffIntervalSeconds: 3 });
  });

  it('defaults IntervalSeconds 1 and BackoffRate 2; MaxDelaySeconds caps the back-off (Proposal)', async () => {
    const defaults = await testState({
      definition: { ...withRetry, Retry: [{ ErrorEquals: ['States.ALL'] }] },
      mock: serviceError,
      stateConfiguration: { retrierRetryCount: 2 },
      inspectionLevel: 'DEBUG',
    });
    expect(defaults.inspection?.errorDetails).toEqual({ retryIndex: 0, retryBackoffIntervalSeconds: 4 });
    const capped = await testState({
      definition: {
        ...withRetry,
        Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 10, BackoffRate: 3, MaxDelaySeconds: 60 }],
      },
      mock: serviceError,
      stateConfiguration: { retrierRetryCount: 2 },
      inspectionLevel: 'DEBUG',
    });
    expect(capped.inspection?.errorDetails).toEqual({ retryIndex: 0, retryBackoffIntervalSeconds: 60 });
  });

  // Recorded on AWS: IntervalSeconds 1, MaxAttempts 5, BackoffRate 2.
  const fiveAttempts = {
    ...withRetry,
    Retry: [{ ErrorEquals: ['MockException'], IntervalSeconds: 1, MaxAttempts: 5, BackoffRate: 2.0 }],
  };
  const mockException = { errorOutput: { error: 'MockException', cause: 'Mock the cause of the error.' } };

  it('retrierRetryCount below MaxAttempts is RETRIABLE; at MaxAttempts the retrier is exhausted → FAILED', async () => {
    const below = await testState({
      definition: fiveAttempts,
      input: { Values: ['first', 'second', 'third'] },
      mock: mockException,
      stateConfiguration: { retrierRetryCount: 4 },
      inspectionLevel: 'DEBUG',
    });
    expect(below).toEqual({
      status: 'RETRIABLE',
      error: 'MockException',
      cause: 'Mock the cause of the error.',
      inspection: {
        input: { Values: ['first', 'second', 'third'] },
        afterArguments: { FunctionName: 'foo', Payload: 'bar' },
        errorDetails: { retryIndex: 0, retryBackoffIntervalSeconds: 16 },
      },
    });
    const exhausted = await testState({
      definition: fiveAttempts,
      input: { Values: ['first', 'second', 'third'] },
      mock: mockException,
      stateConfiguration: { retrierRetryCount: 5 },
      inspectionLevel: 'DEBUG',
    });
    expect(exhausted).toEqual({
      status: 'FAILED',
      error: 'MockException',
      cause: 'Mock the cause of the error.',
      inspection: {
        input: { Values: ['first', 'second', 'third'] },
        afterArguments: { FunctionName: 'foo', Payload: 'bar' },
        errorDetails: { retryIndex: 0 },
      },
    });
  });

  it('an exhausted retrier falls through to Catch → CAUGHT_ERROR (errorDetails: Proposal)', async () => {
    const r = await testState({
      definition: {
        ...fiveAttempts,
        Catch: [{ ErrorEquals: ['States.ALL'], Output: '{% $states.errorOutput %}', Next: 'Recover' }],
      },
      mock: mockException,
      stateConfiguration: { retrierRetryCount: 5 },
      inspectionLevel: 'DEBUG',
    });
    expect(r).toEqual({
      status: 'CAUGHT_ERROR',
      nextState: 'Recover',
      error: 'MockException',
      cause: 'Mock the cause of the error.',
      output: { Error: 'MockException', Cause: 'Mock the cause of the error.' },
      inspection: {
        input: {},
        afterArguments: { FunctionName: 'foo', Payload: 'bar' },
        errorDetails: { retryIndex: 0, catchIndex: 0 },
      },
    });
  });

  it('a retrier that still applies wins over a matching Catch', async () => {
    const r = await testState({
      definition: {
        ...fiveAttempts,
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recover' }],
      },
      mock: mockException,
      stateConfiguration: { retrierRetryCount: 0 },
    });
    expect(r).toEqual({ status: 'RETRIABLE', error: 'MockException', cause: 'Mock the cause of the error.' });
  });

  it('an error no Retry or Catch matches → FAILED, without errorDetails', async () => {
    const r = await testState({
      definition: { ...withRetry, Catch: [{ ErrorEquals: ['Other'], Next: 'Recover' }] },
      input: { a: 1 },
      mock: { errorOutput: { error: 'Boom', cause: 'it broke' } },
      inspectionLevel: 'DEBUG',
    });
    expect(r).toEqual({
      status: 'FAILED',
      error: 'Boom',
      cause: 'it broke',
      inspection: { input: { a: 1 }, afterArguments: { FunctionName: 'foo', Payload: 'bar' } },
    });
  });
});

// ------------------------------------------------------------------ real Lambda handlers

describe('Task calling a local Lambda handler (no mock)', () => {
  it('lambda:invoke runs the registered handler once; TRACE shows the data flow, no request/response', async () => {
    const r = await testState({
      definition: {
        Type: 'Task',
        Resource: LAMBDA_INVOKE,
        Parameters: { FunctionName: 'double', 'Payload.$': '$' },
        ResultSelector: { 'n.$': '$.Payload.n' },
        ResultPath: '$.doubled',
        Next: 'Next',
      },
      roleArn: ROLE,
      input: { n: 21 },
      inspectionLevel: 'TRACE',
    });
    expect(received.double).toEqual([{ n: 21 }]);
    expect(r).toMatchObject({
      status: 'SUCCEEDED',
      nextState: 'Next',
      output: { n: 21, doubled: { n: 42 } },
    });
    expect(Object.keys(r.inspection ?? {}).sort()).toEqual([
      'afterInputPath',
      'afterParameters',
      'afterResultPath',
      'afterResultSelector',
      'input',
      'result',
    ]);
    expect(r.inspection).toMatchObject({
      input: { n: 21 },
      afterInputPath: { n: 21 },
      afterParameters: { FunctionName: 'double', Payload: { n: 21 } },
      result: { Payload: { n: 42 }, StatusCode: 200, ExecutedVersion: '$LATEST' },
      afterResultSelector: { n: 42 },
      afterResultPath: { n: 21, doubled: { n: 42 } },
    });
  });

  it('a plain Lambda ARN resource: the result is the return value', async () => {
    const r = await testState({
      definition: {
        Type: 'Task',
        Resource: 'arn:aws:lambda:us-east-1:123456789012:function:double',
        End: true,
      },
      roleArn: ROLE,
      input: { n: 5 },
    });
    expect(r).toEqual({ status: 'SUCCEEDED', output: { n: 10 } });
    expect(received.double).toEqual([{ n: 5 }]);
  });

  it('a throwing handler is one attempt: its error matches Retry → RETRIABLE, not retried', async () => {
    const r = await testState({
      definition: {
        QueryLanguage: 'JSONata',
        Type: 'Task',
        Resource: LAMBDA_INVOKE,
        Arguments: { FunctionName: 'reject', Payload: '{% $states.input %}' },
        Retry: [{ ErrorEquals: ['RejectedError'], IntervalSeconds: 5 }],
        End: true,
      },
      roleArn: ROLE,
      input: { id: 'x' },
      inspectionLevel: 'DEBUG',
    });
    expect(received.reject).toEqual([{ id: 'x' }]);
    expect(r.status).toBe('RETRIABLE');
    expect(r.error).toBe('RejectedError');
    expect(JSON.parse(r.cause ?? '')).toMatchObject({ errorType: 'RejectedError', errorMessage: 'bad id' });
    expect(r.inspection).toEqual({
      input: { id: 'x' },
      afterArguments: { FunctionName: 'reject', Payload: { id: 'x' } },
      errorDetails: { retryIndex: 0, retryBackoffIntervalSeconds: 5 },
    });
  });

  it('an unregistered function fails with Lambda.ResourceNotFoundException', async () => {
    const r = await testState({
      definition: {
        Type: 'Task',
        Resource: LAMBDA_INVOKE,
        Parameters: { FunctionName: 'nobody' },
        End: true,
      },
      roleArn: ROLE,
    });
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('Lambda.ResourceNotFoundException');
  });

  it('a Task without mock needs roleArn (ValidationException, recorded message)', async () => {
    await expectApiError(
      {
        definition: {
          Type: 'Task',
          Resource: LAMBDA_INVOKE,
          Parameters: { FunctionName: 'double' },
          End: true,
        },
        input: { n: 1 },
      },
      'ValidationException',
      'RoleArn must be specified when testing a Task state',
    );
    expect(received.double).toBeUndefined();
  });
});

// ------------------------------------------------------------------ whole machine + stateName

describe('a whole state machine with stateName', () => {
  const machine = {
    QueryLanguage: 'JSONata',
    StartAt: 'Approval Required',
    States: {
      'Approval Required': {
        Type: 'Choice',
        Choices: [{ Condition: '{% $states.input.cost < 10 %}', Next: 'Purchase Approved' }],
        Default: 'Not Approved',
      },
      'Purchase Approved': { Type: 'Succeed' },
      'Not Approved': { Type: 'Fail', Error: 'Denied', Cause: 'too expensive' },
    },
  };

  it('runs the named state with the machine QueryLanguage; no roleArn needed for a Choice', async () => {
    expect(
      await testState({
        definition: machine,
        stateName: 'Approval Required',
        input: { cost: 9 },
        inspectionLevel: 'TRACE',
      }),
    ).toEqual({
      status: 'SUCCEEDED',
      nextState: 'Purchase Approved',
      output: { cost: 9 },
      inspection: { input: { cost: 9 } },
    });
    expect(await testState({ definition: machine, stateName: 'Not Approved', input: { cost: 10 } })).toEqual({
      status: 'FAILED',
      error: 'Denied',
      cause: 'too expensive',
    });
  });

  it('the named state may be nested in a Map ItemProcessor', async () => {
    const r = await testState({
      definition: {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemProcessor: {
              StartAt: 'HandleItem',
              States: { HandleItem: { Type: 'Pass', Parameters: { 'v.$': '$.x' }, End: true } },
            },
            End: true,
          },
        },
      },
      stateName: 'HandleItem',
      input: { x: 5 },
    });
    expect(r).toEqual({ status: 'SUCCEEDED', output: { v: 5 } });
  });

  it('an unknown stateName is a ValidationException (recorded message)', async () => {
    await expectApiError(
      { definition: machine, stateName: 'dne', input: {} },
      'ValidationException',
      'State not found in definition',
    );
  });

  it('the machine is validated as a whole: InvalidDefinition', async () => {
    const broken = {
      ...machine,
      States: { ...machine.States, 'Purchase Approved': { Type: 'Pass', Next: 'Nowhere' } },
    };
    await expectApiError({ definition: broken, stateName: 'Approval Required' }, 'InvalidDefinition');
  });

  it('a machine without stateName is not a state: InvalidDefinition (Proposal)', async () => {
    await expectApiError({ definition: machine, input: { cost: 1 } }, 'InvalidDefinition');
  });
});

// ------------------------------------------------------------------ context

describe('context', () => {
  const context = {
    Execution: {
      Id: 'arn:aws:states:us-east-1:123456789012:execution:MyStateMachine:exec-1',
      Input: { caseId: 'c-9' },
      Name: 'exec-1',
      RoleArn: ROLE,
      StartTime: '2026-01-05T10:00:00.000Z',
    },
    State: { Name: 'Review', EnteredTime: '2026-01-05T10:00:05.000Z', RetryCount: 0 },
    StateMachine: {
      Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:MyStateMachine',
      Name: 'MyStateMachine',
    },
  };

  it('$$ reads the given context (JSONPath)', async () => {
    const r = await testState({
      definition: {
        Type: 'Task',
        Resource: LAMBDA_INVOKE,
        Parameters: {
          FunctionName: 'f',
          Payload: { 'exec.$': '$$.Execution.Name', 'state.$': '$$.State.Name', 'all.$': '$$' },
        },
        ResultPath: null,
        End: true,
      },
      input: { a: 1 },
      context,
      mock: { result: '{}' },
      inspectionLevel: 'DEBUG',
    });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toEqual({ a: 1 });
    expect(r.inspection?.afterParameters).toEqual({
      FunctionName: 'f',
      Payload: { exec: 'exec-1', state: 'Review', all: context },
    });
  });

  it('$states.context reads the given context (JSONata)', async () => {
    const r = await testState({
      definition: {
        QueryLanguage: 'JSONata',
        Type: 'Task',
        Resource: LAMBDA_INVOKE,
        Arguments: { FunctionName: 'f', Payload: '{% $states.context.Execution.Input %}' },
        Output: {
          case: '{% $states.context.Execution.Input.caseId %}',
          at: '{% $states.context.State.EnteredTime %}',
          ok: '{% $states.result.ok %}',
        },
        End: true,
      },
      context,
      mock: { result: '{"ok":true}' },
    });
    expect(r).toEqual({
      status: 'SUCCEEDED',
      output: { case: 'c-9', at: '2026-01-05T10:00:05.000Z', ok: true },
    });
  });

  it('the context is used as given, not merged with defaults', async () => {
    const r = await testState({
      definition: {
        Type: 'Task',
        Resource: LAMBDA_INVOKE,
        Parameters: { FunctionName: 'f', 'ctx.$': '$$' },
        ResultPath: null,
        End: true,
      },
      context: {},
      mock: { result: '{}' },
      inspectionLevel: 'DEBUG',
    });
    expect(r.inspection?.afterParameters).toEqual({ FunctionName: 'f', ctx: {} });
  });

  it('context rules: only with a mock, known fields only, Task only for callback or .sync tasks', async () => {
    const definition = {
      Type: 'Task',
      Resource: LAMBDA_INVOKE,
      Parameters: { FunctionName: 'f' },
      End: true,
    };
    await expectApiError({ definition, roleArn: ROLE, context }, 'ValidationException');
    await expectApiError(
      { definition, context: { ...context, Pokedex: {} }, mock: { result: '{}' } },
      'ValidationException',
      "Invalid Context object provided: Field 'Pokedex' is not allowed",
    );
    await expectApiError(
      { definition, context: { ...context, Task: { Token: 't' } }, mock: { result: '{}' } },
      'ValidationException',
      "Invalid Context object provided: Context object contains 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' service integration pattern",
    );
  });
});

// ------------------------------------------------------------------ callback tasks

describe('.waitForTaskToken', () => {
  const callback = {
    QueryLanguage: 'JSONata',
    Type: 'Task',
    Resource: CALLBACK,
    Arguments: { FunctionName: 'double', Payload: { token: '{% $states.context.Task.Token %}' } },
    Next: 'After',
  };

  it('needs a mock (ValidationException otherwise) and never invokes the handler', async () => {
    await expectApiError({ definition: callback, roleArn: ROLE, input: {} }, 'ValidationException');
    expect(received.double).toBeUndefined();
  });

  it('with a mock, the result is the callback output and the token comes from the context', async () => {
    const r = await testState({
      definition: callback,
      input: {},
      context: { Task: { Token: 'token-1' } },
      mock: { result: '{"approved":true}' },
      inspectionLevel: 'DEBUG',
    });
    expect(r).toEqual({
      status: 'SUCCEEDED',
      nextState: 'After',
      output: { approved: true },
      inspection: {
        input: {},
        afterArguments: { FunctionName: 'double', Payload: { token: 'token-1' } },
        result: { approved: true },
      },
    });
    expect(received.double).toBeUndefined();
  });

  it('without a context the engine provides a token (Proposal: a non-empty string)', async () => {
    const r = await testState({ definition: callback, mock: { result: '{}' }, inspectionLevel: 'DEBUG' });
    const args = r.inspection?.afterArguments as { Payload: { token: unknown } };
    expect(typeof args.Payload.token).toBe('string');
    expect(args.Payload.token).not.toBe('');
  });
});

// ------------------------------------------------------------------ the product's machine

describe("the product's icp-case machine, state AwaitDocuments", () => {
  // The ASL as CDK deploys it, with its ${Placeholders} filled the way the local stack does.
  const definition = readFileSync(new URL('../../statemachines/icp-case.asl.json', import.meta.url), 'utf8')
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the ASL's own placeholder
    .replaceAll('${Partition}', 'aws')
    .replace(/\$\{(\w+)FunctionArn\}/g, 'arn:aws:lambda:us-east-1:123456789012:function:$1:live');
  const settings = { documentWaitSeconds: [2592000, 864000, 432000], maxReviewRounds: 3, maxReschedules: 2 };
  const variables = { settings, docPhase: 0 };
  const context = {
    Execution: {
      Id: 'arn:aws:states:us-east-1:123456789012:execution:icp-case:case-123',
      Input: { settings },
      Name: 'case-123',
      RoleArn: ROLE,
      StartTime: '2026-01-05T09:59:00.000Z',
    },
    State: { Name: 'AwaitDocuments', EnteredTime: '2026-01-05T10:00:00.000Z', RetryCount: 0 },
    StateMachine: { Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:icp-case', Name: 'icp-case' },
    Task: { Token: 'token-1' },
  };
  const input = { plan: { documents: ['LICENCE'] } };
  const base = { definition, stateName: 'AwaitDocuments', input, variables, context } as const;

  it('parks the case with the task token and the deadline, then passes the callback result on', async () => {
    const r = await testState({
      ...base,
      mock: { result: '{"documents":"complete"}' },
      inspectionLevel: 'DEBUG',
    });
    expect(r).toEqual({
      status: 'SUCCEEDED',
      nextState: 'CrossCheckDocuments',
      output: { documents: 'complete' },
      inspection: {
        input,
        afterArguments: {
          FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:ParkHumanStep:live',
          Payload: {
            caseId: 'case-123',
            idempotencyKey: 'AwaitDocuments#2026-01-05T10:00:00.000Z',
            step: 'DOCUMENTS',
            taskToken: 'token-1',
            deadlineSeconds: 3888000,
          },
        },
        result: { documents: 'complete' },
        variables,
      },
    });
  });

  it('a timed-out wait is caught into DocumentsOverdue with docPhase + 1', async () => {
    const r = await testState({
      ...base,
      mock: { errorOutput: { error: 'States.Timeout', cause: 'timed out' } },
      inspectionLevel: 'DEBUG',
    });
    expect(r).toMatchObject({
      status: 'CAUGHT_ERROR',
      nextState: 'DocumentsOverdue',
      error: 'States.Timeout',
      cause: 'timed out',
      output: { Error: 'States.Timeout', Cause: 'timed out' },
    });
    expect(r.inspection?.errorDetails).toEqual({ catchIndex: 0 });
    expect(r.inspection?.variables).toEqual({ settings, docPhase: 1 });
  });

  it('a withdrawal is caught into WithdrawCase', async () => {
    const r = await testState({
      ...base,
      mock: { errorOutput: { error: 'Case.Withdrawn', cause: 'by applicant' } },
    });
    expect(r).toEqual({
      status: 'CAUGHT_ERROR',
      nextState: 'WithdrawCase',
      error: 'Case.Withdrawn',
      cause: 'by applicant',
      output: { Error: 'Case.Withdrawn', Cause: 'by applicant' },
    });
  });

  it('a Transient error is retried with back-off (FULL jitter reported un-jittered: Proposal)', async () => {
    const r = await testState({
      ...base,
      mock: { errorOutput: { error: 'Transient', cause: 'smtp down' } },
      stateConfiguration: { retrierRetryCount: 1 },
      inspectionLevel: 'DEBUG',
    });
    expect(r.status).toBe('RETRIABLE');
    expect(r.inspection?.errorDetails).toEqual({ retryIndex: 0, retryBackoffIntervalSeconds: 4 });
  });

  it('once the 4 retries are spent, States.ALL routes the case to MarkFailed with $failure', async () => {
    const r = await testState({
      ...base,
      mock: { errorOutput: { error: 'Transient', cause: 'smtp down' } },
      stateConfiguration: { retrierRetryCount: 4 },
      inspectionLevel: 'DEBUG',
    });
    expect(r).toMatchObject({ status: 'CAUGHT_ERROR', nextState: 'MarkFailed' });
    expect(r.inspection?.errorDetails).toEqual({ retryIndex: 0, catchIndex: 2 });
    expect(r.inspection?.variables).toEqual({
      settings,
      docPhase: 0,
      failure: { Error: 'Transient', Cause: 'smtp down' },
    });
  });

  it('DocumentsOverdue (a Choice, no mock) expires the case after the last phase', async () => {
    const overdue = { definition, stateName: 'DocumentsOverdue', input };
    expect(await testState({ ...overdue, variables: { settings, docPhase: 3 } })).toMatchObject({
      status: 'SUCCEEDED',
      nextState: 'ExpireCase',
    });
    expect(await testState({ ...overdue, variables: { settings, docPhase: 1 } })).toMatchObject({
      status: 'SUCCEEDED',
      nextState: 'SendDocumentReminder',
    });
  });
});

// ------------------------------------------------------------------ Map and Parallel

describe('Map and Parallel (mock only)', () => {
  const map = {
    Type: 'Map',
    ItemsPath: '$.items',
    ItemProcessor: {
      ProcessorConfig: { Mode: 'INLINE' },
      StartAt: 'ProcessItem',
      States: { ProcessItem: { Type: 'Pass', End: true } },
    },
    ResultPath: '$.results',
    End: true,
  };

  it('without a mock: InvalidDefinition (recorded message)', async () => {
    await expectApiError(
      { definition: map, roleArn: ROLE, input: { items: [1] } },
      'InvalidDefinition',
      'TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]',
    );
  });

  it('the mock is the whole Map result, which must be an array; iterations do not run', async () => {
    await expectApiError(
      { definition: map, input: { items: [1, 2, 3] }, mock: { result: '{"a":1}' } },
      'ValidationException',
      'Mocked result must be an array.',
    );
    const r = await testState({
      definition: map,
      input: { items: [1, 2, 3] },
      mock: { result: '[10,20,30]' },
      inspectionLevel: 'DEBUG',
    });
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { items: [1, 2, 3], results: [10, 20, 30] } });
    expect(r.inspection).toMatchObject({
      input: { items: [1, 2, 3] },
      afterInputPath: { items: [1, 2, 3] },
      afterItemsPath: [1, 2, 3],
      afterResultPath: { items: [1, 2, 3], results: [10, 20, 30] },
      maxConcurrency: 0,
    });
  });

  it('Parallel: the mock has one item per branch', async () => {
    const parallel = {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
        { StartAt: 'B', States: { B: { Type: 'Pass', End: true } } },
      ],
      End: true,
    };
    await expectApiError(
      { definition: parallel, mock: { result: '[1]' } },
      'ValidationException',
      'Mocked result must contain the same number of items as number of Parallel branches.',
    );
    expect(await testState({ definition: parallel, mock: { result: '[1,2]' } })).toEqual({
      status: 'SUCCEEDED',
      output: [1, 2],
    });
  });
});

// ------------------------------------------------------------------ request validation

describe('request validation', () => {
  const mocks = [
    { result: '{"mock":"the unmockable"}' },
    { errorOutput: { error: 'Error', cause: 'Cause' } },
  ];

  it.each([
    ['Pass', { Type: 'Pass', End: true }],
    ['Fail', { Type: 'Fail', Error: 'E' }],
    ['Succeed', { Type: 'Succeed' }],
    ['Choice', { Type: 'Choice', Choices: [{ Variable: '$.a', IsPresent: true, Next: 'X' }], Default: 'Y' }],
    ['Wait', { Type: 'Wait', Seconds: 1, End: true }],
  ])('a mock on a %s state is a ValidationException', async (type, definition) => {
    for (const mock of mocks) {
      await expectApiError(
        { definition, mock },
        'ValidationException',
        `State type '${type}' is not supported when a mock is specified`,
      );
    }
  });

  const task = { Type: 'Task', Resource: LAMBDA_INVOKE, Parameters: { FunctionName: 'f' }, End: true };

  it('a mock with both result and errorOutput is a ValidationException', async () => {
    await expectApiError(
      { definition: task, mock: { result: '{}', errorOutput: { error: 'E', cause: 'C' } } },
      'ValidationException',
      'A test mock should have only one of the following fields: [result, errorOutput].',
    );
  });

  it('revealSecrets with a mock is a ValidationException', async () => {
    await expectApiError(
      { definition: task, revealSecrets: true, mock: { result: '{}' } },
      'ValidationException',
      'TestState does not support RevealSecrets when a mock is specified.',
    );
  });

  it('a definition that is not JSON or not a state is InvalidDefinition', async () => {
    await expectApiError({ definition: '{"Type": "Pass",' }, 'InvalidDefinition');
    await expectApiError({ definition: { Type: 'Bogus', End: true } }, 'InvalidDefinition');
    await expectApiError({ definition: { End: true } }, 'InvalidDefinition');
  });

  it('an input that is not JSON is InvalidExecutionInput', async () => {
    await expectApiError(
      client.send(new TestStateCommand({ definition: '{"Type":"Pass","End":true}', input: '{"a":' })),
      'InvalidExecutionInput',
    );
  });
});
