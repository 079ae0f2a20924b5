/** Shared set-up for the engine's own tests: an engine on a temp dir with a manual clock. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createEngine,
  type EmbeddedEngine,
  ManualClock,
  settle,
  type TaskHandler,
} from '#stepfunctions/index';

export interface TestEngine {
  embedded: EmbeddedEngine;
  clock: ManualClock;
  dataDir: string;
  call<T = Record<string, unknown>>(op: string, input: Record<string, unknown>): Promise<T>;
  /** Creates a state machine and starts one execution; returns its ARN. */
  start(definition: object, input?: unknown, name?: string): Promise<string>;
  describe(arn: string): Promise<Record<string, unknown>>;
  historyTypes(arn: string): Promise<string[]>;
  dispose(): Promise<void>;
}

let counter = 0;

export async function testEngine(
  handlers: Record<string, TaskHandler> = {},
  opts: { dataDir?: string; clock?: ManualClock } = {},
): Promise<TestEngine> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'sfn-engine-'));
  const clock = opts.clock ?? new ManualClock();
  const embedded = await createEngine({ dataDir, handlers, clock });
  const call = <T>(op: string, input: Record<string, unknown>) =>
    embedded.engine.call(op, input) as Promise<T>;
  return {
    embedded,
    clock,
    dataDir,
    call,
    async start(definition, input = {}, name) {
      const sm = await call<{ stateMachineArn: string }>('CreateStateMachine', {
        name: `sm-${process.pid}-${++counter}`,
        definition: JSON.stringify(definition),
        roleArn: 'arn:aws:iam::123456789012:role/test',
      });
      const ex = await call<{ executionArn: string }>('StartExecution', {
        stateMachineArn: sm.stateMachineArn,
        input: JSON.stringify(input),
        ...(name ? { name } : {}),
      });
      await settle();
      return ex.executionArn;
    },
    describe: (arn) => call('DescribeExecution', { executionArn: arn }),
    async historyTypes(arn) {
      const h = await call<{ events: { type: string }[] }>('GetExecutionHistory', { executionArn: arn });
      return h.events.map((e) => e.type);
    },
    async dispose() {
      await embedded.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls (without real sleeping beyond event-loop turns) until the predicate holds. */
export async function until(predicate: () => boolean | Promise<boolean>, turns = 500): Promise<void> {
  for (let i = 0; i < turns; i++) {
    if (await predicate()) return;
    await settle(1);
  }
  throw new Error('condition not reached');
}
