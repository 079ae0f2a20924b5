/**
 * Engine benchmark (run by `npm run bench`): our engine against aws-local-stepfunctions, side by side
 * in one run. Transitions per second for a 10,000-iteration Pass/Choice loop (JSONPath, both engines;
 * JSONata, ours only), a Map over 1,000 items, then resident memory with 1,000 executions parked on
 * callback tasks and the time to resume them after a restart. Ours runs with persistence on (fsync).
 * Each timed workload runs several times, the two engines alternating; figures are medians (with the
 * range), and ratios are of the medians measured in this one run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateMachine } from 'aws-local-stepfunctions';
import { createEngine } from '#stepfunctions/index';

const ITERATIONS = 10_000;

const jsonPathLoop = {
  StartAt: 'Init',
  States: {
    // (aws-local-stepfunctions mistakes `Result: 0` for an absent Result, hence Parameters.)
    Init: { Type: 'Pass', Parameters: { i: 0 }, Next: 'Check' },
    Check: {
      Type: 'Choice',
      Choices: [{ Variable: '$.i', NumericGreaterThanEquals: ITERATIONS, Next: 'Done' }],
      Default: 'Increment',
    },
    Increment: { Type: 'Pass', Parameters: { 'i.$': 'States.MathAdd($.i, 1)' }, Next: 'Check' },
    Done: { Type: 'Succeed' },
  },
};
// Transitions: Init, then per iteration Check + Increment, then the final Check and Done.
const LOOP_TRANSITIONS = 1 + ITERATIONS * 2 + 2;

const jsonataLoop = {
  QueryLanguage: 'JSONata',
  StartAt: 'Init',
  States: {
    Init: { Type: 'Pass', Output: { i: 0 }, Next: 'Check' },
    Check: {
      Type: 'Choice',
      Choices: [{ Condition: `{% $states.input.i >= ${ITERATIONS} %}`, Next: 'Done' }],
      Default: 'Increment',
    },
    Increment: { Type: 'Pass', Output: { i: '{% $states.input.i + 1 %}' }, Next: 'Check' },
    Done: { Type: 'Succeed' },
  },
};

const mapOver1000 = {
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      MaxConcurrency: 0,
      ItemProcessor: {
        StartAt: 'Double',
        States: { Double: { Type: 'Pass', Parameters: { 'v.$': 'States.MathAdd($.n, $.n)' }, End: true } },
      },
      End: true,
    },
  },
};
const MAP_TRANSITIONS = 1 + 1000;
const mapInput = { items: Array.from({ length: 1000 }, (_, i) => ({ n: i })) };

async function timeOurs(definition: object, input: unknown, dataDir: string, name: string): Promise<number> {
  const embedded = await createEngine({ dataDir });
  const e = embedded.engine;
  const sm = (await e.call('CreateStateMachine', {
    name,
    definition: JSON.stringify(definition),
    roleArn: 'arn:aws:iam::1:role/r',
  })) as {
    stateMachineArn: string;
  };
  const t0 = performance.now();
  const ex = (await e.call('StartExecution', {
    stateMachineArn: sm.stateMachineArn,
    input: JSON.stringify(input),
  })) as {
    executionArn: string;
  };
  await e.waitForExecution(ex.executionArn);
  const d = (await e.call('DescribeExecution', { executionArn: ex.executionArn })) as { status: string };
  await embedded.close(); // includes the final group commit
  const ms = performance.now() - t0;
  if (d.status !== 'SUCCEEDED') throw new Error(`${name}: ${d.status}`);
  return ms;
}

async function timeTheirs(definition: object, input: unknown): Promise<number> {
  const sm = new StateMachine(definition as never, {
    validationOptions: { checkArn: false, checkPaths: false },
  });
  const t0 = performance.now();
  await sm.run(input as never).result;
  return performance.now() - t0;
}

const rate = (transitions: number, ms: number) => Math.round((transitions / ms) * 1000);
const fmt = (n: number) => n.toLocaleString('en-US');
const REPETITIONS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Median and range of transitions per second over the runs' durations. */
function rates(transitions: number, ms: number[]): string {
  const all = ms.map((m) => rate(transitions, m));
  return `${fmt(rate(transitions, median(ms)))}/s (${fmt(Math.min(...all))}–${fmt(Math.max(...all))})`;
}

/**
 * Runs each engine REPETITIONS times, alternating ours and theirs so that noise from other work on
 * the machine falls on both alike; the ratio is of the medians.
 */
