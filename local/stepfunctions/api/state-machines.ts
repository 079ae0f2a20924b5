/**
 * State machine operations: CreateStateMachine, UpdateStateMachine, DescribeStateMachine,
 * ListStateMachines, DeleteStateMachine, ValidateStateMachineDefinition, and the tag operations
 * (accepted, not stored).
 */
import { randomUUID } from 'node:crypto';
import { validateDefinition } from '../definition-validator.ts';
import type { Engine } from '../engine.ts';
import type { Json } from '../json.ts';
import { machineDeletedLine, machineLine, type StateMachineRecord } from '../records.ts';
import { page } from './paging.ts';
import { ApiError, type InputOf, type OutputOf, seconds } from './wire.ts';

/** AWS's name rule for state machines and executions (its length, 1..80, is checked with the request). */
export const NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

export function stateMachineArn(engine: Engine, name: string): string {
  return `arn:${engine.partition}:states:${engine.region}:${engine.accountId}:stateMachine:${name}`;
}

/** The machine behind an ARN; a version (`:3`) or alias (`:live`) ARN runs the machine's one local definition. */
export function requireMachine(engine: Engine, arn: string | undefined): StateMachineRecord {
  const sm = arn ? engine.machines.get(arn.split(':').slice(0, 7).join(':')) : undefined;
  if (!sm) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(arn)}'`);
  return sm;
}

function checkDefinition(definition: string): string {
  const diagnostics = validateDefinition(definition);
  if (diagnostics.length > 0)
    throw new ApiError(
      'InvalidDefinition',
      `Invalid State Machine Definition: '${diagnostics.map((d) => `${d.code}: ${d.message}`).join(', ')}'`,
    );
  return definition;
}

export async function createStateMachine(
  engine: Engine,
  i: InputOf<'CreateStateMachine'>,
): Promise<OutputOf<'CreateStateMachine'>> {
  const name = i.name as string;
  if (!NAME_PATTERN.test(name)) throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
  const definition = checkDefinition(i.definition as string);
  const arn = stateMachineArn(engine, name);
  const existing = engine.machines.get(arn);
  if (existing) {
    if (existing.definition === definition && existing.roleArn === i.roleArn)
      return { stateMachineArn: arn, creationDate: seconds(existing.created) };
    throw new ApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
  }
  const sm: StateMachineRecord = {
    arn,
    name,
    definition,
    roleArn: i.roleArn ?? `arn:${engine.partition}:iam::${engine.accountId}:role/local`,
    type: i.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD',
    created: engine.clock.now(),
    revisionId: randomUUID(),
  };
  if (i.loggingConfiguration) sm.loggingConfiguration = i.loggingConfiguration as Json;
  if (i.tracingConfiguration) sm.tracingConfiguration = i.tracingConfiguration as Json;
  const line = machineLine(sm); // serialised before it is registered: if this throws, nothing changed
  engine.machines.set(arn, sm);
  await engine.record(line);
  return { stateMachineArn: arn, creationDate: seconds(sm.created) };
}

export async function updateStateMachine(
  engine: Engine,
  i: InputOf<'UpdateStateMachine'>,
): Promise<OutputOf<'UpdateStateMachine'>> {
  const sm = requireMachine(engine, i.stateMachineArn);
  // Checked before anything changes: a refused update leaves the machine as it was.
  const definition = i.definition !== undefined ? checkDefinition(i.definition) : sm.definition;
  sm.definition = definition;
  if (i.roleArn !== undefined) sm.roleArn = i.roleArn;
  if (i.loggingConfiguration) sm.loggingConfiguration = i.loggingConfiguration as Json;
  sm.updated = engine.clock.now();
  sm.revisionId = randomUUID();
  await engine.record(machineLine(sm));
  return { updateDate: seconds(sm.updated), revisionId: sm.revisionId };
}

export async function describeStateMachine(
  engine: Engine,
  i: InputOf<'DescribeStateMachine'>,
): Promise<OutputOf<'DescribeStateMachine'>> {
  const sm = requireMachine(engine, i.stateMachineArn);
  return {
    stateMachineArn: sm.arn,
    name: sm.name,
    status: 'ACTIVE',
    definition: sm.definition,
    roleArn: sm.roleArn,
    type: sm.type,
    creationDate: seconds(sm.created),
    revisionId: sm.revisionId,
    loggingConfiguration:
      (sm.loggingConfiguration as OutputOf<'DescribeStateMachine'>['loggingConfiguration']) ?? {
        level: 'OFF',
        includeExecutionData: false,
      },
    tracingConfiguration:
      (sm.tracingConfiguration as OutputOf<'DescribeStateMachine'>['tracingConfiguration']) ?? {
        enabled: false,
      },
  };
}

export async function listStateMachines(
  engine: Engine,
  i: InputOf<'ListStateMachines'>,
): Promise<OutputOf<'ListStateMachines'>> {
  const all = [...engine.machines.values()].map((sm) => ({
    stateMachineArn: sm.arn,
    name: sm.name,
    type: sm.type,
    creationDate: seconds(sm.created),
  }));
  const { items, nextToken } = page(all, i);
  return { stateMachines: items, ...(nextToken ? { nextToken } : {}) };
}

export async function deleteStateMachine(
  engine: Engine,
  i: InputOf<'DeleteStateMachine'>,
): Promise<OutputOf<'DeleteStateMachine'>> {
  const arn = i.stateMachineArn as string;
  if (engine.machines.delete(arn)) await engine.record(machineDeletedLine(arn));
  return {};
}

export async function validateStateMachineDefinition(
  _engine: Engine,
  i: InputOf<'ValidateStateMachineDefinition'>,
): Promise<OutputOf<'ValidateStateMachineDefinition'>> {
  const diagnostics = validateDefinition(i.definition as string);
  return { result: diagnostics.length === 0 ? 'OK' : 'FAIL', diagnostics, truncated: false };
}

export async function tagResource(): Promise<OutputOf<'TagResource'>> {
  return {};
}

export async function listTagsForResource(): Promise<OutputOf<'ListTagsForResource'>> {
  return { tags: [] };
}
