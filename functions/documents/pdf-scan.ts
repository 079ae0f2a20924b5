/**
 * A structural scan of a PDF's bytes for the names that make a PDF active or protected
 * (/JavaScript, /JS, /OpenAction, /AA, /Launch, /EmbeddedFiles, /RichMedia, /XFA, /Encrypt).
 *
 * Stream contents are skipped (compressed data would give false hits), except object streams
 * (/Type /ObjStm), which are inflated under a size cap and scanned too, since PDF 1.5 writers hide
 * whole dictionaries there. Names are decoded (`/J#61vaScript` is `/JavaScript`).
 *
 * The same pass bounds what pdf.js will be asked to parse (issue 14): it counts the objects
 * (`N G obj` headers and each object stream's /N), measures how deep arrays and dictionaries nest,
 * and caps how much object-stream data it inflates. It stops at the first cap it passes and says
 * which (`limit`), so a hostile file costs one linear pass over at most the upload size plus
 * OBJSTM_TOTAL_INFLATE bytes, before any parser recurses or walks pages.
 */
import { inflateSync } from 'node:zlib';

export interface PdfScan {
  /** Active-content names found (decoded, without the slash), deduplicated. */
  active: string[];
  encrypted: boolean;
  embeddedFiles: boolean;
  /** The file has a `%%EOF` marker near its end. */
  hasEof: boolean;
  /** Objects seen: indirect object headers plus the objects object streams declare (/N). */
  objects: number;
  /** The deepest nesting of arrays and dictionaries seen. */
  nesting: number;
  /** The first cap the file passed; the scan stopped there, and the other fields are partial. */
  limit?: PdfScanLimit;
}

/** A cap a PDF passed: which, the value seen (at least), and the cap. */
export interface PdfScanLimit {
  what: 'objects' | 'nesting' | 'objectStreams';
  value: number;
  max: number;
}

/**
 * Objects a PDF may hold. pdf-lib's 80-page form (the largest page rule) has 167; the probe's
 * 30,000-page tree 30,002. Below the cap, pdf.js still opens the file (and looks its last page up)
 * before the page count can be judged: for a tree of 20,000 pages that took 0.8 s, and 1.5–2.6 s
 * with this machine loaded (load average 7 on 2 cores); 10,000 keeps it under half of that. A
 * tagged export of a long document may come near it: refused, it is printed to a plain PDF again.
 */
export const MAX_OBJECTS = 10_000;
/**
 * How deep arrays and dictionaries may nest. Writers nest about 5 deep (a page's /Resources →
 * /Font → a font → its /FontDescriptor → /FontBBox); pdf.js parses them recursively and its stack
 * overflows somewhere between 2,000 levels (parsed) and 100,000 (RangeError, measured).
 */
export const MAX_NESTING = 128;
/**
 * Inflated object-stream data, all streams together. Object streams hold dictionaries only (no
 * page content, no images): pdf-lib's 80-page form has two, 16 KB inflated. Inflating and scanning
 * is the cost: 40 streams of 15 MB took 0.75–1 s to refuse with a 32 MB total (loaded machine),
 * hence 16 MB, a thousand times what that form needs.
 */
export const OBJSTM_TOTAL_INFLATE = 16 * 1024 * 1024;
/** One object stream, inflated (a thousand times one of pdf-lib's); more is refused, not scanned in part. */
export const OBJSTM_INFLATE_LIMIT = 8 * 1024 * 1024;

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

function decodeName(raw: string): string {
  return raw.includes('#')
    ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : raw;
}

interface ScanState {
  names: Set<string>;
  objects: number;
  /** Nesting depth where the last text scanned ended (a stream keyword sits after its dictionary). */
  depth: number;
  nesting: number;
  inflated: number;
  limit?: PdfScanLimit;
}

const OBJ_HEADER = /\d+\s+\d+\s+obj\b/g;

function scanText(text: string, into: ScanState): void {
  OBJ_HEADER.lastIndex = 0;
  while (OBJ_HEADER.exec(text)) into.objects += 1;
  if (into.objects > MAX_OBJECTS) {
    into.limit = { what: 'objects', value: into.objects, max: MAX_OBJECTS };
    return;
  }
  measureNesting(text, into);
  if (into.limit) return;
  NAME.lastIndex = 0;
  for (let match = NAME.exec(text); match; match = NAME.exec(text)) {
    const name = decodeName(match[1] as string);
    if (ACTIVE.has(name) || name === 'Encrypt' || name === 'EmbeddedFiles' || name === 'EmbeddedFile') {
      into.names.add(name);
    }
  }
}

