import { describe, expect, test } from 'vitest';
import { inspectDocument } from '#documents/inspect';
import { parsePdf } from '#documents/pdf-parse';
import { MAX_NESTING, MAX_OBJECTS, scanPdf } from '#documents/pdf-scan';
import { DOCUMENT_RULES, type DocumentType } from '#domain/document-types';
import { latinTextPdf } from '../fixtures/generate.ts';
import {
  absurdPageCount,
  compressedPageTree,
  hugeContentStream,
  hugeObjectStreams,
  hugePageTree,
  nestedArrays,
  pageTreeCycle,
  pageTreeWithBrokenMiddle,
  plainRawPdf,
  understatedPageTree,
} from './adversarial-pdfs.ts';

/**
 * Issue 14, bounded inspection: each file of the adversarial corpus is refused with its reason.
 * How long each refusal takes is measured by `npm run bench -- inspection-adversarial`, not here.
 */

const codes = (result: { findings: { code: string }[] }) => result.findings.map((f) => f.code);
const inspect = (docType: DocumentType, bytes: Uint8Array, extra = {}) =>
  inspectDocument({ docType, bytes, size: bytes.length, ...extra });

describe('the page count', () => {
  test('a 9,000-page tree is refused for its page count', async () => {
    // A generous budget: on a loaded machine the worker can outlast the default before it counts, and
    // the budget has its own tests below; this one is about the count.
    const result = await inspect('SECURITY_COMMITMENT', hugePageTree(9_000), { budgetMs: 30_000 });
    expect(codes(result)).toEqual(['PDF_PAGE_COUNT']);
    expect(result.facts.pages).toBe(9_000);
    expect(result.findings[0]?.messageZh).toContain('9000 页');
  });

  test('is checked before any page is walked: walking this tree finds a loop, counting it does not', async () => {
    const pdf = pageTreeWithBrokenMiddle(5);
    // Four pages allowed: refused from the count alone.
    expect(codes(await inspect('SECURITY_COMMITMENT', pdf))).toEqual(['PDF_PAGE_COUNT']);
    expect(await parsePdf(pdf, { textPages: 0, maxPages: 4 })).toEqual({
      ok: false,
      reason: 'tooManyPages',
      pages: 5,
    });
    // Five allowed: the pages are walked, and the loop in the middle is found.
    const rule = { ...DOCUMENT_RULES.SECURITY_COMMITMENT, pages: { min: 1, max: 5 } };
    expect(codes(await inspect('SECURITY_COMMITMENT', pdf, { rule }))).toEqual(['PDF_PAGE_TREE_INVALID']);
  });

  test('a /Count of 2^31 - 1 over a one-page tree is corrected by pdf.js when it opens the file', async () => {
    // pdf.js looks the last page up when opening; a /Count that leads nowhere is replaced by the
    // pages the tree really has, which the rule then judges.
    const result = await inspect('BUSINESS_LICENCE', absurdPageCount());
    expect(result).toMatchObject({ status: 'VALID', facts: { pages: 1 } });
  });
});

