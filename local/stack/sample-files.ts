/**
 * Files generated in code: a minimal PNG encoder (node:zlib), JPEGs from the smallest valid header
 * with real SOF dimensions, and PDFs written by hand with Chinese text (no CJK font is needed: a
 * Type0 / Identity-H font whose ToUnicode CMap maps each CID to its code point, which is what text
 * extraction reads). The demo, the browser tests and the unit tests all upload these; nothing
 * binary is committed.
 */
import { deflateSync } from 'node:zlib';

// ------------------------------------------------------------------------------------------ PNG

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A greyscale PNG of `width` × `height`. With `headerOnly`, the IDAT holds a token amount of data
 * (for headers that declare absurd dimensions); with `truncate`, the IEND chunk is missing.
 */
export function png(
  width: number,
  height: number,
  options: { headerOnly?: boolean; truncate?: boolean } = {},
): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  let raw: Buffer;
  if (options.headerOnly) {
    raw = Buffer.alloc(64);
  } else {
    raw = Buffer.alloc((width + 1) * height);
    for (let y = 0; y < height; y += 1) {
      const row = y * (width + 1);
      raw[row] = 0; // filter: none
      for (let x = 0; x < width; x += 1) raw[row + 1 + x] = (x * 7 + y * 3) & 0xff;
    }
  }
  const parts = [
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
  ];
  if (!options.truncate) parts.push(chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

// ----------------------------------------------------------------------------------------- JPEG

/**
 * A JPEG whose header declares `width` × `height` (SOF0), padded with entropy-coded-looking bytes
 * (no 0xFF) to `totalBytes`, ending with EOI unless `truncate`.
 */
export function jpeg(
  width: number,
  height: number,
  options: { totalBytes?: number; truncate?: boolean } = {},
): Buffer {
  const soi = Buffer.from([0xff, 0xd8]);
  const app0 = Buffer.from([
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x48, 0x00, 0x48, 0x00,
    0x00,
  ]);
  const sof = Buffer.from([
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    (height >> 8) & 0xff,
    height & 0xff,
    (width >> 8) & 0xff,
    width & 0xff,
    0x03,
    0x01,
    0x22,
    0x00,
    0x02,
    0x11,
    0x01,
    0x03,
    0x11,
    0x01,
  ]);
  const sos = Buffer.from([
    0xff, 0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00,
  ]);
  const eoi = options.truncate ? Buffer.alloc(0) : Buffer.from([0xff, 0xd9]);
  const fixed = soi.length + app0.length + sof.length + sos.length + eoi.length;
  const fill = Buffer.alloc(Math.max(16, (options.totalBytes ?? 0) - fixed));
  for (let i = 0; i < fill.length; i += 1) fill[i] = (i * 31 + 7) % 0xfe; // never 0xFF
  return Buffer.concat([soi, app0, sof, sos, fill, eoi]);
}

// ------------------------------------------------------------------------------------------- PDF

const hex4 = (code: number) => code.toString(16).toUpperCase().padStart(4, '0');

export interface RawPdfOptions {
  /** Adds an /Encrypt dictionary (Standard security handler, a non-empty user password). */
  encrypt?: boolean;
  /** Extra catalog entries, raw PDF syntax, e.g. `/OpenAction << /S /JavaScript /JS (app.alert(1)) >>`. */
  catalogExtra?: string;
}

/**
 * A PDF written by hand whose pages hold `pages[i]` lines of text (any BMP characters, Chinese
 * included) in a Type0 font with Identity-H encoding; CID = Unicode code point, and a ToUnicode
 * CMap says so, which is what text extraction reads.
 */
export function unicodeTextPdf(pages: string[][], options: RawPdfOptions = {}): Buffer {
  const used = new Set<number>();
  for (const lines of pages)
    for (const line of lines) for (const ch of line) used.add(ch.codePointAt(0) as number);
  const codes = [...used].filter((c) => c <= 0xffff).sort((a, b) => a - b);

  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const stream = (dict: string, data: string) =>
    `<< ${dict} /Length ${Buffer.byteLength(data, 'latin1')} >>\nstream\n${data}\nendstream`;

  const catalogId = add(''); // filled below
  const pagesId = add('');
  const cmapLines: string[] = [];
  for (let i = 0; i < codes.length; i += 100) {
    const block = codes.slice(i, i + 100);
    cmapLines.push(
      `${block.length} beginbfchar`,
      ...block.map((c) => `<${hex4(c)}> <${hex4(c)}>`),
      'endbfchar',
    );
  }
  const cmap = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...cmapLines,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
  const toUnicodeId = add(stream('', cmap));
  const cidFontId = add(
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >> >>',
  );
  const fontId = add(
    `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H /DescendantFonts [${cidFontId} 0 R] /ToUnicode ${toUnicodeId} 0 R >>`,
  );
  const pageIds: number[] = [];
  for (const lines of pages) {
    const content = lines
      .map((line, index) => {
        const glyphs = [...line].map((ch) => hex4(ch.codePointAt(0) as number)).join('');
        return `BT /F1 14 Tf 56 ${780 - index * 24} Td <${glyphs}> Tj ET`;
      })
      .join('\n');
    const contentId = add(stream('', content));
    pageIds.push(
      add(
        `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${fontId} 0 R >> >> /Contents ${contentId} 0 R >>`,
      ),
    );
  }
  objects[catalogId - 1] = `<< /Type /Catalog /Pages ${pagesId} 0 R ${options.catalogExtra ?? ''} >>`;
  objects[pagesId - 1] =
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  let encryptRef = '';
  if (options.encrypt) {
    const o = `<${'A5'.repeat(32)}>`;
    const u = `<${'5A'.repeat(32)}>`;
    const encryptId = add(`<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O ${o} /U ${u} >>`);
    encryptRef = ` /Encrypt ${encryptId} 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>]`;
  }
  return serialise(objects, `/Root ${catalogId} 0 R${encryptRef}`);
}

function serialise(objects: string[], trailerEntries: string): Buffer {
  let out = '%PDF-1.7\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} ${trailerEntries} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
