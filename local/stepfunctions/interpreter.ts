/**
 * The ASL interpreter. An execution is a tree of branches (the top level, each Map iteration, each
 * Parallel branch); each branch holds one frame: the state it is in, that state's input and, when it
 * is suspended, what it waits for. The tree is plain JSON, so the store can snapshot it at any moment
 * and `runBranch` can resume from the snapshot after a restart: every suspension records enough to
 * continue (a due time, a task token, the already evaluated task parameters).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { evaluateRule, parseTimestamp } from './choice-rules.ts';
import type { Clock } from './clock.ts';
import { ErrorNames, FieldError, StatesError } from './errors.ts';
import { evaluateIntrinsic, isIntrinsic } from './intrinsics.ts';
import { isObject, type Json, type JsonObject, jsonTypeName } from './json.ts';
import {
  type CompiledPath,
  compilePath,
  normalizedPath,
  PathNotFound,
  readCompiled,
  writePath,
} from './json-path.ts';
import {
  containsTemplate,
  evaluateJsonataValue,
  evaluateTemplate,
  expectType,
  expressionText,
  isJsonataTemplate,
  type JsonataScope,
} from './jsonata-eval.ts';

// ---------------------------------------------------------------- persisted shapes

export type Suspension =
  | { k: 'wait'; due: number }
  | { k: 'retry'; due: number }
  | {
      k: 'task';
      /** Evaluated parameters, kept so a resumed task is invoked with exactly the same request. */
      params: Json;
      token?: string;
      /** True once the handler of a callback task returned: after a restart only the token is awaited. */
      invoked?: boolean;
      timeoutAt?: number;
      heartbeatMs?: number;
      heartbeatAt?: number;
    }
  | { k: 'map'; items: Json[]; br: (Branch | null)[]; conc: number; tolCount: number; tolPct: number }
  | { k: 'parallel'; br: Branch[] };

export interface Frame {
  s: string;
  in: Json;
  /** 0: the StateEntered event is still to be written; 1: entered. */
  ph: 0 | 1;
  eid: number;
  et: number;
  rc?: number[];
  sus?: Suspension;
}

export interface Branch {
  f: Frame;
  /** Variables of this scope (Assign); inner scopes read outer ones through the runtime chain. */
  v: JsonObject;
  /** Last event id of the branch, for previousEventId. */
  le: number;
  /** Map iteration context. */
  mi?: { i: number; v: Json };
  done?: { out: Json } | { error: string; cause?: string };
  /** Events of this branch (and below) are not recorded: distributed Map iterations. */
  quiet?: boolean;
}

export interface StateMachineDefinition {
  StartAt: string;
  States: Record<string, StateDef>;
  QueryLanguage?: 'JSONPath' | 'JSONata';
  TimeoutSeconds?: number;
  Comment?: string;
}

export type StateDef = Record<string, unknown> & { Type: string };

// ---------------------------------------------------------------- host contract

export type TaskHandler = (event: Json, context: LambdaContext) => unknown;

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

/** What the interpreter needs from the engine: time, handlers, events, durability, tokens. */
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
  awaitToken(token: string, onHeartbeat: () => void): { promise: Promise<TokenOutcome>; cancel(): void };
  /** Remembers a token that timed out so late SendTask* calls get TaskTimedOut. */
  tokenTimedOut(token: string): void;
  /** Rejects when the execution is stopped; every wait races with it. */
  stopped: Promise<never>;
  isStopped(): boolean;
}

export type TokenOutcome = { ok: true; output: Json } | { ok: false; error?: string; cause?: string };

interface StepResult {
  output: Json;
  next?: string;
  assigned?: JsonObject;
}

type Lang = 'JSONPath' | 'JSONata';

/** Scope chain for variables: own object plus the enclosing scope. */
interface Scope {
  vars: JsonObject;
  parent: Scope | null;
}

function lookupVar(scope: Scope | null, name: string): { found: true; value: Json } | { found: false } {
  for (let s = scope; s; s = s.parent)
    if (Object.hasOwn(s.vars, name)) return { found: true, value: s.vars[name] as Json };
  return { found: false };
}

function flattenVars(scope: Scope): JsonObject {
  if (!scope.parent) return scope.vars;
  return { ...flattenVars(scope.parent), ...scope.vars };
}

/** What runBranch needs of a state on every visit, derived once per state definition object. */
interface StateInfo {
  entered: string;
  exited: string | null;
}

const stateInfos = new WeakMap<StateDef, StateInfo>();

function stateInfo(def: StateDef): StateInfo {
  let info = stateInfos.get(def);
  if (!info) {
    info = {
      entered: `${def.Type}StateEntered`,
      exited: def.Type === 'Fail' ? null : `${def.Type}StateExited`,
    };
    stateInfos.set(def, info);
  }
  return info;
}

function hasKeys(o: object): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return true;
  return false;
}

const DEFAULT_TASK_TIMEOUT_S = 99_999_999;
const YIELD_EVERY = 2048;

// ---------------------------------------------------------------- the runner

export class ExecutionRunner {
  private transitions = 0;
  /** Names of Task/Map/Parallel states, whose context carries State.RetryCount. */
  private readonly retriable = new Set<string>();

  constructor(
    private readonly host: RunHost,
    private readonly info: ExecutionInfo,
    private readonly definition: StateMachineDefinition,
  ) {
    const collect = (states: Record<string, StateDef>) => {
      for (const [name, st] of Object.entries(states)) {
        if (st.Type === 'Task' || st.Type === 'Map' || st.Type === 'Parallel') this.retriable.add(name);
        const proc = (st.ItemProcessor ?? st.Iterator) as { States?: Record<string, StateDef> } | undefined;
        if (proc?.States) collect(proc.States);
        for (const b of (st.Branches as { States: Record<string, StateDef> }[] | undefined) ?? [])
          collect(b.States);
      }
    };
    collect(definition.States);
  }

  /** Runs (or resumes) the top-level branch to its output; throws StatesError on failure. */
  run(root: Branch): Promise<Json> {
    return this.runBranch(root, this.definition, null, this.definition.QueryLanguage ?? 'JSONPath');
  }

  static newBranch(
    startAt: string,
    input: Json,
    now: number,
    le: number,
    mi?: { i: number; v: Json },
  ): Branch {
    const b: Branch = { f: { s: startAt, in: input, ph: 0, eid: 0, et: now }, v: {}, le };
    if (mi) b.mi = mi;
    return b;
  }

  private async runBranch(
    br: Branch,
    machine: { States: Record<string, StateDef> },
    parent: Scope | null,
    inheritedLang: Lang,
  ): Promise<Json> {
    const scope: Scope = { vars: br.v, parent };
    for (;;) {
      const f = br.f;
      const def = machine.States[f.s];
      if (!def) throw new StatesError(ErrorNames.Runtime, `State '${f.s}' does not exist`);
      const lang: Lang = (def.QueryLanguage as Lang | undefined) ?? inheritedLang;
      const info = stateInfo(def);
      if (f.ph === 0) {
        f.et = this.host.clock.now();
        f.eid = this.host.emit(info.entered, br, { name: f.s, input: f.in }, f.et);
        f.ph = 1;
      }
      let result: StepResult;
      try {
        const r = this.executeState(br, def, lang, scope, inheritedLang);
        result = r instanceof Promise ? await r : r;
      } catch (err) {
        if (this.host.isStopped()) throw err;
        const handled = await this.handleError(err, br, def, lang, scope);
        if (handled === 'retry') continue;
        result = handled;
      }
      if (info.exited !== null) {
        const details: Record<string, Json | undefined> = { name: f.s, output: result.output };
        if (result.assigned && hasKeys(result.assigned)) details.assignedVariables = result.assigned;
        this.host.emit(info.exited, br, details);
      }
      if (result.assigned) Object.assign(br.v, result.assigned);
      if (result.next === undefined) {
        delete f.sus;
        delete f.rc;
        this.host.changed();
        return result.output;
      }
      br.f = { s: result.next, in: result.output, ph: 0, eid: 0, et: 0 };
      this.host.changed();
      if (++this.transitions % YIELD_EVERY === 0) await new Promise<void>((r) => setImmediate(r));
      if (this.host.isStopped()) await this.host.stopped;
    }
  }

