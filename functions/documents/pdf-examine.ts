/**
 * Everything inspection learns from a PDF's bytes, in one call that runs inside the inspection
 * worker (inspection-worker.ts): the byte scan with its caps, then, only when the scan passed,
 * pdf.js with the page count checked before any page is walked. The result is plain data (it
 * crosses the worker boundary by structured clone).
 */
import { type PdfParseOptions, type PdfParseResult, parsePdf } from './pdf-parse.ts';
import { type PdfScan, scanPdf } from './pdf-scan.ts';

export interface PdfExamination {
  scan: PdfScan;
  /** Absent when the scan already refused the file (a cap passed, or encrypted). */
  parsed?: PdfParseResult;
}

/** Scans, then parses unless the scan found a reason to stop. */
export async function examinePdf(bytes: Uint8Array, options: PdfParseOptions): Promise<PdfExamination> {
  const scan = scanPdf(bytes);
  if (scan.limit || scan.encrypted) return { scan };
  return { scan, parsed: await parsePdf(bytes, options) };
}
