/** The API operations by name (after `AWSStepFunctions.`), as `engine.call` dispatches them. */
import type { Engine } from '../engine.ts';
import {
  describeExecution,
  getExecutionHistory,
  listExecutions,
  startExecution,
  startSyncExecution,
  stopExecution,
} from './executions.ts';
import {
  createStateMachine,
  deleteStateMachine,
  describeStateMachine,
  listStateMachines,
  listTagsForResource,
  tagResource,
  updateStateMachine,
  validateStateMachineDefinition,
} from './state-machines.ts';
import { sendTaskFailure, sendTaskHeartbeat, sendTaskSuccess } from './task-tokens.ts';
import { testState } from './test-state.ts';
import type { InputOf, OperationName, OutputOf } from './wire.ts';

export const OPERATIONS: {
  [K in OperationName]: (engine: Engine, input: InputOf<K>) => Promise<OutputOf<K>>;
} = {
  CreateStateMachine: createStateMachine,
  UpdateStateMachine: updateStateMachine,
  DescribeStateMachine: describeStateMachine,
  ListStateMachines: listStateMachines,
  DeleteStateMachine: deleteStateMachine,
  ValidateStateMachineDefinition: validateStateMachineDefinition,
  StartExecution: startExecution,
  StartSyncExecution: startSyncExecution,
  DescribeExecution: describeExecution,
  ListExecutions: listExecutions,
  GetExecutionHistory: getExecutionHistory,
  StopExecution: stopExecution,
  SendTaskSuccess: sendTaskSuccess,
  SendTaskFailure: sendTaskFailure,
  SendTaskHeartbeat: sendTaskHeartbeat,
  TagResource: tagResource,
  ListTagsForResource: listTagsForResource,
  TestState: testState,
};
