/**
 * The hosting provider's own qualification documents (接入商资质材料) for a commercial licence
 * (ICP经营许可证) case. The applicant's licence application must show where its sites are hosted: the
 * providers' licence guides list the hosting or access agreement with a Chinese data centre among the
 * application's materials ("服务器托管协议：与国内数据中心签订的服务合同或者租赁协议",
 * http://www.qhhyzx.cn/shows/47/54612.html and http://tyicp.cn/index.php/shows/43/24830.html , checked
 * 2026-12-02), and the provider's own IDC/ISP licence and business licence copies prove that provider
 * may host them. Which copies we hand out is our choice, named here; an officer attaches them, the
 * applicant downloads them. Pure data and checks (the console shows the same labels).
 */
import * as z from 'zod';
import type { Bilingual } from './bilingual.ts';
import type { ContentType } from './document-types.ts';
import type { FilingType } from './filing.ts';

export const ProviderDocumentKind = z.enum([
  'TELECOM_LICENCE', // our 增值电信业务经营许可证 (IDC/ISP), copy stamped by us
  'BUSINESS_LICENCE', // our 营业执照, copy stamped by us
  'ACCESS_AGREEMENT', // the 接入协议 (website access agreement) we sign with the applicant
]);
export type ProviderDocumentKind = z.infer<typeof ProviderDocumentKind>;

export const PROVIDER_DOCUMENT_LABELS: Readonly<Record<ProviderDocumentKind, Bilingual>> = {
  TELECOM_LICENCE: {
    zh: '接入商增值电信业务经营许可证（IDC/ISP）复印件',
    en: 'Our value-added telecom licence (IDC/ISP), copy',
  },
  BUSINESS_LICENCE: { zh: '接入商营业执照复印件', en: 'Our business licence, copy' },
  ACCESS_AGREEMENT: { zh: '网站接入服务协议（接入协议）', en: 'The website access agreement (接入协议)' },
};

/** PDF or an image: what the licence application takes as a scan. */
export const PROVIDER_DOCUMENT_TYPES: readonly ContentType[] = ['application/pdf', 'image/jpeg', 'image/png'];
/** The largest file an officer may attach (a stamped scan of a few pages). */
export const PROVIDER_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/** One document attached to a case: which, what file, and when (who: the audit trail). */
export interface ProviderDocument {
  /** The upload id of its form (also the last part of its key). */
  documentId: string;
  kind: ProviderDocumentKind;
  key: string;
  contentType: ContentType;
  size: number;
  attachedAt: string;
}

/** Only a commercial licence application takes the provider's documents. */
export const takesProviderDocuments = (filingType: FilingType): boolean => filingType === 'COMMERCIAL';

/** The type a file's first bytes show: PDF, JPEG or PNG by their signatures; undefined for others. */
export function contentTypeOfBytes(bytes: Uint8Array): ContentType | undefined {
  const starts = (signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  return undefined;
}

/** The file name a download is saved under: the kind and the type's extension (ASCII only). */
export function providerDocumentFileName(document: Pick<ProviderDocument, 'kind' | 'contentType'>): string {
  const extension = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }[
    document.contentType
  ];
  return `${document.kind.toLowerCase().replaceAll('_', '-')}.${extension}`;
}
