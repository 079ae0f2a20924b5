/**
 * The engine's records and their journal lines (format: README.md, "Store format"): replaying lines
 * into state machines and executions, and writing execution headers, checkpoints and snapshots.
 * The on-disk format is shared with every existing data directory: change it only compatibly.
 */
import type { Branch } from './execution-tree.ts';
import { decodeEvents, type EncodedEvent, encodeEvents, type HistoryEvent } from './history.ts';
import type { Json } from './json.ts';
import { decodeBranch, encodeBranch } from './tree-codec.ts';

export interface StateMachineRecord {
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

export type Status = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface ExecutionRecord {
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

/** What the journal holds: the live state machines and executions, by ARN. */
export interface LiveState {
  machines: Map<string, StateMachineRecord>;
  executions: Map<string, ExecutionRecord>;
}

/** Applies one journal line (already parsed) to the live state; the last checkpoint of an execution wins. */
export function replay(state: LiveState, r: Record<string, unknown>): void {
  switch (r.t) {
    case 'sm':
      state.machines.set((r.v as StateMachineRecord).arn, r.v as StateMachineRecord);
      return;
    case 'smd':
      state.machines.delete(r.arn as string);
      return;
    case 'ex': {
      const v = r.v as ExecutionRecord;
      state.executions.set(v.arn, {
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
      const ex = state.executions.get(r.a as string);
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

export function machineLine(sm: StateMachineRecord): string {
  return JSON.stringify({ t: 'sm', v: sm });
}

export function machineDeletedLine(arn: string): string {
  return JSON.stringify({ t: 'smd', arn });
}

/** The line that starts an execution: its identity, input and a copy of the definition it runs. */
export function executionHeader(ex: ExecutionRecord): string {
  const { arn, name, smArn, smName, roleArn, input, start, def } = ex;
  return JSON.stringify({
    t: 'ex',
    v: { arn, name, smArn, smName, roleArn, input, start, def, status: 'RUNNING', root: null },
  });
}

/** A checkpoint: the events from `fromEvent` on, plus the tree snapshot (or the final status and output). */
export function checkpointLine(ex: ExecutionRecord, fromEvent: number): string {
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

/** The whole live state as journal lines (compaction); marks every execution as written. */
export function snapshotLines(state: LiveState): string[] {
  const lines: string[] = [];
  for (const sm of state.machines.values()) lines.push(machineLine(sm));
  for (const ex of state.executions.values()) {
    lines.push(executionHeader(ex));
    lines.push(checkpointLine(ex, 0));
    ex.written = ex.events.length;
    ex.dirty = false;
  }
  return lines;
}
