/**
 * Runs PDF examination off the event loop, in worker threads, with a time budget: a worker that
 * has not answered by then is terminated (whatever pdf.js was doing) and the file is refused.
 *
 * Why a worker rather than only caps: pdf.js is synchronous between its awaits, and some costs
 * are inside it where no cap of ours reaches (a page's content stream that inflates to 200 MB of
 * whitespace took 7.3 s of text extraction, all on the calling thread). Caps (pdf-scan.ts, the page
 * count in pdf-parse.ts) refuse the known shapes in milliseconds with a precise reason; the budget
 * bounds every other one.
 *
 * Workers are started on first use and kept (an idle one waits for the next file, as a warm Lambda
 * container reuses it); they are unref'd, so they never keep a process alive.
 */
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadId, Worker } from 'node:worker_threads';
import { type ExamineRequest, WORKER_ROLE, type WorkerReply } from './inspection-worker.ts';
import type { PdfExamination } from './pdf-examine.ts';
import type { PdfParseOptions } from './pdf-parse.ts';

/**
 * Time one PDF may take, from the moment a ready worker receives it. Legitimate files take far
 * less: a 10 MB scan 10 ms median, 60 ms p95; a Chinese form with text 8 ms (npm run bench --
 * inspection). 1.2 s is 20 times that p95, room for Lambda's smaller share of a CPU at 1024 MB
 * (about 0.6 vCPU); with the replacement of a stopped worker to wait for when hostile files come
 * back to back (0.5–0.8 s to load here), each is still answered within the 2 s. It is far
 * inside the on-upload function's 60 s timeout, so a refused file is always recorded.
 */
export const INSPECTION_BUDGET_MS = 1200;
/**
 * The worker's heap. pdf.js holds the file and what it decodes for the pages it reads; the Lambda
 * has 1024 MB in all, and the main thread keeps the file and the SDK clients.
 */
export const WORKER_HEAP_MB = 384;
/** Starting a worker (loading pdf.js) is not the file's fault: a worker that cannot start fails the call. */
const STARTUP_TIMEOUT_MS = 20_000;
/**
 * Workers at most, one file each; more files wait for one (their budget starts when a worker takes
 * them). A Lambda container handles one event at a time, so it runs one; a test or the local stack
 * inspecting 20 uploads at once would otherwise load pdf.js 20 times over on a 2-core machine.
 */
const MAX_WORKERS = Math.max(1, availableParallelism());

/**
 * A Lambda bundle is one ESM file holding this module and inspection-worker.ts, so the worker is
 * that file (import.meta.url) started again. Run from the TypeScript sources (tests, benchmarks,
 * tsx), there is no such file: see devWorkerUrl.
 */
const BUNDLED = !import.meta.url.endsWith('.ts');
let devWorker: Promise<URL> | undefined;

/**
 * From the sources, the worker is bundled on first use with esbuild (a dev dependency, never in a
 * Lambda bundle: it is loaded by a require that esbuild does not follow), pdf.js included, as in
 * Lambda. Loading inspection-worker.ts through tsx instead took 9 s per worker here, tsx
 * transforming pdf.js's 2 MB worker module; the bundle builds and loads in about a second.
 */
function devWorkerUrl(): Promise<URL> {
  devWorker ??= (async () => {
    const load = createRequire(import.meta.url);
    const esbuild = load('esbuild') as typeof import('esbuild');
    const outfile = join(tmpdir(), `icp-inspection-worker-${process.pid}-${threadId}.mjs`);
    await esbuild.build({
      entryPoints: [fileURLToPath(new URL('./inspection-worker.ts', import.meta.url))],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
      logLevel: 'error',
    });
    process.once('exit', () => rmSync(outfile, { force: true }));
    return pathToFileURL(outfile);
  })();
  return devWorker;
}

export type OffThreadOutcome =
  | { kind: 'done'; examination: PdfExamination }
  | { kind: 'timeout'; budgetMs: number }
  | { kind: 'outOfMemory'; heapMb: number };

const idle: Worker[] = [];
/** Files waiting for a worker, first come first served. */
const waiting: Array<{ take: (worker: Worker) => void; fail: (error: unknown) => void }> = [];
/** Workers started (or starting) and not terminated. */
let live = 0;
/** Replacements of terminated workers being started. */
let replacing = 0;
let nextId = 0;

