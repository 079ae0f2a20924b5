import type { ApplicationInput } from '#domain/application';
import { DOCUMENT_RULES, type DocumentType } from '#domain/document-types';
import { png, unicodeTextPdf } from './sample-files.ts';

/** A file ready to upload: its bytes, the Content-Type to declare, and a file name for browsers. */
export interface SampleFile {
  bytes: Buffer;
  contentType: 'application/pdf' | 'image/png';
  fileName: string;
}

/**
 * A file for `docType` that passes inspection for `application`: ID cards and passports as legible
 * PNG scans, everything else as a PDF with Chinese text naming the applicant and the domains (the
 * domain certificate names the applicant as holder). For the demo and the browser tests.
 */
export function sampleDocument(docType: DocumentType, application: ApplicationInput): SampleFile {
  const rule = DOCUMENT_RULES[docType];
  const name = `${docType.toLowerCase().replace(/_/g, '-')}`;
  if (!rule.contentTypes.includes('application/pdf')) {
    return { bytes: png(1200, 760), contentType: 'image/png', fileName: `${name}.png` };
  }
  const domains = application.websites.flatMap((w) => w.domains);
  const applicant = application.applicant.name;
  // The certificate is one page; a form two, its signature on the second, as printed forms often
  // are (the officers' viewer is tested reading them page by page).
  const pages =
    docType === 'DOMAIN_CERTIFICATE'
      ? [
          [
            '域名注册证书',
            ...domains.map((d) => `域名：${d}`),
            `域名持有者：${applicant}`,
            '注册日期：2025-03-01',
          ],
        ]
      : [
          [
            rule.labelZh,
            `主办者名称：${applicant}`,
            ...domains.map((d) => `网站域名：${d}`),
            `网站负责人：${application.responsiblePerson.name}`,
          ],
          [`${rule.labelZh}（第 2 页）`, '本人承诺所填信息真实有效。签字：______'],
        ];
  return { bytes: unicodeTextPdf(pages), contentType: 'application/pdf', fileName: `${name}.pdf` };
}