/**
 * Tracks how deep `[` and `<<` nest in `text`, skipping strings and comments (their brackets are
 * not structure); `endobj` resets the depth, so one malformed object does not weigh on the next.
 * Sets `limit` and stops past MAX_NESTING.
 */
function measureNesting(text: string, into: ScanState): void {
  let depth = into.depth;
  const length = text.length;
  for (let i = 0; i < length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x5b /* [ */ || (c === 0x3c /* < */ && text.charCodeAt(i + 1) === 0x3c)) {
      if (c === 0x3c) i += 1;
      depth += 1;
      if (depth > into.nesting) {
        into.nesting = depth;
        if (depth > MAX_NESTING) {
          into.limit = { what: 'nesting', value: depth, max: MAX_NESTING };
          return;
        }
      }
    } else if (c === 0x5d /* ] */ || (c === 0x3e /* > */ && text.charCodeAt(i + 1) === 0x3e)) {
      if (c === 0x3e) i += 1;
      if (depth > 0) depth -= 1;
    } else if (c === 0x3c /* < hex string */) {
      const end = text.indexOf('>', i + 1);
      i = end < 0 ? length : end;
    } else if (c === 0x28 /* ( literal string, balanced parentheses, backslash escapes */) {
      let open = 1;
      for (i += 1; i < length && open > 0; i += 1) {
        const s = text.charCodeAt(i);
        if (s === 0x5c) i += 1;
        else if (s === 0x28) open += 1;
        else if (s === 0x29) open -= 1;
      }
      i -= 1;
    } else if (c === 0x25 /* % comment to the end of the line */) {
      while (i < length && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i += 1;
    } else if (c === 0x65 /* e */ && text.startsWith('endobj', i)) {
      depth = 0;
      i += 5;
    }
  }
  into.depth = depth;
}

/** Scans `bytes` (a whole PDF) outside of streams, and inside object streams. */
export function scanPdf(bytes: Uint8Array): PdfScan {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const found: ScanState = { names: new Set<string>(), objects: 0, depth: 0, nesting: 0, inflated: 0 };
  let position = 0;
  while (position < text.length && !found.limit) {
    const start = findStreamKeyword(text, position);
    if (start < 0) {
      scanText(text.slice(position), found);
      break;
    }
    const dictionary = text.slice(position, start);
    scanText(dictionary, found);
    if (found.limit) break;
    let dataStart = start + 'stream'.length;
    if (text[dataStart] === '\r') dataStart += 1;
    if (text[dataStart] === '\n') dataStart += 1;
    const end = text.indexOf('endstream', dataStart);
    if (end < 0) break; // truncated: the parser will say so
    const lastObj = dictionary.lastIndexOf(' obj');
    const streamDict = lastObj >= 0 ? dictionary.slice(lastObj) : dictionary;
    if (/\/Type\s*\/ObjStm/.test(streamDict)) {
      found.objects += Number(/\/N\s+(\d+)/.exec(streamDict)?.[1] ?? 0);
      if (found.objects > MAX_OBJECTS) {
        found.limit = { what: 'objects', value: found.objects, max: MAX_OBJECTS };
        break;
      }
    }
    if (/\/Type\s*\/ObjStm/.test(streamDict) && /\/FlateDecode/.test(streamDict)) {
      const allowed = Math.min(OBJSTM_INFLATE_LIMIT, OBJSTM_TOTAL_INFLATE - found.inflated);
      try {
        const inflated = inflateSync(bytes.subarray(dataStart, end), { maxOutputLength: allowed });
        found.inflated += inflated.length;
        const outer = found.depth;
        found.depth = 0;
        scanText(inflated.toString('latin1'), found);
        found.depth = outer;
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          // "More than the cap" is all we know: the exact size would cost the inflating we avoid.
          found.limit =
            allowed === OBJSTM_INFLATE_LIMIT
              ? { what: 'objectStreams', value: allowed + 1, max: OBJSTM_INFLATE_LIMIT }
              : { what: 'objectStreams', value: OBJSTM_TOTAL_INFLATE + 1, max: OBJSTM_TOTAL_INFLATE };
          break;
        }
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
    objects: found.objects,
    nesting: found.nesting,
    ...(found.limit ? { limit: found.limit } : {}),
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
