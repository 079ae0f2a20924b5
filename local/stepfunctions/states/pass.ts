/** Pass: its result is Result, or Parameters/Arguments over its input, or its input. */
import { nextOf, type PassState } from '../definition.ts';
import type { Json } from '../json.ts';
import { checkResultSize } from '../payload-limit.ts';
import type { StateRun, StepResult } from '../state-run.ts';

export async function runPass(run: StateRun<PassState>): Promise<StepResult> {
  const { state, flow } = run;
  let result: Json;
  if (state.Result !== undefined) {
    result = state.Result;
    checkResultSize(run.frame.state, result, state);
  } else result = await flow.parameters(run, flow.input(run));
  const { output, assigned } = await flow.finish(run, { result });
  return { output, next: nextOf(state), assigned };
}
