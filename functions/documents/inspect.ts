/**
 * Inspects one uploaded file against its document's rule (DOCUMENT_RULES): type from content,
 * size, image dimensions, PDF sanity, Chinese text in forms, domains named. Pure apart from
 * parsing: no I/O, so the handler, tests and benchmarks call it the same way.
 *
 * PDFs are examined in a worker thread under a time budget (inspection-pool.ts), after caps on
 * their structure (pdf-scan.ts) and with the page count judged before any page is walked
 * (pdf-parse.ts): no file holds the event loop, and none outlasts the budget (issue 14).
 */
import { fileTypeFromBuffer } from 'file-type';
import {
  type ContentType,
  DOCUMENT_RULES,
  type DocumentRule,
  type DocumentType,
  type Finding,
  formatName,
} from '#domain/document-types';
import { findings } from './findings.ts';
import { MAX_IMAGE_PIXELS, readImageHeader } from './image-check.ts';
import { examinePdfOffThread, INSPECTION_BUDGET_MS } from './inspection-pool.ts';
import { extractDomains, extractHolderName, hasChineseText, namesDomain } from './text-facts.ts';

export interface InspectionInput {
  docType: DocumentType;
  /** The file's bytes — at most `maxBytes + 1` of them (a bounded read); absent when not read. */
  bytes?: Uint8Array;
  /** The object's real size (S3 HEAD), which may exceed the bytes read. */
  size: number;
  /** The Content-Type the uploader declared (stored on the object). */
  declaredContentType?: string;
  /** The case's domains: the verification form and the domain certificate must name them. */
  caseDomains?: readonly string[];
  /** Override of the rule (tests, officer-adjusted rules); DOCUMENT_RULES[docType] by default. */
  rule?: DocumentRule;
  /** Time a PDF may take (INSPECTION_BUDGET_MS by default; tests shorten it). */
  budgetMs?: number;
}

/** What inspection learned, for the case record and the workflow's cross-checks. */
export interface InspectionFacts {
  detectedType?: string;
  width?: number;
  height?: number;
  pages?: number;
  /** Domains named in the text (Unicode form). */
  domains: string[];
  /** The holder named on a domain certificate, when it can be read. */
  holderName?: string;
  hasChineseText?: boolean;
  /** The extracted text (PDFs with a text layer). */
  text?: string;
}

export interface InspectionResult {
  status: 'VALID' | 'INVALID';
  findings: Finding[];
  facts: InspectionFacts;
}

const ALLOWED: ReadonlySet<string> = new Set<ContentType>(['application/pdf', 'image/jpeg', 'image/png']);
// Text is read from this many pages at most: forms put what we look for on the first pages.
const TEXT_PAGES = 10;
/** Pages walked at most, whatever the rule says (the largest page rule is 80). */
export const MAX_PAGES_WALKED = 100;

const needsText = (docType: DocumentType, rule: DocumentRule) =>
  rule.mustContainChinese === true ||
  docType === 'DOMAIN_CERTIFICATE' ||
  docType === 'WEBSITE_VERIFICATION_FORM';

/** Inspects a file; the result is INVALID when any finding is an ERROR. */
export async function inspectDocument(input: InspectionInput): Promise<InspectionResult> {
  const rule = input.rule ?? DOCUMENT_RULES[input.docType];
  const found: Finding[] = [];
  const facts: InspectionFacts = { domains: [] };
  const done = (): InspectionResult => ({
    status: found.some((f) => f.severity === 'ERROR') ? 'INVALID' : 'VALID',
    findings: found,
    facts,
  });

  const size = Math.max(input.size, input.bytes?.length ?? 0);
  if (size === 0) {
    found.push(findings.empty());
    return done();
  }
  // The emulator does not enforce the POST policy, and a policy is no substitute for checking.
  if (size > rule.maxBytes || !input.bytes) {
    found.push(findings.tooLarge(rule, size));
    return done();
  }
  const bytes = input.bytes;

  const sniffed = await fileTypeFromBuffer(bytes);
  if (!sniffed) {
    found.push(findings.unknownType(rule));
    return done();
  }
  facts.detectedType = sniffed.mime;
  if (!ALLOWED.has(sniffed.mime) || !rule.contentTypes.includes(sniffed.mime as ContentType)) {
    found.push(findings.typeNotAllowed(rule, describe(sniffed.mime, sniffed.ext)));
    return done();
  }
  const declared = input.declaredContentType?.split(';')[0]?.trim().toLowerCase();
  if (declared && declared !== sniffed.mime && !(declared === 'image/jpg' && sniffed.mime === 'image/jpeg')) {
    found.push(findings.typeMismatch(declared, sniffed.mime));
  }

  if (sniffed.mime === 'application/pdf') {
    await inspectPdf(input, rule, bytes, found, facts);
  } else {
    inspectImage(input, rule, bytes, sniffed.mime as 'image/jpeg' | 'image/png', found, facts);
  }
  return done();
}

