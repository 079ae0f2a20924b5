/**
 * Payloads nested past the engine's depth limit are refused at the API boundary with a 400, and a
 * StartExecution that fails leaves nothing behind: not in memory, not in the journal, not after a
 * restart. A machine with a Pass and a Task state runs an input nested exactly to the limit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestEngine, testEngine, until } from './helpers.ts';
import { rejection, type Served, serve } from './sdk.ts';

const LIMIT = 1000; // local/stepfunctions/api/limits.ts MAX_JSON_DEPTH, documented in its README
const ROLE = 'arn:aws:iam::123456789012:role/test';
const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const nestedObjects = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;

const PASS_AND_TASK = {
  StartAt: 'P',
  States: {
    P: { Type: 'Pass', Next: 'T' },
    T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:echo', End: true },
  },
};

let t: TestEngine;
let s: Served | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await s?.close();
  s = undefined;
  await t?.dispose();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function machine(definition: object): Promise<string> {
  const sm = await t.call<{ stateMachineArn: string }>('CreateStateMachine', {
    name: 'deep',
    definition: JSON.stringify(definition),
    roleArn: ROLE,
  });
  return sm.stateMachineArn;
}

describe('nesting depth of execution input', () => {
  it('runs a Pass + Task machine on input nested exactly to the limit, arrays and objects', async () => {
    t = await testEngine({ echo: async (e) => e });
    const stateMachineArn = await machine(PASS_AND_TASK);
    for (const [name, input] of [
      ['arrays', nestedArrays(LIMIT)],
      ['objects', nestedObjects(LIMIT)],
    ] as const) {
      const { executionArn } = await t.call<{ executionArn: string }>('StartExecution', {
        stateMachineArn,
        name,
        input,
      });
      await t.embedded.engine.waitForExecution(executionArn);
      const d = await t.describe(executionArn);
      expect([d.status, d.output]).toEqual(['SUCCEEDED', input]);
    }
  });

  it('refuses input nested deeper with InvalidExecutionInput (400) naming the limit, and keeps no execution, even after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sfn-deep-'));
    dirs.push(dataDir);
    t = await testEngine({ echo: async (e) => e }, { dataDir });
    s = await serve(t);
    const stateMachineArn = await machine(PASS_AND_TASK);
    const inputs = {
      'arrays-10000': nestedArrays(10_000),
      'objects-10000': nestedObjects(10_000),
      'just-over': nestedArrays(LIMIT + 1),
    };
    for (const [name, input] of Object.entries(inputs)) {
      const e = await rejection(s.client.send(new StartExecutionCommand({ stateMachineArn, name, input })));
      expect([e.name, e.$metadata?.httpStatusCode]).toEqual(['InvalidExecutionInput', 400]);
      expect(e.message).toContain(`deeper than ${LIMIT} levels`);
    }
    const nothingThere = async ({ client }: Served) => {
      for (const name of Object.keys(inputs)) {
        const executionArn = `arn:aws:states:us-east-1:123456789012:execution:deep:${name}`;
        const d = await rejection(client.send(new DescribeExecutionCommand({ executionArn })));
        expect(d.name).toBe('ExecutionDoesNotExist');
      }
      const list = await client.send(new ListExecutionsCommand({ stateMachineArn }));
      expect(list.executions).toEqual([]);
      expect(t.embedded.engine.stats()).toEqual({});
    };
    await nothingThere(s);

    await s.close();
    await t.dispose();
    t = await testEngine({ echo: async (e) => e }, { dataDir });
    s = await serve(t);
    await nothingThere(s);
  });

  it('refuses SendTaskSuccess output nested deeper with InvalidOutput, and the task goes on waiting', async () => {
    const tokens: string[] = [];
    t = await testEngine({ notify: async (e) => void tokens.push((e as { token: string }).token) });
    s = await serve(t);
    const arn = await t.start({
      StartAt: 'Wait',
      States: {
        Wait: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'notify', Payload: { 'token.$': '$$.Task.Token' } },
          End: true,
        },
      },
    });
    await until(() => tokens.length === 1);
    const taskToken = tokens[0] as string;
    const e = await rejection(
      s.client.send(new SendTaskSuccessCommand({ taskToken, output: nestedArrays(10_000) })),
    );
    expect([e.name, e.$metadata?.httpStatusCode]).toEqual(['InvalidOutput', 400]);
    expect(e.message).toContain(`deeper than ${LIMIT} levels`);
    expect((await t.describe(arn)).status).toBe('RUNNING');

    await s.client.send(new SendTaskSuccessCommand({ taskToken, output: nestedArrays(LIMIT) }));
    await t.embedded.engine.waitForExecution(arn);
    const d = await t.describe(arn);
    expect([d.status, d.output]).toEqual(['SUCCEEDED', nestedArrays(LIMIT)]);
  });
});

describe('StartExecution is all or nothing', () => {
  it('leaves no record in memory or in the journal when starting throws', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sfn-atomic-'));
    dirs.push(dataDir);
    t = await testEngine({}, { dataDir });
    const engine = t.embedded.engine;
    const record = (name: string, def: string, input: unknown) => ({
      arn: `arn:aws:states:us-east-1:123456789012:execution:deep:${name}`,
      name,
      smArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:deep',
      smName: 'deep',
      roleArn: ROLE,
      input: input as null,
      start: 0,
      def,
      status: 'RUNNING' as const,
      root: null,
      events: [],
      timedOutTokens: [],
      written: 0,
      dirty: false,
    });
    // Throws serialising the journal header (a BigInt), then throws launching (a definition that does not parse).
    expect(() => engine.begin(record('unwritable', JSON.stringify(PASS_AND_TASK), { n: 1n }))).toThrow(
      TypeError,
    );
    expect(() => engine.begin(record('unlaunchable', '{not json', {}))).toThrow(SyntaxError);
    expect(engine.executions.size).toBe(0);
    await engine.durable();

    await t.dispose();
    t = await testEngine({}, { dataDir });
    expect(t.embedded.engine.stats()).toEqual({});
  });
});
