/**
 * What an applicant may start from each of their registered filings (the filings page's buttons, and
 * what the API accepts to pre-fill a form from): an active entity can add a website, change its details
 * or be cancelled; a website we host can change its details or access or be cancelled. A site filed
 * elsewhere is not in the registry: it comes in by a TRANSFER_IN case, started from the blank form, as
 * an entity filed elsewhere comes in by a CLAIM.
 */
import type { FilingType } from './filing.ts';
import type { EntityFilings, RegisteredWebsite } from './filing-registry.ts';
import { isHostedHere } from './filing-registry.ts';

/** The kinds of case that start from the entity itself. */
export function entityActions(filings: EntityFilings): FilingType[] {
  return filings.entity.status === 'ACTIVE' ? ['ADD_WEBSITE', 'CHANGE_ENTITY', 'CANCEL_ENTITY'] : [];
}

/** The kinds of case that start from one of the entity's websites. */
export function websiteActions(filings: EntityFilings, website: RegisteredWebsite): FilingType[] {
  if (filings.entity.status !== 'ACTIVE' || website.status !== 'ACTIVE') return [];
  return isHostedHere(filings, website.icpNumber)
    ? ['CHANGE_WEBSITE', 'CHANGE_ACCESS', 'CANCEL_ACCESS', 'CANCEL_WEBSITE']
    : ['TRANSFER_IN'];
}