function inspectImage(
  input: InspectionInput,
  rule: DocumentRule,
  bytes: Uint8Array,
  mime: 'image/jpeg' | 'image/png',
  found: Finding[],
  facts: InspectionFacts,
): void {
  const header = readImageHeader(bytes, mime);
  if (!header) {
    found.push(findings.imageUnreadable());
    return;
  }
  facts.width = header.width;
  facts.height = header.height;
  if (header.width * header.height > MAX_IMAGE_PIXELS) {
    found.push(findings.tooManyPixels(header.width, header.height, MAX_IMAGE_PIXELS));
    return;
  }
  if (!header.complete) found.push(findings.truncated());
  if (rule.minImageSize) {
    const short = Math.min(header.width, header.height);
    const long = Math.max(header.width, header.height);
    if (short < rule.minImageSize.shortSide || long < rule.minImageSize.longSide) {
      found.push(findings.imageTooSmall(rule, header.width, header.height));
    }
  }
  if (input.docType === 'DOMAIN_CERTIFICATE') found.push(findings.needsManualCheck(rule));
}

async function inspectPdf(
  input: InspectionInput,
  rule: DocumentRule,
  bytes: Uint8Array,
  found: Finding[],
  facts: InspectionFacts,
): Promise<void> {
  const wantText = needsText(input.docType, rule);
  const maxPages = Math.min(rule.pages?.max ?? MAX_PAGES_WALKED, MAX_PAGES_WALKED);
  const budgetMs = input.budgetMs ?? INSPECTION_BUDGET_MS;
  const outcome = await examinePdfOffThread(
    bytes,
    { textPages: wantText ? TEXT_PAGES : 0, maxPages },
    budgetMs,
  );
  if (outcome.kind === 'timeout') {
    found.push(findings.inspectionTimeout(outcome.budgetMs));
    return;
  }
  if (outcome.kind === 'outOfMemory') {
    found.push(findings.pdfTooComplex({ what: 'memory', max: outcome.heapMb }));
    return;
  }
  const { scan, parsed } = outcome.examination;
  if (scan.limit) {
    found.push(findings.pdfTooComplex(scan.limit));
    return;
  }
  if (scan.encrypted || !parsed) {
    found.push(findings.pdfEncrypted());
    return;
  }
  if (!scan.hasEof) found.push(findings.truncated());
  if (!parsed.ok) {
    if (parsed.reason === 'tooManyPages') {
      facts.pages = parsed.pages;
      found.push(
        rule.pages && parsed.pages > rule.pages.max
          ? findings.pdfPages(rule, parsed.pages)
          : findings.pdfTooComplex({ what: 'pages', value: parsed.pages, max: MAX_PAGES_WALKED }),
      );
    } else if (parsed.reason === 'pageTree') found.push(findings.pdfPageTreeInvalid());
    else found.push(parsed.reason === 'encrypted' ? findings.pdfEncrypted() : findings.pdfUnreadable());
    return;
  }
  const pdf = parsed.facts;
  if (pdf.encrypted) {
    found.push(findings.pdfEncrypted());
    return;
  }
  const active = [...new Set([...scan.active, ...pdf.activeContent])];
  if (active.length > 0) found.push(findings.pdfActive(active.map((name) => `/${name}`).join(', ')));
  if (scan.embeddedFiles || pdf.attachments > 0) found.push(findings.pdfEmbeddedFiles());
  facts.pages = pdf.pages;
  if (rule.pages && (pdf.pages < rule.pages.min || pdf.pages > rule.pages.max)) {
    found.push(findings.pdfPages(rule, pdf.pages));
  }
  if (!wantText) return;
  const text = pdf.text;
  facts.text = text;
  facts.hasChineseText = hasChineseText(text);
  facts.domains = extractDomains(text);
  if (text.trim().length === 0) {
    // A scan: how most forms arrive, printed and signed by hand. Nothing here can read it (no OCR),
    // so an officer reads it at review, as the cross-checks also leave it to them.
    found.push(findings.needsManualCheck(rule));
    return;
  }
  if (rule.mustContainChinese && !facts.hasChineseText) found.push(findings.pdfNoChinese(rule));
  if (input.docType === 'WEBSITE_VERIFICATION_FORM' || input.docType === 'DOMAIN_CERTIFICATE') {
    for (const domain of input.caseDomains ?? []) {
      if (!namesDomain(facts.domains, domain)) found.push(findings.domainMissing(rule, domain));
    }
  }
  if (input.docType === 'DOMAIN_CERTIFICATE') {
    const holder = extractHolderName(text);
    if (holder) facts.holderName = holder;
    else found.push(findings.holderNotFound(rule));
  }
}

const KNOWN: Record<string, string> = {
  'application/x-elf': 'an executable program (ELF)',
  'application/x-msdownload': 'a Windows executable (PE)',
  'application/x-mach-binary': 'an executable program (Mach-O)',
  'application/zip': 'a ZIP archive',
};

function describe(mime: string, ext: string): string {
  const name = formatName(mime); // PDF, JPEG, PNG: the names the accepted formats are given in
  return KNOWN[mime] ?? (name !== mime ? name : `${mime} (.${ext})`);
}
