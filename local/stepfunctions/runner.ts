/**
 * Runs an execution: a loop per branch that enters a state, runs it through its module (states/),
 * hands its errors to Retry/Catch, records its exit and moves to the next state. Every durable
 * suspension lives in a state's module; this loop only writes the frame between states.
 */
import { CancelScope } from './cancel-scope.ts';
import type { Clock } from './clock.ts';
import type { DataFlow } from './data-flow.ts';
import type {
  QueryLanguage,
  StateDefinition,
  StateMachineDefinition,
  StateType,
  SubMachine,
} from './definition.ts';
import { Cancelled, ErrorNames, StatesError } from './errors.ts';
import { type Branch, newFrame } from './execution-tree.ts';
import type { ExecutionInfo, RunHost } from './host.ts';
import type { Json } from './json.ts';
import { jsonataFlow } from './jsonata-flow.ts';
import { jsonPathFlow } from './jsonpath-flow.ts';
import { checkStateOutput } from './payload-limit.ts';
import { retryOrCatch } from './retry-catch.ts';
import type { ExecutionServices, Inspection, StateRun, StepResult, VariableScope } from './state-run.ts';
import { runChoice } from './states/choice.ts';
import { runFail } from './states/fail.ts';
import { runMap } from './states/map.ts';
import { runParallel } from './states/parallel.ts';
import { runPass } from './states/pass.ts';
import { runSucceed } from './states/succeed.ts';
import { runTask } from './states/task.ts';
import { runWait } from './states/wait.ts';

type StateModule = (run: StateRun) => Promise<StepResult>;

/** One module per state type. */
const STATE_MODULES = {
  Pass: runPass,
  Choice: runChoice,
  Succeed: runSucceed,
  Fail: runFail,
  Wait: runWait,
  Task: runTask,
  Map: runMap,
  Parallel: runParallel,
} as { [T in StateType]: StateModule };

/** Runs one visit of a state through its type's module. */
export function runStateModule(run: StateRun): Promise<StepResult> {
  return STATE_MODULES[run.state.Type](run);
}

export function dataFlowOf(language: QueryLanguage): DataFlow {
  return language === 'JSONata' ? jsonataFlow : jsonPathFlow;
}

/** History event names per state type, derived once. */
const EVENT_NAMES = new Map<string, { entered: string; exited: string | null }>();

function eventNames(type: string): { entered: string; exited: string | null } {
  let names = EVENT_NAMES.get(type);
  if (!names) {
    names = { entered: `${type}StateEntered`, exited: type === 'Fail' ? null : `${type}StateExited` };
    EVENT_NAMES.set(type, names);
  }
  return names;
}

/** Transitions between yields to the event loop, so a long loop of Pass states cannot starve I/O. */
const YIELD_EVERY = 2048;

export class ExecutionRunner implements ExecutionServices {
  readonly clock: Clock;
  /** Cancelled when the host stops the execution. */
  private readonly root: CancelScope;
  private transitions = 0;

  constructor(
    readonly host: RunHost,
    readonly info: ExecutionInfo,
    private readonly definition: StateMachineDefinition,
  ) {
    this.clock = host.clock;
    this.root = new CancelScope(undefined, () => host.isStopped());
    host.stopped.catch(() => this.root.cancel('The execution was stopped'));
  }

  /** Runs (or resumes) the top-level branch to its output; throws StatesError on failure. */
  run(root: Branch): Promise<Json> {
    return this.runBranch(
      root,
      this.definition,
      null,
      this.definition.QueryLanguage ?? 'JSONPath',
      this.root,
    );
  }

  emit(type: string, branch: Branch, details?: Record<string, Json | undefined>, ts?: number): number {
    return this.host.emit(type, branch, details, ts);
  }

  async sleepUntil(due: number, cancel: CancelScope): Promise<void> {
    const delay = due - this.clock.now();
    if (delay <= 0) return;
    let timer: unknown;
    const elapsed = new Promise<void>((resolve) => {
      timer = this.clock.setTimer(resolve, delay);
    });
    try {
      await cancel.race(elapsed);
    } finally {
      this.clock.clearTimer(timer);
    }
  }

  async runBranch(
    branch: Branch,
    machine: SubMachine,
    parent: VariableScope | null,
    inherited: QueryLanguage,
    cancel: CancelScope,
    inspection?: Inspection,
  ): Promise<Json> {
    const variables: VariableScope = { vars: branch.variables, parent };
    for (;;) {
      const frame = branch.frame;
      const state: StateDefinition | undefined = machine.States[frame.state];
      if (!state) throw new StatesError(ErrorNames.Runtime, `State '${frame.state}' does not exist`);
      const flow = dataFlowOf(state.QueryLanguage ?? inherited);
      const names = eventNames(state.Type);
      if (!frame.entered) {
        frame.enteredTime = this.clock.now();
        frame.enteredAfter = branch.lastEventId;
        frame.enteredEventId = this.emit(
          names.entered,
          branch,
          { name: frame.state, input: frame.input },
          frame.enteredTime,
        );
        frame.entered = true;
      }
      const run: StateRun = { state, branch, frame, variables, flow, cancel, execution: this, inspection };
      let result: StepResult;
      try {
        result = await runStateModule(run);
        checkStateOutput(frame.state, frame.input, result.output);
      } catch (err) {
        if (err instanceof Cancelled || cancel.isCancelled) throw err;
        const handled = await retryOrCatch(run, err);
        if (handled === 'retry') continue;
        result = handled;
      }
      if (names.exited !== null) {
        const details: Record<string, Json | undefined> = { name: frame.state, output: result.output };
        if (result.assigned && Object.keys(result.assigned).length > 0)
          details.assignedVariables = result.assigned;
        this.emit(names.exited, branch, details);
      }
      if (result.assigned) Object.assign(branch.variables, result.assigned);
      if (result.next === undefined) {
        delete frame.suspension;
        delete frame.retryCounts;
        this.host.changed();
        return result.output;
      }
      branch.frame = newFrame(result.next, result.output);
      this.host.changed();
      if (++this.transitions % YIELD_EVERY === 0) await new Promise<void>((r) => setImmediate(r));
      cancel.throwIfCancelled();
    }
  }
}
