/**
 * The embedded Step Functions engine's core: the live state machines and executions, launching and
 * settling executions, task tokens, and persistence glue. `createEngine` (index.ts) loads the
 * journal, resumes running executions and returns the programmatic API; the API operations live in
 * `api/` (one module per group) and run through `engine.call`, which api-server.ts serves over the
 * AWS JSON protocol. This is the one module that uses the interpreter (runner.ts).
 */

import { checkRequest } from './api/limits.ts';
import { OPERATIONS } from './api/operations.ts';
import { ApiError, type InputOf, type OperationName, type OutputOf } from './api/wire.ts';
import { type Clock, systemClock } from './clock.ts';
import type { StateMachineDefinition } from './definition.ts';
import { asStatesError, FailStateError } from './errors.ts';
import { newBranch } from './execution-tree.ts';
import { Handlers } from './handlers.ts';
import type { HistoryEvent } from './history.ts';
import type { RunHost, TaskHandler, TokenOutcome } from './host.ts';
import {
  checkpointLine,
  type ExecutionRecord,
  executionHeader,
  type LiveState,
  replay,
  type StateMachineRecord,
  type Status,
  snapshotLines,
} from './records.ts';
import { ExecutionRunner } from './runner.ts';
import { Journal } from './store.ts';
import { parseTaskToken } from './task-token.ts';

export { ApiError } from './api/wire.ts';
export { type Clock, ManualClock, systemClock } from './clock.ts';
export type { Branch } from './execution-tree.ts';
export type { LambdaContext, TaskHandler, TokenOutcome } from './host.ts';

export interface EngineOptions {
  /** Where the journal lives; created if missing. */
  dataDir: string;
  /** Local Lambda handlers by function name or ARN (`arn:...:function:name[:qualifier]` resolves by name). */
  handlers?: Record<string, TaskHandler>;
  clock?: Clock;
  region?: string;
  accountId?: string;
  /** `aws`, `aws-cn`, ...: used in the ARNs the engine mints. */
  partition?: string;
  /** fsync each group commit (default true). */
  fsync?: boolean;
}

interface TokenWaiter {
  exec: ExecutionRecord;
  resolve: (o: TokenOutcome) => void;
  heartbeat: () => void;
}

class StopSignal extends Error {}

const parsedDefinitions = new Map<string, StateMachineDefinition>();
function parseDefinition(text: string): StateMachineDefinition {
  let d = parsedDefinitions.get(text);
  if (!d) {
    d = JSON.parse(text) as StateMachineDefinition;
    parsedDefinitions.set(text, d);
  }
  return d;
}

const COMPACT_MIN_BYTES = 16 * 1024 * 1024;

export class Engine implements LiveState {
  readonly clock: Clock;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  /** Live state machines by ARN (read by the API operations; changed through `record`). */
  readonly machines = new Map<string, StateMachineRecord>();
  /** Live executions by ARN (added only through `begin`). */
  readonly executions = new Map<string, ExecutionRecord>();
  private readonly journal: Journal;
  private readonly handlers: Handlers;
  private readonly tokens = new Map<string, TokenWaiter>();
  private readonly dirty = new Set<ExecutionRecord>();
  private closed = false;
  private compacting = false;

  constructor(opts: EngineOptions) {
    this.clock = opts.clock ?? systemClock;
    this.region = opts.region ?? 'us-east-1';
    this.accountId = opts.accountId ?? '123456789012';
    this.partition = opts.partition ?? (this.region.startsWith('cn-') ? 'aws-cn' : 'aws');
    this.journal = new Journal({ dataDir: opts.dataDir, fsync: opts.fsync });
    this.handlers = new Handlers(
      (name) => `arn:${this.partition}:lambda:${this.region}:${this.accountId}:function:${name}`,
    );
    for (const [k, h] of Object.entries(opts.handlers ?? {})) this.registerHandler(k, h);
    this.journal.addCollector(() => this.collectDirty());
  }

  /** Registers (or replaces) a local Lambda handler under a function name or ARN. */
  registerHandler(nameOrArn: string, handler: TaskHandler): void {
    this.handlers.register(nameOrArn, handler);
  }
  /** The local handler a function name or ARN resolves to, as Lambda resolves it. */
  resolveHandler(functionName: string): ReturnType<RunHost['resolveHandler']> {
    return this.handlers.resolve(functionName);
  }

  /** Dispatches one AWS Step Functions API operation (the name after `AWSStepFunctions.`). */
  call<K extends OperationName>(operation: K, input: InputOf<K>): Promise<OutputOf<K>>;
  call(operation: string, input: object): Promise<unknown>;
  async call(operation: string, input: object): Promise<unknown> {
    if (!Object.hasOwn(OPERATIONS, operation))
      throw new ApiError('UnknownOperationException', `Unknown operation ${operation}`);
    return run(this, operation as OperationName, input);
  }

  // ------------------------------------------------------------ startup and persistence

