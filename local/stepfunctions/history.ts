/**
 * Execution history events. Events keep their input/output as JSON values (shared, never copied);
 * the API renders them as the JSON strings AWS returns.
 */
import type { HistoryEvent as SfnHistoryEvent } from '@aws-sdk/client-sfn';
import type { Wire } from './api/wire.ts';
import type { Json } from './json.ts';

export interface HistoryEvent {
  id: number;
  prev: number;
  ts: number;
  type: string;
  d?: Record<string, Json | undefined>;
}

const STATE_ENTERED = /StateEntered$/;
const STATE_EXITED = /StateExited$/;

/** The details member AWS uses for an event type (`PassStateEntered` → `stateEnteredEventDetails`). */
export function detailsKey(type: string): string {
  if (STATE_ENTERED.test(type)) return 'stateEnteredEventDetails';
  if (STATE_EXITED.test(type)) return 'stateExitedEventDetails';
  return `${type[0]?.toLowerCase()}${type.slice(1)}EventDetails`;
}

// Detail fields that AWS returns as JSON text, with the *Details flag that goes with them.
const JSON_TEXT_FIELDS: Record<string, string> = {
  input: 'inputDetails',
  output: 'outputDetails',
  parameters: '',
};

/** Renders an event in the GetExecutionHistory shape (epoch-second timestamps for the JSON protocol). */
export function renderEvent(e: HistoryEvent, includeData = true): Wire<SfnHistoryEvent> {
  const out: Record<string, unknown> = {
    id: e.id,
    previousEventId: e.prev,
    timestamp: e.ts / 1000,
    type: e.type,
  };
  if (e.d) {
    const details: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e.d)) {
      if (v === undefined) continue;
      const flag = JSON_TEXT_FIELDS[k];
      if (flag !== undefined) {
        if (!includeData && k !== 'parameters') continue;
        details[k] = typeof v === 'string' && k === 'parameters' ? v : JSON.stringify(v);
        if (flag) details[flag] = { truncated: false };
      } else if (k === 'assignedVariables') {
        const vars: Record<string, string> = {};
        for (const [name, value] of Object.entries(v as Record<string, Json>))
          vars[name] = JSON.stringify(value);
        details.assignedVariables = vars;
        details.assignedVariablesDetails = { truncated: false };
      } else details[k] = v;
    }
    out[detailsKey(e.type)] = details;
  }
  // Built by key from the recorded type (the details member is named after it), so typed once here.
  return out as Wire<SfnHistoryEvent>;
}

// ---------------------------------------------------------------- journal encoding

/**
 * Event types written to the journal as numbers (their index here). Append only: the numbers are on
 * disk. A type not listed is written as its name.
 */
const EVENT_TYPES = [
  'ExecutionStarted',
  'ExecutionSucceeded',
  'ExecutionFailed',
  'ExecutionAborted',
  'ExecutionTimedOut',
  'PassStateEntered',
  'PassStateExited',
  'ChoiceStateEntered',
  'ChoiceStateExited',
  'TaskStateEntered',
  'TaskStateExited',
  'WaitStateEntered',
  'WaitStateExited',
  'SucceedStateEntered',
  'SucceedStateExited',
  'FailStateEntered',
  'MapStateEntered',
  'MapStateExited',
  'ParallelStateEntered',
  'ParallelStateExited',
  'TaskScheduled',
  'TaskStarted',
  'TaskSubmitted',
  'TaskSucceeded',
  'TaskFailed',
  'TaskTimedOut',
  'LambdaFunctionScheduled',
  'LambdaFunctionStarted',
  'LambdaFunctionSucceeded',
  'LambdaFunctionFailed',
  'LambdaFunctionTimedOut',
  'MapStateStarted',
  'MapStateSucceeded',
  'MapStateFailed',
  'MapIterationStarted',
  'MapIterationSucceeded',
  'MapIterationFailed',
  'MapRunStarted',
  'MapRunSucceeded',
  'ParallelStateStarted',
  'ParallelStateSucceeded',
  'ParallelStateFailed',
  'EvaluationFailed',
];

