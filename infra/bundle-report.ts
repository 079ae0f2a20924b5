import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { PROJECT_ROOT } from './build-app.ts';
import {
  BUNDLE_TARGET,
  ESM_REQUIRE_BANNER,
  externalModules,
  lambdaAliases,
  MAIN_FIELDS,
  MINIFY,
} from './constructs/bundling.ts';
import { HANDLERS } from './handlers.ts';

/**
 * Bundles every catalogued handler with the options NodejsFunction uses and prints the minified
 * size (SDK clients included). Budget: 500 KB per function; `--strict` exits 1 above it;
 * `--partition aws-cn` bundles as for the China partition (SMTP instead of SES).
 */
const PARTITION = process.argv.includes('aws-cn') ? 'aws-cn' : 'aws';
const BUDGET = 500 * 1024;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const rows: string[][] = [];
let over = 0;
for (const spec of HANDLERS) {
  const result = await build({
    entryPoints: [`${PROJECT_ROOT}/${spec.entry}`],
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLE_TARGET,
    mainFields: MAIN_FIELDS,
    banner: { js: ESM_REQUIRE_BANNER },
    minify: MINIFY,
    external: externalModules(PARTITION),
    alias: lambdaAliases(PROJECT_ROOT),
    logLevel: 'error',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const inputs = Object.values(result.metafile.outputs)[0]?.inputs ?? {};
  const byPackage = new Map<string, number>();
  for (const [path, input] of Object.entries(inputs)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? '(project)';
    byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput);
  }
  const top = [...byPackage.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name, bytes]) => `${name} ${kb(bytes)}`)
    .join(', ');
  if (code.byteLength > BUDGET) over += 1;
  rows.push([
    spec.entry,
    kb(code.byteLength),
    kb(gzipSync(code).byteLength),
    code.byteLength > BUDGET ? 'OVER' : 'ok',
    top,
  ]);
}
const header = ['handler', 'minified', 'gzip', '≤500 KB', 'largest inputs'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
if (over > 0 && process.argv.includes('--strict')) process.exit(1);
