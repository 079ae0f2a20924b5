import type * as z from 'zod';
import type { WorkflowDependencies } from './workflow-dependencies.ts';

/** One task function: the payload schema the state machine must send, and what the task does. */
export interface TaskDefinition<S extends z.ZodType = z.ZodType> {
  input: S;
  run: (deps: WorkflowDependencies, input: z.infer<S>) => Promise<unknown>;
}

export const defineTask = <S extends z.ZodType>(
  input: S,
  run: TaskDefinition<S>['run'],
): TaskDefinition<S> => ({
  input,
  run,
});

/** Runs a task on a payload checked against its schema (a drift between ASL and code fails by name). */
export async function runTask(definition: TaskDefinition, deps: WorkflowDependencies, payload: unknown) {
  const result = await definition.run(deps, definition.input.parse(payload));
  return result ?? {};
}
