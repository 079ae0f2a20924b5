/**
 * Inspection throughput: MB/s for a 1 MB and a 10 MB PDF (a scanned page: text + one large
 * embedded JPEG), a 5 MB JPEG, and a Chinese form (text extraction). In-process, no I/O.
 */

import { inspectDocument } from '#documents/inspect';
import type { DocumentType } from '#domain/document-types';
import { bulkyPdf, jpeg, unicodeTextPdf, verificationFormLines } from '../test/fixtures/generate.ts';

const MB = 1024 * 1024;

async function measure(label: string, docType: DocumentType, bytes: Uint8Array, minSeconds = 2) {
  const first = await inspectDocument({ docType, bytes, size: bytes.length });
  if (first.status !== 'VALID')
    throw new Error(`${label}: fixture is ${first.status}: ${first.findings.map((f) => f.code)}`);
  const times: number[] = [];
  const started = performance.now();
  while (performance.now() - started < minSeconds * 1000 || times.length < 5) {
    const t0 = performance.now();
    await inspectDocument({ docType, bytes, size: bytes.length });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
  // Mean, not median: the JPEG path reads only the header and trailer, well under a millisecond.
  const mbPerSecond = bytes.length / MB / (mean / 1000);
  console.log(
    `${label.padEnd(28)} ${(bytes.length / MB).toFixed(2).padStart(6)} MB  runs ${String(times.length).padStart(4)}  ` +
      `mean ${mean.toFixed(3).padStart(8)} ms  median ${median.toFixed(3).padStart(8)} ms  p95 ${(times[Math.floor(times.length * 0.95)] as number).toFixed(3).padStart(8)} ms  ` +
      `${mbPerSecond.toFixed(1).padStart(9)} MB/s`,
  );
}

await measure('PDF 1 MB (scan)', 'BUSINESS_LICENCE', await bulkyPdf(1 * MB));
await measure('PDF 10 MB (scan)', 'SECTOR_PRE_APPROVAL', await bulkyPdf(10 * MB));
await measure('JPEG 5 MB', 'BUSINESS_LICENCE', jpeg(3000, 2000, { totalBytes: 5 * MB }));
await measure(
  'PDF form, Chinese text',
  'WEBSITE_VERIFICATION_FORM',
  unicodeTextPdf([verificationFormLines('example.cn'), verificationFormLines('example.cn')]),
);
