/** Fail: fails its branch with Error and Cause (literals, JSONPath ErrorPath/CausePath, or JSONata). */
import type { FailState } from '../definition.ts';
import { FailStateError } from '../errors.ts';
import type { Json } from '../json.ts';
import type { StateRun, StepResult } from '../state-run.ts';

export async function runFail(run: StateRun<FailState>): Promise<StepResult> {
  const error = await run.flow.setting(run, 'Error', run.frame.input);
  const cause = await run.flow.setting(run, 'Cause', run.frame.input);
  throw new FailStateError(text(error?.value), text(cause?.value));
}

function text(v: Json | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : JSON.stringify(v);
}