describe('caps on the structure', () => {
  test('the 30,000-page tree is refused as too complex for its objects, written plainly or in object streams', async () => {
    for (const pdf of [hugePageTree(30_000), compressedPageTree(30_000), understatedPageTree(30_000)]) {
      expect(scanPdf(pdf).limit).toMatchObject({ what: 'objects', max: MAX_OBJECTS });
      const result = await inspect('BUSINESS_LICENCE', pdf);
      expect(codes(result)).toEqual(['PDF_TOO_COMPLEX']);
      expect(result.findings[0]?.message).toContain(`at most ${MAX_OBJECTS}`);
    }
  });

  test('objects in object streams are counted from their /N', () => {
    // No `obj` header for a page in this file: had /N not been counted, it would hold 26 objects.
    expect(scanPdf(compressedPageTree(1_000)).objects).toBeGreaterThan(1_000);
  });

  test('a page-tree cycle is refused as an invalid page tree', async () => {
    const result = await inspect('BUSINESS_LICENCE', pageTreeCycle());
    expect(codes(result)).toEqual(['PDF_PAGE_TREE_INVALID']);
    expect(result.findings[0]?.messageZh).toContain('循环引用');
  });

  test('100,000 nested arrays are refused as too complex; nesting up to the cap is accepted', async () => {
    const deep = await inspect('BUSINESS_LICENCE', nestedArrays(100_000));
    expect(codes(deep)).toEqual(['PDF_TOO_COMPLEX']);
    expect(deep.findings[0]?.message).toContain(`more than ${MAX_NESTING} levels`);
    expect(scanPdf(nestedArrays(MAX_NESTING + 1)).limit).toMatchObject({ what: 'nesting' });
    const atCap = nestedArrays(MAX_NESTING - 1); // the page dictionary is one level itself
    expect(scanPdf(atCap).limit).toBeUndefined();
    expect(await inspect('BUSINESS_LICENCE', atCap)).toMatchObject({ status: 'VALID', facts: { pages: 1 } });
  });

  test('brackets inside strings and comments are not nesting', () => {
    const pdf = plainRawPdf();
    const withStrings = Buffer.concat([
      pdf.subarray(0, 20),
      Buffer.from(`% ${'['.repeat(500)}\n1 0 obj\n(${'['.repeat(500)}) <5B5B>\nendobj\n`, 'latin1'),
      pdf.subarray(20),
    ]);
    expect(scanPdf(withStrings).limit).toBeUndefined();
  });

  test('an object stream that inflates to 200 MB is refused as too complex', async () => {
    const result = await inspect('BUSINESS_LICENCE', hugeObjectStreams(1, 200));
    expect(codes(result)).toEqual(['PDF_TOO_COMPLEX']);
    expect(result.findings[0]?.message).toContain('object streams unpack to more than 8 MB');
  });

  test('forty object streams of 6 MB, each under the cap, are refused for their total', async () => {
    const result = await inspect('BUSINESS_LICENCE', hugeObjectStreams(40, 6));
    expect(codes(result)).toEqual(['PDF_TOO_COMPLEX']);
    expect(result.findings[0]?.message).toContain('object streams unpack to more than 16 MB');
  });
});

describe('the time budget', () => {
  test('a content stream that outlasts the budget is refused, and the next file is inspected as usual', async () => {
    // 200 MB of whitespace in a form's page: text extraction reads it all (7 s in-process here).
    const result = await inspect('SECURITY_COMMITMENT', hugeContentStream(200), { budgetMs: 200 });
    expect(codes(result)).toEqual(['INSPECTION_TIMEOUT']);
    expect(result.findings[0]?.message).toContain('within 0.2 s');
    expect(result.findings[0]?.messageZh).toContain('0.2 秒');
    // The stopped worker is not reused: a fresh one inspects the next file.
    expect(await inspect('BUSINESS_LICENCE', await latinTextPdf(2))).toMatchObject({
      status: 'VALID',
      facts: { pages: 2 },
    });
  });
});

describe('ordinary files', () => {
  test('a plain PDF from the corpus writer is VALID', async () => {
    expect(await inspect('BUSINESS_LICENCE', plainRawPdf())).toMatchObject({
      status: 'VALID',
      facts: { pages: 1 },
    });
  });

  test('inspections run side by side (one worker each) and each gets its own answer', async () => {
    const [tree, plain, cycle] = await Promise.all([
      inspect('SECURITY_COMMITMENT', hugePageTree(1_000)),
      inspect('BUSINESS_LICENCE', await latinTextPdf(2)),
      inspect('BUSINESS_LICENCE', pageTreeCycle()),
    ]);
    expect(codes(tree)).toEqual(['PDF_PAGE_COUNT']);
    expect(plain).toMatchObject({ status: 'VALID', facts: { pages: 2 } });
    expect(codes(cycle)).toEqual(['PDF_PAGE_TREE_INVALID']);
  });

  test('every refusal of the corpus is bilingual', async () => {
    const results = await Promise.all([
      inspect('BUSINESS_LICENCE', nestedArrays(1_000)),
      inspect('BUSINESS_LICENCE', pageTreeCycle()),
      inspect('BUSINESS_LICENCE', hugeObjectStreams(1, 20)),
      inspect('SECURITY_COMMITMENT', hugeContentStream(50), { budgetMs: 1 }),
    ]);
    for (const finding of results.flatMap((result) => result.findings)) {
      expect(finding.severity).toBe('ERROR');
      expect(finding.message).toMatch(/[a-z]/);
      expect(finding.messageZh).toMatch(/\p{Script=Han}/u);
    }
  });
});
