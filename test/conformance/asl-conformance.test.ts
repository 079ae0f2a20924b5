/**
 * Runs every case recorded on real AWS (cases.json) through the engine's AWS API with the real SDK:
 * CreateStateMachine → StartExecution → DescribeExecution + GetExecutionHistory, and judges the outcome
 * and the whole history against the recording (README.md). Every case must pass unless it is pinned in
 * known-failures.ts, and every pin must still fail exactly the way it says.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type EmbeddedEngine } from '#stepfunctions/index';
import { type HistoryDifference, historyDifferences } from './history-judge.ts';
import { difference, parseOutput } from './judge.ts';
import { HISTORY_PINS, OUTCOME_PINS, type Pin } from './known-failures.ts';

interface Case {
  test: string;
  key: string;
  definition: Record<string, unknown>;
  input: unknown;
  expected: { status: string; output?: unknown; error?: string | null; cause?: string | null };
  history?: object[];
}

// Copied from ../shared/conformance/asl so a clean clone has it; a missing file must fail, never skip.
const cases = JSON.parse(readFileSync(new URL('./cases.json', import.meta.url), 'utf8')) as Case[];

function category(c: Case): 'Choice operators' | 'JSONata' | 'JSONPath' {
  if (c.key.startsWith('cases[')) return 'Choice operators';
  return JSON.stringify(c.definition).includes('JSONata') ? 'JSONata' : 'JSONPath';
}

/** What differed, keyed the way the pins are (an empty list: no difference). */
interface Verdict {
  differs: string[];
  messages: string[];
}

interface Outcome {
  index: number;
  category: string;
  outcome: Verdict;
  /** Undefined when the case carries no recorded history. */
  history?: Verdict;
}

let embedded: EmbeddedEngine;
let close: () => Promise<void>;
let client: SFNClient;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sfn-conformance-'));
  embedded = await createEngine({ dataDir });
  const server = await embedded.listen(0);
  close = server.close;
  client = new SFNClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client?.destroy();
  await close?.();
  await embedded?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The outcome's difference, keyed by where it is: `status`, `error`, `cause` or the output's path. */
function outcomeVerdict(message: string | undefined): Verdict {
  if (message === undefined) return { differs: [], messages: [] };
  const where = message.startsWith('status ') ? 'status' : (/^(.*?): /.exec(message)?.[1] ?? message);
  return { differs: [where], messages: [message] };
}

function historyVerdict(diffs: HistoryDifference[]): Verdict {
  return { differs: [...new Set(diffs.map((d) => d.key))].sort(), messages: diffs.map((d) => d.message) };
}

