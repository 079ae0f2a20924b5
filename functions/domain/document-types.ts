import * as z from 'zod';

/**
 * Every document a case can ask for. Which ones a case needs comes from the required-documents
 * matrix (filing type × applicant type × province); how each one is checked comes from DOCUMENT_RULES.
 */
export const DocumentType = z.enum([
  'APPLICANT_ID_FRONT', // resident ID card of an individual applicant, portrait side
  'APPLICANT_ID_BACK', // national emblem side
  'PASSPORT', // foreign individual's passport photo page
  'RESIDENCE_REGISTRATION', // foreign individual's temporary residence registration (境外人员临时住宿登记单)
  'BUSINESS_LICENCE', // 营业执照 of a China-registered business
  'RESPONSIBLE_PERSON_ID_FRONT', // website responsible person's ID card
  'RESPONSIBLE_PERSON_ID_BACK',
  'DOMAIN_CERTIFICATE', // 域名证书 from the registrar, naming the holder
  'WEBSITE_VERIFICATION_FORM', // 网站备案信息真实性核验单
  'REGISTRATION_APPLICATION_FORM', // 网站备案申请表
  'SECURITY_COMMITMENT', // 信息安全承诺书
  'GUANGDONG_COMMITMENT_LETTER', // 广东省 网站备案承诺书
  'RESIDENCE_PERMIT', // 居住证 for individuals filing outside their home province
  'SECTOR_PRE_APPROVAL', // 前置审批 for news, publishing, medical, drugs … content
  'COMMERCIAL_LICENCE_APPLICATION', // ICP 经营许可证 application form
  'ARTICLES_OF_ASSOCIATION', // 公司章程
  'SOCIAL_INSURANCE_PROOF', // proof of staff social insurance the licence requires
  'HOSTING_AGREEMENT', // server hosting agreement with the provider
  // Issue 15: further applicant kinds, the entity leader and the authorisation letter (appended so the
  // order of every older case's list is unchanged).
  'HMT_RESIDENCE_PERMIT_FRONT', // 港澳台居民居住证 of a Hong Kong, Macao or Taiwan resident applicant
  'HMT_RESIDENCE_PERMIT_BACK',
  'PERMANENT_RESIDENCE_ID_FRONT', // 外国人永久居留身份证 of a foreign permanent resident applicant
  'PERMANENT_RESIDENCE_ID_BACK',
  'INSTITUTION_CERTIFICATE', // 事业单位法人证书
  'SOCIAL_ORGANISATION_CERTIFICATE', // 社会团体法人登记证书
  'PRIVATE_NON_ENTERPRISE_CERTIFICATE', // 民办非企业单位登记证书
  'FOUNDATION_CERTIFICATE', // 基金会法人登记证书
  'ENTITY_LEADER_ID_FRONT', // an organisation's entity leader's ID document (card front or passport page)
  'ENTITY_LEADER_ID_BACK', // the card's other side (not asked of passports)
  'AUTHORISATION_LETTER', // 授权书: the legal representative authorises the website's responsible person
]);
export type DocumentType = z.infer<typeof DocumentType>;

/** The forms the case page prints pre-filled for signing (./printable-forms.ts builds their content). */
export const PRINTABLE_FORMS = [
  'WEBSITE_VERIFICATION_FORM',
  'REGISTRATION_APPLICATION_FORM',
  'SECURITY_COMMITMENT',
] as const satisfies readonly DocumentType[];
export type PrintableForm = (typeof PRINTABLE_FORMS)[number];

export const isPrintableForm = (docType: string): docType is PrintableForm =>
  (PRINTABLE_FORMS as readonly string[]).includes(docType);

export const ContentType = z.enum(['application/pdf', 'image/jpeg', 'image/png']);
export type ContentType = z.infer<typeof ContentType>;

/** How one document type is checked the moment it lands. */
export interface DocumentRule {
  labelZh: string;
  labelEn: string;
  contentTypes: readonly ContentType[];
  /** Largest accepted file in bytes (also the presigned POST's content-length-range). */
  maxBytes: number;
  /** For images: the shorter and longer side must reach these pixel counts. */
  minImageSize?: { shortSide: number; longSide: number };
  /** For PDFs: accepted page count. */
  pages?: { min: number; max: number };
  /** The file must contain Chinese text (forms are filled out in Chinese). */
  mustContainChinese?: boolean;
  /** The other side of a two-sided card; both must be present. */
  pairedWith?: DocumentType;
}

