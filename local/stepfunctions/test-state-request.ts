/**
 * TestState's request, checked as TEST-STATE.md specifies ("Request", "Which states", "Mocks",
 * "Whole machine with stateName", "Errors"): the state to run, found and validated, with its input,
 * variables and mock — or the API error AWS answers.
 */
import type { InspectionLevel, TestStateInput } from '@aws-sdk/client-sfn';
import { ApiError } from './api/wire.ts';
import type { QueryLanguage, StateDefinition } from './definition.ts';
import { validateDefinition } from './definition-validator.ts';
import { isObject, type Json, type JsonObject } from './json.ts';
import { PAYLOAD_LIMIT_BYTES } from './payload-limit.ts';
import { checkContext, checkMockResult } from './test-state-mock.ts';

export type TestMock = { result: Json } | { error: string; cause?: string };

export interface TestStatePlan {
  state: StateDefinition;
  /** The state's name in its machine; a lone state is called `StateName`. */
  name: string;
  language: QueryLanguage;
  /** Set when the state runs inside a Map's ItemProcessor (via `stateName`). */
  inMap: boolean;
  input: Json;
  variables: JsonObject;
  level: InspectionLevel;
  roleArn?: string;
  mock?: TestMock;
  /** The context object given with the mock, used as is. */
  context?: JsonObject;
  retrierRetryCount: number;
  mapIterationFailureCount?: number;
  mapItemReaderData?: Json;
}

const MAX_DEFINITION_CHARS = 1024 * 1024;
const LEVELS: readonly string[] = ['INFO', 'DEBUG', 'TRACE'];
const MOCKABLE = new Set(['Task', 'Map', 'Parallel']);
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const STATE_TYPES = new Set(['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Map', 'Parallel']);

function invalid(message: string): ApiError {
  return new ApiError('ValidationException', message);
}

function invalidDefinition(message: string): ApiError {
  return new ApiError('InvalidDefinition', `Invalid State Machine Definition: '${message}'`);
}

const TEXT_FIELDS = [
  'definition',
  'roleArn',
  'input',
  'inspectionLevel',
  'variables',
  'stateName',
  'context',
];

/** The wire's request, its members' types checked as the SDK's model declares them. */
function typed(wire: Record<string, unknown>): TestStateInput {
  for (const name of TEXT_FIELDS)
    if (wire[name] !== undefined && typeof wire[name] !== 'string') throw invalid(`${name} must be a string`);
  for (const name of ['mock', 'stateConfiguration'])
    if (wire[name] !== undefined && !isObject(wire[name] as Json)) throw invalid(`${name} must be an object`);
  return wire as unknown as TestStateInput;
}

export function parseTestStateRequest(wire: Record<string, unknown>): TestStatePlan {
  const request = typed(wire);
  const found = locateState(request.definition, request.stateName);
  const { state } = found;
  const input = parseJson(request.input ?? '{}', () => {
    throw new ApiError('InvalidExecutionInput', `Invalid execution input: ${String(request.input)}`);
  });
  const level = request.inspectionLevel ?? 'INFO';
  if (!LEVELS.includes(level))
    throw invalid(
      `Value '${level}' at 'inspectionLevel' failed to satisfy constraint: Member must satisfy enum value set: [INFO, DEBUG, TRACE]`,
    );
  const variables = request.variables === undefined ? {} : parseJson(request.variables, () => undefined);
  if (!isObject(variables)) throw invalid('The variables must be a JSON object');
  const roleArn = request.roleArn;
  if (roleArn !== undefined && !ROLE_ARN.test(roleArn))
    throw new ApiError('InvalidArn', `Invalid Arn: '${roleArn}'`);
  const plan: TestStatePlan = {
    ...found,
    input,
    variables,
    level,
    retrierRetryCount: counter(request.stateConfiguration?.retrierRetryCount, 'retrierRetryCount') ?? 0,
  };
  if (roleArn !== undefined) plan.roleArn = roleArn;
  const config = request.stateConfiguration;
  const failures = counter(config?.mapIterationFailureCount, 'mapIterationFailureCount');
  if (failures !== undefined) plan.mapIterationFailureCount = failures;
  if (config?.mapItemReaderData !== undefined)
    plan.mapItemReaderData = parseJson(config.mapItemReaderData, () => {
      throw invalid('mapItemReaderData must be JSON text');
    });
  if (config?.errorCausedByState !== undefined && !namesChildState(state, config.errorCausedByState))
    throw invalid(
      `errorCausedByState '${config.errorCausedByState}' is not a state inside the Map or Parallel`,
    );
  if (request.mock) {
    plan.mock = checkMock(request, state);
    if (request.context !== undefined) plan.context = checkContext(request.context, state);
  } else checkUnmocked(request, state);
  return plan;
}

