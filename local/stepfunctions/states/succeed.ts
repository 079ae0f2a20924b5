/** Succeed: ends its branch with its (filtered) input. */
import type { SucceedState } from '../definition.ts';
import type { StateRun, StepResult } from '../state-run.ts';

export async function runSucceed(run: StateRun<SucceedState>): Promise<StepResult> {
  const { output } = await run.flow.finish(run, { input: run.flow.input(run) });
  return { output };
}
