/**
 * Map: start reads the items (Items/ItemsPath), MaxConcurrency and the tolerated failures, applies
 * ItemSelector to every item up front (so a resume sees the same inputs) and suspends on them;
 * resume runs the iterations that have not ended, at most MaxConcurrency at a time. Past the
 * tolerated failures (none by default) the state fails at once and the running iterations are
 * cancelled, as AWS does (https://docs.aws.amazon.com/step-functions/latest/dg/state-map.html).
 */
import { type MapState, mapProcessor, nextOf } from '../definition.ts';
import { asStatesError, Cancelled, ErrorNames, StatesError } from '../errors.ts';
import { type MapSuspension, newBranch } from '../execution-tree.ts';
import type { Json } from '../json.ts';
import { expectType } from '../jsonata-eval.ts';
import type { StateRun, StepResult } from '../state-run.ts';
import { integerSetting, mapRunArn, readThresholds } from './map-settings.ts';

export async function runMap(run: StateRun<MapState>): Promise<StepResult> {
  const { frame, execution } = run;
  const distributed = mapProcessor(run.state).ProcessorConfig?.Mode === 'DISTRIBUTED';
  const suspension = frame.suspension?.kind === 'map' ? frame.suspension : await startMap(run, distributed);
  const results = await runIterations(run, suspension, distributed);
  delete frame.suspension;
  // AWS points MapStateExited at the event the Map last joined (the last MapIterationSucceeded,
  // or MapRunStarted for a distributed Map), not at MapRunSucceeded/MapStateSucceeded.
  const joined = run.branch.lastEventId;
  if (distributed) execution.emit('MapRunSucceeded', run.branch);
  execution.emit('MapStateSucceeded', run.branch);
  run.branch.lastEventId = joined;
  const { output, assigned } = await run.flow.finish(run, { result: results });
  return { output, next: nextOf(run.state), assigned };
}

async function startMap(run: StateRun<MapState>, distributed: boolean): Promise<MapSuspension> {
  const { flow, state, execution } = run;
  const input = flow.input(run);
  const items = await readItems(run, input);
  const maxConcurrency = (await integerSetting(run, 'MaxConcurrency', input)) ?? 0;
  // JSONata evaluates the thresholds with the other fields; JSONPath resolves its …Path fields
  // only once the Map has started (AWS records MapStateStarted before such a failure).
  let thresholds = flow.language === 'JSONata' ? await readThresholds(run, input) : undefined;
  const selector = state.ItemSelector ?? state.Parameters;
  const inputs: Json[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Json;
    inputs.push(
      selector === undefined
        ? item
        : await flow.payload(run, selector, 'ItemSelector', input, { mapItem: { index: i, value: item } }),
    );
  }
  execution.emit('MapStateStarted', run.branch, { length: inputs.length });
  thresholds ??= await readThresholds(run, input);
  const suspension: MapSuspension = {
    kind: 'map',
    items: inputs,
    iterations: inputs.map(() => null),
    maxConcurrency,
    ...thresholds,
  };
  run.frame.suspension = suspension;
  if (distributed) execution.emit('MapRunStarted', run.branch, { mapRunArn: mapRunArn(run) });
  execution.host.changed();
  return suspension;
}

/** The items a Map iterates over: Items/ItemsPath, or its input. */
export async function readItems(run: StateRun<MapState>, input: Json): Promise<Json[]> {
  const setting = await run.flow.setting(run, 'Items', input);
  const items = setting ? setting.value : input;
  if (setting?.from === 'expression') expectType(items, 'array', run.state.Items as Json, 'Items');
  if (!Array.isArray(items))
    throw run.flow.invalid(`Map state input must be an array but was: ${JSON.stringify(items)}`, undefined);
  return items;
}

