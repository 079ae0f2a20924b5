import * as z from 'zod';
import { DomainError } from '#domain/errors';
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

/**
 * Runs a task on a payload checked against its schema. What it throws is named for the state
 * machine's Retry and Catch (the error name is Lambda's errorType): a payload that does not fit
 * is `TaskInputInvalid` (a drift between ASL and code, never retried), a domain rule keeps its code,
 * and anything else — a network or DynamoDB fault (no task talks to the mail relay: emails go into the
 * outbox) — is `Transient`, which the definition retries
 * with back-off before the case is marked FAILED.
 */
export async function runTask(definition: TaskDefinition, deps: WorkflowDependencies, payload: unknown) {
  const parsed = definition.input.safeParse(payload);
  if (!parsed.success) throw named('TaskInputInvalid', z.prettifyError(parsed.error));
  try {
    return (await definition.run(deps, parsed.data)) ?? {};
  } catch (error) {
    if (error instanceof DomainError) throw named(error.code, error.message);
    throw named('Transient', error instanceof Error ? error.message : String(error));
  }
}

function named(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
