/**
 * The interpreter's contract with its host (the engine, or TestState): time, Lambda handlers,
 * history events, durability and task tokens.
 */
import type { Clock } from './clock.ts';
import type { Branch } from './execution-tree.ts';
import type { Json } from './json.ts';

export type TaskHandler = (event: Json, context: LambdaContext) => unknown;

/** The context object Lambda passes to a Node.js handler. */
export interface LambdaContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
}

export interface ExecutionInfo {
  arn: string;
  name: string;
  smArn: string;
  smName: string;
  roleArn: string;
  input: Json;
  start: number;
}

export type TokenOutcome = { ok: true; output: Json } | { ok: false; error?: string; cause?: string };

export interface RunHost {
  clock: Clock;
  region: string;
  accountId: string;
  partition: string;
  resolveHandler(functionName: string): { handler: TaskHandler; name: string; arn: string } | undefined;
  /** Records a history event (at `ts`, default now) and returns its id. */
  emit(type: string, branch: Branch, details?: Record<string, Json | undefined>, ts?: number): number;
  /** The tree changed: schedule a checkpoint. */
  changed(): void;
  /** Resolves once everything so far (tree and events) is on disk. */
  durable(): Promise<void>;
  /** Registers a task token; `onHeartbeat` is this task's own heartbeat (SendTaskHeartbeat). */
  awaitToken(token: string, onHeartbeat: () => void): { promise: Promise<TokenOutcome>; cancel(): void };
  /** Remembers a token that timed out so late SendTask* calls get TaskTimedOut. */
  tokenTimedOut(token: string): void;
  /** Rejects when the execution is stopped; every wait races with it. */
  stopped: Promise<never>;
  isStopped(): boolean;
}
