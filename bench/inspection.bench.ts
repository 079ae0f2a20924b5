/**
 * Inspection throughput: MB/s for a 1 MB and a 10 MB PDF (a scanned page: text + one large
 * embedded JPEG), a 5 MB JPEG, and a Chinese form (text extraction); then how fast a decompression
 * bomb (a 60000 × 60000 header) is refused, as a ratio to a legitimate photo. In-process, no I/O.
 */

import { inspectDocument } from '#documents/inspect';
import type { DocumentType } from '#domain/document-types';
import { bulkyPdf, jpeg, png, unicodeTextPdf, verificationFormLines } from '../test/fixtures/generate.ts';

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

/**
 * Decompression bombs: an image header declaring 60000 × 60000 pixels (3.6 gigapixels in a few hundred
 * bytes) must be refused from the header, before any decoding. Timed against the inspection of a
 * legitimate ID-card photo in the same run, alternating, so the ratio does not depend on the machine:
 * both read headers only (ratio about 1x), while decoding 3.6 gigapixels would take seconds.
 */
async function measureBombRefusal(label: string, bomb: Uint8Array, legit: Uint8Array, runs = 1000) {
  const inspectId = (bytes: Uint8Array) =>
    inspectDocument({ docType: 'APPLICANT_ID_FRONT', bytes, size: bytes.length });
  const codes = (await inspectId(bomb)).findings.map((f) => f.code).join(',');
  if (codes !== 'IMAGE_TOO_MANY_PIXELS') throw new Error(`${label}: the bomb is not refused: ${codes}`);
  const photo = await inspectId(legit);
  if (photo.status !== 'VALID') throw new Error(`${label}: the legitimate photo is ${photo.status}`);
  const bombMs: number[] = [];
  const legitMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    await inspectId(bomb);
    bombMs.push(performance.now() - t0);
    t0 = performance.now();
    await inspectId(legit);
    legitMs.push(performance.now() - t0);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  console.log(
    `${label.padEnd(28)} refused: median ${median(bombMs).toFixed(3)} ms, max ${Math.max(...bombMs).toFixed(3)} ms (target < 500 ms); ` +
      `legitimate ${photo.facts.width}×${photo.facts.height} photo: median ${median(legitMs).toFixed(3)} ms; ` +
      `ratio ${(median(bombMs) / median(legitMs)).toFixed(2)}x (target <= 2x), ${runs} runs alternating`,
  );
}

await measureBombRefusal('PNG bomb 60000×60000', png(60000, 60000, { headerOnly: true }), png(1000, 640));
await measureBombRefusal('JPEG bomb 60000×60000', jpeg(60000, 60000), jpeg(1000, 640));
