import { acceptedFormats, type DocumentRule, type Finding } from '#domain/document-types';
import type { PdfScanLimit } from './pdf-scan.ts';

/** A bound of inspection a PDF passed: a cap of the byte scan, the pages walked, or the worker's heap. */
export interface InspectionLimit {
  what: PdfScanLimit['what'] | 'pages' | 'memory';
  /** What the file has (at least); absent when unknown (memory). */
  value?: number;
  max: number;
}

const RESUBMIT_EN = 'print it to a new PDF (or scan the paper again) and upload that.';
const RESUBMIT_ZH = '请另存（打印）为新的 PDF 或重新扫描后上传。';

const tooComplexDetail = (limit: InspectionLimit): { en: string; zh: string } => {
  const value = limit.value ?? 0;
  switch (limit.what) {
    case 'objects':
      return {
        en: `it is built from ${value} objects or more, and at most ${limit.max} are accepted`,
        zh: `内部对象数达 ${value} 个以上，上限为 ${limit.max} 个`,
      };
    case 'nesting':
      return {
        en: `its data nests more than ${limit.max} levels deep`,
        zh: `数据嵌套超过 ${limit.max} 层`,
      };
    case 'objectStreams':
      return {
        en: `its compressed object streams unpack to more than ${mb(limit.max)}`,
        zh: `压缩对象流解压后超过 ${mb(limit.max)}`,
      };
    case 'pages':
      return {
        en: `it has ${value} pages, and at most ${limit.max} are inspected`,
        zh: `共 ${value} 页，最多检查 ${limit.max} 页`,
      };
    case 'memory':
      return {
        en: `checking it needs more than ${limit.max} MB of memory`,
        zh: `检查所需内存超过 ${limit.max} MB`,
      };
  }
};

/**
 * The catalogue of inspection findings, bilingual. Codes are stable: the console and the applicant
 * portal key their help texts on them.
 */
const error = (code: string, message: string, messageZh: string): Finding => ({
  code,
  severity: 'ERROR',
  message,
  messageZh,
});
const warning = (code: string, message: string, messageZh: string): Finding => ({
  code,
  severity: 'WARNING',
  message,
  messageZh,
});

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;