async function compare(
  ours: (rep: number) => Promise<number>,
  theirs: (() => Promise<number>) | undefined,
): Promise<{ ours: number[]; theirs: number[] }> {
  const o: number[] = [];
  const t: number[] = [];
  for (let rep = 0; rep < REPETITIONS; rep++) {
    // A full collection before each run, so neither engine pays for the other's garbage.
    globalThis.gc?.();
    o.push(await ours(rep));
    if (theirs) {
      globalThis.gc?.();
      t.push(await theirs());
    }
  }
  return { ours: o, theirs: t };
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'sfn-bench-'));
  try {
    // Warm-up (JIT): the same number of full runs of each engine, not timed.
    for (let i = 0; i < 3; i++) {
      await timeOurs({ ...jsonPathLoop }, {}, join(root, `warm${i}`), 'warm');
      await timeTheirs(jsonPathLoop, {});
    }

    const path = await compare(
      (rep) => timeOurs(jsonPathLoop, {}, join(root, `a${rep}`), 'loop-jsonpath'),
      () => timeTheirs(jsonPathLoop, {}),
    );
    const jsonata = await compare(
      (rep) => timeOurs(jsonataLoop, {}, join(root, `b${rep}`), 'loop-jsonata'),
      undefined,
    );
    const map = await compare(
      (rep) => timeOurs(mapOver1000, mapInput, join(root, `c${rep}`), 'map'),
      () => timeTheirs(mapOver1000, mapInput),
    );

    console.log(
      `Transitions per second, median (range) of ${REPETITIONS} runs each, engines alternating (ours: persistence on, fsync group commit)`,
    );
    console.log(
      `  JSONPath loop x${ITERATIONS}: ours ${rates(LOOP_TRANSITIONS, path.ours)}, aws-local-stepfunctions ${rates(LOOP_TRANSITIONS, path.theirs)}, ratio ${(median(path.theirs) / median(path.ours)).toFixed(2)}x (target >= 2x)`,
    );
    console.log(`  JSONata loop x${ITERATIONS}:  ours ${rates(LOOP_TRANSITIONS, jsonata.ours)}`);
    console.log(
      `  Map over 1,000 items:   ours ${rates(MAP_TRANSITIONS, map.ours)}, aws-local-stepfunctions ${rates(MAP_TRANSITIONS, map.theirs)}, ratio ${(median(map.theirs) / median(map.ours)).toFixed(2)}x`,
    );

    // 1,000 executions parked on callback tasks.
    const parkedDir = join(root, 'parked');
    const callback = {
      QueryLanguage: 'JSONata',
      StartAt: 'Human',
      States: {
        Human: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          TimeoutSeconds: 86_400,
          Arguments: {
            FunctionName: 'notify',
            Payload: { token: '{% $states.context.Task.Token %}', caseId: '{% $states.input.caseId %}' },
          },
          End: true,
        },
      },
    };
    const tokens: string[] = [];
    const notify = async (e: unknown) => {
      tokens.push((e as { token: string }).token);
      return {};
    };
    globalThis.gc?.();
    const before = process.memoryUsage();
    let embedded = await createEngine({ dataDir: parkedDir, handlers: { notify } });
    const sm = (await embedded.engine.call('CreateStateMachine', {
      name: 'parked',
      definition: JSON.stringify(callback),
      roleArn: 'arn:aws:iam::1:role/r',
    })) as {
      stateMachineArn: string;
    };
    const starts: Promise<unknown>[] = [];
    for (let i = 0; i < 1000; i++)
      starts.push(
        embedded.engine.call('StartExecution', {
          stateMachineArn: sm.stateMachineArn,
          name: `case-${i}`,
          input: JSON.stringify({ caseId: `case-${i}` }),
        }),
      );
    await Promise.all(starts);
    while (tokens.length < 1000) await new Promise((r) => setTimeout(r, 5));
    globalThis.gc?.();
    const parked = process.memoryUsage();
    await embedded.close();

    const t0 = performance.now();
    embedded = await createEngine({ dataDir: parkedDir, handlers: { notify } });
    const resumeMs = performance.now() - t0;
    const stats = embedded.engine.stats();
    // Resumed executions still accept their original tokens.
    await embedded.engine.call('SendTaskSuccess', { taskToken: tokens[0], output: '{"ok":true}' });
    await embedded.close();
    const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;
    console.log(
      `1,000 executions parked on callback tasks: RSS ${mb(parked.rss)} (target <= 200 MB; process before: ${mb(before.rss)}), heap used ${mb(parked.heapUsed)} (before: ${mb(before.heapUsed)}, ${((parked.heapUsed - before.heapUsed) / 1000 / 1024).toFixed(1)} KB per parked execution)`,
    );
    console.log(`Restart: resumed ${stats.RUNNING ?? 0} parked executions in ${resumeMs.toFixed(0)} ms`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
