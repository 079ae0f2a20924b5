/**
 * The embedded Step Functions engine: state machines, executions, task tokens and their persistence.
 * `createEngine` loads the journal, resumes running executions and returns the programmatic API; the
 * AWS JSON protocol server (api-server.ts) maps each SFN operation onto `engine.call`.
 */
import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from './clock.ts';
import type { StateMachineDefinition } from './definition.ts';
import { validateDefinition } from './definition-validator.ts';
import { FailStateError, StatesError } from './errors.ts';
import { type Branch, newBranch } from './execution-tree.ts';
import { decodeEvents, type EncodedEvent, encodeEvents, type HistoryEvent, renderEvent } from './history.ts';
import type { RunHost, TaskHandler, TokenOutcome } from './host.ts';
import type { Json } from './json.ts';
import { ExecutionRunner } from './runner.ts';
import { Journal } from './store.ts';
import { parseTaskToken } from './task-token.ts';
import { runTestState } from './test-state.ts';
import { decodeBranch, encodeBranch } from './tree-codec.ts';

export { type Clock, ManualClock, systemClock } from './clock.ts';
export type { LambdaContext, TaskHandler } from './host.ts';

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

/** An API error in AWS's shape: `{ __type, message }` with HTTP 400. */
export class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

interface StateMachineRecord {
  arn: string;
  name: string;
  definition: string;
  roleArn: string;
  type: 'STANDARD' | 'EXPRESS';
  created: number;
  updated?: number;
  revisionId: string;
  loggingConfiguration?: Json;
  tracingConfiguration?: Json;
}

type Status = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

interface ExecutionRecord {
  arn: string;
  name: string;
  smArn: string;
  smName: string;
  roleArn: string;
  input: Json;
  start: number;
  def: string;
  status: Status;
  stop?: number;
  output?: Json;
  error?: string;
  cause?: string;
  root: Branch | null;
  events: HistoryEvent[];
  timedOutTokens: string[];
  // runtime only
  written: number;
  dirty: boolean;
  stopper?: { reject: (e: Error) => void; promise: Promise<never>; stopped: boolean };
  done?: Promise<void>;
  finished?: () => void;
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

const NAME_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;
const COMPACT_MIN_BYTES = 16 * 1024 * 1024;

export class Engine {
  readonly clock: Clock;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  private readonly journal: Journal;
  private readonly handlers = new Map<string, TaskHandler>();
  private readonly machines = new Map<string, StateMachineRecord>();
  private readonly executions = new Map<string, ExecutionRecord>();
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
    for (const [k, h] of Object.entries(opts.handlers ?? {})) this.registerHandler(k, h);
    this.journal.addCollector(() => this.collectDirty());
  }

  /** Registers (or replaces) a local Lambda handler under a function name or ARN. */
  registerHandler(nameOrArn: string, handler: TaskHandler): void {
    this.handlers.set(functionNameOf(nameOrArn), handler);
    this.handlers.set(nameOrArn, handler);
  }

  // ------------------------------------------------------------ startup and persistence

  async start(): Promise<void> {
    const records = this.journal.load();
    for (const r of records as Record<string, unknown>[]) this.replay(r);
    // Compacting at start keeps the journal proportional to live data across restarts.
    this.journal.rewrite(this.snapshotLines());
    await this.journal.openForAppend();
    for (const ex of this.executions.values()) if (ex.status === 'RUNNING') this.launch(ex);
  }

  private replay(r: Record<string, unknown>): void {
    switch (r.t) {
      case 'sm':
        this.machines.set((r.v as StateMachineRecord).arn, r.v as StateMachineRecord);
        return;
      case 'smd':
        this.machines.delete(r.arn as string);
        return;
      case 'ex': {
        const v = r.v as ExecutionRecord;
        this.executions.set(v.arn, {
          ...v,
          events: [],
          timedOutTokens: [],
          written: 0,
          dirty: false,
          root: null,
        });
        return;
      }
      case 'cp': {
        const ex = this.executions.get(r.a as string);
        if (!ex) return;
        if (Array.isArray(r.e)) decodeEvents(r.e as EncodedEvent[], ex.events);
        else for (const e of (r.ev as HistoryEvent[] | undefined) ?? []) ex.events.push(e); // earlier format
        ex.written = ex.events.length;
        ex.root = r.root ? decodeBranch(r.root as Record<string, unknown>) : null;
        ex.status = r.st as Status;
        if (r.sp !== undefined) ex.stop = r.sp as number;
        if ('o' in r) ex.output = r.o as Json;
        if (r.er !== undefined) ex.error = r.er as string;
        if (r.ca !== undefined) ex.cause = r.ca as string;
        if (r.to) ex.timedOutTokens = r.to as string[];
        return;
      }
    }
  }

