/**
 * Runs `npm start`'s entry (local/stack/cli.ts) as a child process on free ports, the way a person
 * runs it, and reads the URLs it prints. Tests can kill it with SIGKILL and start it again.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { StackConfig } from '#stack/api-client';

const ROOT = join(import.meta.dirname, '../..');

export interface StackProcess {
  child: ChildProcess;
  config: StackConfig;
  portal: string;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startStackProcess(
  dataDir: string,
  extraArgs: string[] = ['--no-console'],
): Promise<StackProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'local/stack/cli.ts'), '--ports', 'auto', '--data', dataDir, ...extraArgs],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'WARN' } },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The stack did not start:\n${output}`)), 60_000);
    const check = () => {
      if (/listening on http/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The stack exited with ${code}:\n${output}`));
    });
  });
  const url = (label: string) => {
    const match = new RegExp(`${label}\\s+(http://[^\\s]+)`).exec(output);
    if (!match?.[1]) throw new Error(`No ${label} URL in:\n${output}`);
    return match[1];
  };
  const portal = url('Applicant portal');
  // The console's config.json names the API and both issuers, as a browser would read them.
  const config = (await (await fetch(`${portal}/config.json`)).json()) as StackConfig;
  return {
    child,
    portal,
    config,
    output: () => output,
    kill: (signal = 'SIGKILL') =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}
