/**
 * Execution operations: StartExecution, StartSyncExecution, DescribeExecution, ListExecutions,
 * GetExecutionHistory, StopExecution.
 */
import { randomUUID } from 'node:crypto';
import type { Engine } from '../engine.ts';
import { renderEvent } from '../history.ts';
import type { ExecutionRecord } from '../records.ts';
import { parsePayload } from './limits.ts';
import { page } from './paging.ts';
import { NAME_PATTERN, requireMachine } from './state-machines.ts';
import { ApiError, type InputOf, type OutputOf, seconds } from './wire.ts';

export function requireExecution(engine: Engine, arn: string | undefined): ExecutionRecord {
  const ex = arn ? engine.executions.get(arn) : undefined;
  if (!ex) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(arn)}'`);
  return ex;
}

export async function startExecution(
  engine: Engine,
  i: InputOf<'StartExecution'>,
): Promise<OutputOf<'StartExecution'>> {
  const sm = requireMachine(engine, i.stateMachineArn);
  const name = i.name ?? randomUUID();
  if (!NAME_PATTERN.test(name)) throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
  const input = parsePayload(i.input ?? '{}', 'InvalidExecutionInput', 'execution input');
  const arn = `arn:${engine.partition}:states:${engine.region}:${engine.accountId}:execution:${sm.name}:${name}`;
  const existing = engine.executions.get(arn);
  if (existing) {
    // AWS: a repeated start with the same name and input of a running execution is idempotent.
    if (existing.status === 'RUNNING' && JSON.stringify(existing.input) === JSON.stringify(input))
      return { executionArn: arn, startDate: seconds(existing.start) };
    throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
  }
  const ex: ExecutionRecord = {
    arn,
    name,
    smArn: sm.arn,
    smName: sm.name,
    roleArn: sm.roleArn,
    input,
    start: engine.clock.now(),
    def: sm.definition,
    status: 'RUNNING',
    root: null,
    events: [],
    timedOutTokens: [],
    written: 0,
    dirty: false,
  };
  engine.begin(ex);
  await engine.durable();
  return { executionArn: arn, startDate: seconds(ex.start) };
}

export async function startSyncExecution(
  engine: Engine,
  i: InputOf<'StartSyncExecution'>,
): Promise<OutputOf<'StartSyncExecution'>> {
  const { executionArn } = await startExecution(engine, {
    stateMachineArn: i.stateMachineArn,
    name: i.name,
    input: i.input,
  });
  await engine.waitForExecution(executionArn as string);
  const ex = requireExecution(engine, executionArn);
  const out: OutputOf<'StartSyncExecution'> = {
    executionArn: ex.arn,
    stateMachineArn: ex.smArn,
    name: ex.name,
    startDate: seconds(ex.start),
    stopDate: seconds(ex.stop ?? engine.clock.now()),
    // Never RUNNING here: the execution has ended.
    status: ex.status as OutputOf<'StartSyncExecution'>['status'],
    input: JSON.stringify(ex.input),
    inputDetails: { included: true },
    billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: 100 },
  };
  return { ...out, ...outcomeOf(ex) };
}

/** What an ended execution produced: its output, or its error and cause (fields absent when unset). */
function outcomeOf(ex: ExecutionRecord): {
  output?: string;
  outputDetails?: { included: boolean };
  error?: string;
  cause?: string;
} {
  const outcome: ReturnType<typeof outcomeOf> = {};
  if (ex.output !== undefined) {
    outcome.output = JSON.stringify(ex.output);
    outcome.outputDetails = { included: true };
  }
  if (ex.error !== undefined) outcome.error = ex.error;
  if (ex.cause !== undefined) outcome.cause = ex.cause;
  return outcome;
}

export async function describeExecution(
  engine: Engine,
  i: InputOf<'DescribeExecution'>,
): Promise<OutputOf<'DescribeExecution'>> {
  const ex = requireExecution(engine, i.executionArn);
  const out: OutputOf<'DescribeExecution'> = {
    executionArn: ex.arn,
    stateMachineArn: ex.smArn,
    name: ex.name,
    status: ex.status,
    startDate: seconds(ex.start),
    input: JSON.stringify(ex.input),
    inputDetails: { included: true },
    redriveCount: 0,
    redriveStatus: 'NOT_REDRIVABLE',
  };
  if (ex.stop !== undefined) out.stopDate = seconds(ex.stop);
  return { ...out, ...outcomeOf(ex) };
}

export async function listExecutions(
  engine: Engine,
  i: InputOf<'ListExecutions'>,
): Promise<OutputOf<'ListExecutions'>> {
  const sm = requireMachine(engine, i.stateMachineArn);
  const filter = i.statusFilter;
  const list = [...engine.executions.values()]
    .filter((ex) => ex.smArn === sm.arn && (!filter || ex.status === filter))
    .sort((a, b) => b.start - a.start)
    .map((ex) => {
      const item: NonNullable<OutputOf<'ListExecutions'>['executions']>[number] = {
        executionArn: ex.arn,
        stateMachineArn: ex.smArn,
        name: ex.name,
        status: ex.status,
        startDate: seconds(ex.start),
      };
      if (ex.stop !== undefined) item.stopDate = seconds(ex.stop);
      return item;
    });
  const { items, nextToken } = page(list, i);
  return { executions: items, ...(nextToken ? { nextToken } : {}) };
}

export async function getExecutionHistory(
  engine: Engine,
  i: InputOf<'GetExecutionHistory'>,
): Promise<OutputOf<'GetExecutionHistory'>> {
  const ex = requireExecution(engine, i.executionArn);
  const include = i.includeExecutionData !== false;
  const events = i.reverseOrder === true ? [...ex.events].reverse() : ex.events;
  const { items, nextToken } = page(events, i, 1000);
  return { events: items.map((e) => renderEvent(e, include)), ...(nextToken ? { nextToken } : {}) };
}

export async function stopExecution(
  engine: Engine,
  i: InputOf<'StopExecution'>,
): Promise<OutputOf<'StopExecution'>> {
  const ex = requireExecution(engine, i.executionArn);
  if (ex.status === 'RUNNING') {
    const details: { error?: string; cause?: string } = {};
    if (i.error !== undefined) details.error = i.error;
    if (i.cause !== undefined) details.cause = i.cause;
    engine.finishAbnormally(ex, 'ABORTED', 'ExecutionAborted', details);
    await engine.durable();
  }
  return { stopDate: seconds(ex.stop ?? engine.clock.now()) };
}
