/**
 * Durability: a child process parks executions at every kind of suspension and is killed with
 * SIGKILL; an engine started again on the same data directory resumes them all.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '#stepfunctions/index';
import { type TestEngine, testEngine, until } from './helpers.ts';

const fixture = fileURLToPath(new URL('./fixtures/park-executions.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'sfn-restart-'));
let t: TestEngine | undefined;

afterAll(async () => {
  await t?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

function parkAndKill(): Promise<{ tokens: Record<string, string[]>; killedAt: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tokens: Record<string, string[]> = {};
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.stdout.on('data', (d) => {
      out += d;
      for (const line of out.split('\n')) {
        const m = /^TOKEN (\S+) (\S+)$/.exec(line);
        if (m) {
          const list = tokens[m[1] as string] ?? [];
          tokens[m[1] as string] = list;
          if (!list.includes(m[2] as string)) list.push(m[2] as string);
        }
      }
      if (out.includes('READY') && !child.killed) {
        child.kill('SIGKILL');
        const killedAt = Date.now();
        child.on('exit', () => resolve({ tokens, killedAt }));
      }
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child exited ${code}: ${err}`));
    });
  });
}

describe('restart after SIGKILL', () => {
  it('resumes waits, callbacks (same tokens), timeouts, retries, interrupted tasks and Map iterations', async () => {
    const { tokens, killedAt } = await parkAndKill();
    expect(tokens.callback).toHaveLength(1);
    expect(tokens.map).toHaveLength(3);

    // The new process starts 10 s later: the 2 s wait, the 2 s task timeout and the 5 s retry are overdue.
    const invocations: string[] = [];
    t = await testEngine(
      {
        notify: async () => ({ notified: true }),
        slow: async (e) => {
          invocations.push('slow');
          return e;
        },
        flaky: async () => 'recovered',
      },
      { dataDir, clock: new ManualClock(killedAt + 10_000) },
    );
    const arn = (name: string) => `arn:aws:states:us-east-1:123456789012:execution:${name}:${name}`;
    const status = async (name: string) => (await t?.describe(arn(name)))?.status;

    await t.clock.advance(0); // fires the timers that fell due while the process was down
    await until(async () => (await status('wait')) === 'SUCCEEDED');
    await until(async () => (await status('timeout')) === 'SUCCEEDED');
    expect((await t.describe(arn('timeout'))).output).toBe('"expired"');
    await until(async () => (await status('midtask')) === 'SUCCEEDED');
    expect(invocations).toEqual(['slow']); // at-least-once: invoked again after the crash
    expect((await t.describe(arn('midtask'))).output).toBe('{"n":1}');
    await until(async () => (await status('retry')) === 'SUCCEEDED');

    expect(await status('callback')).toBe('RUNNING');
    await t.call('SendTaskSuccess', { taskToken: tokens.callback?.[0], output: '{"decision":"approved"}' });
    await t.embedded.engine.waitForExecution(arn('callback'));
    expect((await t.describe(arn('callback'))).output).toBe('{"decision":"approved"}');

    for (const [i, token] of (tokens.map ?? []).entries())
      await t.call('SendTaskSuccess', { taskToken: token, output: JSON.stringify({ i }) });
    await t.embedded.engine.waitForExecution(arn('map'));
    const mapOut = JSON.parse((await t.describe(arn('map'))).output as string) as { i: number }[];
    expect(mapOut.map((x) => x.i).sort()).toEqual([0, 1, 2]);

    // History survived the crash: one ExecutionStarted, and the wait state entered once.
    const types = await t.historyTypes(arn('wait'));
    expect(types.filter((x) => x === 'ExecutionStarted')).toHaveLength(1);
    expect(types.filter((x) => x === 'WaitStateEntered')).toHaveLength(1);
  });
});
