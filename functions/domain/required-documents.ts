/**
 * The required-documents matrix (filing type × applicant type × province × sector pre-approval), as data,
 * and the one function that turns an application into its document list.
 */

import { APPLICANT_KINDS } from './applicant-kinds.ts';
import type { Application } from './application.ts';
import { needsPreApproval } from './content-categories.ts';
import { DocumentType } from './document-types.ts';
import type { PersonIdType } from './entity.ts';
import { ApplicantType, type FilingType } from './filing.ts';
import { provinceRule } from './province-rules.ts';
import { type ProvinceCode, provinceByGbCode } from './provinces.ts';

interface MatrixRow {
  /** Documents about the applicant entity, by applicant type. */
  applicant: Readonly<Record<ApplicantType, readonly DocumentType[]>>;
  /** Documents every case of this filing type needs. */
  common: readonly DocumentType[];
  /** Whether the province's extras (commitment letters, residence permits) apply. */
  provinceExtras: boolean;
}

const ENTITY_DOCUMENTS = Object.fromEntries(
  ApplicantType.options.map((type) => [type, APPLICANT_KINDS[type].entityDocuments]),
) as Readonly<Record<ApplicantType, readonly DocumentType[]>>;
const NO_ENTITY_DOCUMENTS = Object.fromEntries(
  ApplicantType.options.map((type) => [type, [] as readonly DocumentType[]]),
) as Readonly<Record<ApplicantType, readonly DocumentType[]>>;
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
  // The entity's papers again (a changed name or address comes with the new licence or ID), and the
  // province's extras, since a new legal representative may call for an authorisation letter.
  CHANGE_ENTITY: { applicant: ENTITY_DOCUMENTS, common: [], provinceExtras: true },
  // A changed site: its domain certificate (domains may change) and the verification form signed again.
  CHANGE_WEBSITE: {
    applicant: NO_ENTITY_DOCUMENTS,
    common: ['DOMAIN_CERTIFICATE', 'WEBSITE_VERIFICATION_FORM'],
    provinceExtras: true,
  },
  // Cancelling the entity: the providers confirm it with the filing's password (Unicloud's help, in
  // ./filing-kinds.ts); we have none, so the entity's own ID documents show the request is the entity's.
  CANCEL_ENTITY: { applicant: ENTITY_DOCUMENTS, common: [], provinceExtras: false },
  // A claim by documents: the entity's documents must match the filing, and the domain certificate
  // shows the entity holds its sites' domains (Alibaba Cloud's 证件认领, in ./filing-kinds.ts).
  CLAIM: { applicant: ENTITY_DOCUMENTS, common: ['DOMAIN_CERTIFICATE'], provinceExtras: false },
};

/**
 * The province of the address on an individual's mainland card (resident ID or HMT residence permit).
 * Cases stored before the form asked for it fall back to the resident ID number's region, the only
 * thing they have (a number does not move with a household registration, which is why it is asked now).
 */
export function idCardProvinceOf(applicant: Application['applicant']): ProvinceCode | undefined {
  if (applicant.type !== 'CHINESE_INDIVIDUAL' && applicant.type !== 'HMT_RESIDENT') return undefined;
  if (applicant.idCardProvince) return applicant.idCardProvince;
  return provinceByGbCode(applicant.idNumber.slice(0, 2))?.code as ProvinceCode | undefined;
}

/**
 * True when an individual applicant's card (resident ID or HMT residence permit) gives an address in
 * another province than the one filed in (the rule is about the card's address: domain-facts.md,
 * "Province rules seen in providers' documentation", and Huawei Cloud's Shanghai page: 证件地址非本市的).
 */
export function isOutOfProvinceIndividual(applicant: Application['applicant']): boolean {
  if (applicant.type !== 'CHINESE_INDIVIDUAL' && applicant.type !== 'HMT_RESIDENT') return false;
  return idCardProvinceOf(applicant) !== applicant.province;
}

/** The uploads proving a person's ID document: both sides of a card, or a passport's photo page. */
const personIdDocuments = (
  idType: PersonIdType,
  front: DocumentType,
  back: DocumentType,
  passport: DocumentType,
): DocumentType[] => (idType === 'PASSPORT' ? [passport] : [front, back]);

/** The documents one case needs, in DocumentType order, without duplicates. */
export function requiredDocuments(application: Application): DocumentType[] {
  const row = REQUIRED_DOCUMENT_MATRIX[application.filingType];
  const { applicant, responsiblePerson } = application;
  const needed = new Set<DocumentType>([...row.applicant[applicant.type], ...row.common]);
  const newEntity = row.applicant[applicant.type].length > 0;

  // The responsible person's ID, unless they are the individual applicant whose ID is already asked for.
  const sameAsApplicant =
    'idNumber' in applicant && responsiblePerson.idNumber === applicant.idNumber && newEntity;
  if (!sameAsApplicant) {
    for (const doc of personIdDocuments(
      responsiblePerson.idType,
      'RESPONSIBLE_PERSON_ID_FRONT',
      'RESPONSIBLE_PERSON_ID_BACK',
      'PASSPORT',
    )) {
      needed.add(doc);
    }
  }
  // An organisation's entity leader proves their ID too, unless they are the responsible person.
  const leader = 'entityLeader' in applicant ? applicant.entityLeader : undefined;
  if (leader && newEntity && leader.idNumber !== responsiblePerson.idNumber) {
    for (const doc of personIdDocuments(
      leader.idType,
      'ENTITY_LEADER_ID_FRONT',
      'ENTITY_LEADER_ID_BACK',
      'ENTITY_LEADER_ID_FRONT',
    )) {
      needed.add(doc);
    }
  }

  if (row.provinceExtras) {
    const rule = provinceRule(applicant.province);
    for (const extra of rule.extraDocuments ?? []) needed.add(extra);
    if (rule.outOfProvinceIndividualsNeedResidencePermit && isOutOfProvinceIndividual(applicant)) {
      needed.add('RESIDENCE_PERMIT');
    }
    if (
      rule.authorisationLetterUnlessLegalRepresentative &&
      'legalRepresentative' in applicant &&
      !samePersonName(responsiblePerson.name, applicant.legalRepresentative)
    ) {
      needed.add('AUTHORISATION_LETTER');
    }
  }
  if (application.websites.some((site) => needsPreApproval(site.contentCategories, applicant.province))) {
    needed.add('SECTOR_PRE_APPROVAL');
  }
  return DocumentType.options.filter((type) => needed.has(type));
}

/**
 * Whether two names on the application are the same person's. The legal representative is known by
 * name only (the licence prints no ID number), so the name is what can be compared; spacing and width
 * differences are not differences.
 */
export function samePersonName(a: string, b: string): boolean {
  const norm = (name: string) =>
    name
      .normalize('NFKC')
      .replace(/[\s·•]/g, '')
      .toLowerCase();
  return norm(a) === norm(b);
}
