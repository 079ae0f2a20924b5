import { describe, expect, test } from 'vitest';
import { inspectDocument } from '#documents/inspect';
import { parsePdf } from '#documents/pdf-parse';
import { scanPdf } from '#documents/pdf-scan';
import { extractDomains, extractHolderName } from '#documents/text-facts';
import { DOCUMENT_RULES } from '#domain/document-types';
import {
  bulkyPdf,
  domainCertificateLines,
  elfExecutable,
  javascriptPdf,
  jpeg,
  latinTextPdf,
  peExecutable,
  png,
  unicodeTextPdf,
  verificationFormLines,
} from '../fixtures/generate.ts';

const codes = (result: { findings: { code: string }[] }) => result.findings.map((f) => f.code);
const inspect = (docType: Parameters<typeof inspectDocument>[0]['docType'], bytes: Uint8Array, extra = {}) =>
  inspectDocument({ docType, bytes, size: bytes.length, ...extra });

describe('type from content', () => {
  test('a renamed ELF executable declared as a JPEG is INVALID as an executable', async () => {
    const result = await inspect('APPLICANT_ID_FRONT', elfExecutable(), {
      declaredContentType: 'image/jpeg',
    });
    expect(result.status).toBe('INVALID');
    expect(codes(result)).toEqual(['FILE_TYPE_NOT_ALLOWED']);
    expect(result.facts.detectedType).toBe('application/x-elf');
    expect(result.findings[0]?.message).toContain('executable');
  });

  test('a renamed Windows PE executable is INVALID', async () => {
    const result = await inspect('WEBSITE_VERIFICATION_FORM', peExecutable(), {
      declaredContentType: 'application/pdf',
    });
    expect(result.status).toBe('INVALID');
    expect(result.facts.detectedType).toBe('application/x-msdownload');
  });

  test('a JPEG declared as PNG is a content-type mismatch', async () => {
    const result = await inspect('APPLICANT_ID_FRONT', jpeg(1200, 800), { declaredContentType: 'image/png' });
    expect(result.status).toBe('INVALID');
    expect(codes(result)).toEqual(['CONTENT_TYPE_MISMATCH']);
  });

  test('a PDF where only images are allowed is not allowed', async () => {
    const result = await inspect('APPLICANT_ID_FRONT', await latinTextPdf(1), {
      declaredContentType: 'application/pdf',
    });
    expect(codes(result)).toEqual(['FILE_TYPE_NOT_ALLOWED']);
  });

  test('random bytes are an unknown type', async () => {
    const result = await inspect('BUSINESS_LICENCE', new Uint8Array(2048).fill(7));
    expect(codes(result)).toEqual(['FILE_TYPE_UNKNOWN']);
  });

  test('an unknown file for an ID card names the formats an ID card takes: images, not PDF', async () => {
    const result = await inspect('APPLICANT_ID_FRONT', new Uint8Array(2048).fill(7));
    const [finding] = result.findings;
    expect(finding?.code).toBe('FILE_TYPE_UNKNOWN');
    expect(finding?.message).toContain('JPEG or PNG');
    expect(finding?.messageZh).toContain('JPEG 或 PNG');
    expect(finding?.message).not.toContain('PDF');
    expect(finding?.messageZh).not.toContain('PDF');
  });

  test('an unknown file for a business licence names the formats it takes: images and PDF', async () => {
    const result = await inspect('BUSINESS_LICENCE', new Uint8Array(2048).fill(7));
    expect(result.findings[0]?.message).toContain('JPEG, PNG or PDF');
    expect(result.findings[0]?.messageZh).toContain('JPEG、PNG 或 PDF');
  });

  test('a document refused for its type names the accepted formats, not MIME types', async () => {
    const result = await inspect('APPLICANT_ID_FRONT', await latinTextPdf(1), {
      declaredContentType: 'application/pdf',
    });
    expect(result.findings[0]?.message).toMatch(/must be JPEG or PNG; this file is PDF\.$/);
    expect(result.findings[0]?.messageZh).toContain('须为 JPEG 或 PNG 格式，该文件实际为 PDF。');
  });

  test('every finding is bilingual and structured', async () => {
    const result = await inspect('APPLICANT_ID_FRONT', png(300, 200), { declaredContentType: 'image/jpeg' });
    expect(result.findings.length).toBeGreaterThan(0);
    for (const finding of result.findings) {
      expect(Object.keys(finding).sort()).toEqual(['code', 'message', 'messageZh', 'severity']);
      expect(finding.messageZh).toMatch(/\p{Script=Han}/u);
    }
  });
});

