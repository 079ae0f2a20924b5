import { spawnSync } from 'node:child_process';

/**
 * Builds the console once before the browser tests, so they test what is in the tree. NODE_ENV is
 * set back to production: vitest sets it to `test`, and Vite would then bundle React's development
 * build, which is not what users get.
 */
export default function setup() {
  const build = spawnSync('npm', ['run', '--silent', 'build:console'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0) throw new Error('The console build failed');
}
