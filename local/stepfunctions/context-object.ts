/** The context object: `$$` in JSONPath, `$states.context` in JSONata. */
import { isRetriable } from './definition.ts';
import type { MapItem } from './execution-tree.ts';
import type { JsonObject } from './json.ts';
import type { StateRun } from './state-run.ts';

export interface ContextExtras {
  /** The task token of a `.waitForTaskToken` task (`$$.Task.Token`). */
  token?: string;
  /** The item an ItemSelector is evaluated for (`$$.Map.Item`); else the branch's own. */
  mapItem?: MapItem;
}

export function contextObject(run: StateRun, extras: ContextExtras = {}): JsonObject {
  if (run.execution.contextObject) return run.execution.contextObject(run, extras);
  const { info } = run.execution;
  const frame = run.frame;
  const ctx: JsonObject = {
    Execution: {
      Id: info.arn,
      Input: info.input,
      Name: info.name,
      RoleArn: info.roleArn,
      StartTime: new Date(info.start).toISOString(),
      RedriveCount: 0,
    },
    State: { EnteredTime: new Date(frame.enteredTime).toISOString(), Name: frame.state },
    StateMachine: { Id: info.smArn, Name: info.smName },
  };
  // AWS adds RetryCount only where Retry applies (Task, Map, Parallel).
  if (frame.retryCounts || isRetriable(run.state))
    (ctx.State as JsonObject).RetryCount = frame.retryCounts
      ? frame.retryCounts.reduce((a, b) => a + b, 0)
      : 0;
  if (extras.token) ctx.Task = { Token: extras.token };
  const item = extras.mapItem ?? run.branch.mapItem;
  if (item) ctx.Map = { Item: { Index: item.index, Value: item.value } };
  return ctx;
}
