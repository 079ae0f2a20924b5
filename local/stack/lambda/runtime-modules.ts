/**
 * The folder a local Lambda runs in: what the `nodejs22.x` runtime offers a function besides Node's
 * built-ins (the AWS SDK v3 and what it depends on), and the function's asset copied next to it.
 *
 *   <os.tmpdir()>/icp-lambda-runtime-<hash>/
 *     package.json                 ends the search for a package scope here, as /var/task has none
 *     node_modules/@aws-sdk/...    symlinks to the project's SDK packages and their dependencies
 *     functions/<content hash>/    each asset, copied (LAMBDA_TASK_ROOT)
 *
 * Why outside the repository: Node resolves a bare import by walking up from the importing file's
 * real path and trying every `node_modules` on the way. An asset anywhere under the repository would
 * find the repository's node_modules (nodemailer, zod, everything), so a bundle that forgot a
 * dependency would load here and fail in AWS with Runtime.ImportModuleError. Copied (not linked,
 * since Node uses the real path) under the temp folder, the only node_modules on its way up is the
 * runtime's. The SDK packages are symlinks: their own imports resolve from the repository, which is
 * what the runtime's SDK would find next to itself anyway.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';

/** The repository root (this file is local/stack/lambda/runtime-modules.ts). */
import { PROJECT_ROOT } from '../assembly/synthesize.ts';

export { PROJECT_ROOT };

export interface LambdaRuntimeFolder {
  /** `<tmp>/icp-lambda-runtime-<hash>`: LAMBDA_RUNTIME_DIR of every local function. */
  root: string;
  /** `<root>/node_modules`: NODE_PATH, and the node_modules an asset's imports find. */
  nodeModules: string;
  /** The packages it offers, `name@version`, sorted. */
  packages: readonly string[];
}

const prepared = new Map<string, Promise<LambdaRuntimeFolder>>();

/**
 * The runtime folder for this checkout's AWS SDK, built on first use and then reused by every
 * process on the machine (its name hashes the checkout and the package versions). Safe when two
 * processes build it at once: each builds under a temporary name and renames, and the loser of the
 * race removes its copy.
 */
export function prepareLambdaRuntime(projectRoot: string = PROJECT_ROOT): Promise<LambdaRuntimeFolder> {
  let folder = prepared.get(projectRoot);
  if (!folder) {
    folder = buildRuntimeFolder(projectRoot);
    folder.catch(() => prepared.delete(projectRoot));
    prepared.set(projectRoot, folder);
  }
  return folder;
}

/**
 * Copies an asset folder (e.g. `cdk.out/asset.<hash>`) into the runtime folder and returns the copy,
 * the function's LAMBDA_TASK_ROOT. Copies are keyed by content, so repeated calls reuse one.
 */
export async function stageAsset(assetDir: string, runtime: LambdaRuntimeFolder): Promise<string> {
  const hash = await contentHash(assetDir);
  const taskRoot = join(runtime.root, 'functions', hash);
  if (existsSync(taskRoot)) return taskRoot;
  const temporary = `${taskRoot}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  await cp(assetDir, temporary, { recursive: true, dereference: true });
  await publish(temporary, taskRoot);
  return taskRoot;
}

/** The AWS SDK v3 packages the project has, with the transitive closure of their dependencies. */
export async function runtimePackages(projectRoot: string): Promise<Map<string, string>> {
  const topLevel = join(projectRoot, 'node_modules');
  const roots = (await readdir(join(topLevel, '@aws-sdk'))).map((name) => `@aws-sdk/${name}`);
  const offered = new Map<string, string>(); // name -> version, for packages at the top level
  const seen = new Set<string>();
  const queue: Array<{ name: string; from: string; optional: boolean }> = roots.map((name) => ({
    name,
    from: projectRoot,
    optional: false,
  }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    const dir = packageDir(next.name, next.from);
    if (!dir) {
      if (next.optional) continue;
      throw new Error(`${next.name} (needed from ${next.from}) is not installed; run npm ci`);
    }
    if (seen.has(dir)) continue;
    seen.add(dir);
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
      version?: string;
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    if (dir === join(topLevel, next.name)) offered.set(next.name, manifest.version ?? '0.0.0');
    for (const name of Object.keys(manifest.dependencies ?? {}))
      queue.push({ name, from: dir, optional: false });
    for (const name of Object.keys({ ...manifest.optionalDependencies, ...manifest.peerDependencies })) {
      queue.push({ name, from: dir, optional: true });
    }
  }
  return offered;
}

async function buildRuntimeFolder(projectRoot: string): Promise<LambdaRuntimeFolder> {
  const offered = await runtimePackages(projectRoot);
  const packages = [...offered].map(([name, version]) => `${name}@${version}`).sort();
  const hash = createHash('sha256').update(projectRoot).update('\n').update(packages.join('\n'));
  const root = join(tmpdir(), `icp-lambda-runtime-${hash.digest('hex').slice(0, 16)}`);
  assertNoNodeModulesAbove(root);
  const folder = { root, nodeModules: join(root, 'node_modules'), packages };
  if (existsSync(root)) {
    const complete =
      existsSync(join(root, 'package.json')) &&
      [...offered.keys()].every((name) => existsSync(join(root, 'node_modules', name, 'package.json')));
    if (complete) return folder;
    // Partly removed (a temp cleaner, a person): move it aside and build again.
    const stale = `${root}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
    await rename(root, stale).catch(() => undefined);
    await rm(stale, { recursive: true, force: true });
  }
  const temporary = `${root}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  for (const name of offered.keys()) {
    const link = join(temporary, 'node_modules', name);
    await mkdir(dirname(link), { recursive: true });
    await symlink(join(projectRoot, 'node_modules', name), link, 'dir');
  }
  await mkdir(join(temporary, 'functions'), { recursive: true });
  await writeFile(
    join(temporary, 'package.json'),
    `${JSON.stringify({ name: 'icp-lambda-runtime', private: true, description: `AWS SDK of ${projectRoot}` })}\n`,
  );
  await publish(temporary, root);
  return folder;
}

/** Moves a finished folder into place; if another process got there first, keeps theirs. */
async function publish(temporary: string, target: string): Promise<void> {
  try {
    await rename(temporary, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    await rm(temporary, { recursive: true, force: true });
    if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || !existsSync(target)) throw error;
  }
}

/** Where `require.resolve(name + '/package.json')` would find the package from `from`. */
function packageDir(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** A node_modules above the runtime folder would be on every asset's resolution path. */
function assertNoNodeModulesAbove(root: string): void {
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) {
      throw new Error(
        `${join(dir, 'node_modules')} exists, so Lambda assets run from ${root} would resolve packages from it; remove it or set TMPDIR elsewhere`,
      );
    }
    if (dirname(dir) === dir) return;
  }
}

async function contentHash(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => !entry.isDirectory())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) {
    hash.update(relative(dir, file).split(sep).join('/')).update('\0');
    hash.update(await readFile(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 32);
}
