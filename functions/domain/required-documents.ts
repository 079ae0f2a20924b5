/**
 * The required-documents matrix (filing type × applicant type × province × sector pre-approval), as data,
 * and the one function that turns an application into its document list.
 */
import type { Application } from './application.ts';
import { needsPreApproval } from './content-categories.ts';
import { DocumentType } from './document-types.ts';
import type { ApplicantType, FilingType } from './filing.ts';
import { provinceRule } from './province-rules.ts';
import { provinceByGbCode } from './provinces.ts';

interface MatrixRow {
  /** Documents about the applicant entity, by applicant type. */
  applicant: Readonly<Record<ApplicantType, readonly DocumentType[]>>;
  /** Documents every case of this filing type needs. */
  common: readonly DocumentType[];
  /** Whether the province's extras (commitment letters, residence permits) apply. */
  provinceExtras: boolean;
}

const ENTITY_DOCUMENTS: Readonly<Record<ApplicantType, readonly DocumentType[]>> = {
  CHINESE_INDIVIDUAL: ['APPLICANT_ID_FRONT', 'APPLICANT_ID_BACK'],
  CHINESE_BUSINESS: ['BUSINESS_LICENCE'],
  FOREIGN_INDIVIDUAL: ['PASSPORT', 'RESIDENCE_REGISTRATION'],
};
const NO_ENTITY_DOCUMENTS: Readonly<Record<ApplicantType, readonly DocumentType[]>> = {
  CHINESE_INDIVIDUAL: [],
  CHINESE_BUSINESS: [],
  FOREIGN_INDIVIDUAL: [],
};
const GENERAL_COMMON: readonly DocumentType[] = [
  'DOMAIN_CERTIFICATE',
  'WEBSITE_VERIFICATION_FORM',
  'REGISTRATION_APPLICATION_FORM',
  'SECURITY_COMMITMENT',
];

export const REQUIRED_DOCUMENT_MATRIX: Readonly<Record<FilingType, MatrixRow>> = {
  GENERAL: { applicant: ENTITY_DOCUMENTS, common: GENERAL_COMMON, provinceExtras: true },
  COMMERCIAL: {
    applicant: ENTITY_DOCUMENTS,
    common: [
      ...GENERAL_COMMON,
      'COMMERCIAL_LICENCE_APPLICATION',
      'ARTICLES_OF_ASSOCIATION',
      'SOCIAL_INSURANCE_PROOF',
      'HOSTING_AGREEMENT',
    ],
    provinceExtras: true,
  },
  // The entity is already on file with the bureau: only the new site's own documents.
  ADD_WEBSITE: {
    applicant: NO_ENTITY_DOCUMENTS,
    common: ['DOMAIN_CERTIFICATE', 'WEBSITE_VERIFICATION_FORM', 'SECURITY_COMMITMENT'],
    provinceExtras: true,
  },
  // Only the hosting changes: the domain and entity are on file; the verification form is re-signed.
  CHANGE_HOSTING: {
    applicant: NO_ENTITY_DOCUMENTS,
    common: ['WEBSITE_VERIFICATION_FORM', 'SECURITY_COMMITMENT'],
    provinceExtras: false,
  },
  // New addresses of a site we host: the verification form names the servers, so it is signed again.
  CHANGE_ACCESS: {
    applicant: NO_ENTITY_DOCUMENTS,
    common: ['WEBSITE_VERIFICATION_FORM'],
    provinceExtras: false,
  },
  // Cancelling asks for no form at the providers (Tencent Cloud and Alibaba Cloud confirm the request by
  // a code sent to the person on file, read 2026-12-02: http://wiki.xialue.net/?document/product/243/55208
  // mirrors Tencent's guide); we have no such code, so the responsible person's ID (added below, as for
  // every case) lets the officer see that the request comes from the person on file.
  CANCEL_WEBSITE: { applicant: NO_ENTITY_DOCUMENTS, common: [], provinceExtras: false },
  // Withdrawing our access asks for no form either (same guide as cancelling); the responsible
  // person's ID is asked for the same reason.
  CANCEL_ACCESS: { applicant: NO_ENTITY_DOCUMENTS, common: [], provinceExtras: false },
  // A site filed elsewhere moves here: we have none of its papers, so the entity's and the site's own,
  // as for a new site (接入备案 at the providers asks for the same set as a first filing's site).
  TRANSFER_IN: {
    applicant: ENTITY_DOCUMENTS,
    common: ['DOMAIN_CERTIFICATE', 'WEBSITE_VERIFICATION_FORM', 'SECURITY_COMMITMENT'],
    provinceExtras: true,
  },
};

/** True when an individual applicant's resident ID was issued in another province than the one filed in. */
export function isOutOfProvinceIndividual(applicant: Application['applicant']): boolean {
  if (applicant.type !== 'CHINESE_INDIVIDUAL') return false;
  return provinceByGbCode(applicant.idNumber.slice(0, 2))?.code !== applicant.province;
}

/** The documents one case needs, in DocumentType order, without duplicates. */
export function requiredDocuments(application: Application): DocumentType[] {
  const row = REQUIRED_DOCUMENT_MATRIX[application.filingType];
  const { applicant, responsiblePerson } = application;
  const needed = new Set<DocumentType>([...row.applicant[applicant.type], ...row.common]);

  // The responsible person's ID, unless they are the individual applicant whose ID is already asked for.
  const sameAsApplicant =
    applicant.type !== 'CHINESE_BUSINESS' &&
    responsiblePerson.idNumber === applicant.idNumber &&
    row.applicant[applicant.type].length > 0;
  if (!sameAsApplicant) {
    if (responsiblePerson.idType === 'RESIDENT_ID') {
      needed.add('RESPONSIBLE_PERSON_ID_FRONT');
      needed.add('RESPONSIBLE_PERSON_ID_BACK');
    } else {
      needed.add('PASSPORT');
    }
  }

  if (row.provinceExtras) {
    const rule = provinceRule(applicant.province);
    for (const extra of rule.extraDocuments ?? []) needed.add(extra);
    if (rule.outOfProvinceIndividualsNeedResidencePermit && isOutOfProvinceIndividual(applicant)) {
      needed.add('RESIDENCE_PERMIT');
    }
  }
  if (application.websites.some((site) => needsPreApproval(site.contentCategories, applicant.province))) {
    needed.add('SECTOR_PRE_APPROVAL');
  }
  return DocumentType.options.filter((type) => needed.has(type));
}
