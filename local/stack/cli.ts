/**
 * `npm start`: the whole system on this machine. Prints the URLs and the seeded logins when ready;
 * Ctrl-C stops it cleanly; starting again resumes every case. Problems are one line, never a stack.
 *
 *   npm start                      the global-regions assembly, fixed ports 8080–8085 and 2525, data under .data/
 *   npm start -- --partition aws-cn  the China assembly (data under .data/aws-cn unless --data)
 *   npm start -- --ports auto      free ports (tests), --data <dir> for another data directory
 *   npm start -- --no-console      API, workflow and mailbox only (no console build needed)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_PORTS, FREE_PORTS, PortInUseError, startLocalStack } from './local-stack.ts';
import { SEEDED_USERS } from './seeded-users.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CONSOLE_DIST = join(ROOT, 'console', 'dist');

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

/** The newest modification time under `dir` (sources the console build depends on). */
function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the console when its build is missing or older than its sources or the domain code. */
function ensureConsoleBuilt() {
  const index = join(CONSOLE_DIST, 'index.html');
  const sources = Math.max(
    newestMtime(join(ROOT, 'console', 'src')),
    newestMtime(join(ROOT, 'functions', 'domain')),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  console.log('Building the console (first start or changed sources)…');
  const build = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'console/vite.config.ts',
      '--logLevel',
      'error',
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (build.status !== 0 || !existsSync(index))
    fail('The console build failed: run npm run build:console to see why.');
}

async function main() {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      partition: { type: 'string', default: 'aws' },
      ports: { type: 'string', default: 'fixed' },
      'no-console': { type: 'boolean', default: false },
    },
  });
  if (!existsSync(join(ROOT, 'node_modules'))) fail('Dependencies are missing: run npm install first.');
  const partition = values.partition;
  if (partition !== 'aws' && partition !== 'aws-cn')
    fail(`--partition must be aws or aws-cn, not ${partition}`);
  // Each partition is its own deployment: its own tables, buckets and secrets.
  values.data ??= partition === 'aws' ? '.data' : '.data/aws-cn';
  const withConsole = !values['no-console'];
  if (withConsole) ensureConsoleBuilt();
  const started = Date.now();
  const ports = values.ports === 'auto' ? FREE_PORTS : DEFAULT_PORTS;
  let stack: Awaited<ReturnType<typeof startLocalStack>>;
  try {
    stack = await startLocalStack({
      dataDir: resolve(ROOT, values.data as string),
      ports,
      partition,
      consoleDir: CONSOLE_DIST,
      log: (line) => console.log(line),
    });
  } catch (error) {
    if (error instanceof PortInUseError) fail(error.message);
    const message = (error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)).replace(
      /\.$/,
      '',
    );
    fail(
      `Could not start the local stack: ${message}. If the data under ${values.data} is damaged, npm run reset clears it.`,
    );
  }
  const { urls } = stack;
  const width = Math.max(...SEEDED_USERS.map((u) => u.name.length));
  console.log(`
ICP registration — local stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s (data in ${values.data}/)
Running the ${partition === 'aws' ? 'global-regions' : 'China'} cloud assembly (cdk synth, ${stack.assembly.region}): every function from its asset, with its role

  Applicant portal   ${urls.portal}
  Officer console    ${urls.console}
  API docs           ${urls.docs}
  Mailbox            ${urls.mailbox}
  OIDC issuers       ${urls.issuer === urls.staffIssuer ? `${urls.issuer} (everyone, as the operator's one issuer in China)` : `${urls.issuer} (applicants)  ${urls.staffIssuer} (staff)`}
  AWS endpoint       ${urls.aws} (DynamoDB, Step Functions, Secrets Manager${stack.assembly.emailIdentities.length ? ', SES' : ''}; SigV4 and IAM checked)
  S3                 ${urls.s3} (SigV4, POST policies and IAM checked)
  Operator access    Step Functions ${urls.stepFunctions}  DynamoDB ${urls.dynamodb}  SMTP 127.0.0.1:${stack.smtpPort}

Sign in on the portal — applicants with 登录 / Sign in, officers and supervisors with
工作人员登录 / Staff sign-in; the login pages list these users (no passwords locally):
${SEEDED_USERS.map((u) => `  ${u.name.padEnd(width)}  ${u.role.padEnd(10)} ${u.email}`).join('\n')}

Ctrl-C stops; npm start resumes every case; npm run reset clears ${values.data}/.
listening on ${urls.portal}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await stack.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) =>
  fail(error instanceof Error ? (error.message.split('\n')[0] ?? 'unknown error') : String(error)),
);
