/** The Map state's numeric settings: MaxConcurrency and the tolerated failures, from literals, paths or expressions. */
import { randomUUID } from 'node:crypto';
import type { MapState } from '../definition.ts';
import { ErrorNames, FieldError } from '../errors.ts';
import type { Json } from '../json.ts';
import type { StateRun } from '../state-run.ts';

export interface Thresholds {
  /** Infinity: none. */
  toleratedFailureCount: number;
  toleratedFailurePercentage: number;
}

export async function readThresholds(run: StateRun<MapState>, input: Json): Promise<Thresholds> {
  const count = await integerSetting(run, 'ToleratedFailureCount', input);
  const percentage = await numberSetting(run, 'ToleratedFailurePercentage', input);
  if (percentage !== undefined && (percentage < 0 || percentage > 100))
    throw new FieldError(ErrorNames.Runtime, 'ToleratedFailurePercentage must be between 0 and 100.');
  return {
    toleratedFailureCount: count ?? Number.POSITIVE_INFINITY,
    toleratedFailurePercentage: percentage ?? Number.POSITIVE_INFINITY,
  };
}

/** An integer setting; a JSONPath `…Path` value must parse as one. */
export async function integerSetting(
  run: StateRun<MapState>,
  name: string,
  input: Json,
): Promise<number | undefined> {
  const s = await run.flow.setting(run, name, input);
  if (!s) return undefined;
  if (s.from !== 'path') return Number(s.value);
  const v = s.value;
  const n =
    typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : Number.NaN;
  if (!Number.isInteger(n))
    throw new FieldError(
      ErrorNames.Runtime,
      `The ${name}Path field refers to value "${typeof v === 'string' ? v : JSON.stringify(v)}" which is not a valid integer: ${s.source}`,
    );
  return n;
}

async function numberSetting(
  run: StateRun<MapState>,
  name: string,
  input: Json,
): Promise<number | undefined> {
  const s = await run.flow.setting(run, name, input);
  if (!s) return undefined;
  if (s.from !== 'path') return Number(s.value);
  const v = s.value;
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  if (Number.isNaN(n))
    throw new FieldError(
      ErrorNames.Runtime,
      `The ${name}Path field refers to value "${typeof v === 'string' ? v : JSON.stringify(v)}" which is not a valid float: ${s.source}`,
    );
  return n;
}

export function mapRunArn(run: StateRun<MapState>): string {
  return `${run.execution.info.arn.replace(':execution:', ':mapRun:')}/${run.frame.state}:${randomUUID()}`;
}