describe('size', () => {
  test('an empty file is INVALID', async () => {
    expect(codes(await inspect('APPLICANT_ID_FRONT', new Uint8Array()))).toEqual(['FILE_EMPTY']);
  });

  test('a file over the rule size is INVALID without reading it', async () => {
    const result = await inspectDocument({
      docType: 'APPLICANT_ID_FRONT',
      size: DOCUMENT_RULES.APPLICANT_ID_FRONT.maxBytes + 1,
    });
    expect(codes(result)).toEqual(['FILE_TOO_LARGE']);
  });
});

describe('images', () => {
  test('an ID card photo of legible resolution is VALID (PNG and JPEG)', async () => {
    const pngResult = await inspect('APPLICANT_ID_FRONT', png(1000, 640), {
      declaredContentType: 'image/png',
    });
    expect(pngResult).toMatchObject({ status: 'VALID', facts: { width: 1000, height: 640 } });
    const jpegResult = await inspect('APPLICANT_ID_BACK', jpeg(640, 1000), {
      declaredContentType: 'image/jpeg',
    });
    expect(jpegResult).toMatchObject({ status: 'VALID', facts: { width: 640, height: 1000 } });
  });

  test('a low-resolution ID card photo is INVALID', async () => {
    expect(codes(await inspect('APPLICANT_ID_FRONT', png(300, 200)))).toEqual(['IMAGE_RESOLUTION_TOO_LOW']);
  });

  test('a header declaring 60000 × 60000 is refused before any decoding', async () => {
    // Only the header: had the check decoded (or even looked past the header), the missing pixel
    // data would be FILE_TRUNCATED. How fast the refusal is: `npm run bench -- inspection`.
    const bomb = png(60000, 60000, { headerOnly: true });
    expect(bomb.length).toBeLessThan(1000);
    const result = await inspect('APPLICANT_ID_FRONT', bomb);
    expect(codes(result)).toEqual(['IMAGE_TOO_MANY_PIXELS']);
    const jpegBomb = await inspect('APPLICANT_ID_FRONT', jpeg(60000, 60000));
    expect(codes(jpegBomb)).toEqual(['IMAGE_TOO_MANY_PIXELS']);
  });

  test('a truncated image is INVALID', async () => {
    expect(codes(await inspect('APPLICANT_ID_FRONT', jpeg(1200, 800, { truncate: true })))).toEqual([
      'FILE_TRUNCATED',
    ]);
    expect(codes(await inspect('APPLICANT_ID_FRONT', png(1000, 700, { truncate: true })))).toEqual([
      'FILE_TRUNCATED',
    ]);
  });
});