  // ------------------------------------------------------------ errors, Retry and Catch

  private async handleError(
    err: unknown,
    br: Branch,
    def: StateDef,
    lang: Lang,
    scope: Scope,
  ): Promise<StepResult | 'retry'> {
    const f = br.f;
    const e = this.toStatesError(err, f);
    if (err instanceof FieldError && err.location !== undefined && lang === 'JSONata') {
      this.host.emit('EvaluationFailed', br, {
        error: e.error,
        cause: e.cause_,
        location: err.location,
        state: f.s,
      });
    } else if (
      err instanceof FieldError &&
      lang === 'JSONata' &&
      e.error === ErrorNames.QueryEvaluationError
    ) {
      this.host.emit('EvaluationFailed', br, { error: e.error, cause: e.cause_, state: f.s });
    }
    const started = f.sus?.k === 'map' || f.sus?.k === 'parallel';
    const evaluation = err instanceof FieldError && lang === 'JSONata';
    delete f.sus;
    const retriers = Array.isArray(def.Retry) ? (def.Retry as Record<string, unknown>[]) : [];
    for (let i = 0; i < retriers.length; i++) {
      const r = retriers[i] as Record<string, unknown>;
      if (!matchesError(r.ErrorEquals as string[], e.error)) continue;
      const counts = f.rc ?? retriers.map(() => 0);
      const attempt = counts[i] ?? 0;
      const max = typeof r.MaxAttempts === 'number' ? r.MaxAttempts : 3;
      if (attempt >= max) break;
      counts[i] = attempt + 1;
      f.rc = counts;
      const interval = typeof r.IntervalSeconds === 'number' ? r.IntervalSeconds : 1;
      const rate = typeof r.BackoffRate === 'number' ? r.BackoffRate : 2;
      let delayS = interval * rate ** attempt;
      if (typeof r.MaxDelaySeconds === 'number') delayS = Math.min(delayS, r.MaxDelaySeconds);
      if (r.JitterStrategy === 'FULL') delayS = Math.random() * delayS;
      f.sus = { k: 'retry', due: this.host.clock.now() + Math.round(delayS * 1000) };
      this.host.changed();
      await this.sleepUntil(f.sus.due);
      delete f.sus;
      return 'retry';
    }
    if (def.Type === 'Map' && (started || evaluation)) this.host.emit('MapStateFailed', br);
    if (def.Type === 'Parallel' && started) this.host.emit('ParallelStateFailed', br);
    const catchers = Array.isArray(def.Catch) ? (def.Catch as Record<string, unknown>[]) : [];
    for (const c of catchers) {
      if (!matchesError(c.ErrorEquals as string[], e.error)) continue;
      const errorOutput: JsonObject = { Error: e.error };
      if (e.cause_ !== undefined) errorOutput.Cause = e.cause_;
      delete f.rc;
      if (lang === 'JSONata') {
        const states = this.jsonataStates(br, f.in, { errorOutput });
        const jscope = { states, variables: flattenVars(scope) };
        const output =
          c.Output === undefined
            ? errorOutput
            : await evaluateJsonataValue(c.Output as Json, 'Output', jscope);
        const assigned =
          c.Assign === undefined
            ? undefined
            : ((await evaluateJsonataValue(c.Assign as Json, 'Assign', jscope)) as JsonObject);
        return { output, next: c.Next as string, assigned };
      }
      const assigned =
        c.Assign === undefined
          ? undefined
          : (this.payload(c.Assign as Json, errorOutput, br, scope, 'Assign') as JsonObject);
      const resultPath = c.ResultPath === undefined ? '$' : (c.ResultPath as string | null);
      const output = this.applyResultPath(resultPath, f.in, errorOutput, br, scope);
      return { output, next: c.Next as string, assigned };
    }
    throw e;
  }

  private toStatesError(err: unknown, f: Frame): StatesError {
    if (err instanceof FieldError) {
      return new StatesError(
        err.error,
        `An error occurred while executing the state '${f.s}' (entered at the event id #${f.eid}). ${err.cause_ ?? ''}`,
      );
    }
    if (err instanceof StatesError) return err;
    return new StatesError(ErrorNames.Runtime, err instanceof Error ? err.message : String(err));
  }

  // ------------------------------------------------------------ states

  private executeState(
    br: Branch,
    def: StateDef,
    lang: Lang,
    scope: Scope,
    inheritedLang: Lang,
  ): StepResult | Promise<StepResult> {
    switch (def.Type) {
      case 'Pass':
        return lang === 'JSONata' ? this.passJsonata(br, def, scope) : this.passJsonPath(br, def, scope);
      case 'Choice':
        return lang === 'JSONata' ? this.choiceJsonata(br, def, scope) : this.choiceJsonPath(br, def, scope);
      case 'Succeed':
        return this.succeed(br, def, lang, scope);
      case 'Fail':
        return this.fail(br, def, lang, scope);
      case 'Wait':
        return this.wait(br, def, lang, scope);
      case 'Task':
        return this.task(br, def, lang, scope);
      case 'Map':
        return this.map(br, def, lang, scope, inheritedLang);
      case 'Parallel':
        return this.parallel(br, def, lang, scope, inheritedLang);
      default:
        throw new StatesError(ErrorNames.Runtime, `Unsupported state type: ${def.Type}`);
    }
  }

  private nextOf(def: StateDef): string | undefined {
    return def.End === true ? undefined : (def.Next as string | undefined);
  }

  private passJsonPath(br: Branch, def: StateDef, scope: Scope): StepResult {
    const input = this.inputPath(def, br, scope);
    let result: Json;
    if (def.Parameters !== undefined)
      result = this.payload(def.Parameters as Json, input, br, scope, 'Parameters');
    else if (def.Result !== undefined) {
      result = def.Result as Json;
      checkPayloadSize(br.f.s, def, result);
    } else result = input;
    const assigned =
      def.Assign === undefined
        ? undefined
        : (this.payload(def.Assign as Json, result, br, scope, 'Assign') as JsonObject);
    const afterResult = this.applyResultPath(
      def.ResultPath as string | null | undefined,
      br.f.in,
      result,
      br,
      scope,
    );
    const output = this.outputPath(def, afterResult, br, scope, assigned);
    return { output, next: this.nextOf(def), assigned };
  }

  private async passJsonata(br: Branch, def: StateDef, scope: Scope): Promise<StepResult> {
    const states = this.jsonataStates(br, br.f.in);
    const jscope = { states, variables: flattenVars(scope) };
    const output =
      def.Output === undefined ? br.f.in : await this.jsonataField(def.Output as Json, 'Output', jscope);
    const assigned = await this.assignJsonata(def, jscope);
    return { output, next: this.nextOf(def), assigned };
  }

