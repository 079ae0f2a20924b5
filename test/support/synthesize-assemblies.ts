/**
 * Vitest global setup: synthesizes the local stack's cloud assemblies (both partitions) once,
 * before any test file runs, so that the files that start a stack do not race to synthesize on a
 * clean clone (each would otherwise wait tens of seconds inside its own timeout). A cache hit
 * (.assembly/, unchanged inputs) costs only the hashing.
 */
import { ensureCloudAssembly } from '#stack/assembly/synthesize';

export default async function setup(): Promise<void> {
  for (const partition of ['aws', 'aws-cn'] as const) {
    await ensureCloudAssembly({ partition, log: (line) => console.log(line) });
  }
}
