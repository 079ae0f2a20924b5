/**
 * What a state's module is given to run one visit of its state, and what it returns. States never
 * reach the engine directly: they go through `ExecutionServices` (events, durability, time,
 * handlers, child branches) and read and write data through their query language's `DataFlow`.
 */
import type { CancelScope } from './cancel-scope.ts';
import type { Clock } from './clock.ts';
import type { ContextExtras } from './context-object.ts';
import type { DataFlow } from './data-flow.ts';
import type { QueryLanguage, StateDefinition, SubMachine, TaskState } from './definition.ts';
import type { Branch, Frame } from './execution-tree.ts';
import type { ExecutionInfo, RunHost } from './host.ts';
import type { Json, JsonObject } from './json.ts';
import type { ResourceTarget } from './task-resource.ts';

/** Variables of one scope (Assign) and the enclosing scope. */
export interface VariableScope {
  vars: JsonObject;
  parent: VariableScope | null;
}

export function lookupVariable(
  scope: VariableScope | null,
  name: string,
): { found: true; value: Json } | { found: false } {
  for (let s = scope; s; s = s.parent)
    if (Object.hasOwn(s.vars, name)) return { found: true, value: s.vars[name] as Json };
  return { found: false };
}

/** Every variable visible in a scope, inner scopes winning (what JSONata expressions see). */
export function visibleVariables(scope: VariableScope): JsonObject {
  if (!scope.parent) return scope.vars;
  return { ...visibleVariables(scope.parent), ...scope.vars };
}

/** What a state produced: its output, where it goes next (none: the branch ends) and what it assigned. */
export interface StepResult {
  output: Json;
  next?: string;
  assigned?: JsonObject;
}

/**
 * What TestState reports (inspectionData): filled by the data flow and the task when a run asks
 * for it, undefined (and free) otherwise.
 */
export type Inspection = Record<string, Json | undefined>;

export interface StateRun<S extends StateDefinition = StateDefinition> {
  readonly state: S;
  readonly branch: Branch;
  readonly frame: Frame;
  readonly variables: VariableScope;
  readonly flow: DataFlow;
  /** Stopped when the execution stops or a sibling branch fails. */
  readonly cancel: CancelScope;
  readonly execution: ExecutionServices;
  readonly inspection?: Inspection;
}

/** The execution-wide services a state uses; implemented by the runner. */
export interface ExecutionServices {
  readonly host: RunHost;
  readonly info: ExecutionInfo;
  readonly clock: Clock;
  /** Records a history event of `branch` (at `ts`, default now) and returns its id. */
  emit(type: string, branch: Branch, details?: Record<string, Json | undefined>, ts?: number): number;
  /** Waits until `due` on the execution's clock, unless `cancel` is cancelled first. */
  sleepUntil(due: number, cancel: CancelScope): Promise<void>;
  /** Runs (or resumes) a child branch of a Map or Parallel to its output; throws StatesError on failure. */
  runBranch(
    branch: Branch,
    machine: SubMachine,
    parent: VariableScope,
    language: QueryLanguage,
    cancel: CancelScope,
  ): Promise<Json>;
  /**
   * When present, a Task's result (or its error, thrown) comes from here instead of invoking the
   * resource and awaiting a callback: TestState's mock.
   */
  invokeTask?(run: StateRun<TaskState>, target: ResourceTarget, params: Json): Promise<Json>;
  /**
   * When present, builds the context object (`$$`, `$states.context`) instead of the execution's:
   * TestState's given or made-up context.
   */
  contextObject?(run: StateRun, extras: ContextExtras): JsonObject;
}