  async start(): Promise<void> {
    for (const r of this.journal.load() as Record<string, unknown>[]) replay(this, r);
    // Compacting at start keeps the journal proportional to live data across restarts.
    this.journal.rewrite(this.snapshot());
    await this.journal.openForAppend();
    for (const ex of this.executions.values()) if (ex.status === 'RUNNING') this.launch(ex);
  }

  /** Appends a journal line (state machine changes) and resolves once it is on disk. */
  async record(line: string): Promise<void> {
    this.journal.append(line);
    await this.journal.durable();
  }

  /** Resolves once everything changed so far is on disk: API calls answer only after that. */
  durable(): Promise<void> {
    return this.journal.durable();
  }

  private snapshot(): string[] {
    const lines = snapshotLines(this);
    this.dirty.clear();
    return lines;
  }

  /** Called by the journal at commit time: one checkpoint line per execution that changed. */
  private collectDirty(): string[] {
    const lines: string[] = [];
    for (const ex of this.dirty) {
      lines.push(checkpointLine(ex, ex.written));
      ex.written = ex.events.length;
      ex.dirty = false;
    }
    this.dirty.clear();
    return lines;
  }

  private markDirty(ex: ExecutionRecord): void {
    if (!ex.dirty) {
      ex.dirty = true;
      this.dirty.add(ex);
    }
    this.journal.schedule();
  }

  /**
   * Compacts when the journal has grown to 4× its size at the last compaction (the live data then)
   * and past 16 MiB, checked after executions end: rewriting costs are amortised over the growth.
   */
  private maybeCompact(): void {
    if (this.compacting || this.journal.bytes < COMPACT_MIN_BYTES) return;
    if (this.journal.bytes > Math.max(COMPACT_MIN_BYTES, this.journal.rewrittenBytes * 4)) {
      this.compacting = true;
      void this.journal.durable().then(() => {
        this.compacting = false;
        if (!this.closed) this.journal.rewrite(this.snapshot());
      });
    }
  }

  // ------------------------------------------------------------ running executions

  /**
   * Registers and launches a new execution, all or nothing: its journal header is serialised first
   * and appended only once the launch went through, so if anything throws no trace of the execution
   * remains, in memory or on disk (the caller gets the error, nobody gets a half-started execution).
   */
  begin(ex: ExecutionRecord): void {
    const header = executionHeader(ex);
    this.executions.set(ex.arn, ex);
    try {
      this.launch(ex);
    } catch (err) {
      this.forget(ex);
      throw err;
    }
    // Appended in this same turn, before the commit that collects the launch's first checkpoint.
    this.journal.append(header);
  }

  private forget(ex: ExecutionRecord): void {
    if (ex.stopper) {
      ex.stopper.stopped = true;
      ex.stopper.reject(new StopSignal('discarded'));
    }
    for (const [token, w] of this.tokens) if (w.exec === ex) this.tokens.delete(token);
    this.dirty.delete(ex);
    this.executions.delete(ex.arn);
  }

  private launch(ex: ExecutionRecord): void {
    const def = parseDefinition(ex.def);
    let rejectStop: (e: Error) => void = () => {};
    const promise = new Promise<never>((_, reject) => {
      rejectStop = reject;
    });
    promise.catch(() => {});
    ex.stopper = { reject: rejectStop, promise, stopped: false };
    const stopper = ex.stopper;
    const host: RunHost = {
      clock: this.clock,
      region: this.region,
      accountId: this.accountId,
      partition: this.partition,
      resolveHandler: (fn) => this.resolveHandler(fn),
      emit: (type, branch, details, ts) => {
        if (branch.quiet) return branch.lastEventId;
        const id = ex.events.length + 1;
        const e: HistoryEvent = { id, prev: branch.lastEventId, ts: ts ?? this.clock.now(), type };
        if (details) e.d = details;
        ex.events.push(e);
        branch.lastEventId = id;
        return id;
      },
      changed: () => this.markDirty(ex),
      durable: () => {
        this.markDirty(ex);
        return this.journal.durable();
      },
      awaitToken: (token, onHeartbeat) => {
        let resolve: (o: TokenOutcome) => void = () => {};
        const p = new Promise<TokenOutcome>((r) => {
          resolve = r;
        });
        this.tokens.set(token, { exec: ex, resolve, heartbeat: onHeartbeat });
        return { promise: p, cancel: () => this.tokens.delete(token) };
      },
      tokenTimedOut: (token) => {
        ex.timedOutTokens.push(token);
        this.tokens.delete(token);
      },
      stopped: promise,
      isStopped: () => stopper.stopped,
    };
    const { arn, name, smArn, smName, roleArn, input, start } = ex;
    const runner = new ExecutionRunner(host, { arn, name, smArn, smName, roleArn, input, start }, def);
    if (!ex.root) {
      ex.root = newBranch(def.StartAt, ex.input, this.clock.now(), 0);
      const started = host.emit('ExecutionStarted', ex.root, {
        input: ex.input,
        roleArn: ex.roleArn,
      });
      ex.root.lastEventId = started === 1 ? 0 : started;
      this.markDirty(ex);
    }
    let timeoutHandle: unknown;
    const root = ex.root;
    ex.done = new Promise<void>((resolve) => {
      ex.finished = resolve;
    });
    runner.run(root).then(
      (output) => {
        if (stopper.stopped) return;
        this.clock.clearTimer(timeoutHandle);
        ex.status = 'SUCCEEDED';
        ex.output = output;
        ex.stop = this.clock.now();
        host.emit('ExecutionSucceeded', root, { output });
        this.settle(ex);
      },
      (err: unknown) => {
        if (stopper.stopped) return;
        this.clock.clearTimer(timeoutHandle);
        const e = asStatesError(err);
        ex.status = 'FAILED';
        ex.stop = this.clock.now();
        const missingError = err instanceof FailStateError && err.missingError;
        if (!missingError) ex.error = e.error;
        if (e.cause_ !== undefined) ex.cause = e.cause_;
        host.emit('ExecutionFailed', root, { error: ex.error, cause: ex.cause });
        this.settle(ex);
      },
    );
    // Armed once the run is under way (its callbacks run later, and read the handle then), so a
    // launch that throws leaves no timer behind.
    if (typeof def.TimeoutSeconds === 'number') {
      const due = ex.start + def.TimeoutSeconds * 1000;
      timeoutHandle = this.clock.setTimer(
        () =>
          this.finishAbnormally(ex, 'TIMED_OUT', 'ExecutionTimedOut', {
            error: 'States.Timeout',
            cause: undefined,
          }),
        Math.max(0, due - this.clock.now()),
      );
    }
  }

