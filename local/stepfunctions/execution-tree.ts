/**
 * An execution as a tree of branches: the top level, each Map iteration, each Parallel branch. Each
 * branch holds one frame: the state it is in, that state's input and, when it is suspended, what it
 * waits for. The tree is plain data, so the journal can snapshot it at any moment (through
 * tree-codec.ts, which writes the compact names) and a branch resumes from the snapshot after a
 * restart: every suspension records enough to continue (a due time, a task token, the already
 * evaluated task parameters, the Map's item inputs).
 */
import type { Json, JsonObject } from './json.ts';

export interface TaskSuspension {
  kind: 'task';
  /** Evaluated parameters, kept so a resumed task is invoked with exactly the same request. */
  params: Json;
  token?: string;
  /** True once the handler of a callback task returned: after a restart only the token is awaited. */
  invoked?: boolean;
  timeoutAt?: number;
  heartbeatMs?: number;
  heartbeatAt?: number;
}

export interface MapSuspension {
  kind: 'map';
  /** Each iteration's input, after ItemSelector. */
  items: Json[];
  /** One branch per item, created when the iteration starts. */
  iterations: (Branch | null)[];
  /** 0: unbounded. */
  maxConcurrency: number;
  /** Infinity: no threshold. */
  toleratedFailureCount: number;
  toleratedFailurePercentage: number;
}

export interface ParallelSuspension {
  kind: 'parallel';
  branches: Branch[];
}

export type Suspension =
  | { kind: 'wait'; due: number }
  | { kind: 'retry'; due: number }
  | TaskSuspension
  | MapSuspension
  | ParallelSuspension;

export interface Frame {
  state: string;
  input: Json;
  /** False until the StateEntered event is written. */
  entered: boolean;
  enteredEventId: number;
  /** The event the StateEntered event points at (absent in journals written before it was kept). */
  enteredAfter?: number;
  enteredTime: number;
  /** Attempts made per retrier of the state. */
  retryCounts?: number[];
  suspension?: Suspension;
}

export interface MapItem {
  index: number;
  value: Json;
}

export type BranchOutcome = { output: Json } | { error: string; cause?: string };

export interface Branch {
  frame: Frame;
  /** Variables of this scope (Assign); inner scopes read outer ones through the scope chain. */
  variables: JsonObject;
  /** Last event id of the branch, for previousEventId. */
  lastEventId: number;
  mapItem?: MapItem;
  done?: BranchOutcome;
  /** Events of this branch (and below) are not recorded: distributed Map iterations. */
  quiet?: boolean;
}

export function newFrame(state: string, input: Json, enteredTime = 0): Frame {
  return { state, input, entered: false, enteredEventId: 0, enteredTime };
}

export function newBranch(
  startAt: string,
  input: Json,
  now: number,
  lastEventId: number,
  mapItem?: MapItem,
): Branch {
  const branch: Branch = { frame: newFrame(startAt, input, now), variables: {}, lastEventId };
  if (mapItem) branch.mapItem = mapItem;
  return branch;
}
