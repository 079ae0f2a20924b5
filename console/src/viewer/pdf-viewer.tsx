/**
 * An officer reads a PDF in the console: page thumbnails, previous/next page, zoom. Drawn by pdf.js
 * on canvases (./pdf-document.ts), so it shows in every browser, headless ones included, under the
 * console's CSP, and the file is fetched once per upload however often the page re-renders.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n.ts';
import { pdfDocument, renderPage } from './pdf-document.ts';
import { useZoom, ZoomControls } from './zoom.tsx';

/** Pages shown as thumbnails; a longer document is still read page by page. */
const MAX_THUMBNAILS = 40;
const THUMBNAIL_WIDTH = 72;
/** The page's width at 100 %, in CSS pixels (the preview column is about this wide). */
const BASE_WIDTH = 520;

function PageCanvas({
  pdf,
  pageNumber,
  width,
  label,
  testId,
}: {
  pdf: PDFDocumentProxy;
  pageNumber: number;
  width: number;
  label: string;
  testId: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [rendered, setRendered] = useState<number>();
  useEffect(() => {
    let current = true;
    const target = canvas.current;
    if (!target) return;
    void renderPage(pdf, pageNumber, target, width).then(
      () => current && setRendered(pageNumber),
      () => undefined, // a newer render of this canvas took over
    );
    return () => {
      current = false;
    };
  }, [pdf, pageNumber, width]);
  return (
    <canvas
      ref={canvas}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-rendered-page={rendered ?? ''}
    />
  );
}

export function PdfViewer({
  uploadId,
  url,
  label,
  testId,
}: {
  uploadId: string;
  url: string;
  label: string;
  testId: string;
}) {
  const { pick } = useI18n();
  const [pdf, setPdf] = useState<PDFDocumentProxy>();
  const [failed, setFailed] = useState(false);
  const [page, setPage] = useState(1);
  const zoom = useZoom();
  // The link of the first render is the one used: a later, fresh link names the same upload.
  const firstUrl = useRef(url);

  useEffect(() => {
    let current = true;
    pdfDocument(uploadId, firstUrl.current).then(
      (doc) => current && setPdf(doc),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [uploadId]);

  if (failed) {
    return (
      <p className="alert alert-warning" data-testid={`${testId}-failed`}>
        {pick('无法显示此 PDF，请下载查看。', 'This PDF cannot be shown; download it to read it.')}
      </p>
    );
  }
  if (!pdf) {
    return (
      <p className="muted small" role="status" data-testid={`${testId}-loading`}>
        {pick('正在加载 PDF…', 'Loading the PDF…')}
      </p>
    );
  }
  const pages = pdf.numPages;
  const go = (n: number) => setPage(Math.min(pages, Math.max(1, n)));
  const pageLabel = (n: number) =>
    pick(`${label}：第 ${n} 页，共 ${pages} 页`, `${label}: page ${n} of ${pages}`);

  return (
    <div className="pdf-viewer" data-testid={testId} data-page={page} data-pages={pages}>
      <div className="viewer-toolbar">
        <button
          type="button"
          className="button button-small"
          data-testid={`${testId}-prev`}
          disabled={page <= 1}
          onClick={() => go(page - 1)}
        >
          ‹ {pick('上一页', 'Previous')}
        </button>
        <span data-testid={`${testId}-page-number`} aria-live="polite">
          {pick(`第 ${page} / ${pages} 页`, `Page ${page} of ${pages}`)}
        </span>
        <button
          type="button"
          className="button button-small"
          data-testid={`${testId}-next`}
          disabled={page >= pages}
          onClick={() => go(page + 1)}
        >
          {pick('下一页', 'Next')} ›
        </button>
        <ZoomControls zoom={zoom} testId={testId} />
      </div>
      <div className="pdf-body">
        {pages > 1 && (
          <ol className="pdf-thumbnails" aria-label={pick('页面缩略图', 'Page thumbnails')}>
            {Array.from({ length: Math.min(pages, MAX_THUMBNAILS) }, (_, i) => i + 1).map((n) => (
              <li key={n}>
                <button
                  type="button"
                  className="pdf-thumbnail"
                  aria-current={n === page ? 'page' : undefined}
                  data-testid={`${testId}-thumb-${n}`}
                  onClick={() => go(n)}
                >
                  <PageCanvas
                    pdf={pdf}
                    pageNumber={n}
                    width={THUMBNAIL_WIDTH}
                    label={pageLabel(n)}
                    testId={`${testId}-thumb-canvas-${n}`}
                  />
                  <span>{n}</span>
                </button>
              </li>
            ))}
          </ol>
        )}
        <div className="pdf-page">
          <PageCanvas
            pdf={pdf}
            pageNumber={page}
            width={Math.round(BASE_WIDTH * zoom.scale)}
            label={pageLabel(page)}
            testId={`${testId}-canvas`}
          />
        </div>
      </div>
    </div>
  );
}
