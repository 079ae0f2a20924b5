import { type Application, applicantKey } from './application.ts';
import type { CaseRecord } from './case-record.ts';
import type { CaseRepository } from './case-repository.ts';
import type { KnownFiling } from './eligibility.ts';
import { parseIcpNumber } from './icp-number.ts';

/**
 * The approved filings under the ICP number an application builds on (the general number of a
 * COMMERCIAL case, the existing number of ADD_WEBSITE and CHANGE_HOSTING), as the eligibility
 * rules take them. A filing is stored under its full number; an entity number is also looked up as
 * its first site (`-1`).
 */
export async function knownFilingsFor(
  store: Pick<CaseRepository, 'listCasesByIcpNumber'>,
  application: Application,
): Promise<KnownFiling[]> {
  const number = application.commercial?.generalIcpNumber ?? application.existingIcpNumber;
  if (!number) return [];
  const parsed = parseIcpNumber(number);
  if (!parsed.ok) return [];
  const candidates = new Set([parsed.value.normalised, `${parsed.value.entityNumber}-1`]);
  const filings: KnownFiling[] = [];
  for (const candidate of candidates) {
    const page = await store.listCasesByIcpNumber(candidate, { limit: 100 });
    for (const approved of page.items.filter((c: CaseRecord) => c.status === 'APPROVED' && c.icpNumber)) {
      filings.push({
        applicantKey: applicantKey(approved.application.applicant),
        icpNumber: approved.icpNumber as string,
        domains: approved.domains,
      });
    }
  }
  return filings;
}
