import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type LambdaFunctionOptions,
  LambdaServiceError,
  type LocalLambda,
  lambdaTaskHandler,
  MAX_REQUEST_BYTES,
  startLambdaFunction,
} from '#stack/lambda/lambda-function';
import type { LambdaContext } from '#stepfunctions/index';
import { testEngine } from '../engine/helpers.ts';

/** Tiny hand-written assets, as `cdk synth` would write them: a folder with index.mjs. */
const ASSETS = mkdtempSync(join(tmpdir(), 'icp-lambda-assets-'));
const started: LocalLambda[] = [];
const logs: string[] = [];

function asset(name: string, source: string): string {
  const dir = join(ASSETS, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.mjs'), source);
  return dir;
}

async function lambda(name: string, source: string, options: Partial<LambdaFunctionOptions> = {}) {
  const fn = await startLambdaFunction({
    functionName: name,
    functionArn: `arn:aws:lambda:ap-southeast-1:000000000000:function:${name}`,
    assetDir: asset(name, source),
    handler: 'index.handler',
    environment: { AWS_REGION: 'ap-southeast-1' },
    timeoutSeconds: 10,
    memorySizeMb: 256,
    log: (line) => logs.push(line),
    ...options,
  });
  started.push(fn);
  return fn;
}

afterAll(async () => {
  await Promise.all(started.map((fn) => fn.close()));
  rmSync(ASSETS, { recursive: true, force: true });
});

describe('a local Lambda function run from its asset', () => {
  it('returns what the handler returns, with the Lambda context filled in', async () => {
    const fn = await lambda(
      'echo',
      `export const handler = async (event, context) => ({
        event,
        requestId: context.awsRequestId,
        functionName: context.functionName,
        functionVersion: context.functionVersion,
        arn: context.invokedFunctionArn,
        memory: context.memoryLimitInMB,
        logGroup: context.logGroupName,
        remaining: context.getRemainingTimeInMillis(),
      });`,
    );
    const outcome = await fn.invoke({ caseId: 'C-1', list: [1, 'two', null] }, { requestId: 'req-1' });
    expect(outcome).toEqual({
      ok: true,
      payload: {
        event: { caseId: 'C-1', list: [1, 'two', null] },
        requestId: 'req-1',
        functionName: 'echo',
        functionVersion: '$LATEST',
        arn: 'arn:aws:lambda:ap-southeast-1:000000000000:function:echo',
        memory: '256',
        logGroup: '/aws/lambda/echo',
        remaining: expect.any(Number),
      },
    });
    expect((outcome as { payload: { remaining: number } }).payload.remaining).toBeLessThanOrEqual(10_000);
  });

  it('supports callback-style handlers and writes their output to the log, prefixed by the function name', async () => {
    const fn = await lambda(
      'callback',
      `export const handler = (event, context, callback) => {
        console.log('handling', event.n);
        setTimeout(() => callback(null, event.n * 2), 10);
      };`,
    );
    expect(await fn.invoke({ n: 21 })).toEqual({ ok: true, payload: 42 });
    await expect.poll(() => logs).toContain('[callback] handling 21');
  });

  it('reports a thrown error as Lambda does: its name as errorType, its message and trace', async () => {
    const fn = await lambda(
      'throws',
      `class CaseNotFound extends Error { name = 'CaseNotFound'; }
      export const handler = async (event) => {
        if (event.kind === 'plain') throw new Error('plain failure');
        if (event.kind === 'string') throw 'not an error object';
        throw new CaseNotFound('case C-9 does not exist');
      };`,
    );
    const named = await fn.invoke({});
    expect(named).toMatchObject({
      ok: false,
      errorType: 'CaseNotFound',
      errorMessage: 'case C-9 does not exist',
    });
    expect((named as { trace: string[] }).trace[0]).toBe('CaseNotFound: case C-9 does not exist');
    expect(await fn.invoke({ kind: 'plain' })).toMatchObject({
      errorType: 'Error',
      errorMessage: 'plain failure',
    });
    expect(await fn.invoke({ kind: 'string' })).toMatchObject({
      errorType: 'string',
      errorMessage: 'not an error object',
    });
  });

  it("gives the function only Lambda's environment, never this process's", async () => {
    process.env.ICP_PARENT_CANARY = 'must-not-leak';
    try {
      const fn = await lambda('environment', 'export const handler = async () => ({ ...process.env });', {
        environment: {
          AWS_REGION: 'ap-southeast-1',
          TABLE_NAME: 'IcpStateful-CaseTable',
          AWS_ACCESS_KEY_ID: 'ASIALOCAL',
          AWS_SECRET_ACCESS_KEY: 'local-secret',
          AWS_SESSION_TOKEN: 'local-token',
        },
        memorySizeMb: 512,
      });
      const outcome = await fn.invoke({});
      const env = (outcome as { payload: Record<string, string> }).payload;
      expect(env.ICP_PARENT_CANARY).toBeUndefined();
      expect(Object.keys(env).sort()).toEqual(
        [
          'AWS_ACCESS_KEY_ID',
          'AWS_CONFIG_FILE',
          'AWS_DEFAULT_REGION',
          'AWS_EXECUTION_ENV',
          'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
          'AWS_LAMBDA_FUNCTION_NAME',
          'AWS_LAMBDA_FUNCTION_VERSION',
          'AWS_LAMBDA_INITIALIZATION_TYPE',
          'AWS_LAMBDA_LOG_GROUP_NAME',
          'AWS_LAMBDA_LOG_STREAM_NAME',
          'AWS_REGION',
          'AWS_SECRET_ACCESS_KEY',
          'AWS_SESSION_TOKEN',
          'AWS_SHARED_CREDENTIALS_FILE',
          'LAMBDA_RUNTIME_DIR',
          'LAMBDA_TASK_ROOT',
          'LANG',
          'NODE_PATH',
          'PATH',
          'TABLE_NAME',
          'TZ',
          '_HANDLER',
        ].sort(),
      );
      expect(env).toMatchObject({
        AWS_REGION: 'ap-southeast-1',
        AWS_DEFAULT_REGION: 'ap-southeast-1',
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
        AWS_LAMBDA_FUNCTION_NAME: 'environment',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        TABLE_NAME: 'IcpStateful-CaseTable',
        AWS_ACCESS_KEY_ID: 'ASIALOCAL',
        TZ: ':UTC',
        _HANDLER: 'index.handler',
      });
      // The asset runs from a copy outside the repository, next to the runtime's modules only.
      expect(env.LAMBDA_TASK_ROOT?.startsWith(`${env.LAMBDA_RUNTIME_DIR}/functions/`)).toBe(true);
      expect(env.LAMBDA_RUNTIME_DIR?.startsWith(process.cwd())).toBe(false);
    } finally {
      delete process.env.ICP_PARENT_CANARY;
    }
  });

  it('keeps an execution environment warm between invocations', async () => {
    const fn = await lambda(
      'warm',
      'let count = 0; export const handler = async () => ({ pid: process.pid, count: ++count });',
    );
    const first = (await fn.invoke({})) as { payload: { pid: number; count: number } };
    const second = (await fn.invoke({})) as { payload: { pid: number; count: number } };
    expect(second.payload).toEqual({ pid: first.payload.pid, count: 2 });
  });

  it('stops a handler that runs past its timeout, reports Sandbox.Timedout, and serves the next invocation from a fresh environment', async () => {
    const fn = await lambda(
      'slow',
      `export const handler = async (event) => {
        if (event.sleepMs) await new Promise((resolve) => setTimeout(resolve, event.sleepMs));
        return { pid: process.pid };
      };`,
      { timeoutSeconds: 1 },
    );
    const before = (await fn.invoke({})) as { payload: { pid: number } };
    const outcome = await fn.invoke({ sleepMs: 30_000 }, { requestId: 'req-slow' });
    expect(outcome).toEqual({
      ok: false,
      errorType: 'Sandbox.Timedout',
      errorMessage: 'RequestId: req-slow Error: Task timed out after 1.00 seconds',
    });
    const after = await fn.invoke({});
    expect(after).toMatchObject({ ok: true });
    expect((after as { payload: { pid: number } }).payload.pid).not.toBe(before.payload.pid);
  });

  it('caps the heap at MemorySize: a handler allocating past 128 MB ends with Runtime.ExitError', async () => {
    const fn = await lambda(
      'hog',
      `const kept = [];
      export const handler = async () => {
        for (;;) kept.push(new Array(1_000_000).fill(Math.random()));
      };`,
      { memorySizeMb: 128, timeoutSeconds: 60 },
    );
    const outcome = await fn.invoke({}, { requestId: 'req-hog' });
    expect(outcome).toMatchObject({ ok: false, errorType: 'Runtime.ExitError' });
    expect((outcome as { errorMessage: string }).errorMessage).toMatch(
      /^RequestId: req-hog Error: Runtime exited with error: signal: (aborted|killed)$/,
    );
    expect(logs.some((line) => line.startsWith('[hog]') && /heap out of memory/i.test(line))).toBe(true);
  });

  it('refuses a response over 6 MB with Function.ResponseSizeTooLarge and a request over 6 MB with RequestEntityTooLargeException', async () => {
    const fn = await lambda('large', "export const handler = async (event) => 'x'.repeat(event.length);");
    expect(await fn.invoke({ length: 6_000_000 })).toMatchObject({ ok: true });
    expect(await fn.invoke({ length: 6_400_000 })).toEqual({
      ok: false,
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
    });
    const request = { blob: 'y'.repeat(MAX_REQUEST_BYTES) };
    const refused = fn.invoke(request);
    await expect(refused).rejects.toBeInstanceOf(LambdaServiceError);
    await expect(refused).rejects.toMatchObject({
      name: 'RequestEntityTooLargeException',
      statusCode: 413,
      message: `${MAX_REQUEST_BYTES + 11} byte payload is too large for the RequestResponse invocation type (limit 6291456 bytes)`,
    });
  });

  it('returns an init failure for every invocation, as Lambda does', async () => {
    const fn = await lambda('no-handler', 'export const other = async () => 1;');
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(await fn.invoke({})).toMatchObject({
        ok: false,
        errorType: 'Runtime.HandlerNotFound',
        errorMessage: 'index.handler is undefined or not exported',
      });
    }
    const broken = await lambda('init-throws', "throw new TypeError('bad configuration');");
    expect(await broken.warm()).toMatchObject({
      ok: false,
      errorType: 'TypeError',
      errorMessage: 'bad configuration',
    });
  });

  it('runs invocations side by side up to maxConcurrency and queues the rest', async () => {
    const fn = await lambda(
      'concurrent',
      `export const handler = async () => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return process.pid;
      };`,
      { maxConcurrency: 2 },
    );
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => fn.invoke({})));
    const pids = new Set(outcomes.map((outcome) => (outcome as { payload: number }).payload));
    expect(pids.size).toBe(2);
  });
});

