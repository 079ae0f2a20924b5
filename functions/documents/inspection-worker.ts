/**
 * The inspection worker's side (worker_threads): examines one PDF per message and answers with
 * the plain result. inspection-pool.ts starts it and stops it at the time budget.
 *
 * In a Lambda bundle there is one file, and the worker is that same file started again: this
 * module is part of it, does nothing on the main thread, and serves only in a thread started with
 * WORKER_ROLE. Run from the TypeScript sources (tests, benchmarks, tsx), the pool starts this file.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { PdfExamination } from './pdf-examine.ts';
import type { PdfParseOptions } from './pdf-parse.ts';

export const WORKER_ROLE = 'icp-pdf-inspection';

export interface ExamineRequest {
  id: number;
  bytes: Uint8Array;
  options: PdfParseOptions;
}

export type WorkerReply =
  | { ready: true }
  | { id: number; ok: true; examination: PdfExamination }
  | { id: number; ok: false; error: string };

const port = parentPort;
if (!isMainThread && port && (workerData as { role?: unknown } | null)?.role === WORKER_ROLE) {
  // Imported here, not at the top: in a Lambda bundle the main thread then never evaluates pdf.js
  // (esbuild keeps a dynamic import's module lazy), only the worker does.
  void import('./pdf-examine.ts').then(({ examinePdf }) => {
    port.on('message', async (request: ExamineRequest) => {
      let reply: WorkerReply;
      try {
        reply = { id: request.id, ok: true, examination: await examinePdf(request.bytes, request.options) };
      } catch (error) {
        reply = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      port.postMessage(reply);
    });
    port.postMessage({ ready: true } satisfies WorkerReply);
  });
}
