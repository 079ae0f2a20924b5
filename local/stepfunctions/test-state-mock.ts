/**
 * What a TestState mock and a given context object must look like (TEST-STATE.md "Mocks",
 * "Context object"): the shape of a Map's or Parallel's mocked result, the Lambda `Invoke` output
 * model a mocked `lambda:invoke` result is validated against, and the context's allowed fields.
 */
import type { MockResponseValidationMode } from '@aws-sdk/client-sfn';
import { ApiError } from './api/wire.ts';
import type { StateDefinition } from './definition.ts';
import { isObject, type Json, type JsonObject, jsonTypeName } from './json.ts';
import { parseResource } from './task-resource.ts';

type FieldType = 'string' | 'number' | 'any';

/** Lambda's Invoke output (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html); nothing is required. */
const LAMBDA_INVOKE_OUTPUT: Record<string, FieldType> = {
  StatusCode: 'number',
  FunctionError: 'string',
  LogResult: 'string',
  Payload: 'any',
  ExecutedVersion: 'string',
};

/** The context fields a caller may give, with the types of those the engine knows. */
const CONTEXT_FIELDS: Record<string, Record<string, FieldType>> = {
  Execution: {
    Id: 'string',
    Input: 'any',
    Name: 'string',
    RoleArn: 'string',
    StartTime: 'string',
    RedriveCount: 'number',
    RedriveTime: 'string',
  },
  State: { Name: 'string', EnteredTime: 'string', RetryCount: 'number' },
  StateMachine: { Id: 'string', Name: 'string' },
  Task: { Token: 'string' },
};

function invalid(message: string): ApiError {
  return new ApiError('ValidationException', message);
}

function hasType(value: Json | undefined, type: FieldType): boolean {
  if (type === 'any' || value === undefined) return true;
  return typeof value === type;
}

/** A mocked result must have the shape the state's integration (or Map, Parallel) would return. */
export function checkMockResult(
  state: StateDefinition,
  result: Json,
  mode: MockResponseValidationMode,
): void {
  if (state.Type === 'Map') {
    if ((state as { ResultWriter?: Json }).ResultWriter !== undefined) {
      if (!isObject(result)) throw invalid('Mocked result must be a JSON object.');
    } else if (!Array.isArray(result)) throw invalid('Mocked result must be an array.');
    return;
  }
  if (state.Type === 'Parallel') {
    if (!Array.isArray(result)) throw invalid('Mocked result must be an array.');
    if (result.length !== state.Branches.length)
      throw invalid('Mocked result must contain the same number of items as number of Parallel branches.');
    return;
  }
  if (state.Type !== 'Task' || mode === 'NONE') return;
  const target = parseResource(state.Resource);
  // Only the Lambda Invoke model is known locally; other integrations are not validated.
  if (target.kind !== 'lambda-invoke' || target.callback) return;
  if (!isObject(result))
    throw invalid('Mock result schema validation error: The result must be a JSON object');
  for (const [field, type] of Object.entries(LAMBDA_INVOKE_OUTPUT))
    if (!hasType(result[field], type))
      throw invalid(`Mock result schema validation error: Field '${field}' must be a ${type}`);
}

/** The context object given with a mock, checked; it is used as is. */
export function checkContext(text: string, state: StateDefinition): JsonObject {
  const prefix = 'Invalid Context object provided:';
  let context: Json;
  try {
    context = JSON.parse(text) as Json;
  } catch {
    throw invalid(`${prefix} The context must be a JSON object`);
  }
  if (!isObject(context)) throw invalid(`${prefix} The context must be a JSON object`);
  for (const [name, value] of Object.entries(context)) {
    if (name === 'Map') throw invalid(`${prefix} 'Map' field is not supported when mocking a Context object`);
    const fields = CONTEXT_FIELDS[name];
    if (!fields) throw invalid(`${prefix} Field '${name}' is not allowed`);
    if (name === 'Task' && !(state.Type === 'Task' && /\.(sync(:2)?|waitForTaskToken)$/.test(state.Resource)))
      throw invalid(
        `${prefix} Context object contains 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' service integration pattern`,
      );
    if (!isObject(value)) throw invalid(`${prefix} ${name} must be an object but was ${jsonTypeName(value)}`);
    for (const [field, type] of Object.entries(fields))
      if (!hasType(value[field], type)) throw invalid(`${prefix} ${name}.${field} must be a ${type}`);
  }
  return context;
}