async function runCase(c: Case, index: number): Promise<Outcome> {
  const out: Outcome = { index, category: category(c), outcome: outcomeVerdict(undefined) };
  try {
    const created = await client.send(
      new CreateStateMachineCommand({
        name: `case-${index}`,
        definition: JSON.stringify(c.definition),
        roleArn: 'arn:aws:iam::111111111111:role/sfn',
      }),
    );
    const started = await client.send(
      new StartExecutionCommand({
        stateMachineArn: created.stateMachineArn,
        name: `exec-${index}`,
        input: JSON.stringify(c.input),
      }),
    );
    const arn = started.executionArn as string;
    await embedded.engine.waitForExecution(arn);
    const d = await client.send(new DescribeExecutionCommand({ executionArn: arn }));
    const exp = c.expected;
    let reason: string | undefined;
    if (d.status !== exp.status)
      reason = `status ${d.status} (error ${d.error}: ${d.cause}), expected ${exp.status}`;
    else if (exp.status === 'SUCCEEDED') reason = difference(parseOutput(exp.output), parseOutput(d.output));
    else
      reason =
        difference(exp.error ?? undefined, d.error ?? undefined, 'error') ??
        difference(exp.cause ?? undefined, d.cause ?? undefined, 'cause');
    out.outcome = outcomeVerdict(reason);
    if (c.history) {
      const events: HistoryEvent[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.send(new GetExecutionHistoryCommand({ executionArn: arn, nextToken }));
        events.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
      out.history = historyVerdict(historyDifferences(c.history, events));
    }
  } catch (err) {
    const message = `error: ${(err as Error).name}: ${(err as Error).message}`;
    out.outcome = { differs: ['exception'], messages: [message] };
    if (c.history) out.history = { differs: ['exception'], messages: [message] };
  }
  return out;
}

const shortName = (c: Case | undefined) => c?.test.split('::').pop();

/**
 * Holds the verdicts to the pins: anything failing unpinned, a pin that passes, a pin that fails
 * elsewhere than it says, and a pin that does not name its case.
 */
function problems(kind: string, pins: Pin[], verdicts: Map<number, Verdict>): string[] {
  const out: string[] = [];
  const pinned = new Map<number, Pin>();
  for (const p of pins) {
    const c = cases[p.index];
    if (pinned.has(p.index)) out.push(`${kind} pin #${p.index} is listed twice`);
    pinned.set(p.index, p);
    if (!c || c.key !== p.key || !c.test.endsWith(`::${p.test}`))
      out.push(
        `${kind} pin #${p.index} names ${p.test} [${p.key}], but case #${p.index} is ${c?.test} [${c?.key}]`,
      );
  }
  for (const [index, v] of verdicts) {
    const p = pinned.get(index);
    const name = `#${index} ${shortName(cases[index])} [${cases[index]?.key}]`;
    const differs = v.differs.join(', ');
    if (!p && v.differs.length > 0)
      out.push(
        `${kind} ${name} fails and is not pinned: ${differs}\n      ${v.messages.slice(0, 3).join('\n      ')}`,
      );
    else if (p && v.differs.length === 0)
      out.push(`${kind} ${name} is pinned (${p.reason}) but passes now: remove it from the list`);
    else if (p && differs !== [...p.differs].sort().join(', '))
      out.push(
        `${kind} ${name} is pinned for ${p.differs.join(', ')} but differs at ${differs}: ` +
          `update the pin\n      ${v.messages.slice(0, 3).join('\n      ')}`,
      );
  }
  for (const p of pins)
    if (!verdicts.has(p.index)) out.push(`${kind} pin #${p.index} has no ${kind.toLowerCase()} to judge`);
  return out;
}

describe('ASL conformance against executions recorded on AWS', () => {
  it('runs every recorded case through the SDK; only the pinned cases fail, each as pinned', async () => {
    const outcomes: Outcome[] = [];
    const queue = cases.map((c, i) => [c, i] as const);
    const workers = Array.from({ length: 16 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift())
        outcomes.push(await runCase(next[0], next[1]));
    });
    await Promise.all(workers);
    outcomes.sort((a, b) => a.index - b.index);

    const byCategory = new Map<string, { pass: number; total: number }>();
    for (const o of outcomes) {
      const s = byCategory.get(o.category) ?? { pass: 0, total: 0 };
      s.total++;
      if (o.outcome.differs.length === 0) s.pass++;
      byCategory.set(o.category, s);
    }
    const lines = ['ASL conformance (cases recorded on AWS):'];
    const pct = (p: number, t: number) => `${((p / t) * 100).toFixed(1)}% (${p}/${t})`;
    for (const [name, s] of byCategory) lines.push(`  ${name.padEnd(17)} ${pct(s.pass, s.total)}`);
    const passed = outcomes.filter((o) => o.outcome.differs.length === 0).length;
    lines.push(`  ${'All'.padEnd(17)} ${pct(passed, outcomes.length)}`);
    const withHistory = outcomes.filter((o) => o.history);
    const historyPassed = withHistory.filter((o) => o.history?.differs.length === 0).length;
    lines.push(`  ${'History'.padEnd(17)} ${pct(historyPassed, withHistory.length)}`);
    // Pinned cases are listed by number (known-failures.ts says why); anything else in full.
    const isPinned = (pins: Pin[], i: number) => pins.some((p) => p.index === i);
    const failing = outcomes.filter((x) => x.outcome.differs.length > 0);
    const failingHistory = withHistory.filter((x) => x.history?.differs.length);
    const pinnedList = (os: Outcome[], pins: Pin[]) =>
      os
        .filter((o) => isPinned(pins, o.index))
        .map((o) => `#${o.index}`)
        .join(' ');
    lines.push(`  Pinned outcome failures: ${pinnedList(failing, OUTCOME_PINS) || 'none'}`);
    lines.push(`  Pinned history failures: ${pinnedList(failingHistory, HISTORY_PINS) || 'none'}`);
    for (const o of failing.filter((x) => !isPinned(OUTCOME_PINS, x.index)))
      lines.push(`  FAIL #${o.index} [${o.category}] ${shortName(cases[o.index])}: ${o.outcome.messages[0]}`);
    for (const o of failingHistory.filter((x) => !isPinned(HISTORY_PINS, x.index)))
      lines.push(`  HISTORY #${o.index} ${shortName(cases[o.index])}: ${o.history?.messages[0]}`);
    console.log(lines.join('\n'));

    expect(outcomes).toHaveLength(cases.length);
    expect(withHistory).toHaveLength(cases.filter((c) => c.history).length);
    const found = [
      ...problems('Outcome', OUTCOME_PINS, new Map(outcomes.map((o) => [o.index, o.outcome]))),
      ...problems('History', HISTORY_PINS, new Map(withHistory.map((o) => [o.index, o.history as Verdict]))),
    ];
    expect(found, `\n${found.join('\n')}\n`).toEqual([]);
  });
});