  private executionHeader(ex: ExecutionRecord): string {
    const { arn, name, smArn, smName, roleArn, input, start, def } = ex;
    return JSON.stringify({
      t: 'ex',
      v: { arn, name, smArn, smName, roleArn, input, start, def, status: 'RUNNING', root: null },
    });
  }

  private checkpointLine(ex: ExecutionRecord, fromEvent: number): string {
    const line: Record<string, unknown> = {
      t: 'cp',
      a: ex.arn,
      e: encodeEvents(ex.events, fromEvent),
      root: ex.status === 'RUNNING' && ex.root ? encodeBranch(ex.root) : null,
      st: ex.status,
    };
    if (ex.stop !== undefined) line.sp = ex.stop;
    if (ex.output !== undefined) line.o = ex.output;
    if (ex.error !== undefined) line.er = ex.error;
    if (ex.cause !== undefined) line.ca = ex.cause;
    if (ex.timedOutTokens.length > 0) line.to = ex.timedOutTokens;
    return JSON.stringify(line);
  }

  private snapshotLines(): string[] {
    const lines: string[] = [];
    for (const sm of this.machines.values()) lines.push(JSON.stringify({ t: 'sm', v: sm }));
    for (const ex of this.executions.values()) {
      lines.push(this.executionHeader(ex));
      lines.push(this.checkpointLine(ex, 0));
      ex.written = ex.events.length;
      ex.dirty = false;
    }
    this.dirty.clear();
    return lines;
  }