describe('the Step Functions task handler of a local function', () => {
  const context = (requestId: string): LambdaContext => ({
    functionName: 'task',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:ap-southeast-1:000000000000:function:task',
    memoryLimitInMB: '128',
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/task',
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 30_000,
  });

  it("returns the payload, and throws the function's error under its errorType for Retry and Catch", async () => {
    const fn = await lambda(
      'task',
      `class DocumentsIncomplete extends Error { name = 'DocumentsIncomplete'; }
      export const handler = async (event) => {
        if (event.fail) throw new DocumentsIncomplete('2 documents missing');
        return { next: 'review' };
      };`,
    );
    const task = lambdaTaskHandler(fn);
    expect(await task({ caseId: 'C-1' }, context('r1'))).toEqual({ next: 'review' });
    await expect(task({ fail: true }, context('r2'))).rejects.toMatchObject({
      name: 'DocumentsIncomplete',
      message: '2 documents missing',
    });
  });

  it("lets a state machine's Catch route the function's own error type, with Lambda's cause", async () => {
    const fn = await lambda(
      'task-engine',
      `class DocumentsIncomplete extends Error { name = 'DocumentsIncomplete'; }
      export const handler = async (event) => {
        if (event.fail) throw new DocumentsIncomplete('2 documents missing');
        return { next: 'review' };
      };`,
    );
    const engine = await testEngine({ 'task-engine': lambdaTaskHandler(fn) });
    try {
      const arn = await engine.start(
        {
          QueryLanguage: 'JSONata',
          StartAt: 'Check',
          States: {
            Check: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Arguments: { FunctionName: 'task-engine', Payload: { fail: true } },
              Catch: [
                {
                  ErrorEquals: ['DocumentsIncomplete'],
                  Output: '{% $states.errorOutput %}',
                  Next: 'Returned',
                },
              ],
              End: true,
            },
            Returned: { Type: 'Pass', End: true },
          },
        },
        {},
      );
      await engine.embedded.engine.waitForExecution(arn);
      const execution = await engine.describe(arn);
      expect(execution.status).toBe('SUCCEEDED');
      const output = JSON.parse(execution.output as string) as { Error: string; Cause: string };
      expect(output.Error).toBe('DocumentsIncomplete');
      expect(JSON.parse(output.Cause)).toMatchObject({
        errorType: 'DocumentsIncomplete',
        errorMessage: '2 documents missing',
      });
    } finally {
      await engine.dispose();
    }
  });

  it('throws a timeout as Sandbox.Timedout and a refused request as Lambda.RequestEntityTooLargeException', async () => {
    const fn = await lambda(
      'task-slow',
      'export const handler = async () => new Promise((resolve) => setTimeout(resolve, 30_000));',
      { timeoutSeconds: 1 },
    );
    const task = lambdaTaskHandler(fn);
    await expect(task({}, context('r3'))).rejects.toMatchObject({
      name: 'Sandbox.Timedout',
      message: 'RequestId: r3 Error: Task timed out after 1.00 seconds',
    });
    await expect(task({ blob: 'z'.repeat(MAX_REQUEST_BYTES) }, context('r4'))).rejects.toMatchObject({
      name: 'Lambda.RequestEntityTooLargeException',
    });
  });
});
