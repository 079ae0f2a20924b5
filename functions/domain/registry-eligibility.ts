/**
 * The eligibility rules that need the filing registry (./filing-registry.ts): a case that acts on a
 * filed website needs that website on record as the kind requires (hosted here to change its access
 * or cancel it; not hosted here to transfer it in), and a number on record belongs to one entity.
 * Run beside ./eligibility.ts by the API (creating a draft) and the workflow (CheckEligibility).
 */
import type { Application } from './application.ts';
import { type CodedErrorBody, errorBody } from './errors.ts';
import { FILING_KINDS } from './filing-kinds.ts';
import { type EntityFilings, findWebsite, isHostedHere } from './filing-registry.ts';

/** Every reason the registry gives against the application (empty when it has none). */
export function checkAgainstRegistry(
  application: Pick<Application, 'filingType' | 'existingIcpNumber'>,
  filings: EntityFilings | undefined,
  entityKey: string,
): CodedErrorBody[] {
  const number = application.existingIcpNumber;
  if (!number || !FILING_KINDS[application.filingType].buildsOnExistingNumber) return [];
  const field = 'existingIcpNumber';
  if (filings && filings.entity.entityKey !== entityKey) {
    return [errorBody('EXISTING_ICP_NUMBER_NOT_OF_ENTITY', { field })];
  }
  const found = findWebsite(filings, number);
  switch (application.filingType) {
    case 'CHANGE_ACCESS':
    case 'CANCEL_WEBSITE':
    case 'CANCEL_ACCESS':
      if (found?.website.status === 'CANCELLED') return [errorBody('WEBSITE_CANCELLED', { field })];
      if (!isHostedHere(filings, number)) return [errorBody('SITE_NOT_HOSTED_HERE', { field })];
      return [];
    case 'TRANSFER_IN':
      return isHostedHere(filings, number) ? [errorBody('SITE_ALREADY_HOSTED_HERE', { field })] : [];
    default:
      return [];
  }
}
