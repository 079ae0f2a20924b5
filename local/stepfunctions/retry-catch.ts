/**
 * Retry and Catch (https://states-language.net/spec.html#errors): a state's error is matched
 * against its retriers in order — a match with attempts left suspends the state until the backoff
 * has passed and runs it again — then against its catchers, whose output goes to their Next state.
 * A `Cancelled` scope is never retried or caught.
 */
import type { Catcher, Retrier, StateDefinition } from './definition.ts';
import { ErrorNames, FieldError, StatesError } from './errors.ts';
import type { JsonObject } from './json.ts';
import type { StateRun, StepResult } from './state-run.ts';

/** Handles a state's error: 'retry' to run the state again, a StepResult when caught; throws otherwise. */
export async function retryOrCatch(run: StateRun, err: unknown): Promise<StepResult | 'retry'> {
  const { frame, state, execution, flow } = run;
  const e = statesErrorOf(err, run);
  const jsonataEvaluation = err instanceof FieldError && flow.language === 'JSONata';
  if (jsonataEvaluation && (err.location !== undefined || e.error === ErrorNames.QueryEvaluationError)) {
    const details: Record<string, string | undefined> = { error: e.error, cause: e.cause_ };
    if (err.location !== undefined) details.location = err.location;
    details.state = frame.state;
    // AWS records an evaluation failure right after the StateEntered as its sibling: it points
    // where the StateEntered points.
    if (run.branch.lastEventId === frame.enteredEventId && frame.enteredAfter !== undefined)
      run.branch.lastEventId = frame.enteredAfter;
    execution.emit('EvaluationFailed', run.branch, details);
  }
  const started = frame.suspension?.kind === 'map' || frame.suspension?.kind === 'parallel';
  delete frame.suspension;
  const retriers = retriersOf(state);
  const counts = frame.retryCounts ?? retriers.map(() => 0);
  const retry = matchRetrier(retriers, e, counts);
  if (retry && !retry.exhausted) {
    counts[retry.index] = retry.attempt + 1;
    frame.retryCounts = counts;
    frame.suspension = {
      kind: 'retry',
      due: execution.clock.now() + backoffMs(retry.retrier, retry.attempt),
    };
    execution.host.changed();
    await execution.sleepUntil(frame.suspension.due, run.cancel);
    delete frame.suspension;
    return 'retry';
  }
  if (state.Type === 'Map' && (started || jsonataEvaluation)) execution.emit('MapStateFailed', run.branch);
  if (state.Type === 'Parallel' && started) execution.emit('ParallelStateFailed', run.branch);
  const caught = matchCatcher(catchersOf(state), e);
  if (caught) {
    delete frame.retryCounts;
    const { output, assigned } = await flow.catchOutput(run, caught.catcher, errorOutputOf(e));
    return { output, next: caught.catcher.Next, assigned };
  }
  throw e;
}

/** The first retrier whose ErrorEquals matches `e`, with the attempts it has made (`counts`, per retrier). */
export interface RetrierMatch {
  index: number;
  retrier: Retrier;
  attempt: number;
  /** Its MaxAttempts (default 3) are spent: the error goes on to Catch. */
  exhausted: boolean;
}

export function matchRetrier(
  retriers: readonly Retrier[],
  e: StatesError,
  counts: readonly number[],
): RetrierMatch | undefined {
  for (let index = 0; index < retriers.length; index++) {
    const retrier = retriers[index] as Retrier;
    if (!e.matches(retrier.ErrorEquals)) continue;
    const attempt = counts[index] ?? 0;
    return { index, retrier, attempt, exhausted: attempt >= (retrier.MaxAttempts ?? 3) };
  }
  return undefined;
}

/** The first catcher whose ErrorEquals matches `e`. */
export function matchCatcher(
  catchers: readonly Catcher[],
  e: StatesError,
): { index: number; catcher: Catcher } | undefined {
  const index = catchers.findIndex((c) => e.matches(c.ErrorEquals));
  return index < 0 ? undefined : { index, catcher: catchers[index] as Catcher };
}

export function retriersOf(state: StateDefinition): Retrier[] {
  return 'Retry' in state && Array.isArray(state.Retry) ? state.Retry : [];
}

export function catchersOf(state: StateDefinition): Catcher[] {
  return 'Catch' in state && Array.isArray(state.Catch) ? state.Catch : [];
}

/** What a catcher receives: `{"Error", "Cause"}` (no Cause when the error has none). */
export function errorOutputOf(e: StatesError): JsonObject {
  const errorOutput: JsonObject = { Error: e.error };
  if (e.cause_ !== undefined) errorOutput.Cause = e.cause_;
  return errorOutput;
}

/** IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds, before any jitter. */
export function backoffSeconds(retrier: Retrier, attempt: number): number {
  const seconds = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** attempt;
  return retrier.MaxDelaySeconds === undefined ? seconds : Math.min(seconds, retrier.MaxDelaySeconds);
}

/** Where a retry waits: the back-off, jittered if FULL. */
export function backoffMs(retrier: Retrier, attempt: number): number {
  let seconds = backoffSeconds(retrier, attempt);
  if (retrier.JitterStrategy === 'FULL') seconds = Math.random() * seconds;
  return Math.round(seconds * 1000);
}

/** A field's error names the state and the event it entered at, as AWS's causes do. */
export function statesErrorOf(err: unknown, run: StateRun): StatesError {
  if (err instanceof FieldError)
    return new StatesError(
      err.error,
      `An error occurred while executing the state '${run.frame.state}' (entered at the event id #${run.frame.enteredEventId}). ${err.cause_ ?? ''}`,
    );
  if (err instanceof StatesError) return err;
  return new StatesError(ErrorNames.Runtime, err instanceof Error ? err.message : String(err));
}
