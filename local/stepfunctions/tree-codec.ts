/**
 * The execution tree in the journal: the compact field names of the store format (see README.md,
 * "Store format"), so journals written before the tree had readable names still load. Unbounded
 * Map thresholds (Infinity) are written as absent: JSON has no Infinity and would write null.
 */
import type { Branch, BranchOutcome, Frame, Suspension } from './execution-tree.ts';
import type { Json, JsonObject } from './json.ts';

type Encoded = Record<string, unknown>;

export function encodeBranch(branch: Branch): Encoded {
  const out: Encoded = { f: encodeFrame(branch.frame), v: branch.variables, le: branch.lastEventId };
  if (branch.mapItem) out.mi = { i: branch.mapItem.index, v: branch.mapItem.value };
  if (branch.done) out.done = 'output' in branch.done ? { out: branch.done.output } : branch.done;
  if (branch.quiet) out.quiet = true;
  return out;
}

export function decodeBranch(raw: Encoded): Branch {
  const branch: Branch = {
    frame: decodeFrame(raw.f as Encoded),
    variables: (raw.v as JsonObject | undefined) ?? {},
    lastEventId: raw.le as number,
  };
  const mi = raw.mi as { i: number; v: Json } | undefined;
  if (mi) branch.mapItem = { index: mi.i, value: mi.v };
  const done = raw.done as Encoded | undefined;
  if (done) branch.done = ('out' in done ? { output: done.out } : done) as BranchOutcome;
  if (raw.quiet) branch.quiet = true;
  return branch;
}

function encodeFrame(frame: Frame): Encoded {
  const out: Encoded = {
    s: frame.state,
    in: frame.input,
    ph: frame.entered ? 1 : 0,
    eid: frame.enteredEventId,
    et: frame.enteredTime,
  };
  if (frame.enteredAfter !== undefined) out.ea = frame.enteredAfter;
  if (frame.retryCounts) out.rc = frame.retryCounts;
  if (frame.suspension) out.sus = encodeSuspension(frame.suspension);
  return out;
}

function decodeFrame(raw: Encoded): Frame {
  const frame: Frame = {
    state: raw.s as string,
    input: raw.in as Json,
    entered: raw.ph === 1,
    enteredEventId: raw.eid as number,
    enteredTime: raw.et as number,
  };
  if (typeof raw.ea === 'number') frame.enteredAfter = raw.ea;
  if (raw.rc) frame.retryCounts = raw.rc as number[];
  if (raw.sus) frame.suspension = decodeSuspension(raw.sus as Encoded);
  return frame;
}

function encodeSuspension(s: Suspension): Encoded {
  switch (s.kind) {
    case 'wait':
    case 'retry':
      return { k: s.kind, due: s.due };
    case 'task': {
      const { kind, ...rest } = s;
      return { k: kind, ...rest };
    }
    case 'map': {
      const out: Encoded = {
        k: 'map',
        items: s.items,
        br: s.iterations.map((b) => (b ? encodeBranch(b) : null)),
        conc: s.maxConcurrency,
      };
      if (Number.isFinite(s.toleratedFailureCount)) out.tolCount = s.toleratedFailureCount;
      if (Number.isFinite(s.toleratedFailurePercentage)) out.tolPct = s.toleratedFailurePercentage;
      return out;
    }
    case 'parallel':
      return { k: 'parallel', br: s.branches.map(encodeBranch) };
  }
}

function decodeSuspension(raw: Encoded): Suspension {
  switch (raw.k) {
    case 'wait':
    case 'retry':
      return { kind: raw.k, due: raw.due as number };
    case 'task': {
      const { k, ...rest } = raw;
      return { kind: 'task', ...(rest as Omit<Extract<Suspension, { kind: 'task' }>, 'kind'>) };
    }
    case 'map':
      return {
        kind: 'map',
        items: raw.items as Json[],
        iterations: (raw.br as (Encoded | null)[]).map((b) => (b ? decodeBranch(b) : null)),
        maxConcurrency: raw.conc as number,
        toleratedFailureCount: finiteOrInfinity(raw.tolCount),
        toleratedFailurePercentage: finiteOrInfinity(raw.tolPct),
      };
    case 'parallel':
      return { kind: 'parallel', branches: (raw.br as Encoded[]).map(decodeBranch) };
    default:
      throw new Error(`Unknown suspension in the journal: ${String(raw.k)}`);
  }
}

/** Journals written before this codec stored Infinity, which JSON turned into null. */
function finiteOrInfinity(v: unknown): number {
  return typeof v === 'number' ? v : Number.POSITIVE_INFINITY;
}