async function runIterations(
  run: StateRun<MapState>,
  suspension: MapSuspension,
  distributed: boolean,
): Promise<Json[]> {
  const { execution, branch } = run;
  const processor = mapProcessor(run.state);
  const language = processor.QueryLanguage ?? run.flow.language;
  const total = suspension.items.length;
  const results: Json[] = new Array(total).fill(null);
  const { toleratedFailureCount: count, toleratedFailurePercentage: percentage } = suspension;
  const hasTolerance = Number.isFinite(count) || Number.isFinite(percentage);
  let failures = 0;
  let firstError: StatesError | undefined;
  const tolerated = () =>
    failures <= count &&
    (!Number.isFinite(percentage) || (failures / Math.max(1, total)) * 100 <= percentage);
  const overThreshold = (): StatesError | undefined => {
    if (failures === 0 || (hasTolerance && tolerated())) return undefined;
    if (!hasTolerance && firstError) return firstError;
    return new StatesError(
      ErrorNames.ExceedToleratedFailureThreshold,
      'The specified tolerated failure threshold was exceeded',
    );
  };
  // Iterations that ended before a restart count first: past the threshold, nothing more runs.
  const pending: number[] = [];
  for (let i = 0; i < total; i++) {
    const done = suspension.iterations[i]?.done;
    if (!done) pending.push(i);
    else if ('output' in done) results[i] = done.output;
    else {
      failures++;
      firstError ??= new StatesError(done.error, done.cause);
    }
  }
  const failedAlready = overThreshold();
  if (failedAlready) throw failedAlready;
  const iterations = run.cancel.child();
  // As AWS records it, an iteration starts after the previous one's last state event: its
  // MapIterationSucceeded and the next MapIterationStarted both point there.
  let startAfter = branch.lastEventId;
  const runOne = async (i: number): Promise<void> => {
    let child = suspension.iterations[i];
    if (!child) {
      const item = suspension.items[i] as Json;
      child = newBranch(processor.StartAt, item, execution.clock.now(), startAfter, {
        index: i,
        value: item,
      });
      // A distributed Map runs its iterations as child executions: their events are not in this history.
      if (distributed || branch.quiet) child.quiet = true;
      suspension.iterations[i] = child;
      child.lastEventId = execution.emit('MapIterationStarted', child, { index: i, name: run.frame.state });
    }
    try {
      const output = await execution.runBranch(
        child,
        processor,
        { vars: {}, parent: run.variables },
        language,
        iterations,
      );
      child.done = { output };
      results[i] = output;
      startAfter = child.lastEventId;
      execution.emit('MapIterationSucceeded', child, { index: i, name: run.frame.state });
    } catch (err) {
      if (err instanceof Cancelled) return;
      const e = asStatesError(err);
      child.done = { error: e.error, ...(e.cause_ !== undefined ? { cause: e.cause_ } : {}) };
      results[i] = { Error: e.error, ...(e.cause_ !== undefined ? { Cause: e.cause_ } : {}) };
      // The Map's failure points where the iteration failed, not at MapIterationFailed.
      const failedAt = child.lastEventId;
      execution.emit('MapIterationFailed', child, { index: i, name: run.frame.state });
      child.lastEventId = failedAt;
      failures++;
      firstError ??= e;
      if (overThreshold()) iterations.cancel(`'${run.frame.state}' exceeded its tolerated failures`);
    } finally {
      branch.lastEventId = Math.max(branch.lastEventId, child.lastEventId);
      execution.host.changed();
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < pending.length && !iterations.isCancelled) await runOne(pending[next++] as number);
  };
  const limit = suspension.maxConcurrency > 0 ? suspension.maxConcurrency : Number.POSITIVE_INFINITY;
  const workers: Promise<void>[] = [];
  for (let w = 0; w < Math.min(limit, Math.max(1, pending.length)); w++) workers.push(worker());
  await Promise.all(workers);
  iterations.dispose();
  run.cancel.throwIfCancelled();
  const failed = overThreshold();
  if (failed) throw failed;
  return results;
}
