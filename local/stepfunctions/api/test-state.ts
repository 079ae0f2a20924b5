/** TestState (TEST-STATE.md): one state run once, in memory, with the engine's clock and handlers. */
import type { Engine } from '../engine.ts';
import { runTestState } from '../test-state.ts';
import type { InputOf, OutputOf } from './wire.ts';

export async function testState(engine: Engine, i: InputOf<'TestState'>): Promise<OutputOf<'TestState'>> {
  const { clock, region, accountId, partition } = engine;
  const resolveHandler = (fn: string) => engine.resolveHandler(fn);
  return runTestState({ clock, region, accountId, partition, resolveHandler }, i as Record<string, unknown>);
}