  private choiceJsonPath(br: Branch, def: StateDef, scope: Scope): StepResult {
    const input = this.inputPath(def, br, scope);
    for (const rule of (def.Choices as Record<string, unknown>[]) ?? []) {
      if (evaluateRule(rule, (path) => this.resolveForChoice(path, input, br, scope))) {
        const assigned =
          rule.Assign === undefined
            ? undefined
            : (this.payload(rule.Assign as Json, input, br, scope, 'Assign') as JsonObject);
        const output = this.outputPath(def, input, br, scope, assigned);
        return { output, next: rule.Next as string, assigned };
      }
    }
    if (def.Default === undefined)
      throw new StatesError(ErrorNames.NoChoiceMatched, `No Matches! for choice state '${br.f.s}'`);
    const assigned =
      def.Assign === undefined
        ? undefined
        : (this.payload(def.Assign as Json, input, br, scope, 'Assign') as JsonObject);
    const output = this.outputPath(def, input, br, scope, assigned);
    return { output, next: def.Default as string, assigned };
  }

  private async choiceJsonata(br: Branch, def: StateDef, scope: Scope): Promise<StepResult> {
    const states = this.jsonataStates(br, br.f.in);
    const jscope = { states, variables: flattenVars(scope) };
    const choices = (def.Choices as Record<string, unknown>[]) ?? [];
    for (let i = 0; i < choices.length; i++) {
      const rule = choices[i] as Record<string, unknown>;
      let ok: Json;
      if (isJsonataTemplate(rule.Condition)) {
        ok = await evaluateTemplate(rule.Condition, `Choices[${i}]/Condition`, jscope);
        if (typeof ok !== 'boolean') expectType(ok, 'boolean', rule.Condition, `Condition`);
      } else ok = rule.Condition as Json;
      if (ok === true) {
        const output =
          rule.Output === undefined
            ? br.f.in
            : await this.jsonataField(rule.Output as Json, 'Output', jscope);
        const assigned = await this.assignJsonata(rule, jscope);
        return { output, next: rule.Next as string, assigned };
      }
    }
    if (def.Default === undefined)
      throw new StatesError(ErrorNames.NoChoiceMatched, `No Matches! for choice state '${br.f.s}'`);
    const output =
      def.Output === undefined ? br.f.in : await this.jsonataField(def.Output as Json, 'Output', jscope);
    const assigned = await this.assignJsonata(def, jscope);
    return { output, next: def.Default as string, assigned };
  }

  private async succeed(br: Branch, def: StateDef, lang: Lang, scope: Scope): Promise<StepResult> {
    if (lang === 'JSONata') {
      const jscope = { states: this.jsonataStates(br, br.f.in), variables: flattenVars(scope) };
      const output =
        def.Output === undefined ? br.f.in : await this.jsonataField(def.Output as Json, 'Output', jscope);
      return { output };
    }
    const input = this.inputPath(def, br, scope);
    return { output: this.outputPath(def, input, br, scope) };
  }

  private async fail(br: Branch, def: StateDef, lang: Lang, scope: Scope): Promise<StepResult> {
    let error: Json | undefined;
    let cause: Json | undefined;
    if (lang === 'JSONata') {
      const jscope = { states: this.jsonataStates(br, br.f.in), variables: flattenVars(scope) };
      if (def.Error !== undefined) error = await this.jsonataField(def.Error as Json, 'Error', jscope);
      if (def.Cause !== undefined) cause = await this.jsonataField(def.Cause as Json, 'Cause', jscope);
    } else {
      error =
        def.ErrorPath !== undefined
          ? this.failPath(def.ErrorPath as string, 'ErrorPath', br, scope)
          : (def.Error as Json);
      cause =
        def.CausePath !== undefined
          ? this.failPath(def.CausePath as string, 'CausePath', br, scope)
          : (def.Cause as Json);
    }
    throw new FailStateError(
      error === undefined || error === null ? undefined : asText(error),
      cause === undefined || cause === null ? undefined : asText(cause),
    );
  }

  private failPath(path: string, field: string, br: Branch, scope: Scope): Json {
    if (isIntrinsic(path))
      return evaluateIntrinsic(path, (p) => this.resolvePath(p, br.f.in, br, scope, field));
    try {
      return this.resolvePath(path, br.f.in, br, scope, field);
    } catch (err) {
      if (err instanceof PathNotFound || err instanceof FieldError)
        throw new FieldError(
          ErrorNames.Runtime,
          `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${JSON.stringify(br.f.in)}'`,
        );
      throw err;
    }
  }

  private async wait(br: Branch, def: StateDef, lang: Lang, scope: Scope): Promise<StepResult> {
    const f = br.f;
    let output: Json;
    let assigned: JsonObject | undefined;
    if (f.sus?.k !== 'wait') {
      let due: number;
      if (lang === 'JSONata') {
        const jscope = { states: this.jsonataStates(br, f.in), variables: flattenVars(scope) };
        if (def.Seconds !== undefined) {
          const s = await this.jsonataField(def.Seconds as Json, 'Seconds', jscope);
          if (typeof s !== 'number' || !Number.isInteger(s) || s < 0)
            throw new FieldError(
              ErrorNames.QueryEvaluationError,
              `The Seconds field must be a non-negative integer but was: ${JSON.stringify(s)}`,
              'Seconds',
            );
          due = this.host.clock.now() + s * 1000;
        } else {
          const t = await this.jsonataField(def.Timestamp as Json, 'Timestamp', jscope);
          const ms = parseTimestamp(t);
          if (ms === undefined)
            throw new FieldError(
              ErrorNames.QueryEvaluationError,
              `The Timestamp field is not a valid timestamp: ${JSON.stringify(t)}`,
              'Timestamp',
            );
          due = ms;
        }
      } else {
        const input = this.inputPath(def, br, scope);
        if (typeof def.Seconds === 'number') due = this.host.clock.now() + def.Seconds * 1000;
        else if (typeof def.Timestamp === 'string')
          due = parseTimestamp(def.Timestamp) ?? this.host.clock.now();
        else if (typeof def.SecondsPath === 'string') {
          const v = this.resolvePath(def.SecondsPath, input, br, scope, 'SecondsPath');
          if (typeof v !== 'number' || !Number.isInteger(v))
            throw new FieldError(
              ErrorNames.Runtime,
              `The SecondsPath parameter cannot be parsed as a long value: ${def.SecondsPath} == ${JSON.stringify(v)}`,
            );
          if (v < 0)
            throw new FieldError(
              ErrorNames.Runtime,
              `The SecondsPath parameter references a negative value: ${def.SecondsPath} == ${v}`,
            );
          due = this.host.clock.now() + v * 1000;
        } else {
          const v = this.resolvePath(def.TimestampPath as string, input, br, scope, 'TimestampPath');
          const ms = parseTimestamp(v);
          if (ms === undefined)
            throw new FieldError(
              ErrorNames.Runtime,
              `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${String(def.TimestampPath)} == ${JSON.stringify(v)}`,
            );
          due = ms;
        }
      }
      f.sus = { k: 'wait', due };
      this.host.changed();
    }
    await this.sleepUntil(f.sus.due);
    delete f.sus;
    if (lang === 'JSONata') {
      const jscope = { states: this.jsonataStates(br, f.in), variables: flattenVars(scope) };
      output =
        def.Output === undefined ? f.in : await this.jsonataField(def.Output as Json, 'Output', jscope);
      assigned = await this.assignJsonata(def, jscope);
    } else {
      const input = this.inputPath(def, br, scope);
      assigned =
        def.Assign === undefined
          ? undefined
          : (this.payload(def.Assign as Json, input, br, scope, 'Assign') as JsonObject);
      output = this.outputPath(def, input, br, scope, assigned);
    }
    return { output, next: this.nextOf(def), assigned };
  }

  // ------------------------------------------------------------ Task