  /** Called by the journal at commit time: one checkpoint line per execution that changed. */
  private collectDirty(): string[] {
    const lines: string[] = [];
    for (const ex of this.dirty) {
      lines.push(this.checkpointLine(ex, ex.written));
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
        if (!this.closed) this.journal.rewrite(this.snapshotLines());
      });
    }
  }

  // ------------------------------------------------------------ running executions

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
    const info = {
      arn: ex.arn,
      name: ex.name,
      smArn: ex.smArn,
      smName: ex.smName,
      roleArn: ex.roleArn,
      input: ex.input,
      start: ex.start,
    };
    const runner = new ExecutionRunner(host, info, def);
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
        const e = err instanceof StatesError ? err : new StatesError('States.Runtime', String(err));
        ex.status = 'FAILED';
        ex.stop = this.clock.now();
        const missingError = err instanceof FailStateError && err.missingError;
        if (!missingError) ex.error = e.error;
        if (e.cause_ !== undefined) ex.cause = e.cause_;
        host.emit('ExecutionFailed', root, { error: ex.error, cause: ex.cause });
        this.settle(ex);
      },
    );
  }

  private settle(ex: ExecutionRecord): void {
    ex.root = null;
    for (const [token, w] of this.tokens) if (w.exec === ex) this.tokens.delete(token);
    this.markDirty(ex);
    ex.finished?.();
    this.maybeCompact();
  }

  private finishAbnormally(
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

  private resolveHandler(fn: string): { handler: TaskHandler; name: string; arn: string } | undefined {
    const name = functionNameOf(fn);
    const handler = this.handlers.get(fn) ?? this.handlers.get(name);
    if (!handler) return undefined;
    // A qualified ARN (a version or an alias) is the invoked ARN, as Lambda reports it.
    return {
      handler,
      name,
      arn: /^arn:[^:]+:lambda:/.test(fn)
        ? fn
        : `arn:${this.partition}:lambda:${this.region}:${this.accountId}:function:${name}`,
    };
  }

  /** Resolves when the execution has finished (any terminal status). */
  async waitForExecution(executionArn: string): Promise<void> {
    const ex = this.executions.get(executionArn);
    if (!ex) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    if (ex.status !== 'RUNNING') return;
    await ex.done;
  }

  // ------------------------------------------------------------ API operations

  /** Dispatches one AWS Step Functions API operation (the name after `AWSStepFunctions.`). */
  async call(operation: string, input: Record<string, unknown>): Promise<unknown> {
    const op = (this as unknown as Record<string, unknown>)[`op${operation}`];
    if (typeof op !== 'function')
      throw new ApiError('UnknownOperationException', `Unknown operation ${operation}`);
    return (op as (i: Record<string, unknown>) => Promise<unknown>).call(this, input);
  }

  private smArn(name: string): string {
    return `arn:${this.partition}:states:${this.region}:${this.accountId}:stateMachine:${name}`;
  }

  private requireMachine(arn: unknown): StateMachineRecord {
    // A version (`:3`) or alias (`:live`) ARN runs the machine's one local definition.
    const sm = typeof arn === 'string' ? this.machines.get(arn.split(':').slice(0, 7).join(':')) : undefined;
    if (!sm) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(arn)}'`);
    return sm;
  }

  private requireExecution(arn: unknown): ExecutionRecord {
    const ex = typeof arn === 'string' ? this.executions.get(arn) : undefined;
    if (!ex) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(arn)}'`);
    return ex;
  }

  private checkDefinition(definition: unknown): string {
    if (typeof definition !== 'string')
      throw new ApiError('InvalidDefinition', 'Invalid State Machine Definition: definition is required');
    const diagnostics = validateDefinition(definition);
    if (diagnostics.length > 0)
      throw new ApiError(
        'InvalidDefinition',
        `Invalid State Machine Definition: '${diagnostics.map((d) => `${d.code}: ${d.message}`).join(', ')}'`,
      );
    return definition;
  }

  async opCreateStateMachine(i: Record<string, unknown>): Promise<unknown> {
    const name = String(i.name ?? '');
    if (!NAME_PATTERN.test(name)) throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
    const definition = this.checkDefinition(i.definition);
    const arn = this.smArn(name);
    const existing = this.machines.get(arn);
    if (existing) {
      if (existing.definition === definition && existing.roleArn === i.roleArn)
        return { stateMachineArn: arn, creationDate: existing.created / 1000 };
      throw new ApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    }
    const sm: StateMachineRecord = {
      arn,
      name,
      definition,
      roleArn: String(i.roleArn ?? `arn:${this.partition}:iam::${this.accountId}:role/local`),
      type: i.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
      created: this.clock.now(),
      revisionId: randomUUID(),
    };
    if (i.loggingConfiguration) sm.loggingConfiguration = i.loggingConfiguration as Json;
    if (i.tracingConfiguration) sm.tracingConfiguration = i.tracingConfiguration as Json;
    this.machines.set(arn, sm);
    this.journal.append(JSON.stringify({ t: 'sm', v: sm }));
    await this.journal.durable();
    return { stateMachineArn: arn, creationDate: sm.created / 1000 };
  }

  async opUpdateStateMachine(i: Record<string, unknown>): Promise<unknown> {
    const sm = this.requireMachine(i.stateMachineArn);
    if (i.definition !== undefined) sm.definition = this.checkDefinition(i.definition);
    if (typeof i.roleArn === 'string') sm.roleArn = i.roleArn;
    if (i.loggingConfiguration) sm.loggingConfiguration = i.loggingConfiguration as Json;
    sm.updated = this.clock.now();
    sm.revisionId = randomUUID();
    this.journal.append(JSON.stringify({ t: 'sm', v: sm }));
    await this.journal.durable();
    return { updateDate: sm.updated / 1000, revisionId: sm.revisionId };
  }

  async opDescribeStateMachine(i: Record<string, unknown>): Promise<unknown> {
    const sm = this.requireMachine(i.stateMachineArn);
    return {
      stateMachineArn: sm.arn,
      name: sm.name,
      status: 'ACTIVE',
      definition: sm.definition,
      roleArn: sm.roleArn,
      type: sm.type,
      creationDate: sm.created / 1000,
      revisionId: sm.revisionId,
      loggingConfiguration: sm.loggingConfiguration ?? { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: sm.tracingConfiguration ?? { enabled: false },
    };
  }

  async opListStateMachines(i: Record<string, unknown>): Promise<unknown> {
    const all = [...this.machines.values()].map((sm) => ({
      stateMachineArn: sm.arn,
      name: sm.name,
      type: sm.type,
      creationDate: sm.created / 1000,
    }));
    return page(all, i, 'stateMachines');
  }

  async opDeleteStateMachine(i: Record<string, unknown>): Promise<unknown> {
    const arn = String(i.stateMachineArn ?? '');
    if (this.machines.delete(arn)) {
      this.journal.append(JSON.stringify({ t: 'smd', arn }));
      await this.journal.durable();
    }
    return {};
  }

  async opValidateStateMachineDefinition(i: Record<string, unknown>): Promise<unknown> {
    const diagnostics = validateDefinition(String(i.definition ?? ''));
    return { result: diagnostics.length === 0 ? 'OK' : 'FAIL', diagnostics, truncated: false };
  }

  async opStartExecution(i: Record<string, unknown>): Promise<unknown> {
    const sm = this.requireMachine(i.stateMachineArn);
    const name = typeof i.name === 'string' ? i.name : randomUUID();
    if (!NAME_PATTERN.test(name)) throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
    const inputText = typeof i.input === 'string' ? i.input : '{}';
    let input: Json;
    try {
      input = JSON.parse(inputText) as Json;
    } catch {
      throw new ApiError('InvalidExecutionInput', `Invalid execution input: ${inputText}`);
    }
    const arn = `arn:${this.partition}:states:${this.region}:${this.accountId}:execution:${sm.name}:${name}`;
    const existing = this.executions.get(arn);
    if (existing) {
      // AWS: a repeated start with the same name and input of a running execution is idempotent.
      if (existing.status === 'RUNNING' && JSON.stringify(existing.input) === JSON.stringify(input))
        return { executionArn: arn, startDate: existing.start / 1000 };
      throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const ex: ExecutionRecord = {
      arn,
      name,
      smArn: sm.arn,
      smName: sm.name,
      roleArn: sm.roleArn,
      input,
      start: this.clock.now(),
      def: sm.definition,
      status: 'RUNNING',
      root: null,
      events: [],
      timedOutTokens: [],
      written: 0,
      dirty: false,
    };
    this.executions.set(arn, ex);
    this.journal.append(this.executionHeader(ex));
    this.launch(ex);
    await this.journal.durable();
    return { executionArn: arn, startDate: ex.start / 1000 };
  }

  async opStartSyncExecution(i: Record<string, unknown>): Promise<unknown> {
    const started = (await this.opStartExecution(i)) as { executionArn: string };
    await this.waitForExecution(started.executionArn);
    const ex = this.requireExecution(started.executionArn);
    const out: Record<string, unknown> = {
      executionArn: ex.arn,
      stateMachineArn: ex.smArn,
      name: ex.name,
      startDate: ex.start / 1000,
      stopDate: (ex.stop ?? this.clock.now()) / 1000,
      status: ex.status,
      input: JSON.stringify(ex.input),
      inputDetails: { included: true },
      billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: 100 },
    };
    if (ex.output !== undefined) {
      out.output = JSON.stringify(ex.output);
      out.outputDetails = { included: true };
    }
    if (ex.error !== undefined) out.error = ex.error;
    if (ex.cause !== undefined) out.cause = ex.cause;
    return out;
  }

  async opDescribeExecution(i: Record<string, unknown>): Promise<unknown> {
    const ex = this.requireExecution(i.executionArn);
    const out: Record<string, unknown> = {
      executionArn: ex.arn,
      stateMachineArn: ex.smArn,
      name: ex.name,
      status: ex.status,
      startDate: ex.start / 1000,
      input: JSON.stringify(ex.input),
      inputDetails: { included: true },
      redriveCount: 0,
      redriveStatus: 'NOT_REDRIVABLE',
    };
    if (ex.stop !== undefined) out.stopDate = ex.stop / 1000;
    if (ex.output !== undefined) {
      out.output = JSON.stringify(ex.output);
      out.outputDetails = { included: true };
    }
    if (ex.error !== undefined) out.error = ex.error;
    if (ex.cause !== undefined) out.cause = ex.cause;
    return out;
  }

  async opListExecutions(i: Record<string, unknown>): Promise<unknown> {
    const sm = this.requireMachine(i.stateMachineArn);
    const filter = i.statusFilter as string | undefined;
    const list = [...this.executions.values()]
      .filter((ex) => ex.smArn === sm.arn && (!filter || ex.status === filter))
      .sort((a, b) => b.start - a.start)
      .map((ex) => {
        const item: Record<string, unknown> = {
          executionArn: ex.arn,
          stateMachineArn: ex.smArn,
          name: ex.name,
          status: ex.status,
          startDate: ex.start / 1000,
        };
        if (ex.stop !== undefined) item.stopDate = ex.stop / 1000;
        return item;
      });
    return page(list, i, 'executions');
  }

  async opGetExecutionHistory(i: Record<string, unknown>): Promise<unknown> {
    const ex = this.requireExecution(i.executionArn);
    const include = i.includeExecutionData !== false;
    let events = ex.events;
    if (i.reverseOrder === true) events = [...events].reverse();
    const offset = typeof i.nextToken === 'string' ? Number(i.nextToken) || 0 : 0;
    const max = typeof i.maxResults === 'number' && i.maxResults > 0 ? Math.min(i.maxResults, 1000) : 1000;
    const slice = events.slice(offset, offset + max).map((e) => renderEvent(e, include));
    const out: Record<string, unknown> = { events: slice };
    if (offset + max < events.length) out.nextToken = String(offset + max);
    return out;
  }

  async opStopExecution(i: Record<string, unknown>): Promise<unknown> {
    const ex = this.requireExecution(i.executionArn);
    if (ex.status === 'RUNNING') {
      const details: { error?: string; cause?: string } = {};
      if (typeof i.error === 'string') details.error = i.error;
      if (typeof i.cause === 'string') details.cause = i.cause;
      this.finishAbnormally(ex, 'ABORTED', 'ExecutionAborted', details);
      await this.journal.durable();
    }
    return { stopDate: (ex.stop ?? this.clock.now()) / 1000 };
  }

  private tokenWaiter(token: unknown): TokenWaiter {
    if (typeof token !== 'string' || token.length === 0 || token.length > 1024)
      throw new ApiError('InvalidToken', 'Invalid Token');
    const parsed = parseTaskToken(token);
    if (!parsed) throw new ApiError('InvalidToken', `Invalid Token: '${token}'`);
    const waiter = this.tokens.get(token);
    if (waiter) return waiter;
    const ex = this.executions.get(parsed.e);
    if (ex?.timedOutTokens.includes(token)) throw new ApiError('TaskTimedOut', 'Task Timed Out');
    throw new ApiError('TaskDoesNotExist', 'Task Does Not Exist');
  }

  async opSendTaskSuccess(i: Record<string, unknown>): Promise<unknown> {
    const waiter = this.tokenWaiter(i.taskToken);
    let output: Json;
    try {
      output = JSON.parse(String(i.output ?? '')) as Json;
    } catch {
      throw new ApiError('InvalidOutput', `Invalid Output: '${String(i.output)}'`);
    }
    this.tokens.delete(i.taskToken as string);
    waiter.resolve({ ok: true, output });
    await this.afterTokenResolution(waiter.exec);
    return {};
  }

  async opSendTaskFailure(i: Record<string, unknown>): Promise<unknown> {
    const waiter = this.tokenWaiter(i.taskToken);
    this.tokens.delete(i.taskToken as string);
    const outcome: TokenOutcome = { ok: false };
    if (typeof i.error === 'string') outcome.error = i.error;
    if (typeof i.cause === 'string') outcome.cause = i.cause;
    waiter.resolve(outcome);
    await this.afterTokenResolution(waiter.exec);
    return {};
  }

  async opSendTaskHeartbeat(i: Record<string, unknown>): Promise<unknown> {
    const waiter = this.tokenWaiter(i.taskToken);
    waiter.heartbeat();
    return {};
  }

  /** The caller is answered once the task's completion is on disk. */
  private async afterTokenResolution(ex: ExecutionRecord): Promise<void> {
    await new Promise<void>((r) => setImmediate(r));
    this.markDirty(ex);
    await this.journal.durable();
  }

  /** TestState (TEST-STATE.md): one state run once, in memory, by test-state.ts. */
  async opTestState(i: Record<string, unknown>): Promise<unknown> {
    const { clock, region, accountId, partition } = this;
    const resolveHandler = (fn: string) => this.resolveHandler(fn);
    return runTestState({ clock, region, accountId, partition, resolveHandler }, i);
  }

  async opTagResource(): Promise<unknown> {
    return {};
  }

  async opListTagsForResource(): Promise<unknown> {
    return { tags: [] };
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

function functionNameOf(nameOrArn: string): string {
  const m = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(nameOrArn);
  if (m) return m[1] as string;
  // Partial ARN `123456789012:function:name` and `name:qualifier` forms.
  const partial = /(?:^|:)function:([^:]+)/.exec(nameOrArn);
  if (partial) return partial[1] as string;
  return nameOrArn.split(':')[0] as string;
}

function page<T>(items: T[], i: Record<string, unknown>, key: string): Record<string, unknown> {
  const offset = typeof i.nextToken === 'string' ? Number(i.nextToken) || 0 : 0;
  const max = typeof i.maxResults === 'number' && i.maxResults > 0 ? i.maxResults : 100;
  const out: Record<string, unknown> = { [key]: items.slice(offset, offset + max) };
  if (offset + max < items.length) out.nextToken = String(offset + max);
  return out;
}
