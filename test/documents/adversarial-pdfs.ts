/**
 * An adversarial corpus of PDFs, generated in code (nothing binary committed): each is small enough
 * to pass the size rule and built to make a naive inspection walk, recurse or inflate without end.
 * Used by test/documents/bounded-inspection.test.ts (refused, and why) and
 * bench/inspection-adversarial.bench.ts (how long the refusal takes).
 */
import { deflateSync } from 'node:zlib';

/** One indirect object: its dictionary (or any object), and stream data when it is a stream. */
interface RawObject {
  body: string;
  stream?: Uint8Array;
}

/**
 * Writes objects 1..n (object 1 is the catalog) with a classic cross-reference table, so that
 * pdf.js reads the file as written rather than reconstructing it.
 */
export function rawPdf(objects: RawObject[], trailerExtra = ''): Buffer {
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(length);
    const parts = object.stream
      ? [
          Buffer.from(`${index + 1} 0 obj\n${object.body}\nstream\n`, 'latin1'),
          Buffer.from(object.stream),
          Buffer.from('\nendstream\nendobj\n', 'latin1'),
        ]
      : [Buffer.from(`${index + 1} 0 obj\n${object.body}\nendobj\n`, 'latin1')];
    for (const part of parts) {
      chunks.push(part);
      length += part.length;
    }
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f\r',
    ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n\r`),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>`,
    'startxref',
    String(length),
    '%%EOF',
    '',
  ].join('\n');
  chunks.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(chunks);
}

const PAGE = '/Type /Page /MediaBox [0 0 595 842]';

/**
 * A page tree of `pages` leaves under one /Pages node, all of them real: /Count tells the truth.
 * The probe's file: 30,000 pages took 87 s when every page was walked before the count was checked.
 */
export function hugePageTree(pages: number): Buffer {
  const objects: RawObject[] = [{ body: '<< /Type /Catalog /Pages 2 0 R >>' }, { body: '' }];
  const kids: string[] = [];
  for (let i = 0; i < pages; i += 1) {
    kids.push(`${objects.length + 1} 0 R`);
    objects.push({ body: `<< ${PAGE} /Parent 2 0 R >>` });
  }
  objects[1] = { body: `<< /Type /Pages /Count ${pages} /Kids [${kids.join(' ')}] >>` };
  return rawPdf(objects);
}

/**
 * The same tree the way modern writers store it, as the probe's 176 KB file did: every object but
 * the object streams in compressed object streams (1,000 objects each) and a cross-reference
 * stream. A byte search sees no `obj` header for a page: only the streams' /N counts them.
 */
