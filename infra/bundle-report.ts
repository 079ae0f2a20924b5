import { PROJECT_ROOT } from './build-app.ts';
import { bundleBudgetBytes, measureBundle } from './bundle-size.ts';
import { HANDLERS } from './handlers.ts';

/**
 * Prints each catalogued handler's minified bundle size (SDK clients included) against its budget
 * (500 KB unless infra/handlers.ts raises it with a reason). `--partition aws-cn` bundles as for the
 * China partition (SMTP instead of SES); `--strict` exits 1 when a function is over its budget.
 */
const PARTITION = process.argv.includes('aws-cn') ? 'aws-cn' : 'aws';
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const rows: string[][] = [];
let over = 0;
for (const spec of HANDLERS) {
  const size = await measureBundle(PROJECT_ROOT, spec, PARTITION);
  const budget = bundleBudgetBytes(spec);
  if (size.bytes > budget) over += 1;
  rows.push([
    spec.entry,
    kb(size.bytes),
    kb(size.gzipBytes),
    `${size.bytes > budget ? 'OVER' : 'ok'} (${budget / 1024} KB)`,
    size.byPackage
      .slice(0, 3)
      .map(([name, bytes]) => `${name} ${kb(bytes)}`)
      .join(', '),
  ]);
}
const header = ['handler', 'minified', 'gzip', 'budget', 'largest inputs'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
console.log(`Partition ${PARTITION}`);
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
if (over > 0 && process.argv.includes('--strict')) process.exit(1);
