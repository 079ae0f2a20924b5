import type { CaseRecord } from '#domain/case-record';
import { parseIcpNumber } from '#domain/icp-number';
import type { WorkflowDependencies } from './workflow-dependencies.ts';

/**
 * A commercial licence was issued: the entity's general filing it builds on is marked commercial (its
 * sites now operate under the licence), by recording the licence number on the approved filing's case.
 * The filing is found as eligibility found it (known-filings.ts: the full number, or the entity's
 * first site). Idempotent: a filing already marked with this licence is left as it is.
 */
export async function markFilingCommercial(
  deps: Pick<WorkflowDependencies, 'store' | 'now'>,
  licenceCase: CaseRecord,
  licenceNumber: string,
): Promise<string[]> {
  const general = licenceCase.application.commercial?.generalIcpNumber;
  const parsed = general ? parseIcpNumber(general) : undefined;
  if (!parsed?.ok) return [];
  const marked: string[] = [];
  for (const candidate of new Set([parsed.value.normalised, `${parsed.value.entityNumber}-1`])) {
    const page = await deps.store.listCasesByIcpNumber(candidate, { limit: 100 });
    for (const filing of page.items.filter(
      (c) => c.status === 'APPROVED' && c.caseId !== licenceCase.caseId,
    )) {
      await deps.store.modifyCase(
        filing.caseId,
        (current) =>
          current.commercialLicence?.number === licenceNumber
            ? undefined
            : {
                ...current,
                commercialLicence: {
                  number: licenceNumber,
                  caseId: licenceCase.caseId,
                  at: deps.now().toISOString(),
                },
              },
        { now: deps.now() },
      );
      marked.push(filing.caseId);
    }
  }
  return marked;
}
