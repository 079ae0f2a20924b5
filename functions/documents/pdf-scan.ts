/**
 * A structural scan of a PDF's bytes for the names that make a PDF active or protected
 * (/JavaScript, /JS, /OpenAction, /AA, /Launch, /EmbeddedFiles, /RichMedia, /XFA, /Encrypt).
 *
 * Stream contents are skipped (compressed data would give false hits), except object streams
 * (/Type /ObjStm), which are inflated under a size cap and scanned too, since PDF 1.5 writers hide
 * whole dictionaries there. Names are decoded (`/J#61vaScript` is `/JavaScript`).
 */
import { inflateSync } from 'node:zlib';

export interface PdfScan {
  /** Active-content names found (decoded, without the slash), deduplicated. */
  active: string[];
  encrypted: boolean;
  embeddedFiles: boolean;
  /** The file has a `%%EOF` marker near its end. */
  hasEof: boolean;
}

const ACTIVE = new Set([
  'JavaScript',
  'JS',
  'OpenAction',
  'AA',
  'Launch',
  'RichMedia',
  'XFA',
  'SubmitForm',
  'ImportData',
]);
// A name token: slash, then regular characters (anything but whitespace and delimiters).
const NAME = /\/([^\s()<>[\]{}/%]+)/g;
const OBJSTM_INFLATE_LIMIT = 16 * 1024 * 1024;

function decodeName(raw: string): string {
  return raw.includes('#')
    ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : raw;
}

function scanText(text: string, into: { names: Set<string> }): void {
  NAME.lastIndex = 0;
  for (let match = NAME.exec(text); match; match = NAME.exec(text)) {
    const name = decodeName(match[1] as string);
    if (ACTIVE.has(name) || name === 'Encrypt' || name === 'EmbeddedFiles' || name === 'EmbeddedFile') {
      into.names.add(name);
    }
  }
}

/** Scans `bytes` (a whole PDF) outside of streams, and inside object streams. */
export function scanPdf(bytes: Uint8Array): PdfScan {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const found = { names: new Set<string>() };
  let position = 0;
  while (position < text.length) {
    const start = findStreamKeyword(text, position);
    if (start < 0) {
      scanText(text.slice(position), found);
      break;
    }
    const dictionary = text.slice(position, start);
    scanText(dictionary, found);
    let dataStart = start + 'stream'.length;
    if (text[dataStart] === '\r') dataStart += 1;
    if (text[dataStart] === '\n') dataStart += 1;
    const end = text.indexOf('endstream', dataStart);
    if (end < 0) break; // truncated: the parser will say so
    const lastObj = dictionary.lastIndexOf(' obj');
    const streamDict = lastObj >= 0 ? dictionary.slice(lastObj) : dictionary;
    if (/\/Type\s*\/ObjStm/.test(streamDict) && /\/FlateDecode/.test(streamDict)) {
      try {
        const inflated = inflateSync(bytes.subarray(dataStart, end), {
          maxOutputLength: OBJSTM_INFLATE_LIMIT,
        });
        scanText(inflated.toString('latin1'), found);
      } catch {
        found.names.add('ObjStm?'); // an object stream we cannot read: treat as suspicious
      }
    }
    position = end + 'endstream'.length;
  }
  const active = [...found.names].filter((name) => ACTIVE.has(name) || name === 'ObjStm?');
  return {
    active,
    encrypted: found.names.has('Encrypt'),
    embeddedFiles: found.names.has('EmbeddedFiles') || found.names.has('EmbeddedFile'),
    hasEof: text.lastIndexOf('%%EOF') >= Math.max(0, text.length - 2048),
  };
}

/** Index of the next `stream` keyword that is not part of `endstream`. */
function findStreamKeyword(text: string, from: number): number {
  let index = text.indexOf('stream', from);
  while (index >= 0) {
    const before = text.slice(Math.max(0, index - 3), index);
    const after = text[index + 6];
    if (before !== 'end' && (after === '\r' || after === '\n')) return index;
    index = text.indexOf('stream', index + 6);
  }
  return -1;
}
