/**
 * TestState (local/stepfunctions/TEST-STATE.md): runs one state once, in memory, with the given
 * input, variables, context and mock, and answers AWS's TestStateOutput. The state runs through
 * its own module (states/) and its query language's data flow, as in an execution, with
 * TestState's `ExecutionServices`: no history, no journal, Wait does not wait, a mocked Task takes
 * its result or error from the mock. Map and Parallel run only mocked: their input processing, then
 * the mock as their result (test-state-composite.ts). An error is then judged against the state's
 * Retry and Catch with retry-catch.ts's matchers, once: RETRIABLE, CAUGHT_ERROR or FAILED.
 */
import { randomUUID } from 'node:crypto';
import type { InspectionErrorDetails, TestStateOutput } from '@aws-sdk/client-sfn';
import { CancelScope } from './cancel-scope.ts';
import type { ContextExtras } from './context-object.ts';
import { isRetriable, type MapState, type ParallelState } from './definition.ts';
import { ErrorNames, FailStateError, StatesError } from './errors.ts';
import { newBranch } from './execution-tree.ts';
import type { ExecutionInfo, RunHost } from './host.ts';
import type { Json, JsonObject } from './json.ts';
import { checkStateOutput } from './payload-limit.ts';
import {
  backoffSeconds,
  catchersOf,
  errorOutputOf,
  matchCatcher,
  matchRetrier,
  retriersOf,
  statesErrorOf,
} from './retry-catch.ts';
import { dataFlowOf, runStateModule } from './runner.ts';
import type { ExecutionServices, Inspection, StateRun, StepResult } from './state-run.ts';
import { runMockedMap, runMockedParallel } from './test-state-composite.ts';
import { inspectionData } from './test-state-inspection.ts';
import { parseTestStateRequest, type TestMock, type TestStatePlan } from './test-state-request.ts';

/** What TestState needs from the engine: its clock, identity and Lambda handlers. */
export type TestStateEnvironment = Pick<
  RunHost,
  'clock' | 'region' | 'accountId' | 'partition' | 'resolveHandler'
>;

type Outcome =
  | { status: 'SUCCEEDED'; output: Json; next?: string; assigned?: JsonObject }
  | { status: 'CAUGHT_ERROR'; error: StatesError; output: Json; next: string; assigned?: JsonObject }
  | { status: 'RETRIABLE' | 'FAILED'; error: StatesError };

/** The machine name and the Express execution AWS makes up for a default context. */
const STATE_MACHINE_NAME = 'TestStateMachine';

/** Answers one TestState request (the wire's JSON object); throws ApiError for an invalid one. */
export async function runTestState(
  env: TestStateEnvironment,
  request: Record<string, unknown>,
): Promise<TestStateOutput> {
  const plan = parseTestStateRequest(request);
  const services = new TestStateServices(env, plan);
  const now = env.clock.now();
  const mapItem = plan.inMap ? { index: 0, value: plan.input } : undefined;
  const branch = newBranch(plan.name, plan.input, now, 0, mapItem);
  branch.variables = { ...plan.variables };
  const frame = branch.frame;
  frame.entered = true;
  frame.enteredEventId = services.emit(`${plan.state.Type}StateEntered`);
  const inspection: Inspection = { input: plan.input };
  const run: StateRun = {
    state: plan.state,
    branch,
    frame,
    variables: { vars: branch.variables, parent: null },
    flow: dataFlowOf(plan.language),
    cancel: new CancelScope(),
    execution: services,
    inspection,
  };
  let outcome: Outcome;
  try {
    const result = await runState(run, plan);
    checkStateOutput(frame.state, frame.input, result.output);
    outcome = { status: 'SUCCEEDED', ...result };
  } catch (err) {
    outcome = await judgeError(run, plan, statesErrorOf(err, run), inspection);
  }
  return response(plan, outcome, inspection);
}

function runState(run: StateRun, plan: TestStatePlan): Promise<StepResult> {
  const mock = plan.mock;
  switch (run.state.Type) {
    case 'Map':
      return runMockedMap(run as StateRun<MapState>, mock as TestMock, plan);
    case 'Parallel':
      return runMockedParallel(run as StateRun<ParallelState>, mock as TestMock);
    default:
      return runStateModule(run);
  }
}

