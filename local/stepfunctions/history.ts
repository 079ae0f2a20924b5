/**
 * Execution history events. Events keep their input/output as JSON values (shared, never copied);
 * the API renders them as the JSON strings AWS returns.
 */
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
export function renderEvent(e: HistoryEvent, includeData = true): Record<string, unknown> {
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
  return out;
}
