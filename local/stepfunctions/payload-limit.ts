/**
 * AWS's payload quota: 256 KiB for a state's input, output and a task's result; beyond it a state
 * fails with States.DataLimitExceeded, which States.ALL does not catch
 * (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html, "Maximum input or
 * output size for a task, state, or execution"; .../concepts-error-handling.html).
 */
import { ErrorNames, StatesError } from './errors.ts';
import type { Json } from './json.ts';

export const PAYLOAD_LIMIT_BYTES = 256 * 1024;

/** Sizes of literals (a Pass state's Result), measured once per definition object. */
const literalSizes = new WeakMap<object, number>();

export function payloadBytes(value: Json): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '');
}

/** A task's result, a literal Result or a state's output over the quota fails the state. */
export function checkResultSize(stateName: string, value: Json, literalOf?: object): void {
  let size = literalOf ? literalSizes.get(literalOf) : undefined;
  if (size === undefined) {
    size = payloadBytes(value);
    if (literalOf) literalSizes.set(literalOf, size);
  }
  if (size > PAYLOAD_LIMIT_BYTES)
    throw new StatesError(
      ErrorNames.DataLimitExceeded,
      `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`,
    );
}

/** A state's output over the quota fails the state; an output that is its input was measured already. */
export function checkStateOutput(stateName: string, input: Json, output: Json): void {
  if (output !== input) checkResultSize(stateName, output);
}
