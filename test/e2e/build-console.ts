import { spawnSync } from 'node:child_process';

/** Builds the console once before the browser tests, so they test what is in the tree. */
export default function setup() {
  const build = spawnSync('npm', ['run', '--silent', 'build:console'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('The console build failed');
}