export const findings = {
  empty: () => error('FILE_EMPTY', 'The file is empty.', '文件为空。'),
  tooLarge: (rule: DocumentRule, size: number) =>
    error(
      'FILE_TOO_LARGE',
      `${rule.labelEn} is ${mb(size)}; the limit is ${mb(rule.maxBytes)}.`,
      `${rule.labelZh}大小为 ${mb(size)}，超过上限 ${mb(rule.maxBytes)}。`,
    ),
  // The formats named are the document's own (an ID card scan takes images only, issue 17), from its rule.
  unknownType: (rule: DocumentRule) =>
    error(
      'FILE_TYPE_UNKNOWN',
      `The file's format is not recognised: ${rule.labelEn} must be a ${acceptedFormats(rule.contentTypes, 'en')} file.`,
      `无法识别文件格式，${rule.labelZh}请上传 ${acceptedFormats(rule.contentTypes, 'zh')} 文件。`,
    ),
  typeNotAllowed: (rule: DocumentRule, detected: string) =>
    error(
      'FILE_TYPE_NOT_ALLOWED',
      `${rule.labelEn} must be ${acceptedFormats(rule.contentTypes, 'en')}; this file is ${detected}.`,
      `${rule.labelZh}须为 ${acceptedFormats(rule.contentTypes, 'zh')} 格式，该文件实际为 ${detected}。`,
    ),
  typeMismatch: (declared: string, detected: string) =>
    error(
      'CONTENT_TYPE_MISMATCH',
      `The file was declared as ${declared} but its content is ${detected}.`,
      `文件声明的类型为 ${declared}，但实际内容为 ${detected}。`,
    ),
  truncated: () =>
    error(
      'FILE_TRUNCATED',
      'The file is incomplete (truncated); please upload it again.',
      '文件不完整（已截断），请重新上传。',
    ),
  tooManyPixels: (width: number, height: number, limit: number) =>
    error(
      'IMAGE_TOO_MANY_PIXELS',
      `The image declares ${width} × ${height} pixels, more than the ${limit / 1e6} megapixels accepted.`,
      `图片尺寸为 ${width} × ${height} 像素，超过 ${limit / 1e6} 百万像素的上限。`,
    ),
  imageUnreadable: () =>
    error('IMAGE_UNREADABLE', 'The image header cannot be read.', '无法读取图片信息，文件可能已损坏。'),
  imageTooSmall: (rule: DocumentRule, width: number, height: number) =>
    error(
      'IMAGE_RESOLUTION_TOO_LOW',
      `${rule.labelEn} is ${width} × ${height} pixels; at least ${rule.minImageSize?.longSide} × ${rule.minImageSize?.shortSide} is needed to be legible.`,
      `${rule.labelZh}分辨率为 ${width} × ${height} 像素，至少需要 ${rule.minImageSize?.longSide} × ${rule.minImageSize?.shortSide} 像素才能清晰辨认。`,
    ),
  pdfUnreadable: () =>
    error(
      'PDF_UNREADABLE',
      'The PDF cannot be opened; it may be damaged.',
      '无法打开该 PDF 文件，文件可能已损坏。',
    ),
  pdfEncrypted: () =>
    error(
      'PDF_ENCRYPTED',
      'The PDF is encrypted or password-protected; upload it without protection.',
      '该 PDF 已加密或设有密码，请上传未加密的文件。',
    ),
  pdfActive: (what: string) =>
    error(
      'PDF_ACTIVE_CONTENT',
      `The PDF contains active content (${what}); print it to a plain PDF and upload that.`,
      `该 PDF 含有可执行内容（${what}），请另存为普通 PDF 后重新上传。`,
    ),
  pdfEmbeddedFiles: () =>
    error(
      'PDF_EMBEDDED_FILES',
      'The PDF contains embedded files; upload a PDF without attachments.',
      '该 PDF 内嵌了附件文件，请上传不含附件的 PDF。',
    ),
  pdfPages: (rule: DocumentRule, pages: number) =>
    error(
      'PDF_PAGE_COUNT',
      `${rule.labelEn} has ${pages} page(s); ${rule.pages?.min}–${rule.pages?.max} are expected.`,
      `${rule.labelZh}共 ${pages} 页，应为 ${rule.pages?.min}–${rule.pages?.max} 页。`,
    ),
  pdfTooComplex: (limit: InspectionLimit) => {
    const detail = tooComplexDetail(limit);
    return error(
      'PDF_TOO_COMPLEX',
      `The PDF is too complex to check: ${detail.en}; ${RESUBMIT_EN}`,
      `该 PDF 结构过于复杂，无法检查：${detail.zh}。${RESUBMIT_ZH}`,
    );
  },
  pdfPageTreeInvalid: () =>
    error(
      'PDF_PAGE_TREE_INVALID',
      `The PDF's list of pages refers back to itself (a loop), so its pages cannot be counted; ${RESUBMIT_EN}`,
      `该 PDF 的页面目录存在循环引用，无法确定页数。${RESUBMIT_ZH}`,
    ),
  inspectionTimeout: (budgetMs: number) =>
    error(
      'INSPECTION_TIMEOUT',
      `The file could not be checked within ${budgetMs / 1000} s, the time allowed for one file; ${RESUBMIT_EN}`,
      `该文件未能在 ${budgetMs / 1000} 秒（单个文件的检查时限）内完成检查。${RESUBMIT_ZH}`,
    ),
  pdfNoChinese: (rule: DocumentRule) =>
    error(
      'PDF_NO_CHINESE_TEXT',
      `${rule.labelEn} must be filled out in Chinese.`,
      `${rule.labelZh}须使用中文填写。`,
    ),
  domainMissing: (rule: DocumentRule, domain: string) =>
    error(
      'DOMAIN_NOT_IN_DOCUMENT',
      `${rule.labelEn} does not mention the domain ${domain}.`,
      `${rule.labelZh}中未包含域名 ${domain}。`,
    ),
  holderNotFound: (rule: DocumentRule) =>
    warning(
      'HOLDER_NOT_FOUND',
      `The holder's name could not be read from the ${rule.labelEn}; an officer will check it.`,
      `未能从${rule.labelZh}中识别域名持有者，将由审核人员人工核对。`,
    ),
  needsManualCheck: (rule: DocumentRule) =>
    warning(
      'MANUAL_CHECK_NEEDED',
      `${rule.labelEn} is an image or a scan without text; an officer will read it.`,
      `${rule.labelZh}为图片或扫描件，将由审核人员人工核对。`,
    ),
} as const;
