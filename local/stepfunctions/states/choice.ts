/** Choice: the first rule whose condition holds gives the next state (and its Output and Assign), else Default. */
import type { ChoiceState } from '../definition.ts';
import { ErrorNames, StatesError } from '../errors.ts';
import type { StateRun, StepResult } from '../state-run.ts';

export async function runChoice(run: StateRun<ChoiceState>): Promise<StepResult> {
  const { state, flow } = run;
  const input = flow.input(run);
  const rules = state.Choices ?? [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as ChoiceState['Choices'][number];
    if (await flow.condition(run, rule, i, input)) {
      const { output, assigned } = await flow.finish(
        run,
        { input },
        { Output: rule.Output, Assign: rule.Assign },
      );
      return { output, next: rule.Next, assigned };
    }
  }
  if (state.Default === undefined)
    throw new StatesError(ErrorNames.NoChoiceMatched, `No Matches! for choice state '${run.frame.state}'`);
  const { output, assigned } = await flow.finish(run, { input });
  return { output, next: state.Default, assigned };
}
