/**
 * Task: start evaluates the request (Parameters/Arguments, TimeoutSeconds, HeartbeatSeconds),
 * records the Scheduled and Started events and suspends on the evaluated request — with a callback
 * task, its token is on disk before anyone can hold it. Resume invokes the handler with exactly
 * that request and, for `.waitForTaskToken`, waits for SendTaskSuccess/Failure, racing the task's
 * timeout, its heartbeat (each task has its own) and the cancellation of its scope. When the
 * execution services supply task results themselves (`invokeTask`: TestState's mock), resume takes
 * the result from them instead of invoking and awaiting a callback.
 */
import { nextOf, type TaskState } from '../definition.ts';
import { Cancelled, ErrorNames, FieldError, StatesError } from '../errors.ts';
import type { TaskSuspension } from '../execution-tree.ts';
import type { TokenOutcome } from '../host.ts';
import type { Json } from '../json.ts';
import { invokeLambda } from '../lambda-invoke.ts';
import { checkResultSize } from '../payload-limit.ts';
import type { StateRun, StepResult } from '../state-run.ts';
import { parseResource, type ResourceTarget } from '../task-resource.ts';
import { newTaskToken } from '../task-token.ts';

/** A task without TimeoutSeconds runs for a year at most, as on AWS. */
const DEFAULT_TASK_TIMEOUT_S = 99_999_999;

export async function runTask(run: StateRun<TaskState>): Promise<StepResult> {
  const { state, frame, execution } = run;
  const target = parseResource(state.Resource);
  const suspension = frame.suspension?.kind === 'task' ? frame.suspension : await startTask(run, target);
  const result = await completeTask(run, target, suspension);
  delete frame.suspension;
  checkResultSize(frame.state, result);
  if (target.kind === 'lambda-arn') execution.emit('LambdaFunctionSucceeded', run.branch, { output: result });
  else
    execution.emit('TaskSucceeded', run.branch, {
      resourceType: target.resourceType,
      resource: target.resourceName,
      output: result,
    });
  const { output, assigned } = await run.flow.finish(run, { result });
  return { output, next: nextOf(state), assigned };
}

async function startTask(run: StateRun<TaskState>, target: ResourceTarget): Promise<TaskSuspension> {
  const { flow, frame, execution, branch } = run;
  const host = execution.host;
  const token = target.callback ? newTaskToken(execution.info.arn) : undefined;
  const input = flow.input(run);
  const params = await flow.parameters(run, input, { token });
  const timeout = await flow.setting(run, 'TimeoutSeconds', input);
  const heartbeat = await flow.setting(run, 'HeartbeatSeconds', input);
  const timeoutS = timeout ? timeout.value : DEFAULT_TASK_TIMEOUT_S;
  if (typeof timeoutS !== 'number' || timeoutS <= 0)
    throw new FieldError(
      ErrorNames.Runtime,
      `The TimeoutSeconds value must be a positive integer but was: ${JSON.stringify(timeoutS)}`,
    );
  const now = execution.clock.now();
  const suspension: TaskSuspension = { kind: 'task', params, timeoutAt: now + timeoutS * 1000 };
  if (token) suspension.token = token;
  if (typeof heartbeat?.value === 'number' && heartbeat.value > 0) {
    suspension.heartbeatMs = heartbeat.value * 1000;
    suspension.heartbeatAt = now + suspension.heartbeatMs;
  }
  frame.suspension = suspension;
  if (target.kind === 'lambda-arn') {
    execution.emit('LambdaFunctionScheduled', branch, {
      resource: target.resource,
      input: params,
      timeoutInSeconds: timeoutS,
    });
    execution.emit('LambdaFunctionStarted', branch);
  } else {
    const scheduled: Record<string, Json | undefined> = {
      resourceType: target.resourceType,
      resource: target.resourceName,
      region: host.region,
      parameters: JSON.stringify(params),
    };
    if (timeout) scheduled.timeoutInSeconds = timeoutS;
    if (suspension.heartbeatMs) scheduled.heartbeatInSeconds = suspension.heartbeatMs / 1000;
    execution.emit('TaskScheduled', branch, scheduled);
    execution.emit('TaskStarted', branch, {
      resourceType: target.resourceType,
      resource: target.resourceName,
    });
  }
  host.changed();
  // A callback token must be on disk before anyone outside can hold it.
  if (token) await host.durable();
  return suspension;
}

