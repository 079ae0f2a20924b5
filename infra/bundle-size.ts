import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import {
  BUNDLE_TARGET,
  ESM_REQUIRE_BANNER,
  externalModules,
  lambdaAliases,
  MAIN_FIELDS,
  MINIFY,
} from './constructs/bundling.ts';
import { DEFAULT_BUNDLE_BUDGET_KB, type HandlerSpec } from './handlers.ts';

export type Partition = 'aws' | 'aws-cn';

export interface BundleSize {
  bytes: number;
  gzipBytes: number;
  /** Bytes in the bundle by npm package (`(project)` for this repository's code), largest first. */
  byPackage: Array<[string, number]>;
}

/** Bundles one handler with the options NodejsFunction uses (infra/constructs/bundling.ts) and measures it. */
export async function measureBundle(
  projectRoot: string,
  spec: HandlerSpec,
  partition: Partition,
): Promise<BundleSize> {
  const result = await build({
    entryPoints: [`${projectRoot}/${spec.entry}`],
    absWorkingDir: projectRoot,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLE_TARGET,
    mainFields: MAIN_FIELDS,
    banner: { js: ESM_REQUIRE_BANNER },
    minify: MINIFY,
    external: externalModules(partition),
    alias: lambdaAliases(projectRoot, partition),
    logLevel: 'error',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  const byPackage = new Map<string, number>();
  for (const [path, input] of Object.entries(inputs)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? '(project)';
    byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput);
  }
  return {
    bytes: code.byteLength,
    gzipBytes: gzipSync(code).byteLength,
    byPackage: [...byPackage.entries()].sort((a, b) => b[1] - a[1]),
  };
}

export const bundleBudgetBytes = (spec: HandlerSpec) =>
  (spec.bundleBudget?.kb ?? DEFAULT_BUNDLE_BUDGET_KB) * 1024;