const MB = 1024 * 1024;
const scan: ContentType[] = ['image/jpeg', 'image/png', 'application/pdf'];
const photo: ContentType[] = ['image/jpeg', 'image/png'];
const form: ContentType[] = ['application/pdf'];
// ID card scans must be legible: an ID card photographed at 300 dpi is roughly 1000 × 640 px.
const idCardSize = { shortSide: 600, longSide: 900 };

export const DOCUMENT_RULES: Readonly<Record<DocumentType, DocumentRule>> = {
  APPLICANT_ID_FRONT: {
    labelZh: '主体负责人身份证（人像面）',
    labelEn: 'Applicant ID card (portrait side)',
    contentTypes: photo,
    maxBytes: 5 * MB,
    minImageSize: idCardSize,
    pairedWith: 'APPLICANT_ID_BACK',
  },
  APPLICANT_ID_BACK: {
    labelZh: '主体负责人身份证（国徽面）',
    labelEn: 'Applicant ID card (national emblem side)',
    contentTypes: photo,
    maxBytes: 5 * MB,
    minImageSize: idCardSize,
    pairedWith: 'APPLICANT_ID_FRONT',
  },
  PASSPORT: {
    labelZh: '护照（个人信息页）',
    labelEn: 'Passport (photo page)',
    contentTypes: photo,
    maxBytes: 5 * MB,
    minImageSize: idCardSize,
  },
  RESIDENCE_REGISTRATION: {
    labelZh: '境外人员临时住宿登记单',
    labelEn: 'Temporary residence registration',
    contentTypes: scan,
    maxBytes: 10 * MB,
    pages: { min: 1, max: 3 },
  },
  BUSINESS_LICENCE: {
    labelZh: '营业执照',
    labelEn: 'Business licence',
    contentTypes: scan,
    maxBytes: 10 * MB,
    minImageSize: { shortSide: 800, longSide: 1100 },
    pages: { min: 1, max: 2 },
  },
  RESPONSIBLE_PERSON_ID_FRONT: {
    labelZh: '网站负责人身份证（人像面）',
    labelEn: 'Website responsible person ID card (portrait side)',
    contentTypes: photo,
    maxBytes: 5 * MB,
    minImageSize: idCardSize,
    pairedWith: 'RESPONSIBLE_PERSON_ID_BACK',
  },
  RESPONSIBLE_PERSON_ID_BACK: {
    labelZh: '网站负责人身份证（国徽面）',
    labelEn: 'Website responsible person ID card (national emblem side)',
    contentTypes: photo,
    maxBytes: 5 * MB,
    minImageSize: idCardSize,
    pairedWith: 'RESPONSIBLE_PERSON_ID_FRONT',
  },
  DOMAIN_CERTIFICATE: {
    labelZh: '域名证书',
    labelEn: 'Domain name certificate',
    contentTypes: scan,
    maxBytes: 10 * MB,
    pages: { min: 1, max: 3 },
  },
  WEBSITE_VERIFICATION_FORM: {
    labelZh: '网站备案信息真实性核验单',
    labelEn: 'Website Verification Form',
    contentTypes: form,
    maxBytes: 10 * MB,
    pages: { min: 1, max: 4 },
    mustContainChinese: true,
  },
  REGISTRATION_APPLICATION_FORM: {
    labelZh: '网站备案申请表',
    labelEn: 'Website Registration Application Form',
    contentTypes: form,
    maxBytes: 10 * MB,
    pages: { min: 1, max: 6 },
    mustContainChinese: true,
  },
  SECURITY_COMMITMENT: {
    labelZh: '信息安全承诺书',
    labelEn: 'Information Security Commitment',
    contentTypes: form,
    maxBytes: 10 * MB,
    pages: { min: 1, max: 4 },
    mustContainChinese: true,
  },
  GUANGDONG_COMMITMENT_LETTER: {
    labelZh: '广东省网站备案承诺书',
    labelEn: 'Guangdong website filing commitment letter',
    contentTypes: form,
    maxBytes: 10 * MB,
    pages: { min: 1, max: 4 },
    mustContainChinese: true,
  },
  RESIDENCE_PERMIT: {
    labelZh: '居住证',
    labelEn: 'Residence permit (out-of-province individuals)',
    contentTypes: scan,
    maxBytes: 5 * MB,
    minImageSize: idCardSize,
    pages: { min: 1, max: 2 },
  },
  SECTOR_PRE_APPROVAL: {
    labelZh: '前置审批文件',
    labelEn: 'Sector pre-approval document',
    contentTypes: scan,
    maxBytes: 20 * MB,
    pages: { min: 1, max: 30 },
  },
  COMMERCIAL_LICENCE_APPLICATION: {
    labelZh: '增值电信业务经营许可证申请表',
    labelEn: 'Commercial ICP licence application form',
    contentTypes: form,
    maxBytes: 20 * MB,
    pages: { min: 1, max: 40 },
    mustContainChinese: true,
  },
  ARTICLES_OF_ASSOCIATION: {
    labelZh: '公司章程',
    labelEn: 'Articles of association',
    contentTypes: form,
    maxBytes: 20 * MB,
    pages: { min: 1, max: 80 },
    mustContainChinese: true,
  },
  SOCIAL_INSURANCE_PROOF: {
    labelZh: '社保缴纳证明',
    labelEn: 'Staff social insurance proof',
    contentTypes: scan,
    maxBytes: 20 * MB,
    pages: { min: 1, max: 30 },
  },
  HOSTING_AGREEMENT: {
    labelZh: '服务器托管协议',
    labelEn: 'Server hosting agreement',
    contentTypes: form,
    maxBytes: 20 * MB,
    pages: { min: 1, max: 40 },
    mustContainChinese: true,
  },
  HMT_RESIDENCE_PERMIT_FRONT: {
    labelZh: '港澳台居民居住证（人像面）',
    labelEn: 'Hong Kong, Macao or Taiwan residence permit (portrait side)',
    contentTypes: photo,
    maxBytes: 5 * MB,
    minImageSize: idCardSize,
    pairedWith: 'HMT_RESIDENCE_PERMIT_BACK',
  },
  HMT_RESIDENCE_PERMIT_BACK: {
    labelZh: '港澳台居民居住证（国徽面）',
    labelEn: 'Hong Kong, Macao or Taiwan residence permit (national emblem side)',
    contentTypes: photo,
    maxBytes: 5 * MB,
    minImageSize: idCardSize,
    pairedWith: 'HMT_RESIDENCE_PERMIT_FRONT',
  },
  PERMANENT_RESIDENCE_ID_FRONT: {
    labelZh: '外国人永久居留身份证（人像面）',
    labelEn: 'Foreigner permanent-residence ID card (portrait side)',
    contentTypes: photo,
    maxBytes: 5 * MB,
    minImageSize: idCardSize,
    pairedWith: 'PERMANENT_RESIDENCE_ID_BACK',
  },
  PERMANENT_RESIDENCE_ID_BACK: {
    labelZh: '外国人永久居留身份证（国徽面）',
    labelEn: 'Foreigner permanent-residence ID card (national emblem side)',
    contentTypes: photo,
    maxBytes: 5 * MB,
    minImageSize: idCardSize,
    pairedWith: 'PERMANENT_RESIDENCE_ID_FRONT',
  },
  INSTITUTION_CERTIFICATE: {
    labelZh: '事业单位法人证书',
    labelEn: 'Public institution legal person certificate',
    contentTypes: scan,
    maxBytes: 10 * MB,
    minImageSize: { shortSide: 800, longSide: 1100 },
    pages: { min: 1, max: 2 },
  },
  SOCIAL_ORGANISATION_CERTIFICATE: {
    labelZh: '社会团体法人登记证书',
    labelEn: 'Social organisation registration certificate',
    contentTypes: scan,
    maxBytes: 10 * MB,
    minImageSize: { shortSide: 800, longSide: 1100 },
    pages: { min: 1, max: 2 },
  },
  PRIVATE_NON_ENTERPRISE_CERTIFICATE: {
    labelZh: '民办非企业单位登记证书',
    labelEn: 'Private non-enterprise unit registration certificate',
    contentTypes: scan,
    maxBytes: 10 * MB,
    minImageSize: { shortSide: 800, longSide: 1100 },
    pages: { min: 1, max: 2 },
  },
  FOUNDATION_CERTIFICATE: {
    labelZh: '基金会法人登记证书',
    labelEn: 'Foundation registration certificate',
    contentTypes: scan,
    maxBytes: 10 * MB,
    minImageSize: { shortSide: 800, longSide: 1100 },
    pages: { min: 1, max: 2 },
  },
  ENTITY_LEADER_ID_FRONT: {
    labelZh: '主体负责人证件（人像面或护照个人信息页）',
    labelEn: 'Entity leader ID (portrait side, or passport photo page)',
    contentTypes: photo,
    maxBytes: 5 * MB,
    minImageSize: idCardSize,
  },
  ENTITY_LEADER_ID_BACK: {
    labelZh: '主体负责人证件（国徽面）',
    labelEn: 'Entity leader ID (national emblem side)',
    contentTypes: photo,
    maxBytes: 5 * MB,
    minImageSize: idCardSize,
    pairedWith: 'ENTITY_LEADER_ID_FRONT',
  },
  AUTHORISATION_LETTER: {
    labelZh: '网站负责人授权书',
    labelEn: "Authorisation letter for the website's responsible person",
    contentTypes: form,
    maxBytes: 10 * MB,
    pages: { min: 1, max: 4 },
    mustContainChinese: true,
  },
};