/** The state to run: the definition itself, or the state `stateName` names in a whole machine. */
function locateState(
  text: string | undefined,
  stateName: string | undefined,
): Pick<TestStatePlan, 'state' | 'name' | 'language' | 'inMap'> {
  if (typeof text !== 'string' || text.length === 0) throw invalidDefinition('definition is required');
  if (text.length > MAX_DEFINITION_CHARS) throw invalidDefinition('definition exceeds 1 MiB');
  const def = parseJson(text, (err) => {
    throw invalidDefinition(`INVALID_JSON_DESCRIPTION: ${err.message}`);
  });
  if (!isObject(def)) throw invalidDefinition('the definition must be a JSON object');
  if (Object.hasOwn(def, 'States')) {
    if (stateName === undefined)
      throw invalidDefinition('a state machine definition needs stateName to name the state to test');
    checkDiagnostics(text);
    const found = findState(def, stateName, 'JSONPath', false);
    if (!found) throw invalid('State not found in definition');
    return found;
  }
  if (typeof def.Type !== 'string' || !STATE_TYPES.has(def.Type))
    throw invalidDefinition(`SCHEMA_VALIDATION_FAILED: '${String(def.Type)}' is not a state Type`);
  checkDiagnostics(JSON.stringify(machineAround(def)));
  const name = stateName ?? 'StateName';
  const state = def as unknown as StateDefinition;
  return { state, name, language: state.QueryLanguage ?? 'JSONPath', inMap: false };
}

function checkDiagnostics(text: string): void {
  const diagnostics = validateDefinition(text);
  if (diagnostics.length > 0)
    throw invalidDefinition(diagnostics.map((d) => `${d.code}: ${d.message}`).join(', '));
}

/**
 * A lone state, validated as CreateStateMachine validates a machine: inside one whose other states
 * are its transition targets (their names replaced: asl-validator misreads a state named `Next`).
 */
function machineAround(def: JsonObject): JsonObject {
  const state = JSON.parse(JSON.stringify(def)) as JsonObject;
  const states: JsonObject = { StateName: state };
  const target = (holder: JsonObject, field: string) => {
    if (typeof holder[field] !== 'string') return;
    const name = `Target${Object.keys(states).length}`;
    holder[field] = name;
    states[name] = { Type: 'Succeed' };
  };
  target(state, 'Next');
  target(state, 'Default');
  for (const list of [state.Choices, state.Catch])
    if (Array.isArray(list)) for (const c of list) if (isObject(c)) target(c, 'Next');
  const machine: JsonObject = { StartAt: 'StateName', States: states };
  if (def.QueryLanguage !== undefined) machine.QueryLanguage = def.QueryLanguage;
  return machine;
}

