/**
 * Opens a PDF with pdf.js (no rendering, no eval, no fonts loaded from the system) and reports
 * what inspection needs: page count, encryption, document-level actions, attachments, text.
 */
import './pdfjs-node-globals.ts';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfFacts {
  pages: number;
  encrypted: boolean;
  /** Document-level JavaScript, an OpenAction, or annotations with JavaScript/launch actions. */
  activeContent: string[];
  attachments: number;
  /** Text of the first `textPages` pages, lines separated by newlines. */
  text: string;
}

export type PdfParseResult =
  | { ok: true; facts: PdfFacts }
  | { ok: false; reason: 'encrypted' | 'unreadable' }
  /** The page tree contains itself (pdf.js found the loop while looking a page up). */
  | { ok: false; reason: 'pageTree' }
  /** More pages than `maxPages`: refused from the count alone, no page was looked up. */
  | { ok: false; reason: 'tooManyPages'; pages: number };

export interface PdfParseOptions {
  /** Text is read from this many pages at most (0 = none). */
  textPages: number;
  /** Pages beyond this are not walked: the file is refused from its page count (`tooManyPages`). */
  maxPages?: number;
}

const MAX_TEXT_CHARS = 200_000;

/**
 * Parses `bytes`; checks the page count against `maxPages` before any page is looked up, then
 * reads annotations from every page and text from at most `textPages` pages.
 */
export async function parsePdf(bytes: Uint8Array, options: PdfParseOptions): Promise<PdfParseResult> {
  // pdf.js takes ownership of (and detaches) the buffer it is given.
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    verbosity: 0,
    enableXfa: false,
  });
  let document: Awaited<typeof task.promise>;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    return {
      ok: false,
      reason: error instanceof Error && error.name === 'PasswordException' ? 'encrypted' : 'unreadable',
    };
  }
  // pdf.js reads numPages from the root's /Count and, when opening, looks up the last page (one
  // descent through the tree, cycle-checked); a /Count that leads nowhere is replaced by a walk
  // of the tree. Looking up page n descends from the root again, so walking every page of a
  // 30,000-page tree was quadratic (87 s in the probe): the count is checked before any page is.
  if (options.maxPages !== undefined && document.numPages > options.maxPages) {
    const pages = document.numPages;
    await document.destroy().catch(() => undefined);
    return { ok: false, reason: 'tooManyPages', pages };
  }
  try {
    const metadata = await document.getMetadata().catch(() => undefined);
    const info = (metadata?.info ?? {}) as Record<string, unknown>;
    const activeContent: string[] = [];
    const js = (await document.getJSActions().catch(() => null)) as Record<string, unknown> | null;
    if (js && Object.keys(js).length > 0) activeContent.push('JavaScript');
    const openAction = await document.getOpenAction().catch(() => null);
    if (openAction && (openAction as { action?: unknown }).action) activeContent.push('OpenAction');
    const attachments = (await document.getAttachments().catch(() => null)) as Record<string, unknown> | null;
    const lines: string[] = [];
    let length = 0;
    const textPages = Math.min(options.textPages, document.numPages);
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const annotations = (await page.getAnnotations().catch(() => [])) as Array<Record<string, unknown>>;
      for (const annotation of annotations) {
        if (annotation.actions && Object.keys(annotation.actions as object).length > 0)
          activeContent.push('JavaScript');
        if (annotation.attachment) activeContent.push('Launch');
      }
      if (number <= textPages && length < MAX_TEXT_CHARS) {
        const content = await page.getTextContent();
        let line = '';
        for (const item of content.items) {
          if (!('str' in item)) continue;
          line += item.str;
          if (item.hasEOL) {
            lines.push(line);
            length += line.length;
            line = '';
          }
        }
        if (line) lines.push(line);
        length += line.length;
      }
      page.cleanup();
    }
    return {
      ok: true,
      facts: {
        pages: document.numPages,
        encrypted: typeof info.EncryptFilterName === 'string' && info.EncryptFilterName.length > 0,
        activeContent: [...new Set(activeContent)],
        attachments: attachments ? Object.keys(attachments).length : 0,
        text: lines.join('\n').slice(0, MAX_TEXT_CHARS),
      },
    };
  } catch (error) {
    // pdf.js's FormatError reaches us renamed (UnknownErrorException): its message is what says.
    return error instanceof Error && /Pages tree contains circular reference/.test(error.message)
      ? { ok: false, reason: 'pageTree' }
      : { ok: false, reason: 'unreadable' };
  } finally {
    await document.destroy().catch(() => undefined);
  }
}