describe('PDFs', () => {
  test('text extraction sees the Chinese characters of a form', async () => {
    const pdf = unicodeTextPdf([verificationFormLines('example.cn')]);
    const parsed = await parsePdf(pdf, { textPages: 1 });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.facts.text).toContain('网站备案信息真实性核验单');
      expect(parsed.facts.text).toContain('example.cn');
    }
  });

  test('a Chinese verification form naming the case domain is VALID', async () => {
    const pdf = unicodeTextPdf([verificationFormLines('example.cn')]);
    const result = await inspect('WEBSITE_VERIFICATION_FORM', pdf, {
      declaredContentType: 'application/pdf',
      caseDomains: ['www.example.cn'],
    });
    expect(result.status).toBe('VALID');
    expect(result.facts).toMatchObject({ pages: 1, hasChineseText: true, domains: ['example.cn'] });
  });

  test('a verification form without the case domain is INVALID', async () => {
    const pdf = unicodeTextPdf([verificationFormLines('example.cn')]);
    const result = await inspect('WEBSITE_VERIFICATION_FORM', pdf, { caseDomains: ['other.cn'] });
    expect(codes(result)).toEqual(['DOMAIN_NOT_IN_DOCUMENT']);
  });

  test('a form filled out in English only is INVALID (mustContainChinese)', async () => {
    expect(codes(await inspect('SECURITY_COMMITMENT', await latinTextPdf(1)))).toEqual([
      'PDF_NO_CHINESE_TEXT',
    ]);
  });

  test('a scanned form (no text layer) is VALID and left for an officer to read', async () => {
    const scanned = await inspect('SECURITY_COMMITMENT', await bulkyPdf(20_000, []));
    expect(scanned.status).toBe('VALID');
    expect(codes(scanned)).toEqual(['MANUAL_CHECK_NEEDED']);
    const verification = await inspect('WEBSITE_VERIFICATION_FORM', await bulkyPdf(20_000, []), {
      caseDomains: ['example.cn'],
    });
    expect(codes(verification)).toEqual(['MANUAL_CHECK_NEEDED']);
  });

  test('the domain certificate exposes its domains and holder (IDN included)', async () => {
    const pdf = unicodeTextPdf([domainCertificateLines('例子.中国', '北京示例科技有限公司')]);
    const result = await inspect('DOMAIN_CERTIFICATE', pdf, { caseDomains: ['xn--fsqu00a.xn--fiqs8s'] });
    expect(result.status).toBe('VALID');
    expect(result.facts.domains).toEqual(['例子.中国']);
    expect(result.facts.holderName).toBe('北京示例科技有限公司');
    expect(result.facts.text).toContain('域名注册证书');
  });

  test('an image domain certificate is accepted for an officer to read', async () => {
    const result = await inspect('DOMAIN_CERTIFICATE', png(1200, 900), { caseDomains: ['example.cn'] });
    expect(result.status).toBe('VALID');
    expect(codes(result)).toEqual(['MANUAL_CHECK_NEEDED']);
  });

  test('an encrypted PDF (an /Encrypt entry in the trailer) is INVALID', async () => {
    const pdf = unicodeTextPdf([['信息安全承诺书']], { encrypt: true });
    expect(scanPdf(pdf).encrypted).toBe(true);
    expect(codes(await inspect('SECURITY_COMMITMENT', pdf))).toEqual(['PDF_ENCRYPTED']);
  });

  test('a PDF opening with JavaScript hidden in an object stream is INVALID', async () => {
    const pdf = await javascriptPdf();
    expect(pdf.includes('/OpenAction')).toBe(false); // compressed away: a plain byte search misses it
    expect(scanPdf(pdf).active).toEqual(expect.arrayContaining(['OpenAction', 'JavaScript']));
    const result = await inspect('BUSINESS_LICENCE', pdf);
    expect(codes(result)).toEqual(['PDF_ACTIVE_CONTENT']);
  });

  test('launch actions and embedded files in plain objects are found, hex-escaped names too', async () => {
    const launch = unicodeTextPdf([['信息安全承诺书']], {
      catalogExtra:
        '/OpenAction << /S /L#61unch /F (calc.exe) >> /Names << /EmbeddedFiles << /Names [] >> >>',
    });
    const scan = scanPdf(launch);
    expect(scan.active).toEqual(expect.arrayContaining(['OpenAction', 'Launch']));
    expect(scan.embeddedFiles).toBe(true);
    const result = await inspect('SECURITY_COMMITMENT', launch);
    expect(codes(result)).toEqual(expect.arrayContaining(['PDF_ACTIVE_CONTENT', 'PDF_EMBEDDED_FILES']));
    expect(result.status).toBe('INVALID');
  });

  test('page count outside the rule is INVALID', async () => {
    const pdf = unicodeTextPdf(Array.from({ length: 5 }, () => ['信息安全承诺书']));
    const result = await inspect('SECURITY_COMMITMENT', pdf);
    expect(result.facts.pages).toBe(5);
    expect(codes(result)).toEqual(['PDF_PAGE_COUNT']);
  });

  test('a damaged PDF is INVALID', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x20)]);
    const result = await inspect('BUSINESS_LICENCE', pdf);
    expect(result.status).toBe('INVALID');
    expect(codes(result)).toContain('PDF_UNREADABLE');
  });

  test('a scanned business licence PDF of 1 MB is VALID', async () => {
    const pdf = await bulkyPdf(1024 * 1024);
    const result = await inspect('BUSINESS_LICENCE', pdf, { declaredContentType: 'application/pdf' });
    expect(result).toMatchObject({ status: 'VALID', facts: { pages: 1 } });
  });
});

describe('text facts', () => {
  test('domains are found in mixed text, lower-cased, www. dropped, e-mail domains included', () => {
    expect(
      extractDomains('网站域名：WWW.Example.CN；备用 shop.example.com.cn 邮箱 a@mail.example.org'),
    ).toEqual(['example.cn', 'shop.example.com.cn', 'mail.example.org']);
  });

  test('the holder is read after its label', () => {
    expect(extractHolderName('Registrant: Example Ltd\nCreated: 2020')).toBe('Example Ltd');
    expect(extractHolderName('没有持有人')).toBeUndefined();
  });
});