async function startWorker(): Promise<Worker> {
  const url = BUNDLED ? new URL(import.meta.url) : await devWorkerUrl();
  const worker = new Worker(url, {
    workerData: { role: WORKER_ROLE },
    // Not the parent's flags: V8 flags such as --max-old-space-size are refused in a worker.
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  worker.unref();
  return new Promise<Worker>((resolve, reject) => {
    const fail = (error: Error) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      void worker.terminate();
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new Error(`The inspection worker did not start within ${STARTUP_TIMEOUT_MS} ms`)),
      STARTUP_TIMEOUT_MS,
    );
    const onMessage = (message: WorkerReply) => {
      if (!('ready' in message)) return;
      clearTimeout(timer);
      worker.off('error', fail);
      worker.off('exit', onExit);
      resolve(worker);
    };
    const onExit = (code: number) => fail(new Error(`The inspection worker exited (${code}) while starting`));
    worker.on('message', onMessage);
    worker.once('error', fail);
    worker.once('exit', onExit);
  });
}

/** Starts a worker for the pool; one that fails to start is not counted. */
function launch(): Promise<Worker> {
  live += 1;
  return startWorker().catch((error: unknown) => {
    live -= 1;
    throw error;
  });
}

function acquire(): Promise<Worker> {
  const ready = idle.pop();
  if (ready) return Promise.resolve(ready);
  // A replacement on its way is sooner than a worker started now, and starting both at once on a
  // loaded machine slows both.
  if (live < MAX_WORKERS && replacing <= waiting.length) return launch();
  return new Promise((take, fail) => waiting.push({ take, fail }));
}

/** A worker done with a file takes the next waiting one, or waits idle. */
function release(worker: Worker): void {
  const next = waiting.shift();
  if (next) next.take(worker);
  else idle.push(worker);
}

/**
 * Stops a worker that overran (or outgrew its heap, or died) and starts its replacement at once, so the
 * next file waits for no worker to load (0.5–0.9 s here) while the refused one is being recorded.
 */
function replace(worker: Worker): void {
  void worker.terminate();
  live -= 1;
  replacing += 1;
  const replacement = launch().finally(() => {
    replacing -= 1;
  });
  replacement.then(release, (error: unknown) => {
    // Not the file's fault: the next waiting file fails with it (all of them when no worker is
    // left to take them); an idle pool starts again on demand.
    for (const next of live === 0 ? waiting.splice(0) : waiting.splice(0, 1)) next.fail(error);
  });
}

/**
 * Examines `bytes` in a worker; `timeout` when it took longer than `budgetMs`, `outOfMemory` when
 * it outgrew the worker's heap. Rejects only when the worker itself fails (not the file).
 */
export async function examinePdfOffThread(
  bytes: Uint8Array,
  options: PdfParseOptions,
  budgetMs = INSPECTION_BUDGET_MS,
): Promise<OffThreadOutcome> {
  const worker = await acquire();
  const id = ++nextId;
  // A compact copy, transferred: cloning a view would copy its whole underlying buffer.
  const copy = new Uint8Array(bytes);
  return new Promise<OffThreadOutcome>((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const timer = setTimeout(() => {
      cleanup();
      replace(worker);
      resolve({ kind: 'timeout', budgetMs });
    }, budgetMs);
    const onMessage = (reply: WorkerReply) => {
      if (!('id' in reply) || reply.id !== id) return;
      cleanup();
      release(worker);
      if (reply.ok) resolve({ kind: 'done', examination: reply.examination });
      else reject(new Error(`PDF examination failed: ${reply.error}`));
    };
    const onError = (error: Error & { code?: string }) => {
      cleanup();
      replace(worker);
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') resolve({ kind: 'outOfMemory', heapMb: WORKER_HEAP_MB });
      else reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      replace(worker);
      reject(new Error(`The inspection worker exited (${code}) during an inspection`));
    };
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.once('exit', onExit);
    worker.postMessage({ id, bytes: copy, options } satisfies ExamineRequest, [copy.buffer]);
  });
}

/** Stops the idle workers (tests and benchmarks that want a clean exit; workers never hold one). */
export async function stopInspectionWorkers(): Promise<void> {
  const workers = idle.splice(0);
  live -= workers.length;
  await Promise.all(workers.map((worker) => worker.terminate()));
}
