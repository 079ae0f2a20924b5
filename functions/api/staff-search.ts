/**
 * Staff search: one text box that finds cases by case id, ICP number, ID or credit-code number,
 * domain or the start of the applicant's name. Every reading of the text is answered from a key
 * (a GetItem or an index query), never a scan, so a search costs the same at 100,000 cases as at 10
 * (docs/staff-search.md).
 */
import { entityKeyOf } from '#adapters/case-items';
import type { CaseRecord } from '#domain/case-record';
import { caseLookupValues, planSearch, type SearchKind } from '#domain/case-search';
import type { ApiDependencies } from './dependencies.ts';
import { apiError } from './errors.ts';

/** Results per search: enough to pick from; more means the text should be narrower. */
export const SEARCH_LIMIT = 25;

/**
 * The ID types a bare 18-character number may be: staff type the number, not its kind, so it is
 * hashed as each (one index query per type, each an exact key).
 */
const ID_TYPES = ['RESIDENT_ID', 'USCC'] as const;

export interface SearchHit {
  record: CaseRecord;
  matchedBy: SearchKind;
}

/** Cases matching `text` (each once, with the first reading that found it), and whether more matched. */
export async function searchCases(
  deps: Pick<ApiDependencies, 'store' | 'settings'>,
  text: string,
): Promise<{ hits: SearchHit[]; truncated: boolean }> {
  const plan = planSearch(text);
  const { store } = deps;
  const searches: Promise<{ kind: SearchKind; records: CaseRecord[]; more: boolean }>[] = [];
  if (plan.caseId) {
    const id = plan.caseId;
    searches.push(
      store.getCase(id).then((record) => ({ kind: 'caseId', records: record ? [record] : [], more: false })),
    );
  }
  if (plan.icpNumber) {
    const icp = plan.icpNumber;
    searches.push(
      store.listCasesByIcpNumber(icp, { limit: SEARCH_LIMIT }).then((page) => ({
        kind: 'icpNumber',
        records: page.items,
        more: !!page.cursor,
      })),
    );
  }
  if (plan.idNumber) {
    const number = plan.idNumber;
    for (const idType of ID_TYPES) {
      const key = entityKeyOf(idType, number, deps.settings.entityKeySecret);
      searches.push(
        store.listCasesByEntity(key, { limit: SEARCH_LIMIT }).then((page) => ({
          kind: 'idNumber',
          records: page.items,
          more: !!page.cursor,
        })),
      );
    }
  }
  for (const domain of plan.domains ?? []) {
    searches.push(
      store
        .casesWithDomain(domain, SEARCH_LIMIT + 1)
        .then((ids) => viaLookup(deps, ids, (record) => caseLookupValues(record).domains.includes(domain)))
        .then((found) => ({ kind: 'domain', ...found })),
    );
  }
  if (plan.namePrefix) {
    const prefix = plan.namePrefix;
    searches.push(
      store
        .casesWithNamePrefix(prefix, SEARCH_LIMIT + 1)
        .then((ids) =>
          viaLookup(deps, ids, (record) => (caseLookupValues(record).name ?? '').startsWith(prefix)),
        )
        .then((found) => ({ kind: 'name', ...found })),
    );
  }
  if (searches.length === 0) throw apiError('SEARCH_TEXT_UNUSABLE', { field: 'q' });

  const hits = new Map<string, SearchHit>();
  let truncated = false;
  for (const result of await Promise.all(searches)) {
    truncated ||= result.more;
    for (const record of result.records) {
      if (!hits.has(record.caseId)) hits.set(record.caseId, { record, matchedBy: result.kind });
    }
  }
  const list = [...hits.values()];
  return { hits: list.slice(0, SEARCH_LIMIT), truncated: truncated || list.length > SEARCH_LIMIT };
}

/**
 * The cases behind lookup hits, read from the case items themselves: a hit the case no longer has
 * (its lookup item not yet deleted) is dropped, and what is shown is the case as it is now.
 */
async function viaLookup(
  deps: Pick<ApiDependencies, 'store'>,
  caseIds: string[],
  stillMatches: (record: CaseRecord) => boolean,
): Promise<{ records: CaseRecord[]; more: boolean }> {
  const records = await Promise.all(caseIds.slice(0, SEARCH_LIMIT).map((id) => deps.store.getCase(id)));
  return {
    records: records.filter((r): r is CaseRecord => !!r && stillMatches(r)),
    more: caseIds.length > SEARCH_LIMIT,
  };
}
