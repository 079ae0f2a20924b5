/**
 * Map and Parallel in TestState, which runs them only with a mock (TEST-STATE.md "Which states",
 * "Mocks"): the state's own input processing runs as in an execution — InputPath, the items and
 * ItemSelector, MaxConcurrency and the tolerated failures (Map), Parameters/Arguments (Parallel) —
 * then the mock stands for what the iterations or branches would have produced, and the result goes
 * through the state's data flow. No iteration or branch runs.
 */
import { type MapState, nextOf, type ParallelState } from './definition.ts';
import { ErrorNames, StatesError } from './errors.ts';
import type { Json } from './json.ts';
import type { StateRun, StepResult } from './state-run.ts';
import { readItems } from './states/map.ts';
import { integerSetting, readThresholds } from './states/map-settings.ts';
import type { TestMock, TestStatePlan } from './test-state-request.ts';

function mocked(mock: TestMock): Json {
  if ('result' in mock) return mock.result;
  throw new StatesError(mock.error, mock.cause);
}

export async function runMockedMap(
  run: StateRun<MapState>,
  mock: TestMock,
  plan: Pick<TestStatePlan, 'mapIterationFailureCount' | 'mapItemReaderData'>,
): Promise<StepResult> {
  const { flow, state } = run;
  const inspection = run.inspection ?? {};
  const input = flow.input(run);
  const reader = (state as { ItemReader?: Json }).ItemReader;
  const items =
    reader !== undefined && plan.mapItemReaderData !== undefined
      ? asItems(run, plan.mapItemReaderData)
      : await readItems(run, input);
  if (flow.language === 'JSONPath') inspection.afterItemsPath = items;
  const selector = state.ItemSelector ?? state.Parameters;
  const selected: Json[] = [];
  for (let i = 0; i < items.length; i++) {
    const value = items[i] as Json;
    selected.push(
      selector === undefined
        ? value
        : await flow.payload(run, selector, 'ItemSelector', input, { mapItem: { index: i, value } }),
    );
  }
  inspection.afterItemSelector = selected;
  inspection.maxConcurrency = (await integerSetting(run, 'MaxConcurrency', input)) ?? 0;
  const { toleratedFailureCount: count, toleratedFailurePercentage: percentage } = await readThresholds(
    run,
    input,
  );
  if (Number.isFinite(count)) inspection.toleratedFailureCount = count;
  if (Number.isFinite(percentage)) inspection.toleratedFailurePercentage = percentage;
  const failures = plan.mapIterationFailureCount ?? 0;
  // Without a tolerance, one failed iteration fails the Map.
  const tolerated =
    failures === 0 ||
    ((Number.isFinite(count) || Number.isFinite(percentage)) &&
      failures <= count &&
      (!Number.isFinite(percentage) || (failures / Math.max(1, items.length)) * 100 <= percentage));
  if (!tolerated)
    throw new StatesError(
      ErrorNames.ExceedToleratedFailureThreshold,
      'The specified tolerated failure threshold was exceeded',
    );
  const { output, assigned } = await flow.finish(run, { result: mocked(mock) });
  return { output, next: nextOf(state), assigned };
}

export async function runMockedParallel(run: StateRun<ParallelState>, mock: TestMock): Promise<StepResult> {
  const { flow } = run;
  await flow.parameters(run, flow.input(run));
  const { output, assigned } = await flow.finish(run, { result: mocked(mock) });
  return { output, next: nextOf(run.state), assigned };
}

function asItems(run: StateRun<MapState>, data: Json): Json[] {
  if (!Array.isArray(data))
    throw run.flow.invalid(`Map state input must be an array but was: ${JSON.stringify(data)}`, undefined);
  return data;
}
