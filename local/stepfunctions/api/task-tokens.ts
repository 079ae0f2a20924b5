/**
 * Task token operations (callback tasks): SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat.
 * Errors: `InvalidToken` (not a token of this engine), `TaskDoesNotExist` (no task waits for it),
 * `TaskTimedOut` (its task timed out), `InvalidOutput` (output not acceptable JSON).
 */
import type { Engine, TokenOutcome } from '../engine.ts';
import { parsePayload } from './limits.ts';
import type { InputOf, OutputOf } from './wire.ts';

export async function sendTaskSuccess(
  engine: Engine,
  i: InputOf<'SendTaskSuccess'>,
): Promise<OutputOf<'SendTaskSuccess'>> {
  await engine.completeTask(i.taskToken as string, () => ({
    ok: true,
    output: parsePayload(i.output as string, 'InvalidOutput', 'output'),
  }));
  return {};
}

export async function sendTaskFailure(
  engine: Engine,
  i: InputOf<'SendTaskFailure'>,
): Promise<OutputOf<'SendTaskFailure'>> {
  await engine.completeTask(i.taskToken as string, () => {
    const outcome: TokenOutcome = { ok: false };
    if (i.error !== undefined) outcome.error = i.error;
    if (i.cause !== undefined) outcome.cause = i.cause;
    return outcome;
  });
  return {};
}

export async function sendTaskHeartbeat(
  engine: Engine,
  i: InputOf<'SendTaskHeartbeat'>,
): Promise<OutputOf<'SendTaskHeartbeat'>> {
  engine.heartbeat(i.taskToken as string);
  return {};
}