  private async task(br: Branch, def: StateDef, lang: Lang, scope: Scope): Promise<StepResult> {
    const f = br.f;
    const resource = def.Resource as string;
    const target = parseResource(resource);
    let sus = f.sus?.k === 'task' ? f.sus : undefined;
    if (!sus) {
      const token = target.callback ? newTaskToken(this.info.arn) : undefined;
      let params: Json;
      let timeoutS: Json = DEFAULT_TASK_TIMEOUT_S;
      let heartbeatS: Json | undefined;
      if (lang === 'JSONata') {
        const states = this.jsonataStates(br, f.in, {}, token);
        const jscope = { states, variables: flattenVars(scope) };
        params =
          def.Arguments === undefined
            ? f.in
            : await this.jsonataField(def.Arguments as Json, 'Arguments', jscope);
        if (def.TimeoutSeconds !== undefined)
          timeoutS = await this.jsonataField(def.TimeoutSeconds as Json, 'TimeoutSeconds', jscope);
        if (def.HeartbeatSeconds !== undefined)
          heartbeatS = await this.jsonataField(def.HeartbeatSeconds as Json, 'HeartbeatSeconds', jscope);
      } else {
        const input = this.inputPath(def, br, scope);
        params =
          def.Parameters === undefined
            ? input
            : this.payload(def.Parameters as Json, input, br, scope, 'Parameters', token);
        if (typeof def.TimeoutSeconds === 'number') timeoutS = def.TimeoutSeconds;
        if (typeof def.TimeoutSecondsPath === 'string')
          timeoutS = this.resolvePath(def.TimeoutSecondsPath, input, br, scope, 'TimeoutSecondsPath');
        if (typeof def.HeartbeatSeconds === 'number') heartbeatS = def.HeartbeatSeconds;
        if (typeof def.HeartbeatSecondsPath === 'string')
          heartbeatS = this.resolvePath(def.HeartbeatSecondsPath, input, br, scope, 'HeartbeatSecondsPath');
      }
      if (typeof timeoutS !== 'number' || timeoutS <= 0)
        throw new FieldError(
          ErrorNames.Runtime,
          `The TimeoutSeconds value must be a positive integer but was: ${JSON.stringify(timeoutS)}`,
        );
      const now = this.host.clock.now();
      sus = { k: 'task', params, timeoutAt: now + timeoutS * 1000 };
      if (token) sus.token = token;
      if (typeof heartbeatS === 'number' && heartbeatS > 0) {
        sus.heartbeatMs = heartbeatS * 1000;
        sus.heartbeatAt = now + heartbeatS * 1000;
      }
      f.sus = sus;
      if (target.kind === 'lambda-arn') {
        this.host.emit('LambdaFunctionScheduled', br, {
          resource,
          input: params,
          timeoutInSeconds: timeoutS,
        });
        this.host.emit('LambdaFunctionStarted', br);
      } else {
        const scheduled: Record<string, Json | undefined> = {
          resourceType: target.resourceType,
          resource: target.resourceName,
          region: this.host.region,
          parameters: JSON.stringify(params),
        };
        if (def.TimeoutSeconds !== undefined || def.TimeoutSecondsPath !== undefined)
          scheduled.timeoutInSeconds = timeoutS;
        if (sus.heartbeatMs) scheduled.heartbeatInSeconds = sus.heartbeatMs / 1000;
        this.host.emit('TaskScheduled', br, scheduled);
        this.host.emit('TaskStarted', br, {
          resourceType: target.resourceType,
          resource: target.resourceName,
        });
      }
      this.host.changed();
      // A callback token must be on disk before anyone outside can hold it.
      if (token) await this.host.durable();
    }
    const outcome = await this.invokeTask(br, def, target, sus);
    delete f.sus;
    const rawResult = outcome;
    checkPayloadSize(f.s, undefined, rawResult);
    if (target.kind === 'lambda-arn') this.host.emit('LambdaFunctionSucceeded', br, { output: rawResult });
    else
      this.host.emit('TaskSucceeded', br, {
        resourceType: target.resourceType,
        resource: target.resourceName,
        output: rawResult,
      });
    return this.finishWithResult(br, def, lang, scope, rawResult);
  }

  /** Output processing shared by Task, Map and Parallel once they have a result. */
  private async finishWithResult(
    br: Branch,
    def: StateDef,
    lang: Lang,
    scope: Scope,
    result: Json,
  ): Promise<StepResult> {
    const f = br.f;
    if (lang === 'JSONata') {
      const jscope = { states: this.jsonataStates(br, f.in, { result }), variables: flattenVars(scope) };
      const output =
        def.Output === undefined ? result : await this.jsonataField(def.Output as Json, 'Output', jscope);
      const assigned = await this.assignJsonata(def, jscope);
      return { output, next: this.nextOf(def), assigned };
    }
    const selected =
      def.ResultSelector === undefined
        ? result
        : this.payload(def.ResultSelector as Json, result, br, scope, 'ResultSelector');
    const assigned =
      def.Assign === undefined
        ? undefined
        : (this.payload(def.Assign as Json, selected, br, scope, 'Assign') as JsonObject);
    const afterResult = this.applyResultPath(
      def.ResultPath as string | null | undefined,
      f.in,
      selected,
      br,
      scope,
    );
    const output = this.outputPath(def, afterResult, br, scope, assigned);
    return { output, next: this.nextOf(def), assigned };
  }

  private async invokeTask(
    br: Branch,
    def: StateDef,
    target: ResourceTarget,
    sus: Extract<Suspension, { k: 'task' }>,
  ): Promise<Json> {
    const timers: unknown[] = [];
    const cleanups: (() => void)[] = [];
    const clock = this.host.clock;
    const timeoutPromise = new Promise<never>((_, reject) => {
      const fire = (error: string) => {
        if (sus.token) this.host.tokenTimedOut(sus.token);
        reject(new TaskTimeout(error));
      };
      if (sus.timeoutAt !== undefined)
        timers.push(clock.setTimer(() => fire(ErrorNames.Timeout), Math.max(0, sus.timeoutAt - clock.now())));
      if (sus.heartbeatAt !== undefined && sus.heartbeatMs) {
        const arm = () => {
          const h = clock.setTimer(
            () => fire(ErrorNames.HeartbeatTimeout),
            Math.max(0, (sus.heartbeatAt ?? 0) - clock.now()),
          );
          timers.push(h);
          return h;
        };
        let handle = arm();
        cleanups.push(() => clock.clearTimer(handle));
        this.onHeartbeat = () => {
          clock.clearTimer(handle);
          sus.heartbeatAt = clock.now() + (sus.heartbeatMs ?? 0);
          this.host.changed();
          handle = arm();
        };
      }
    });
    timeoutPromise.catch(() => {});
    try {
      let tokenWait: { promise: Promise<TokenOutcome>; cancel(): void } | undefined;
      if (sus.token) {
        const hb = () => this.onHeartbeat?.();
        tokenWait = this.host.awaitToken(sus.token, () => hb());
        cleanups.push(() => tokenWait?.cancel());
      }
      if (!sus.invoked) {
        const response = await Promise.race([
          this.callHandler(target, sus.params, br),
          timeoutPromise,
          this.host.stopped,
        ]);
        if (sus.token) {
          sus.invoked = true;
          this.host.emit('TaskSubmitted', br, {
            resourceType: target.resourceType,
            resource: target.resourceName,
            output: response,
          });
          this.host.changed();
        } else return response;
      }
      const outcome = await Promise.race([
        (tokenWait as { promise: Promise<TokenOutcome> }).promise,
        timeoutPromise,
        this.host.stopped,
      ]);
      if (outcome.ok) return outcome.output;
      throw new TaskFailure(outcome.error, outcome.cause);
    } catch (err) {
      if (this.host.isStopped()) throw err;
      const e =
        err instanceof TaskTimeout
          ? new StatesError(err.error, undefined)
          : err instanceof StatesError
            ? err
            : new StatesError(ErrorNames.TaskFailed, String(err));
      const failType = err instanceof TaskTimeout ? 'TimedOut' : 'Failed';
      const details: Record<string, Json | undefined> = { error: e.error, cause: e.cause_ };
      if (target.kind === 'lambda-arn') this.host.emit(`LambdaFunction${failType}`, br, details);
      else
        this.host.emit(`Task${failType}`, br, {
          resourceType: target.resourceType,
          resource: target.resourceName,
          ...details,
        });
      throw e;
    } finally {
      for (const t of timers) clock.clearTimer(t);
      for (const c of cleanups) c();
      this.onHeartbeat = undefined;
      void def;
    }
  }