/** The document's inspection outcome as recorded on the case. */
export const DocumentStatus = z.enum(['PENDING', 'VALID', 'INVALID', 'REJECTED_BY_OFFICER']);
export type DocumentStatus = z.infer<typeof DocumentStatus>;

/**
 * One finding about a file, bilingual: the automatic checks', or the reason an officer or the bureau
 * sent the document back (`source`). Shown to officers; the applicant sees those meant for them
 * (`isForApplicant`).
 */
export const Finding = z.object({
  code: z.string(),
  severity: z.enum(['ERROR', 'WARNING', 'INFO']),
  message: z.string(),
  messageZh: z.string(),
  /** Who raised it when a person did: an officer's return, or the bureau's. Absent: the automatic checks. */
  source: z.enum(['OFFICER', 'BUREAU']).optional(),
});
export type Finding = z.infer<typeof Finding>;

/**
 * Findings addressed to staff: notes that an officer will read the file by hand (a scan without
 * text, a holder name nothing could read). They are not reasons for the applicant to act on, and
 * shown as such they read as a refusal (issue 17), so the applicant's view of a case leaves them out.
 */
export const STAFF_ONLY_FINDING_CODES: ReadonlySet<string> = new Set([
  'MANUAL_CHECK_NEEDED',
  'HOLDER_NOT_FOUND',
]);

/** Whether the applicant may see this finding (see STAFF_ONLY_FINDING_CODES). */
export const isForApplicant = (finding: Finding): boolean => !STAFF_ONLY_FINDING_CODES.has(finding.code);

const FORMAT_NAMES: Readonly<Record<ContentType, string>> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

/** A content type's name as people know it (PDF, JPEG, PNG); any other type as given. */
export const formatName = (type: string): string => FORMAT_NAMES[type as ContentType] ?? type;

/**
 * The formats a document accepts, in words: "JPEG or PNG", "PDF, JPEG or PNG" (English), "JPEG 或 PNG",
 * "PDF、JPEG 或 PNG" (Chinese). Every message that names them derives the text from the rule's list.
 */
export function acceptedFormats(types: readonly string[], lang: 'en' | 'zh'): string {
  const names = types.map(formatName);
  const last = names.pop() ?? '';
  if (names.length === 0) return last;
  return lang === 'zh' ? `${names.join('、')} 或 ${last}` : `${names.join(', ')} or ${last}`;
}
