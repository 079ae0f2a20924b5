import * as z from 'zod';

/**
 * The kinds of filing a hosting provider runs for its customers: the first filing, the licence, and the
 * filings that come after the first (./filing-kinds.ts says what each needs and does to the registry).
 */
export const FilingType = z.enum([
  'GENERAL',
  'COMMERCIAL',
  'ADD_WEBSITE',
  'CHANGE_HOSTING',
  'CHANGE_ACCESS',
  'CANCEL_WEBSITE',
  'TRANSFER_IN',
  'CANCEL_ACCESS',
  'CHANGE_ENTITY',
  'CHANGE_WEBSITE',
  'CANCEL_ENTITY',
  'CLAIM',
]);
export type FilingType = z.infer<typeof FilingType>;

/**
 * Who applies. Individuals: a Chinese resident (resident ID card), a Hong Kong, Macao or Taiwan resident
 * (residence permit), a foreigner with a passport and a temporary residence registration, a foreigner
 * with the 2023 permanent-residence ID. Organisations, each with a Unified Social Credit Code whose
 * first characters must match the kind (./applicant-kinds.ts): companies (CHINESE_BUSINESS, the name
 * older cases carry), sole proprietors, farmers' cooperatives, public institutions, social
 * organisations, private non-enterprise units and foundations.
 */
export const ApplicantType = z.enum([
  'CHINESE_INDIVIDUAL',
  'CHINESE_BUSINESS',
  'FOREIGN_INDIVIDUAL',
  'HMT_RESIDENT',
  'FOREIGN_PERMANENT_RESIDENT',
  'SOLE_PROPRIETOR',
  'COOPERATIVE',
  'PUBLIC_INSTITUTION',
  'SOCIAL_ORGANISATION',
  'PRIVATE_NON_ENTERPRISE',
  'FOUNDATION',
]);
export type ApplicantType = z.infer<typeof ApplicantType>;

/** The applicant kinds that are people (everything without a credit code). */
export const INDIVIDUAL_TYPES = [
  'CHINESE_INDIVIDUAL',
  'FOREIGN_INDIVIDUAL',
  'HMT_RESIDENT',
  'FOREIGN_PERMANENT_RESIDENT',
] as const satisfies readonly ApplicantType[];
export type IndividualType = (typeof INDIVIDUAL_TYPES)[number];
export type OrganisationType = Exclude<ApplicantType, IndividualType>;

export const isIndividual = (type: ApplicantType): type is IndividualType =>
  (INDIVIDUAL_TYPES as readonly string[]).includes(type);
export const isOrganisation = (type: ApplicantType): type is OrganisationType => !isIndividual(type);