  private settle(ex: ExecutionRecord): void {
    ex.root = null;
    for (const [token, w] of this.tokens) if (w.exec === ex) this.tokens.delete(token);
    this.markDirty(ex);
    ex.finished?.();
    this.maybeCompact();
  }

  /** Ends a running execution from outside the interpreter (StopExecution, execution timeout). */
  finishAbnormally(
    ex: ExecutionRecord,
    status: Status,
    eventType: string,
    details: { error?: string; cause?: string },
  ): void {
    if (ex.status !== 'RUNNING' || !ex.stopper) return;
    ex.stopper.stopped = true;
    ex.stopper.reject(new StopSignal(status));
    ex.status = status;
    ex.stop = this.clock.now();
    if (details.error !== undefined) ex.error = details.error;
    if (details.cause !== undefined) ex.cause = details.cause;
    const id = ex.events.length + 1;
    ex.events.push({ id, prev: ex.events.length, ts: this.clock.now(), type: eventType, d: { ...details } });
    this.settle(ex);
  }

  /** Resolves when the execution has finished (any terminal status). */
  async waitForExecution(executionArn: string): Promise<void> {
    const ex = this.executions.get(executionArn);
    if (!ex) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    if (ex.status !== 'RUNNING') return;
    await ex.done;
  }

  // ------------------------------------------------------------ task tokens

  /** The task waiting for a token, or the error AWS gives for a token that has none. */
  private tokenWaiter(token: string): TokenWaiter {
    const parsed = parseTaskToken(token);
    if (!parsed) throw new ApiError('InvalidToken', `Invalid Token: '${token}'`);
    const waiter = this.tokens.get(token);
    if (waiter) return waiter;
    const ex = this.executions.get(parsed.e);
    if (ex?.timedOutTokens.includes(token)) throw new ApiError('TaskTimedOut', 'Task Timed Out');
    throw new ApiError('TaskDoesNotExist', 'Task Does Not Exist');
  }

  /**
   * Completes the task waiting for `token` with the outcome `settle` makes (called only once the
   * token is known to be waited for, so a refused outcome leaves the task waiting); resolves once
   * the completion is on disk.
   */
  async completeTask(token: string, outcome: () => TokenOutcome): Promise<void> {
    const waiter = this.tokenWaiter(token);
    const o = outcome();
    this.tokens.delete(token);
    waiter.resolve(o);
    // The interpreter records the completion on its next turn; the caller is answered after that is durable.
    await new Promise<void>((r) => setImmediate(r));
    this.markDirty(waiter.exec);
    await this.journal.durable();
  }

  heartbeat(token: string): void {
    this.tokenWaiter(token).heartbeat();
  }

  // ------------------------------------------------------------ lifecycle

  /** Stops timers and commits the journal. Running executions stay RUNNING on disk and resume on the next start. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const ex of this.executions.values())
      if (ex.status === 'RUNNING' && ex.stopper) {
        ex.stopper.stopped = true;
        ex.stopper.reject(new StopSignal('closing'));
      }
    await this.journal.close();
  }

  /** Number of executions per status (diagnostics, benchmarks). */
  stats(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const ex of this.executions.values()) out[ex.status] = (out[ex.status] ?? 0) + 1;
    return out;
  }
}

/** Checks the request against the operation's constraints, then runs it. */
function run<K extends OperationName>(engine: Engine, operation: K, input: unknown): Promise<OutputOf<K>> {
  const op = OPERATIONS[operation] as (e: Engine, i: InputOf<K>) => Promise<OutputOf<K>>;
  return op(engine, checkRequest(operation, input));
}
