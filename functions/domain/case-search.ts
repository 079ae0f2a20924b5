/**
 * What a staff member's search text can mean, and the normalised lookup values the case table keeps
 * for it (functions/adapters/case-lookups.ts). Pure: the API decides which index to ask from this.
 *
 * ID and credit-code numbers are never stored in clear (docs/data-model.md, entity key): a search by
 * one is a search by its keyed hash, so this module only says "it looks like an ID number"; the API
 * hashes it with the entity-key secret.
 */
import { parseDomain } from './domain-name.ts';
import { compactInput } from './errors.ts';
import { parseIcpNumber } from './icp-number.ts';

/** Case ids are `C-` + 20 Crockford base32 characters (functions/api/case-id.ts). */
const CASE_ID = /^C-[0-9A-HJKMNP-TV-Z]{20}$/;
/**
 * A resident ID number (GB 11643: 17 digits and a check character) or a Unified Social Credit Code
 * (GB 32100: 18 characters). The checksum is not required: a draft waiting for a supervisor's override
 * carries a credit code that fails it (CREDIT_CODE_CHECKSUM), and that is exactly one a supervisor looks for.
 */
const ID_LIKE = /^[0-9A-Z]{18}$/;
/** Names shorter than this match too many cases to be worth a query. */
export const MIN_NAME_PREFIX = 2;

export type SearchKind = 'caseId' | 'icpNumber' | 'idNumber' | 'domain' | 'name';

export interface SearchPlan {
  caseId?: string;
  icpNumber?: string;
  /** The compact, upper-case number (to hash as a resident ID and as a credit code). */
  idNumber?: string;
  /** ASCII (punycode) domains to look up: as typed, and without a leading `www.`. */
  domains?: string[];
  /** The normalised name prefix. */
  namePrefix?: string;
}

/**
 * The lookups a search text calls for. A text may mean more than one thing (a name can contain a
 * dot), so every reading that fits is kept; an empty plan means the text is too short or unusable.
 */
export function planSearch(raw: string): SearchPlan {
  const text = raw.normalize('NFKC').trim();
  const compact = compactInput(text).toUpperCase();
  const plan: SearchPlan = {};
  if (CASE_ID.test(compact)) plan.caseId = compact;
  const icp = parseIcpNumber(text);
  if (icp.ok) plan.icpNumber = icp.value.normalised;
  if (ID_LIKE.test(compact)) plan.idNumber = compact;
  const domains = searchDomains(text);
  if (domains.length) plan.domains = domains;
  const name = normaliseName(text);
  if ([...name].length >= MIN_NAME_PREFIX && !plan.caseId && !plan.icpNumber) plan.namePrefix = name;
  return plan;
}

/** Lookup form of an applicant's name: NFKC, lower case, no spaces (`Zhang San` = `zhangsan`). */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Lookup form of a filed domain: its ASCII form, lower case. */
export function normaliseDomain(domain: string): string | undefined {
  const parsed = parseDomain(domain);
  return parsed.ok ? parsed.value.ascii.toLowerCase() : undefined;
}

/** The domains a search text may name: a pasted URL is reduced to its host; `www.` is tried off too. */
function searchDomains(text: string): string[] {
  if (!text.includes('.') && !text.includes('。')) return [];
  const host = text
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .split(/[/?#]/)[0]
    ?.replace(/:\d+$/, '');
  const domain = host ? normaliseDomain(host) : undefined;
  if (!domain) return [];
  return domain.startsWith('www.') ? [domain, domain.slice(4)] : [domain];
}

/** The lookup keys a case is found under by domain and name (one per distinct value). */
export function caseLookupValues(record: {
  domains: readonly string[];
  application: { applicant: { name: string } };
}): { domains: string[]; name?: string } {
  const domains = [...new Set(record.domains.map((d) => normaliseDomain(d)).filter((d): d is string => !!d))];
  const name = normaliseName(record.application.applicant.name ?? '');
  return { domains, ...(name ? { name } : {}) };
}