  private onHeartbeat: (() => void) | undefined;

  private async callHandler(target: ResourceTarget, params: Json, br: Branch): Promise<Json> {
    let functionName: string;
    let payload: Json;
    if (target.kind === 'lambda-arn') {
      functionName = target.functionName;
      payload = params;
    } else if (target.kind === 'lambda-invoke') {
      if (!isObject(params) || typeof params.FunctionName !== 'string')
        throw new StatesError(ErrorNames.Runtime, 'The field "FunctionName" is required for lambda:invoke');
      functionName = params.FunctionName;
      payload = params.Payload === undefined ? null : (params.Payload as Json);
    } else {
      throw new StatesError(
        ErrorNames.Runtime,
        `An error occurred while executing the state '${br.f.s}' (entered at the event id #${br.f.eid}). The resource '${target.resource}' is not supported by the local engine.`,
      );
    }
    const found = this.host.resolveHandler(functionName);
    const requestId = randomUUID();
    if (!found) {
      const arn = functionName.startsWith('arn:')
        ? functionName
        : `arn:${this.host.partition}:lambda:${this.host.region}:${this.host.accountId}:function:${functionName}`;
      throw new StatesError(
        'Lambda.ResourceNotFoundException',
        `Function not found: ${arn} (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: ${requestId}; Proxy: null)`,
      );
    }
    const deadline = br.f.sus?.k === 'task' ? br.f.sus.timeoutAt : undefined;
    const clock = this.host.clock;
    const context: LambdaContext = {
      functionName: found.name,
      functionVersion: '$LATEST',
      invokedFunctionArn: found.arn,
      memoryLimitInMB: '128',
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${found.name}`,
      logStreamName: 'local',
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, (deadline ?? clock.now() + 900_000) - clock.now()),
    };
    let result: unknown;
    try {
      // Lambda sees a JSON copy: a handler can never mutate the execution's state.
      result = await found.handler(JSON.parse(JSON.stringify(payload)) as Json, context);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      const errorType = e.name || 'Error';
      const cause = JSON.stringify({
        errorType,
        errorMessage: e.message,
        trace: (e.stack ?? '').split('\n'),
      });
      throw new StatesError(errorType, cause);
    }
    const plain = (result === undefined ? null : JSON.parse(JSON.stringify(result))) as Json;
    if (target.kind === 'lambda-arn') return plain;
    return {
      ExecutedVersion: '$LATEST',
      Payload: plain,
      SdkHttpMetadata: {
        AllHttpHeaders: {
          'X-Amz-Executed-Version': ['$LATEST'],
          'x-amzn-Remapped-Content-Length': ['0'],
          Connection: ['keep-alive'],
          'x-amzn-RequestId': [requestId],
          'Content-Length': [String(JSON.stringify(plain).length)],
          Date: [new Date(clock.now()).toUTCString()],
          'Content-Type': ['application/json'],
        },
        HttpHeaders: {
          Connection: 'keep-alive',
          'Content-Length': String(JSON.stringify(plain).length),
          'Content-Type': 'application/json',
          Date: new Date(clock.now()).toUTCString(),
          'X-Amz-Executed-Version': '$LATEST',
          'x-amzn-Remapped-Content-Length': '0',
          'x-amzn-RequestId': requestId,
        },
        HttpStatusCode: 200,
      },
      SdkResponseMetadata: { RequestId: requestId },
      StatusCode: 200,
    };
  }

  // ------------------------------------------------------------ Map

  private async map(
    br: Branch,
    def: StateDef,
    lang: Lang,
    scope: Scope,
    _inheritedLang: Lang,
  ): Promise<StepResult> {
    const f = br.f;
    const processor = (def.ItemProcessor ?? def.Iterator) as {
      StartAt: string;
      States: Record<string, StateDef>;
      QueryLanguage?: Lang;
      ProcessorConfig?: { Mode?: string };
    };
    const distributed = processor.ProcessorConfig?.Mode === 'DISTRIBUTED';
    let sus = f.sus?.k === 'map' ? f.sus : undefined;
    if (!sus) {
      let items: Json;
      let conc = 0;
      let tolCount = Number.POSITIVE_INFINITY;
      let tolPct = Number.POSITIVE_INFINITY;
      let selectorInput: Json;
      if (lang === 'JSONata') {
        const jscope = { states: this.jsonataStates(br, f.in), variables: flattenVars(scope) };
        if (def.Items === undefined) {
          items = f.in;
          if (!Array.isArray(items))
            throw new FieldError(
              ErrorNames.QueryEvaluationError,
              `Map state input must be an array but was: ${JSON.stringify(items)}`,
            );
        } else {
          items = await this.jsonataField(def.Items as Json, 'Items', jscope);
          expectType(items, 'array', def.Items, 'Items');
        }
        if (def.MaxConcurrency !== undefined)
          conc = Number(await this.jsonataField(def.MaxConcurrency as Json, 'MaxConcurrency', jscope));
        if (def.ToleratedFailureCount !== undefined)
          tolCount = Number(
            await this.jsonataField(def.ToleratedFailureCount as Json, 'ToleratedFailureCount', jscope),
          );
        if (def.ToleratedFailurePercentage !== undefined)
          tolPct = Number(
            await this.jsonataField(
              def.ToleratedFailurePercentage as Json,
              'ToleratedFailurePercentage',
              jscope,
            ),
          );
        selectorInput = f.in;
      } else {
        const input = this.inputPath(def, br, scope);
        selectorInput = input;
        items =
          def.ItemsPath === undefined
            ? input
            : this.resolvePath(def.ItemsPath as string, input, br, scope, 'ItemsPath');
        if (def.MaxConcurrency !== undefined) conc = def.MaxConcurrency as number;
        if (def.MaxConcurrencyPath !== undefined) {
          const v = this.resolvePath(
            def.MaxConcurrencyPath as string,
            input,
            br,
            scope,
            'MaxConcurrencyPath',
          );
          conc = parseInteger(v, 'MaxConcurrencyPath', def.MaxConcurrencyPath as string);
        }
        if (!Array.isArray(items))
          throw new FieldError(
            ErrorNames.Runtime,
            `Map state input must be an array but was: ${JSON.stringify(items)}`,
          );
      }
      const arr = items as Json[];
      // ItemSelector (or the legacy Parameters) is evaluated up front so a resume sees the same inputs.
      const selector = (def.ItemSelector ?? def.Parameters) as Json | undefined;
      const inputs: Json[] = [];
      for (let i = 0; i < arr.length; i++) {
        const mi = { i, v: arr[i] as Json };
        if (selector === undefined) inputs.push(arr[i] as Json);
        else if (lang === 'JSONata') {
          const states = this.jsonataStates(br, selectorInput, {}, undefined, mi);
          inputs.push(
            await this.jsonataField(selector, 'ItemSelector', { states, variables: flattenVars(scope) }),
          );
        } else {
          const ctx = this.contextObject(br, undefined, mi);
          inputs.push(this.payload(selector, selectorInput, br, scope, 'ItemSelector', undefined, ctx));
        }
      }
      this.host.emit('MapStateStarted', br, { length: inputs.length });
      // AWS resolves the tolerated-failure thresholds only once the Map has started.
      if (lang === 'JSONPath') {
        const input = selectorInput;
        if (def.ToleratedFailureCount !== undefined) tolCount = def.ToleratedFailureCount as number;
        if (def.ToleratedFailureCountPath !== undefined) {
          const v = this.resolvePath(
            def.ToleratedFailureCountPath as string,
            input,
            br,
            scope,
            'ToleratedFailureCountPath',
          );
          tolCount = parseInteger(v, 'ToleratedFailureCountPath', def.ToleratedFailureCountPath as string);
        }
        if (def.ToleratedFailurePercentage !== undefined) tolPct = def.ToleratedFailurePercentage as number;
        if (def.ToleratedFailurePercentagePath !== undefined) {
          const v = this.resolvePath(
            def.ToleratedFailurePercentagePath as string,
            input,
            br,
            scope,
            'ToleratedFailurePercentagePath',
          );
          tolPct = parseFloatValue(
            v,
            'ToleratedFailurePercentagePath',
            def.ToleratedFailurePercentagePath as string,
          );
        }
      }
      if (tolPct !== Number.POSITIVE_INFINITY && (tolPct < 0 || tolPct > 100))
        throw new FieldError(ErrorNames.Runtime, 'ToleratedFailurePercentage must be between 0 and 100.');
      sus = { k: 'map', items: inputs, br: inputs.map(() => null), conc, tolCount, tolPct };
      f.sus = sus;
      if (distributed)
        this.host.emit('MapRunStarted', br, {
          mapRunArn: `${this.info.arn.replace(':execution:', ':mapRun:')}/${f.s}:${randomUUID()}`,
        });
      this.host.changed();
    }
    const childLang = processor.QueryLanguage ?? lang;
    const results: Json[] = new Array(sus.items.length).fill(null);
    let failures = 0;
    let firstError: StatesError | undefined;
    const total = sus.items.length;
    const tolerated = () =>
      failures <= sus.tolCount &&
      (sus.tolPct === Number.POSITIVE_INFINITY || (failures / Math.max(1, total)) * 100 <= sus.tolPct);
    const hasTolerance = sus.tolCount !== Number.POSITIVE_INFINITY || sus.tolPct !== Number.POSITIVE_INFINITY;
    let next = 0;
    let aborted = false;
    const runOne = async (i: number): Promise<void> => {
      let child = sus.br[i];
      if (child?.done) {
        if ('out' in child.done) results[i] = child.done.out;
        else failures++;
        return;
      }
      if (!child) {
        child = ExecutionRunner.newBranch(
          processor.StartAt,
          sus.items[i] as Json,
          this.host.clock.now(),
          br.le,
          {
            i,
            v: sus.items[i] as Json,
          },
        );
        // A distributed Map runs its iterations as child executions: their events are not in this history.
        if (distributed || br.quiet) child.quiet = true;
        sus.br[i] = child;
        child.le = this.host.emit('MapIterationStarted', child, { index: i, name: f.s });
      }
      try {
        const out = await this.runBranch(child, processor, { vars: {}, parent: scope }, childLang);
        child.done = { out };
        results[i] = out;
        this.host.emit('MapIterationSucceeded', child, { index: i, name: f.s });
      } catch (err) {
        if (this.host.isStopped()) throw err;
        const e = err instanceof StatesError ? err : new StatesError(ErrorNames.Runtime, String(err));
        child.done = { error: e.error, ...(e.cause_ !== undefined ? { cause: e.cause_ } : {}) };
        results[i] = { Error: e.error, ...(e.cause_ !== undefined ? { Cause: e.cause_ } : {}) } as Json;
        this.host.emit('MapIterationFailed', child, { index: i, name: f.s });
        failures++;
        if (!firstError) firstError = e;
        if (!hasTolerance || !tolerated()) aborted = true;
      } finally {
        br.le = Math.max(br.le, child.le);
        this.host.changed();
      }
    };
    const limit = sus.conc > 0 ? sus.conc : Number.POSITIVE_INFINITY;
    const workers: Promise<void>[] = [];
    const worker = async () => {
      while (next < total && !aborted) {
        const i = next++;
        await runOne(i);
      }
    };
    for (let w = 0; w < Math.min(limit, Math.max(1, total)); w++) workers.push(worker());
    await Promise.all(workers);
    if (failures > 0 && (!hasTolerance || !tolerated())) {
      if (!hasTolerance && firstError) throw firstError;
      throw new StatesError(
        ErrorNames.ExceedToleratedFailureThreshold,
        'The specified tolerated failure threshold was exceeded',
      );
    }
    delete f.sus;
    if (distributed) this.host.emit('MapRunSucceeded', br);
    this.host.emit('MapStateSucceeded', br);
    return this.finishWithResult(br, def, lang, scope, results);
  }

  // ------------------------------------------------------------ Parallel

  private async parallel(
    br: Branch,
    def: StateDef,
    lang: Lang,
    scope: Scope,
    inheritedLang: Lang,
  ): Promise<StepResult> {
    const f = br.f;
    const branches = def.Branches as {
      StartAt: string;
      States: Record<string, StateDef>;
      QueryLanguage?: Lang;
    }[];
    let sus = f.sus?.k === 'parallel' ? f.sus : undefined;
    if (!sus) {
      let input: Json;
      if (lang === 'JSONata') {
        const jscope = { states: this.jsonataStates(br, f.in), variables: flattenVars(scope) };
        input =
          def.Arguments === undefined
            ? f.in
            : await this.jsonataField(def.Arguments as Json, 'Arguments', jscope);
      } else {
        input = this.inputPath(def, br, scope);
        if (def.Parameters !== undefined)
          input = this.payload(def.Parameters as Json, input, br, scope, 'Parameters');
      }
      const now = this.host.clock.now();
      sus = {
        k: 'parallel',
        br: branches.map((b) => ExecutionRunner.newBranch(b.StartAt, input, now, br.le)),
      };
      if (br.quiet) for (const b of sus.br) b.quiet = true;
      f.sus = sus;
      this.host.emit('ParallelStateStarted', br);
      this.host.changed();
    }
    const s = sus;
    const results: Json[] = new Array(branches.length).fill(null);
    let failed: StatesError | undefined;
    await Promise.all(
      branches.map(async (b, i) => {
        const child = s.br[i] as Branch;
        if (child.done) {
          if ('out' in child.done) results[i] = child.done.out;
          else failed ??= new StatesError(child.done.error, child.done.cause);
          return;
        }
        try {
          const out = await this.runBranch(
            child,
            b,
            { vars: {}, parent: scope },
            b.QueryLanguage ?? lang ?? inheritedLang,
          );
          child.done = { out };
          results[i] = out;
        } catch (err) {
          if (this.host.isStopped()) throw err;
          const e = err instanceof StatesError ? err : new StatesError(ErrorNames.Runtime, String(err));
          child.done = { error: e.error, ...(e.cause_ !== undefined ? { cause: e.cause_ } : {}) };
          failed ??= e;
        } finally {
          br.le = Math.max(br.le, child.le);
          this.host.changed();
        }
      }),
    );
    if (failed) throw failed;
    delete f.sus;
    return this.finishWithResult(br, def, lang, scope, results);
  }

  // ------------------------------------------------------------ waiting

  private async sleepUntil(due: number): Promise<void> {
    const clock = this.host.clock;
    const delay = due - clock.now();
    if (delay <= 0) return;
    let handle: unknown;
    const timer = new Promise<void>((resolve) => {
      handle = clock.setTimer(resolve, delay);
    });
    try {
      await Promise.race([timer, this.host.stopped]);
    } finally {
      clock.clearTimer(handle);
    }
  }

  // ------------------------------------------------------------ data flow helpers

  private contextObject(br: Branch, token?: string, mi?: { i: number; v: Json }): JsonObject {
    const f = br.f;
    const ctx: JsonObject = {
      Execution: {
        Id: this.info.arn,
        Input: this.info.input,
        Name: this.info.name,
        RoleArn: this.info.roleArn,
        StartTime: new Date(this.info.start).toISOString(),
        RedriveCount: 0,
      },
      State: { EnteredTime: new Date(f.et).toISOString(), Name: f.s },
      StateMachine: { Id: this.info.smArn, Name: this.info.smName },
    };
    // AWS adds RetryCount only where Retry applies (Task, Map, Parallel).
    if (f.rc || this.retriable.has(f.s))
      (ctx.State as JsonObject).RetryCount = f.rc ? f.rc.reduce((a, b) => a + b, 0) : 0;
    if (token) ctx.Task = { Token: token };
    const item = mi ?? br.mi;
    if (item) ctx.Map = { Item: { Index: item.i, Value: item.v } };
    return ctx;
  }

  private jsonataStates(
    br: Branch,
    input: Json,
    extra: { result?: Json; errorOutput?: Json } = {},
    token?: string,
    mi?: { i: number; v: Json },
  ): Record<string, unknown> {
    const states: Record<string, unknown> = { input, ...extra };
    // Built on first access only: most expressions never look at the context.
    let ctx: JsonObject | undefined;
    Object.defineProperty(states, 'context', {
      enumerable: true,
      get: () => {
        ctx ??= this.contextObject(br, token, mi);
        return ctx;
      },
    });
    return states;
  }

  private async jsonataField(value: Json, field: string, scope: JsonataScope): Promise<Json> {
    if (!containsTemplate(value)) return value;
    return evaluateJsonataValue(value, field, scope);
  }

  private async assignJsonata(
    def: Record<string, unknown>,
    jscope: JsonataScope,
  ): Promise<JsonObject | undefined> {
    if (def.Assign === undefined) return undefined;
    const out = await this.jsonataField(def.Assign as Json, 'Assign', jscope);
    return out as JsonObject;
  }

  private inputPath(def: StateDef, br: Branch, scope: Scope): Json {
    if (!('InputPath' in def) || def.InputPath === '$') return br.f.in;
    if (def.InputPath === null) return {};
    return this.pathOrInvalid(def.InputPath as string, br.f.in, br, scope);
  }

  private outputPath(def: StateDef, value: Json, br: Branch, scope: Scope, assigned?: JsonObject): Json {
    if (!('OutputPath' in def) || def.OutputPath === '$') return value;
    if (def.OutputPath === null) return {};
    // Variables assigned by this very state are not visible to its OutputPath.
    void assigned;
    return this.pathOrInvalid(def.OutputPath as string, value, br, scope);
  }

  private pathOrInvalid(path: string, value: Json, br: Branch, scope: Scope): Json {
    try {
      return this.resolvePath(path, value, br, scope, '');
    } catch (err) {
      if (err instanceof PathNotFound)
        throw new FieldError(
          ErrorNames.Runtime,
          `Invalid path '${path}' : No results for path: ${normalizedPath(path)}`,
        );
      throw err;
    }
  }

  private applyResultPath(
    path: string | null | undefined,
    input: Json,
    result: Json,
    br: Branch,
    scope: Scope,
  ): Json {
    if (path === undefined || path === '$') return result;
    if (path === null) return input;
    void br;
    void scope;
    try {
      return writePath(path, input, result);
    } catch {
      throw new StatesError(
        ErrorNames.ResultPathMatchFailure,
        `Unable to apply ResultPath "${path}" to input "${JSON.stringify(input)}"`,
      );
    }
  }

  /** Reads `$...` (value), `$$...` (context) or `$var...` (variables); throws PathNotFound when absent. */
  private resolvePath(
    path: string,
    value: Json,
    br: Branch,
    scope: Scope,
    _field: string,
    ctx?: JsonObject,
  ): Json {
    const ref = pathRef(path);
    switch (ref.k) {
      case 'ctx':
        return readCompiled(ref.path, ctx ?? this.contextObject(br));
      case 'value':
        return readCompiled(ref.path, value);
      default: {
        const v = lookupVar(scope, ref.name);
        if (!v.found) throw new PathNotFound(path);
        return ref.path ? readCompiled(ref.path, v.value) : v.value;
      }
    }
  }

  private resolveForChoice(
    path: string,
    input: Json,
    br: Branch,
    scope: Scope,
  ): { found: true; value: Json } | { found: false } {
    try {
      return { found: true, value: this.resolvePath(path, input, br, scope, 'Variable') };
    } catch (err) {
      if (err instanceof PathNotFound) return NOT_FOUND;
      throw err;
    }
  }

  /** A JSONPath payload template (Parameters, ResultSelector, ItemSelector, Assign): `.$` keys are evaluated. */
  private payload(
    template: Json,
    input: Json,
    br: Branch,
    scope: Scope,
    _field: string,
    token?: string,
    ctx?: JsonObject,
  ): Json {
    const node = compileTemplate(template);
    if (node.k === 'lit') return node.v;
    const run: PayloadRun = { input, br, scope, token, ctx };
    return this.evalTemplate(node, run);
  }

  private evalTemplate(node: TemplateNode, run: PayloadRun): Json {
    switch (node.k) {
      case 'lit':
        return node.v;
      case 'obj': {
        const out: JsonObject = {};
        const { keys, nodes } = node;
        for (let i = 0; i < keys.length; i++)
          out[keys[i] as string] = this.evalTemplate(nodes[i] as TemplateNode, run);
        return out;
      }
      case 'arr': {
        const out: Json[] = new Array(node.items.length);
        for (let i = 0; i < node.items.length; i++)
          out[i] = this.evalTemplate(node.items[i] as TemplateNode, run);
        return out;
      }
      case 'path':
        return this.templatePath(node.path, node.key, run);
      case 'intr':
        return this.intrinsic(node.text, (p) => this.templatePath(p, node.key, run), run.br);
    }
  }

  /** One `.$` path of a payload template; the context object is built once per payload, on first use. */
  private templatePath(p: string, key: string, run: PayloadRun): Json {
    const isContext = pathRef(p).k === 'ctx';
    if (isContext) run.ctx ??= this.contextObject(run.br, run.token);
    try {
      return this.resolvePath(p, run.input, run.br, run.scope, key, isContext ? run.ctx : undefined);
    } catch (err) {
      if (err instanceof PathNotFound)
        throw new FieldError(
          ErrorNames.Runtime,
          `The JSONPath '${p}' specified for the field '${key}' could not be found in the input '${JSON.stringify(isContext ? run.ctx : run.input)}'`,
        );
      throw err;
    }
  }

  private intrinsic(text: string, resolve: (p: string) => Json, br: Branch): Json {
    try {
      return evaluateIntrinsic(text, resolve);
    } catch (err) {
      if (
        err instanceof StatesError &&
        !(err instanceof FieldError) &&
        err.error === ErrorNames.IntrinsicFailure
      ) {
        throw new FieldError(err.error, err.cause_ ?? '');
      }
      void br;
      throw err;
    }
  }
}

// ---------------------------------------------------------------- compiled paths and templates

const NOT_FOUND: { found: false } = { found: false };

/** A path as the data-flow fields use it: into the input, the context object (`$$`) or a variable. */
type PathRef =
  | { k: 'value'; path: CompiledPath }
  | { k: 'ctx'; path: CompiledPath }
  | { k: 'var'; name: string; path: CompiledPath | null };

const pathRefs = new Map<string, PathRef>();
const VARIABLE_PATH = /^\$([A-Za-z_][A-Za-z0-9_]*)(.*)$/;

/** Classifies and compiles a path once; an invalid path throws on every use, as it did when parsed each time. */
function pathRef(path: string): PathRef {
  let ref = pathRefs.get(path);
  if (ref) return ref;
  if (path.startsWith('$$')) ref = { k: 'ctx', path: compilePath(`$${path.slice(2)}`) };
  else if (path === '$' || path.startsWith('$.') || path.startsWith('$['))
    ref = { k: 'value', path: compilePath(path) };
  else {
    const m = VARIABLE_PATH.exec(path);
    if (!m) ref = { k: 'value', path: compilePath(path) };
    else ref = { k: 'var', name: m[1] as string, path: m[2] ? compilePath(`$${m[2]}`) : null };
  }
  if (pathRefs.size > 10_000) pathRefs.clear();
  pathRefs.set(path, ref);
  return ref;
}

/**
 * A JSONPath payload template compiled once per template object: literal parts (no `.$` key below
 * them) are returned as they are — values are immutable — and only `.$` keys are evaluated.
 */
type TemplateNode =
  | { k: 'lit'; v: Json }
  | { k: 'obj'; keys: string[]; nodes: TemplateNode[] }
  | { k: 'arr'; items: TemplateNode[] }
  | { k: 'path'; key: string; path: string }
  | { k: 'intr'; key: string; text: string };

interface PayloadRun {
  input: Json;
  br: Branch;
  scope: Scope;
  token: string | undefined;
  ctx: JsonObject | undefined;
}

const compiledTemplates = new WeakMap<object, TemplateNode>();

function compileTemplate(template: Json): TemplateNode {
  if (template === null || typeof template !== 'object') return { k: 'lit', v: template };
  let node = compiledTemplates.get(template);
  if (!node) {
    node = buildTemplate(template);
    compiledTemplates.set(template, node);
  }
  return node;
}

function buildTemplate(template: Json): TemplateNode {
  if (Array.isArray(template)) {
    const items = template.map(buildTemplate);
    return items.every((n) => n.k === 'lit') ? { k: 'lit', v: template } : { k: 'arr', items };
  }
  if (!isObject(template)) return { k: 'lit', v: template };
  const keys: string[] = [];
  const nodes: TemplateNode[] = [];
  let literal = true;
  for (const [key, raw] of Object.entries(template)) {
    if (key.endsWith('.$') && typeof raw === 'string') {
      keys.push(key.slice(0, -2));
      nodes.push(isIntrinsic(raw) ? { k: 'intr', key, text: raw } : { k: 'path', key, path: raw });
      literal = false;
    } else {
      const n = buildTemplate(raw);
      if (n.k !== 'lit') literal = false;
      keys.push(key);
      nodes.push(n);
    }
  }
  return literal ? { k: 'lit', v: template } : { k: 'obj', keys, nodes };
}

// ---------------------------------------------------------------- helpers

class TaskTimeout extends Error {
  constructor(readonly error: string) {
    super(error);
  }
}

class TaskFailure extends StatesError {
  constructor(error?: string, cause?: string) {
    super(error ?? '', cause);
  }
}

/** Fail states carry optional error and cause; both may be absent on AWS. */
export class FailStateError extends StatesError {
  constructor(error?: string, cause?: string) {
    super(error ?? '', cause);
    this.missingError = error === undefined;
  }
  readonly missingError: boolean;
}

const PAYLOAD_LIMIT_BYTES = 256 * 1024;
const literalSizes = new WeakMap<object, number>();

/** AWS caps state payloads at 256 KiB. Literal results are measured once per definition. */
function checkPayloadSize(stateName: string, def: StateDef | undefined, value: Json): void {
  let size = def ? literalSizes.get(def) : undefined;
  if (size === undefined) {
    size = Buffer.byteLength(JSON.stringify(value) ?? '');
    if (def) literalSizes.set(def, size);
  }
  if (size > PAYLOAD_LIMIT_BYTES)
    throw new StatesError(
      ErrorNames.DataLimitExceeded,
      `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`,
    );
}

function asText(v: Json): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function matchesError(list: string[] | undefined, error: string): boolean {
  if (!list) return false;
  for (const name of list) {
    if (name === error) return true;
    if (name === ErrorNames.ALL && error !== ErrorNames.Runtime && error !== ErrorNames.DataLimitExceeded)
      return true;
    if (name === ErrorNames.TaskFailed && error !== ErrorNames.Timeout && !error.startsWith('States.'))
      return true;
  }
  return false;
}

function parseInteger(v: Json, field: string, path: string): number {
  const n =
    typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : Number.NaN;
  if (!Number.isInteger(n))
    throw new FieldError(
      ErrorNames.Runtime,
      `The ${field.replace(/Path$/, 'Path')} field refers to value "${typeof v === 'string' ? v : JSON.stringify(v)}" which is not a valid integer: ${path}`,
    );
  return n;
}

function parseFloatValue(v: Json, field: string, path: string): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  if (Number.isNaN(n))
    throw new FieldError(
      ErrorNames.Runtime,
      `The ${field} field refers to value "${typeof v === 'string' ? v : JSON.stringify(v)}" which is not a valid float: ${path}`,
    );
  return n;
}

export interface ResourceTarget {
  kind: 'lambda-invoke' | 'lambda-arn' | 'unsupported';
  callback: boolean;
  resource: string;
  resourceType: string;
  resourceName: string;
  functionName: string;
}

export function parseResource(resource: string): ResourceTarget {
  const integ = /^arn:[^:]+:states:::([a-z0-9-]+):([A-Za-z0-9]+)(\.(waitForTaskToken|sync(:2)?))?$/.exec(
    resource,
  );
  if (integ) {
    const isLambda = integ[1] === 'lambda' && integ[2] === 'invoke';
    return {
      kind: isLambda ? 'lambda-invoke' : 'unsupported',
      callback: integ[4] === 'waitForTaskToken',
      resource,
      resourceType: integ[1] as string,
      resourceName: `${integ[2]}${integ[3] ?? ''}`,
      functionName: '',
    };
  }
  const lambda = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(:.+)?$/.exec(resource);
  if (lambda)
    return {
      kind: 'lambda-arn',
      callback: false,
      resource,
      resourceType: 'lambda',
      resourceName: resource,
      functionName: resource,
    };
  return {
    kind: 'unsupported',
    callback: false,
    resource,
    resourceType: 'unknown',
    resourceName: resource,
    functionName: '',
  };
}

/** Task tokens name their execution so SendTask* can tell "malformed" from "no such task". */
export function newTaskToken(executionArn: string): string {
  const nonce = randomBytes(12).toString('base64url');
  return `AQ${Buffer.from(JSON.stringify({ e: executionArn, n: nonce })).toString('base64url')}`;
}

export function parseTaskToken(token: string): { e: string; n: string } | undefined {
  if (!token.startsWith('AQ')) return undefined;
  try {
    const v = JSON.parse(Buffer.from(token.slice(2), 'base64url').toString('utf8')) as unknown;
    if (isObject(v as Json) && typeof (v as JsonObject).e === 'string') return v as { e: string; n: string };
  } catch {
    return undefined;
  }
  return undefined;
}

export { expressionText, jsonTypeName };
