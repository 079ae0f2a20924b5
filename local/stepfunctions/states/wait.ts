/**
 * Wait: start computes the due time (Seconds, Timestamp, or their JSONPath `…Path` forms) and
 * suspends on it; resume sleeps until then — after a restart, only what is left.
 */
import { parseTimestamp } from '../choice-rules.ts';
import type { Setting } from '../data-flow.ts';
import { nextOf, type WaitState } from '../definition.ts';
import type { StateRun, StepResult } from '../state-run.ts';

export async function runWait(run: StateRun<WaitState>): Promise<StepResult> {
  const { frame, flow, execution } = run;
  if (frame.suspension?.kind !== 'wait') {
    frame.suspension = { kind: 'wait', due: await dueTime(run) };
    execution.host.changed();
  }
  await execution.sleepUntil(frame.suspension.due, run.cancel);
  delete frame.suspension;
  const { output, assigned } = await flow.finish(run, { input: flow.input(run) });
  return { output, next: nextOf(run.state), assigned };
}

async function dueTime(run: StateRun<WaitState>): Promise<number> {
  const { flow } = run;
  const now = run.execution.clock.now();
  const input = flow.input(run);
  const seconds = await flow.setting(run, 'Seconds', input);
  if (seconds) return now + validSeconds(run, seconds) * 1000;
  const timestamp = (await flow.setting(run, 'Timestamp', input)) as Setting;
  const due = parseTimestamp(timestamp.value);
  if (due !== undefined) return due;
  switch (timestamp.from) {
    case 'literal': // validated with the definition
      return now;
    case 'expression':
      throw flow.invalid(
        `The Timestamp field is not a valid timestamp: ${JSON.stringify(timestamp.value)}`,
        'Timestamp',
      );
    case 'path':
      throw flow.invalid(
        `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${timestamp.source} == ${JSON.stringify(timestamp.value)}`,
        'TimestampPath',
      );
  }
}

function validSeconds(run: StateRun<WaitState>, seconds: Setting): number {
  const v = seconds.value;
  if (seconds.from === 'path') {
    if (typeof v !== 'number' || !Number.isInteger(v))
      throw run.flow.invalid(
        `The SecondsPath parameter cannot be parsed as a long value: ${seconds.source} == ${JSON.stringify(v)}`,
        'SecondsPath',
      );
    if (v < 0)
      throw run.flow.invalid(
        `The SecondsPath parameter references a negative value: ${seconds.source} == ${v}`,
        'SecondsPath',
      );
    return v;
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
    throw run.flow.invalid(
      `The Seconds field must be a non-negative integer but was: ${JSON.stringify(v)}`,
      'Seconds',
    );
  return v;
}
