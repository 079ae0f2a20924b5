/**
 * Retry and Catch (https://states-language.net/spec.html#errors): a state's error is matched
 * against its retriers in order — a match with attempts left suspends the state until the backoff
 * has passed and runs it again — then against its catchers, whose output goes to their Next state.
 * A `Cancelled` scope is never retried or caught.
 */
import type { Catcher, Retrier } from './definition.ts';
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
    execution.emit('EvaluationFailed', run.branch, details);
  }
  const started = frame.suspension?.kind === 'map' || frame.suspension?.kind === 'parallel';
  delete frame.suspension;
  const retriers: Retrier[] = 'Retry' in state && Array.isArray(state.Retry) ? state.Retry : [];
  for (let i = 0; i < retriers.length; i++) {
    const retrier = retriers[i] as Retrier;
    if (!e.matches(retrier.ErrorEquals)) continue;
    const counts = frame.retryCounts ?? retriers.map(() => 0);
    const attempt = counts[i] ?? 0;
    if (attempt >= (retrier.MaxAttempts ?? 3)) break;
    counts[i] = attempt + 1;
    frame.retryCounts = counts;
    frame.suspension = { kind: 'retry', due: execution.clock.now() + backoffMs(retrier, attempt) };
    execution.host.changed();
    await execution.sleepUntil(frame.suspension.due, run.cancel);
    delete frame.suspension;
    return 'retry';
  }
  if (state.Type === 'Map' && (started || jsonataEvaluation)) execution.emit('MapStateFailed', run.branch);
  if (state.Type === 'Parallel' && started) execution.emit('ParallelStateFailed', run.branch);
  const catchers: Catcher[] = 'Catch' in state && Array.isArray(state.Catch) ? state.Catch : [];
  for (const catcher of catchers) {
    if (!e.matches(catcher.ErrorEquals)) continue;
    const errorOutput: JsonObject = { Error: e.error };
    if (e.cause_ !== undefined) errorOutput.Cause = e.cause_;
    delete frame.retryCounts;
    const { output, assigned } = await flow.catchOutput(run, catcher, errorOutput);
    return { output, next: catcher.Next, assigned };
  }
  throw e;
}

/** Where a retry waits: IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds, jittered if FULL. */
export function backoffMs(retrier: Retrier, attempt: number): number {
  let seconds = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** attempt;
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === 'FULL') seconds = Math.random() * seconds;
  return Math.round(seconds * 1000);
}

/** A field's error names the state and the event it entered at, as AWS's causes do. */
function statesErrorOf(err: unknown, run: StateRun): StatesError {
  if (err instanceof FieldError)
    return new StatesError(
      err.error,
      `An error occurred while executing the state '${run.frame.state}' (entered at the event id #${run.frame.enteredEventId}). ${err.cause_ ?? ''}`,
    );
  if (err instanceof StatesError) return err;
  return new StatesError(ErrorNames.Runtime, err instanceof Error ? err.message : String(err));
}
