/**
 * `cdk synth` for the local stack: the same CDK app and CLI as a deployment, with the settings of
 * a "local deployment" (below), written under `.assembly/<partition>/` and reused while its inputs
 * are unchanged (a hash of the sources, the lock file, cdk.json and the context). Synthesis takes
 * about 25 s per partition on this project's 2-core machines; a cache hit costs the hashing only.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { LOCAL_ACCOUNT_ID, type Partition } from './template.ts';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../../..');

/**
 * Host names a local deployment is configured with. They are reserved (`.localhost`, RFC 6761) and
 * never resolved: the local stack maps each to the local server that stands in for it
 * (local-endpoints.ts), as it maps the AWS host names the templates produce.
 */
export const LOCAL_NAMES = {
  consoleDomain: 'console.icp.localhost',
  consoleOrigin: 'https://console.icp.localhost',
  /** China: the API's filed domain (global regions keep the execute-api address, so both are run). */
  apiDomain: 'api.icp.localhost',
  /** China: the operator's OIDC issuer (no Cognito there). */
  oidcIssuer: 'https://oidc.icp.localhost',
  oidcAudience: 'icp-console',
  /** China: the SMTP relay the email functions are configured with (implicit TLS). */
  smtpHost: 'smtp.icp.localhost',
  smtpPort: 465,
  /** The local hosting range (docs: sample applications use 203.0.113.10). */
  hostingCidrs: '203.0.113.0/24',
} as const;

/** The CDK context of the local deployment of `partition`. */
export function localContext(partition: Partition): Record<string, string> {
  return {
    partition,
    consoleOrigins: LOCAL_NAMES.consoleOrigin,
    hostingCidrs: LOCAL_NAMES.hostingCidrs,
    ...(partition === 'aws-cn'
      ? {
          oidcIssuer: LOCAL_NAMES.oidcIssuer,
          oidcAudience: LOCAL_NAMES.oidcAudience,
          smtpHost: LOCAL_NAMES.smtpHost,
          smtpPort: String(LOCAL_NAMES.smtpPort),
          consoleDomain: LOCAL_NAMES.consoleDomain,
          // Certificates are only named in the template; nothing local looks them up.
          consoleIamCertificateId: 'ASCALOCALCONSOLE000001',
          apiDomain: LOCAL_NAMES.apiDomain,
          apiCertificateArn: `arn:aws-cn:acm:cn-north-1:${LOCAL_ACCOUNT_ID}:certificate/local-api`,
        }
      : {}),
  };
}

/** What a synthesis depends on: every file under these, plus the context. */
const INPUTS = ['functions', 'infra', 'statemachines', 'package-lock.json', 'cdk.json'];

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .flatMap((entry) => filesUnder(join(path, entry.name)))
    .sort();
}

/** The hash of a synthesis's inputs. */
export function inputsHash(partition: Partition, root = PROJECT_ROOT): string {
  const hash = createHash('sha256').update(JSON.stringify(localContext(partition)));
  for (const file of INPUTS.flatMap((input) => filesUnder(join(root, input)))) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

const DEFAULT_CACHE_DIR = join(PROJECT_ROOT, '.assembly');

/** Where the assembly of `partition` is kept (ensureCloudAssembly makes it current). */
export const cachedAssemblyDir = (partition: Partition, cacheDir = DEFAULT_CACHE_DIR) =>
  join(cacheDir, partition);

export interface SynthesizeOptions {
  partition: Partition;
  /** Where assemblies are kept; default `<root>/.assembly`. */
  cacheDir?: string;
  /** Progress lines (a synthesis takes tens of seconds). */
  log?: (line: string) => void;
}

/**
 * The directory of an up-to-date cloud assembly for `partition`, synthesizing when needed.
 * Concurrent callers (parallel test files) wait for one synthesis instead of racing.
 */
export async function ensureCloudAssembly(options: SynthesizeOptions): Promise<string> {
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const target = cachedAssemblyDir(options.partition, cacheDir);
  const stamp = join(target, '.inputs-hash');
  const hash = inputsHash(options.partition);
  const fresh = () => existsSync(stamp) && readFileSync(stamp, 'utf8') === hash;
  if (fresh()) return target;

  mkdirSync(cacheDir, { recursive: true });
  const lock = join(cacheDir, `${options.partition}.lock`);
  await acquire(lock);
  try {
    if (fresh()) return target;
    options.log?.(`Synthesizing the ${options.partition} cloud assembly (cdk synth; sources changed)…`);
    const work = join(cacheDir, `${options.partition}.${process.pid}.tmp`);
    rmSync(work, { recursive: true, force: true });
    await runCdkSynth(options.partition, work);
    writeFileSync(join(work, '.inputs-hash'), hash);
    rmSync(target, { recursive: true, force: true });
    renameSync(work, target);
    return target;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function runCdkSynth(partition: Partition, outdir: string): Promise<void> {
  const context = Object.entries(localContext(partition)).flatMap(([key, value]) => [
    '-c',
    `${key}=${value}`,
  ]);
  const cli = join(PROJECT_ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk');
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, 'synth', '-q', '-o', outdir, ...context], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, CDK_DISABLE_VERSION_CHECK: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolvePromise()
        : reject(
            new Error(`cdk synth (${partition}) failed with exit code ${code}:\n${output.slice(-4000)}`),
          ),
    );
  });
}

/** A directory lock (atomic mkdir); a lock left by a dead process is taken over. */
async function acquire(lock: string): Promise<void> {
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let owner = Number.NaN;
    try {
      owner = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    } catch {
      // being created or removed: look again shortly
    }
    if (Number.isInteger(owner) && !alive(owner)) rmSync(lock, { recursive: true, force: true });
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 250));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