class TaskTimeout extends Error {
  constructor(readonly error: string) {
    super(error);
  }
}

/** Invokes the task (unless a callback task's handler already returned) and awaits its result. */
async function completeTask(
  run: StateRun<TaskState>,
  target: ResourceTarget,
  task: TaskSuspension,
): Promise<Json> {
  const { execution, branch, frame } = run;
  const host = execution.host;
  const clock = execution.clock;
  const timers: unknown[] = [];
  let heartbeat: (() => void) | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    const fire = (error: string) => {
      if (task.token) host.tokenTimedOut(task.token);
      reject(new TaskTimeout(error));
    };
    if (task.timeoutAt !== undefined)
      timers.push(clock.setTimer(() => fire(ErrorNames.Timeout), Math.max(0, task.timeoutAt - clock.now())));
    if (task.heartbeatAt !== undefined && task.heartbeatMs) {
      const arm = () => {
        const timer = clock.setTimer(
          () => fire(ErrorNames.HeartbeatTimeout),
          Math.max(0, (task.heartbeatAt ?? 0) - clock.now()),
        );
        timers.push(timer);
        return timer;
      };
      let timer = arm();
      // This task's own heartbeat: SendTaskHeartbeat with its token re-arms only its timer.
      heartbeat = () => {
        clock.clearTimer(timer);
        task.heartbeatAt = clock.now() + (task.heartbeatMs ?? 0);
        host.changed();
        timer = arm();
      };
    }
  });
  timedOut.catch(() => {});
  const tokenWait = task.token ? host.awaitToken(task.token, () => heartbeat?.()) : undefined;
  try {
    if (execution.invokeTask)
      return await run.cancel.race(Promise.race([execution.invokeTask(run, target, task.params), timedOut]));
    if (!task.invoked) {
      const where = `'${frame.state}' (entered at the event id #${frame.enteredEventId})`;
      const response = await run.cancel.race(
        Promise.race([invokeLambda(host, target, task.params, task.timeoutAt, where), timedOut]),
      );
      if (!tokenWait) return response;
      task.invoked = true;
      execution.emit('TaskSubmitted', branch, {
        resourceType: target.resourceType,
        resource: target.resourceName,
        output: response,
      });
      host.changed();
    }
    const outcome: TokenOutcome = await run.cancel.race(
      Promise.race([(tokenWait as { promise: Promise<TokenOutcome> }).promise, timedOut]),
    );
    if (outcome.ok) return outcome.output;
    throw new StatesError(outcome.error ?? '', outcome.cause);
  } catch (err) {
    if (err instanceof Cancelled || run.cancel.isCancelled) throw err;
    const e =
      err instanceof TaskTimeout
        ? new StatesError(err.error, undefined)
        : err instanceof StatesError
          ? err
          : new StatesError(ErrorNames.TaskFailed, String(err));
    const failure = err instanceof TaskTimeout ? 'TimedOut' : 'Failed';
    const details: Record<string, Json | undefined> = { error: e.error, cause: e.cause_ };
    if (target.kind === 'lambda-arn') execution.emit(`LambdaFunction${failure}`, branch, details);
    else
      execution.emit(`Task${failure}`, branch, {
        resourceType: target.resourceType,
        resource: target.resourceName,
        ...details,
      });
    throw e;
  } finally {
    for (const t of timers) clock.clearTimer(t);
    tokenWait?.cancel();
  }
}