export function compressedPageTree(pages: number): Buffer {
  const bodies: string[] = ['<< /Type /Catalog /Pages 2 0 R >>', ''];
  const kids: string[] = [];
  for (let i = 0; i < pages; i += 1) {
    kids.push(`${bodies.length + 1} 0 R`);
    bodies.push(`<< ${PAGE} /Parent 2 0 R >>`);
  }
  bodies[1] = `<< /Type /Pages /Count ${pages} /Kids [${kids.join(' ')}] >>`;
  const PER_STREAM = 1000;
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0]?.length ?? 0;
  // Cross-reference entries: [type, field 2, field 3] per object number, 0 being the free head.
  const entries: Array<[number, number, number]> = [[0, 0, 65535]];
  const streamIds: number[] = [];
  const firstStreamId = bodies.length + 1;
  for (let start = 0; start < bodies.length; start += PER_STREAM) {
    const id = firstStreamId + streamIds.length;
    streamIds.push(id);
    const slice = bodies.slice(start, start + PER_STREAM);
    const offsets: string[] = [];
    let objectData = '';
    slice.forEach((body, index) => {
      offsets.push(`${start + index + 1} ${objectData.length}`);
      entries[start + index + 1] = [2, id, index];
      objectData += `${body}\n`;
    });
    const header = `${offsets.join(' ')}\n`;
    const data = deflateSync(Buffer.from(header + objectData, 'latin1'));
    entries[id] = [1, length, 0];
    const object = Buffer.concat([
      Buffer.from(
        `${id} 0 obj\n<< /Type /ObjStm /N ${slice.length} /First ${header.length} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
        'latin1',
      ),
      data,
      Buffer.from('\nendstream\nendobj\n', 'latin1'),
    ]);
    chunks.push(object);
    length += object.length;
  }
  const xrefId = firstStreamId + streamIds.length;
  entries[xrefId] = [1, length, 0];
  const table = Buffer.alloc(entries.length * 7);
  entries.forEach(([type, two, three], index) => {
    table.writeUInt8(type, index * 7);
    table.writeUInt32BE(two, index * 7 + 1);
    table.writeUInt16BE(three, index * 7 + 5);
  });
  const xrefData = deflateSync(table);
  chunks.push(
    Buffer.from(
      `${xrefId} 0 obj\n<< /Type /XRef /Size ${entries.length} /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length ${xrefData.length} >>\nstream\n`,
      'latin1',
    ),
    xrefData,
    Buffer.from(`\nendstream\nendobj\nstartxref\n${length}\n%%EOF\n`, 'latin1'),
  );
  return Buffer.concat(chunks);
}

/**
 * A tree of `pages` pages whose middle "pages" are /Pages nodes of /Count 1 that contain
 * themselves. pdf.js opens it (it reaches the last page by skipping each node by its /Count), but
 * looking up any middle page finds the loop: a file refused for its page count rather than for
 * its page tree was never walked.
 */
export function pageTreeWithBrokenMiddle(pages: number): Buffer {
  const objects: RawObject[] = [{ body: '<< /Type /Catalog /Pages 2 0 R >>' }, { body: '' }];
  const kids: string[] = [];
  for (let i = 0; i < pages; i += 1) {
    kids.push(`${objects.length + 1} 0 R`);
    const id = objects.length + 1;
    objects.push({
      body:
        i === 0 || i === pages - 1
          ? `<< ${PAGE} /Parent 2 0 R >>`
          : `<< /Type /Pages /Parent 2 0 R /Count 1 /Kids [${id} 0 R] >>`,
    });
  }
  objects[1] = { body: `<< /Type /Pages /Count ${pages} /Kids [${kids.join(' ')}] >>` };
  return rawPdf(objects);
}

/**
 * A page tree whose /Count says 1 while its root holds `pages` leaves: the count is checked before
 * any walk, so the walk itself must be bounded (it is cheap to lie in /Count).
 */
export function understatedPageTree(pages: number): Buffer {
  const objects: RawObject[] = [{ body: '<< /Type /Catalog /Pages 2 0 R >>' }, { body: '' }];
  const kids: string[] = [];
  for (let i = 0; i < pages; i += 1) {
    kids.push(`${objects.length + 1} 0 R`);
    objects.push({ body: `<< ${PAGE} /Parent 2 0 R >>` });
  }
  objects[1] = { body: `<< /Type /Pages /Count 1 /Kids [${kids.join(' ')}] >>` };
  return rawPdf(objects);
}

/** /Count is not a page count at all (2^31 - 1) over a one-page tree. */
export function absurdPageCount(): Buffer {
  return rawPdf([
    { body: '<< /Type /Catalog /Pages 2 0 R >>' },
    { body: '<< /Type /Pages /Count 2147483647 /Kids [3 0 R] >>' },
    { body: `<< ${PAGE} /Parent 2 0 R >>` },
  ]);
}

/** A page tree that contains itself: 2 → 3 → 2, with one real page beside the loop. */
export function pageTreeCycle(): Buffer {
  return rawPdf([
    { body: '<< /Type /Catalog /Pages 2 0 R >>' },
    { body: '<< /Type /Pages /Count 2 /Kids [3 0 R] >>' },
    { body: '<< /Type /Pages /Parent 2 0 R /Count 2 /Kids [2 0 R 4 0 R] >>' },
    { body: `<< ${PAGE} /Parent 3 0 R >>` },
  ]);
}

/** One page whose dictionary holds `depth` nested arrays: `[[[[…]]]]`; recursive parsers overflow. */
export function nestedArrays(depth: number): Buffer {
  return rawPdf([
    { body: '<< /Type /Catalog /Pages 2 0 R >>' },
    { body: '<< /Type /Pages /Count 1 /Kids [3 0 R] >>' },
    { body: `<< ${PAGE} /Parent 2 0 R /Junk ${'['.repeat(depth)}${']'.repeat(depth)} >>` },
  ]);
}

/** `megabytes` of spaces (PDF whitespace), deflated: about 1 KB on disk per MB inflated. */
function deflatedSpaces(megabytes: number, prefix = ''): Uint8Array {
  const data = Buffer.alloc(megabytes * 1024 * 1024, 0x20);
  data.write(prefix, 0, 'latin1');
  return deflateSync(data, { level: 9 });
}

/**
 * `count` object streams (/Type /ObjStm), each inflating to `megabytesEach` MB: one object, then
 * whitespace. A decompression bomb aimed at whoever inflates object streams to look inside them.
 */
export function hugeObjectStreams(count: number, megabytesEach: number): Buffer {
  const objects: RawObject[] = [
    { body: '<< /Type /Catalog /Pages 2 0 R >>' },
    { body: '<< /Type /Pages /Count 1 /Kids [3 0 R] >>' },
    { body: `<< ${PAGE} /Parent 2 0 R >>` },
  ];
  const data = deflatedSpaces(megabytesEach, '100 0 << /Filler true >>');
  for (let i = 0; i < count; i += 1) {
    objects.push({
      body: `<< /Type /ObjStm /N 1 /First 6 /Filter /FlateDecode /Length ${data.length} >>`,
      stream: data,
    });
  }
  return rawPdf(objects);
}

/** One page whose content stream inflates to `megabytes` MB of whitespace: text extraction reads it all. */
export function hugeContentStream(megabytes: number): Buffer {
  const data = deflatedSpaces(megabytes, 'BT /F1 12 Tf 56 780 Td (x) Tj ET ');
  return rawPdf([
    { body: '<< /Type /Catalog /Pages 2 0 R >>' },
    { body: '<< /Type /Pages /Count 1 /Kids [3 0 R] >>' },
    {
      body: `<< ${PAGE} /Parent 2 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Contents 4 0 R >>`,
    },
    { body: `<< /Filter /FlateDecode /Length ${data.length} >>`, stream: data },
  ]);
}

/** A plain one-page PDF written the same way: the writer itself yields a valid file. */
export function plainRawPdf(): Buffer {
  return rawPdf([
    { body: '<< /Type /Catalog /Pages 2 0 R >>' },
    { body: '<< /Type /Pages /Count 1 /Kids [3 0 R] >>' },
    { body: `<< ${PAGE} /Parent 2 0 R >>` },
  ]);
}