/** The state's error against its Retry (with `retrierRetryCount` attempts made), then its Catch. */
async function judgeError(
  run: StateRun,
  plan: TestStatePlan,
  error: StatesError,
  inspection: Inspection,
): Promise<Outcome> {
  const details: InspectionErrorDetails = {};
  const retriers = retriersOf(run.state);
  const retry = matchRetrier(
    retriers,
    error,
    retriers.map(() => plan.retrierRetryCount),
  );
  if (retry) {
    details.retryIndex = retry.index;
    if (!retry.exhausted) {
      // Reported un-jittered and truncated to whole seconds (TEST-STATE.md, Proposal 1).
      details.retryBackoffIntervalSeconds = Math.trunc(backoffSeconds(retry.retrier, retry.attempt));
      inspection.errorDetails = details as JsonObject;
      return { status: 'RETRIABLE', error };
    }
  }
  const caught = matchCatcher(catchersOf(run.state), error);
  if (caught) details.catchIndex = caught.index;
  if (caught || retry) inspection.errorDetails = details as JsonObject;
  if (!caught) return { status: 'FAILED', error };
  try {
    const { output, assigned } = await run.flow.catchOutput(run, caught.catcher, errorOutputOf(error));
    return { status: 'CAUGHT_ERROR', error, output, next: caught.catcher.Next, assigned };
  } catch (err) {
    return { status: 'FAILED', error: statesErrorOf(err, run) };
  }
}

function response(plan: TestStatePlan, outcome: Outcome, inspection: Inspection): TestStateOutput {
  const out: TestStateOutput = { status: outcome.status };
  if ('output' in outcome) out.output = JSON.stringify(outcome.output);
  if ('next' in outcome && outcome.next !== undefined) out.nextState = outcome.next;
  if ('error' in outcome) {
    const e = outcome.error;
    if (!(e instanceof FailStateError && e.missingError)) out.error = e.error;
    if (e.cause_ !== undefined) out.cause = e.cause_;
  }
  if (plan.level !== 'INFO') {
    const assigned = 'assigned' in outcome ? outcome.assigned : undefined;
    const variables = { ...plan.variables, ...assigned };
    out.inspectionData = inspectionData(plan.state, plan.language, inspection, variables);
  }
  return out;
}

/** The services a state uses, for one TestState run: nothing recorded, nothing waited for. */
class TestStateServices implements ExecutionServices {
  readonly host: RunHost;
  readonly info: ExecutionInfo;
  readonly clock: TestStateEnvironment['clock'];
  readonly invokeTask?: ExecutionServices['invokeTask'];
  private events = 0;

  constructor(
    env: TestStateEnvironment,
    private readonly plan: TestStatePlan,
  ) {
    this.clock = env.clock;
    const arn = (resource: string) =>
      `arn:${env.partition}:states:${env.region}:${env.accountId}:${resource}:${STATE_MACHINE_NAME}`;
    const name = randomUUID();
    this.info = {
      arn: `${arn('express')}:${name}`,
      name,
      smArn: arn('stateMachine'),
      smName: STATE_MACHINE_NAME,
      roleArn: plan.roleArn ?? '',
      input: plan.input,
      start: env.clock.now(),
    };
    const never = new Promise<never>(() => {});
    this.host = {
      ...env,
      emit: () => this.emit(),
      changed: () => {},
      durable: async () => {},
      // A callback task runs only with a mock: nothing ever waits for a token.
      awaitToken: () => ({ promise: never, cancel: () => {} }),
      tokenTimedOut: () => {},
      stopped: never,
      isStopped: () => false,
    };
    const mock = plan.mock;
    if (mock)
      this.invokeTask = async (): Promise<Json> => {
        if ('result' in mock) return mock.result;
        throw new StatesError(mock.error, mock.cause);
      };
  }

  emit(_type?: string): number {
    return ++this.events;
  }

  /** Wait returns at once: TestState skips the wait itself. */
  async sleepUntil(): Promise<void> {}

  async runBranch(): Promise<Json> {
    throw new StatesError(ErrorNames.Runtime, 'TestState does not run the branches of a Map or Parallel');
  }

  /** The given context as is, or one made up as AWS does (TEST-STATE.md "Context object"). */
  contextObject(run: StateRun, extras: ContextExtras): JsonObject {
    if (this.plan.context) return this.plan.context;
    const { info, plan } = this;
    const state: JsonObject = {
      EnteredTime: new Date(run.frame.enteredTime).toISOString(),
      Name: 'StateName',
    };
    if (isRetriable(run.state)) state.RetryCount = plan.retrierRetryCount;
    const ctx: JsonObject = {
      Execution: {
        Id: info.arn,
        Input: info.input,
        Name: info.name,
        RoleArn: plan.roleArn ?? null,
        StartTime: new Date(info.start).toISOString(),
      },
      State: state,
      StateMachine: { Id: info.smArn, Name: info.smName },
    };
    if (extras.token) ctx.Task = { Token: extras.token };
    const item = extras.mapItem ?? run.branch.mapItem;
    if (item) ctx.Map = { Item: { Index: item.index, Value: item.value } };
    return ctx;
  }
}