/** 1: `{name, input}` (a state entered); 2: `{name, output, assignedVariables?}` (a state exited). */
const SHAPE_ENTERED = 1;
const SHAPE_EXITED = 2;
const typeCodes = new Map<string, { code: number; shape: number }>(
  EVENT_TYPES.map((type, code) => [
    type,
    {
      code,
      shape: STATE_ENTERED.test(type) ? SHAPE_ENTERED : STATE_EXITED.test(type) ? SHAPE_EXITED : 0,
    },
  ]),
);

/** One event as the journal stores it: `[type, id - prev, ts - previous ts, ...details]`. */
export type EncodedEvent = unknown[];

function onlyKeys(d: Record<string, unknown>, a: string, b: string, c?: string): boolean {
  for (const k in d) if (k !== a && k !== b && k !== c) return false;
  return true;
}

/**
 * Encodes `events[from..]` for a checkpoint. Entered/exited events (nearly all of a history) are
 * positional: `[code, dPrev, dTs, name, input]` and `[code, dPrev, dTs, name, output(, assigned)]`;
 * an entered event whose input is the very value the previous event output (the usual hand-over from
 * one state to the next) omits it: `[code, dPrev, dTs, name]`. Any other event keeps its details
 * object: `[code, dPrev, dTs(, details)]`.
 */
export function encodeEvents(events: HistoryEvent[], from: number): EncodedEvent[] {
  const out: EncodedEvent[] = new Array(events.length - from);
  let lastTs = 0;
  for (let i = from; i < events.length; i++) {
    const e = events[i] as HistoryEvent;
    const known = typeCodes.get(e.type);
    const type = known ? known.code : e.type;
    const dPrev = e.id - e.prev;
    const dTs = e.ts - lastTs;
    lastTs = e.ts;
    const d = e.d;
    let enc: EncodedEvent | undefined;
    if (known && d && typeof d.name === 'string') {
      if (known.shape === SHAPE_ENTERED && d.input !== undefined && onlyKeys(d, 'name', 'input')) {
        const before = i > 0 ? events[i - 1]?.d : undefined;
        enc =
          before !== undefined && before.output === d.input
            ? [type, dPrev, dTs, d.name]
            : [type, dPrev, dTs, d.name, d.input];
      } else if (
        known.shape === SHAPE_EXITED &&
        d.output !== undefined &&
        onlyKeys(d, 'name', 'output', 'assignedVariables')
      ) {
        enc =
          d.assignedVariables === undefined
            ? [type, dPrev, dTs, d.name, d.output]
            : [type, dPrev, dTs, d.name, d.output, d.assignedVariables];
      }
    }
    out[i - from] = enc ?? (d ? [type, dPrev, dTs, d] : [type, dPrev, dTs]);
  }
  return out;
}

/** Appends the decoded events of one checkpoint to `events` (ids continue from its length). */
export function decodeEvents(encoded: EncodedEvent[], events: HistoryEvent[]): void {
  let lastTs = 0;
  for (const raw of encoded) {
    const rawType = raw[0];
    const type = typeof rawType === 'number' ? (EVENT_TYPES[rawType] as string) : String(rawType);
    const id = events.length + 1;
    const ts = lastTs + (raw[2] as number);
    lastTs = ts;
    const e: HistoryEvent = { id, prev: id - (raw[1] as number), ts, type };
    if (raw.length === 4 && typeof raw[3] === 'object' && raw[3] !== null) e.d = raw[3] as HistoryEvent['d'];
    else if (raw.length >= 4) {
      const shape = typeCodes.get(type)?.shape;
      const name = raw[3] as string;
      if (shape === SHAPE_ENTERED)
        e.d = { name, input: raw.length === 4 ? (events[id - 2]?.d?.output as Json) : (raw[4] as Json) };
      else {
        e.d = { name, output: raw[4] as Json };
        if (raw.length > 5) e.d.assignedVariables = raw[5] as Json;
      }
    }
    events.push(e);
  }
}
