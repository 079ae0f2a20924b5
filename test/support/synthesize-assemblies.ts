/**
 * Vitest global setup: synthesizes the local stack's cloud assemblies (both partitions) once,
 * before any test file runs, so that the files that start a stack do not race to synthesize on a
 * clean clone (each would otherwise wait tens of seconds inside its own timeout). A cache hit
 * (.assembly/, unchanged inputs) costs only the hashing.
 */
import { ensureCloudAssembly } from '#stack/assembly/synthesize';

export default async function setup(): Promise<void> {
  // Running only tests that start no stack (`SYNTH_ON_DEMAND=1 npx vitest run test/unit`): skip the
  // up-front syntheses; a stack test started anyway still synthesizes, inside its own timeout.
  if (process.env.SYNTH_ON_DEMAND === '1') return;
  for (const partition of ['aws', 'aws-cn'] as const) {
    await ensureCloudAssembly({ partition, log: (line) => console.log(line) });
  }
}