/** Depth first through Map processors and Parallel branches, inheriting QueryLanguage as a run does. */
function findState(
  machine: JsonObject,
  name: string,
  inherited: QueryLanguage,
  inMap: boolean,
): Pick<TestStatePlan, 'state' | 'name' | 'language' | 'inMap'> | undefined {
  const language = (machine.QueryLanguage as QueryLanguage | undefined) ?? inherited;
  const states = isObject(machine.States) ? machine.States : {};
  const own = states[name];
  if (isObject(own)) {
    const state = own as unknown as StateDefinition;
    return { state, name, language: state.QueryLanguage ?? language, inMap };
  }
  for (const child of Object.values(states)) {
    if (!isObject(child)) continue;
    const childLanguage = (child.QueryLanguage as QueryLanguage | undefined) ?? language;
    const processor = child.ItemProcessor ?? child.Iterator;
    if (isObject(processor)) {
      const found = findState(processor, name, childLanguage, true);
      if (found) return found;
    }
    for (const branch of Array.isArray(child.Branches) ? child.Branches : [])
      if (isObject(branch)) {
        const found = findState(branch, name, childLanguage, inMap);
        if (found) return found;
      }
  }
  return undefined;
}

function namesChildState(state: StateDefinition, name: string): boolean {
  const machines =
    state.Type === 'Map'
      ? [state.ItemProcessor ?? state.Iterator]
      : state.Type === 'Parallel'
        ? state.Branches
        : [];
  return machines.some((m) => isObject(m) && findState(m, name, 'JSONPath', false) !== undefined);
}

function checkMock(request: TestStateInput, state: StateDefinition): TestMock {
  const mock = request.mock ?? {};
  if (!MOCKABLE.has(state.Type))
    throw invalid(`State type '${state.Type}' is not supported when a mock is specified`);
  if (request.revealSecrets === true)
    throw invalid('TestState does not support RevealSecrets when a mock is specified.');
  if ((mock.result === undefined) === (mock.errorOutput === undefined))
    throw invalid('A test mock should have only one of the following fields: [result, errorOutput].');
  const mode = mock.fieldValidationMode ?? 'STRICT';
  if (!['STRICT', 'PRESENT', 'NONE'].includes(mode))
    throw invalid(
      `Value '${mode}' at 'mock.fieldValidationMode' failed to satisfy constraint: Member must satisfy enum value set: [STRICT, PRESENT, NONE]`,
    );
  if (mock.errorOutput !== undefined) {
    const { error, cause } = mock.errorOutput;
    if (typeof error !== 'string' || error.length === 0)
      throw invalid('The mock errorOutput requires an error');
    return cause === undefined ? { error } : { error, cause };
  }
  const text = mock.result as string;
  if (Buffer.byteLength(text) > PAYLOAD_LIMIT_BYTES) throw invalid('The mocked result exceeds 256 KiB');
  const result = parseJson(text, () => {
    throw invalid('Mocked result must be valid JSON.');
  });
  checkMockResult(state, result, mode);
  return { result };
}

/** Without a mock: Map, Parallel, activities, `.sync` and callbacks cannot run; a Task needs a role. */
function checkUnmocked(request: TestStateInput, state: StateDefinition): void {
  if (state.Type === 'Map' || state.Type === 'Parallel')
    throw new ApiError(
      'InvalidDefinition',
      'TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]',
    );
  if (request.context !== undefined) throw invalid('A context can only be specified together with a mock');
  if (state.Type !== 'Task') return;
  const pattern = /:activity:/.test(state.Resource)
    ? 'activity'
    : /\.sync(:2)?$/.test(state.Resource)
      ? '.sync'
      : state.Resource.endsWith('.waitForTaskToken')
        ? '.waitForTaskToken'
        : undefined;
  if (pattern) throw invalid(`TestState does not support the ${pattern} integration pattern without a mock`);
  if (request.roleArn === undefined) throw invalid('RoleArn must be specified when testing a Task state');
}

function counter(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw invalid(`stateConfiguration.${name} must be a non-negative integer`);
  return value;
}

function parseJson<T>(text: string, onError: (err: Error) => T): Json | T {
  try {
    return JSON.parse(text) as Json;
  } catch (err) {
    return onError(err as Error);
  }
}
