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
]);
export type FilingType = z.infer<typeof FilingType>;

/**
 * Who applies: a Chinese resident individual (resident ID card), a business registered in mainland
 * China (Unified Social Credit Code), or a foreign individual living in China with a temporary
 * residence registration (passport + residence document).
 */
export const ApplicantType = z.enum(['CHINESE_INDIVIDUAL', 'CHINESE_BUSINESS', 'FOREIGN_INDIVIDUAL']);
export type ApplicantType = z.infer<typeof ApplicantType>;

export const isIndividual = (type: ApplicantType): boolean => type !== 'CHINESE_BUSINESS';
