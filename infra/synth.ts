/**
 * `npm run synth`: both partitions, offline. Global into `cdk.out/`, China into `cdk.out/aws-cn/`
 * with the example values of the keys a China deploy requires (CHINA_EXAMPLE_CONTEXT), so the
 * China templates are built and checked by cdk-nag without a real issuer, domain or certificate.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from './build-app.ts';
import { CHINA_EXAMPLE_CONTEXT } from './settings.ts';

const cdk = join(PROJECT_ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk');
const context = (values: Record<string, string>) =>
  Object.entries(values).flatMap(([key, value]) => ['-c', `${key}=${value}`]);

for (const args of [
  ['synth', '-q'],
  ['synth', '-q', '-o', 'cdk.out/aws-cn', ...context({ partition: 'aws-cn', ...CHINA_EXAMPLE_CONTEXT })],
]) {
  const run = spawnSync(process.execPath, [cdk, ...args], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
