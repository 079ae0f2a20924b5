/**
 * What distinguishes each kind of applicant: its bilingual label, the ID document it proves itself
 * with, and, for organisations, which credit codes it may hold. Pure data and small checks; the
 * application schema (./entity.ts) and the required-documents matrix read it.
 */
import type { DocumentType } from './document-types.ts';
import { invalid, type Validation, valid } from './errors.ts';
import type { ApplicantType, OrganisationType } from './filing.ts';

export interface ApplicantKind {
  labelZh: string;
  labelEn: string;
  /** What the bureau's forms call the entity's nature (主办单位性质). */
  natureZh: string;
  /** The entity's ID document as the forms name it (证件类型). */
  idDocumentZh: string;
  /** Documents that prove the entity itself (the applicant's side of the matrix). */
  entityDocuments: readonly DocumentType[];
}

export const APPLICANT_KINDS: Readonly<Record<ApplicantType, ApplicantKind>> = {
  CHINESE_INDIVIDUAL: {
    labelZh: '中国公民个人',
    labelEn: 'Chinese individual',
    natureZh: '个人',
    idDocumentZh: '居民身份证',
    entityDocuments: ['APPLICANT_ID_FRONT', 'APPLICANT_ID_BACK'],
  },
  HMT_RESIDENT: {
    labelZh: '港澳台居民个人',
    labelEn: 'Hong Kong, Macao or Taiwan resident',
    natureZh: '个人',
    idDocumentZh: '港澳台居民居住证',
    entityDocuments: ['HMT_RESIDENCE_PERMIT_FRONT', 'HMT_RESIDENCE_PERMIT_BACK'],
  },
  FOREIGN_INDIVIDUAL: {
    labelZh: '外籍个人（护照）',
    labelEn: 'Foreign individual (passport)',
    natureZh: '个人（外籍）',
    idDocumentZh: '护照',
    entityDocuments: ['PASSPORT', 'RESIDENCE_REGISTRATION'],
  },
  FOREIGN_PERMANENT_RESIDENT: {
    labelZh: '外籍个人（永久居留身份证）',
    labelEn: 'Foreign permanent resident',
    natureZh: '个人（外籍）',
    idDocumentZh: '外国人永久居留身份证',
    entityDocuments: ['PERMANENT_RESIDENCE_ID_FRONT', 'PERMANENT_RESIDENCE_ID_BACK'],
  },
  CHINESE_BUSINESS: {
    labelZh: '企业',
    labelEn: 'Company registered in China',
    natureZh: '企业',
    idDocumentZh: '营业执照（统一社会信用代码）',
    entityDocuments: ['BUSINESS_LICENCE'],
  },
  SOLE_PROPRIETOR: {
    labelZh: '个体工商户',
    labelEn: 'Sole proprietor (individual business)',
    natureZh: '个体工商户',
    idDocumentZh: '营业执照（统一社会信用代码）',
    entityDocuments: ['BUSINESS_LICENCE'],
  },
  COOPERATIVE: {
    labelZh: '农民专业合作社',
    labelEn: "Farmers' cooperative",
    natureZh: '企业',
    idDocumentZh: '营业执照（统一社会信用代码）',
    entityDocuments: ['BUSINESS_LICENCE'],
  },
  PUBLIC_INSTITUTION: {
    labelZh: '事业单位',
    labelEn: 'Public institution',
    natureZh: '事业单位',
    idDocumentZh: '事业单位法人证书',
    entityDocuments: ['INSTITUTION_CERTIFICATE'],
  },
  SOCIAL_ORGANISATION: {
    labelZh: '社会团体',
    labelEn: 'Social organisation',
    natureZh: '社会团体',
    idDocumentZh: '社会团体法人登记证书',
    entityDocuments: ['SOCIAL_ORGANISATION_CERTIFICATE'],
  },
  PRIVATE_NON_ENTERPRISE: {
    labelZh: '民办非企业单位',
    labelEn: 'Private non-enterprise unit',
    natureZh: '民办非企业单位',
    idDocumentZh: '民办非企业单位登记证书',
    entityDocuments: ['PRIVATE_NON_ENTERPRISE_CERTIFICATE'],
  },
  FOUNDATION: {
    labelZh: '基金会',
    labelEn: 'Foundation',
    natureZh: '基金会',
    idDocumentZh: '基金会法人登记证书',
    entityDocuments: ['FOUNDATION_CERTIFICATE'],
  },
};

/**
 * The credit-code prefixes each organisation kind may hold: the registration authority (1st
 * character) and entity category (2nd) of GB 32100-2015, annex A: 1 = 机构编制 (any category: 11
 * 机关, 12 事业单位, 13 群众团体, 19 其他 all file as public institutions here), 5 = 民政 (51 社会团体,
 * 52 民办非企业单位, 53 基金会), 9 = 工商/市场监管 (91 企业, 92 个体工商户, 93 农民专业合作社).
 * Source: domain-facts.md "Numbers and checksums" (GB 32100-2015), read 2026-12-02.
 */
export const CREDIT_CODE_PREFIXES: Readonly<Record<OrganisationType, readonly string[]>> = {
  CHINESE_BUSINESS: ['91'],
  SOLE_PROPRIETOR: ['92'],
  COOPERATIVE: ['93'],
  PUBLIC_INSTITUTION: ['11', '12', '13', '19'],
  SOCIAL_ORGANISATION: ['51'],
  PRIVATE_NON_ENTERPRISE: ['52'],
  FOUNDATION: ['53'],
};

/** The organisation kind a credit code's first two characters name, if any of ours. */
export function organisationKindOf(creditCode: string): OrganisationType | undefined {
  const prefix = creditCode.slice(0, 2);
  return (Object.keys(CREDIT_CODE_PREFIXES) as OrganisationType[]).find((kind) =>
    CREDIT_CODE_PREFIXES[kind].includes(prefix),
  );
}

/** Succeeds when the credit code's registration authority and category match the chosen kind. */
export function validateCreditCodeKind(creditCode: string, kind: OrganisationType): Validation<string> {
  if (CREDIT_CODE_PREFIXES[kind].includes(creditCode.slice(0, 2))) return valid(creditCode);
  const actual = organisationKindOf(creditCode);
  const chosen = APPLICANT_KINDS[kind];
  const hint = actual
    ? {
        en: ` It is the code of a ${APPLICANT_KINDS[actual].labelEn.toLowerCase()}: choose that kind.`,
        zh: `该代码属于${APPLICANT_KINDS[actual].labelZh}，请选择对应的主体类型。`,
      }
    : { en: '', zh: '' };
  return invalid(
    'CREDIT_CODE_KIND_MISMATCH',
    `A ${chosen.labelEn.toLowerCase()}'s credit code starts with ${CREDIT_CODE_PREFIXES[kind].join(' or ')}.${hint.en}`,
    `${chosen.labelZh}的统一社会信用代码应以 ${CREDIT_CODE_PREFIXES[kind].join('、')} 开头。${hint.zh}`,
  );
}
