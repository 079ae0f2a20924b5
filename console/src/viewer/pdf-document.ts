/**
 * PDFs for the officer's viewer, through pdf.js. The library (and its worker, a file of this build
 * served from the console's own origin, as the CSP's script-src 'self' allows) loads on the first PDF
 * shown, so no applicant downloads it. Each document version is fetched once per tab: the presigned
 * preview URL changes every time the case is read, the uploadId does not, so the bytes are kept by
 * uploadId and a re-render or a refresh of the links downloads nothing again.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

const documents = new Map<string, Promise<PDFDocumentProxy>>();

async function pdfjs() {
  const lib = await import('pdfjs-dist');
  lib.GlobalWorkerOptions.workerSrc = workerUrl;
  return lib;
}

/** The document of one upload, loaded from `url` the first time only. */
export function pdfDocument(uploadId: string, url: string): Promise<PDFDocumentProxy> {
  let loading = documents.get(uploadId);
  if (!loading) {
    loading = (async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data = new Uint8Array(await response.arrayBuffer());
      const lib = await pdfjs();
      // No eval: the console's CSP has no 'unsafe-eval', and pdf.js needs none with this off.
      return lib.getDocument({ data, isEvalSupported: false }).promise;
    })();
    // A failed load is not kept: the next render tries again (with a fresh link).
    loading.catch(() => documents.delete(uploadId));
    documents.set(uploadId, loading);
  }
  return loading;
}

/** Draws page `pageNumber` (from 1) on `canvas` at `width` CSS pixels wide, sharp on this screen. */
export async function renderPage(
  pdf: PDFDocumentProxy,
  pageNumber: number,
  canvas: HTMLCanvasElement,
  width: number,
): Promise<void> {
  const page = await pdf.getPage(pageNumber);
  const unscaled = page.getViewport({ scale: 1 });
  const scale = width / unscaled.width;
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: scale * ratio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
  canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
  await page.render({ canvas, viewport }).promise;
}
