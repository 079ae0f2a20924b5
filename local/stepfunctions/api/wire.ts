/**
 * The API's types: each operation's input and output as `@aws-sdk/client-sfn` declares them, seen
 * through `Wire<T>` — the AWS JSON 1.0 protocol carries the SDK's `Date`s as epoch seconds.
 */
import type * as Sfn from '@aws-sdk/client-sfn';

/** `T` as it travels on the wire: every `Date` (however deep) becomes epoch seconds. */
export type Wire<T> = T extends Date
  ? number
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** The operations the engine serves, by their name after `AWSStepFunctions.`. */
export interface Operations {
  CreateStateMachine: [Sfn.CreateStateMachineInput, Sfn.CreateStateMachineOutput];
  UpdateStateMachine: [Sfn.UpdateStateMachineInput, Sfn.UpdateStateMachineOutput];
  DescribeStateMachine: [Sfn.DescribeStateMachineInput, Sfn.DescribeStateMachineOutput];
  ListStateMachines: [Sfn.ListStateMachinesInput, Sfn.ListStateMachinesOutput];
  DeleteStateMachine: [Sfn.DeleteStateMachineInput, Sfn.DeleteStateMachineOutput];
  ValidateStateMachineDefinition: [
    Sfn.ValidateStateMachineDefinitionInput,
    Sfn.ValidateStateMachineDefinitionOutput,
  ];
  StartExecution: [Sfn.StartExecutionInput, Sfn.StartExecutionOutput];
  StartSyncExecution: [Sfn.StartSyncExecutionInput, Sfn.StartSyncExecutionOutput];
  DescribeExecution: [Sfn.DescribeExecutionInput, Sfn.DescribeExecutionOutput];
  ListExecutions: [Sfn.ListExecutionsInput, Sfn.ListExecutionsOutput];
  GetExecutionHistory: [Sfn.GetExecutionHistoryInput, Sfn.GetExecutionHistoryOutput];
  StopExecution: [Sfn.StopExecutionInput, Sfn.StopExecutionOutput];
  SendTaskSuccess: [Sfn.SendTaskSuccessInput, Sfn.SendTaskSuccessOutput];
  SendTaskFailure: [Sfn.SendTaskFailureInput, Sfn.SendTaskFailureOutput];
  SendTaskHeartbeat: [Sfn.SendTaskHeartbeatInput, Sfn.SendTaskHeartbeatOutput];
  TagResource: [Sfn.TagResourceInput, Sfn.TagResourceOutput];
  ListTagsForResource: [Sfn.ListTagsForResourceInput, Sfn.ListTagsForResourceOutput];
  TestState: [Sfn.TestStateInput, Sfn.TestStateOutput];
}

export type OperationName = keyof Operations;
export type InputOf<K extends OperationName> = Wire<Operations[K][0]>;
export type OutputOf<K extends OperationName> = Wire<Operations[K][1]>;

/** An API error in AWS's shape: `{ __type, message }` with HTTP 400. */
export class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** Epoch milliseconds (what the engine records) to the protocol's epoch seconds. */
export function seconds(ms: number): number {
  return ms / 1000;
}
