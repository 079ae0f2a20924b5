/**
 * The eligibility rules that need the filing registry (./filing-registry.ts): a case that acts on a
 * filed website needs that website on record as the kind requires (hosted here to change its access
 * or cancel it; not hosted here to transfer it in), a number on record belongs to one entity, a
 * cancelled entity takes no further case, an entity changes its details but never its ID, and a claim
 * is for a number not on record yet. Run beside ./eligibility.ts by the API (creating a draft) and the
 * workflow (CheckEligibility).
 */
import type { Application } from './application.ts';
import { parseDomain } from './domain-name.ts';
import { type CodedErrorBody, errorBody } from './errors.ts';
import { FILING_KINDS } from './filing-kinds.ts';
import { type EntityFilings, findWebsite, isHostedHere } from './filing-registry.ts';

/** Every reason the registry gives against the application (empty when it has none). */
export function checkAgainstRegistry(
  application: Pick<Application, 'filingType' | 'existingIcpNumber'> & {
    applicant?: Pick<Application['applicant'], 'province'>;
    websites?: readonly Partial<Pick<Application['websites'][number], 'ipAddresses' | 'domains'>>[];
  },
  filings: EntityFilings | undefined,
  entityKey: string,
): CodedErrorBody[] {
  const number = application.existingIcpNumber;
  if (!number || !FILING_KINDS[application.filingType].buildsOnExistingNumber) return [];
  const field = 'existingIcpNumber';
  // A claim brings a number we have no record of; one on record is already someone's here.
  if (application.filingType === 'CLAIM') {
    return filings ? [errorBody('FILING_ALREADY_ON_RECORD', { field })] : [];
  }
  if (filings && filings.entity.entityKey !== entityKey) {
    // A new credit code or ID number is another entity: say so, and how to proceed.
    if (application.filingType === 'CHANGE_ENTITY') {
      return [errorBody('ENTITY_ID_CANNOT_CHANGE', { field: 'applicant' })];
    }
    return [errorBody('EXISTING_ICP_NUMBER_NOT_OF_ENTITY', { field })];
  }
  if (filings?.entity.status === 'CANCELLED') return [errorBody('ENTITY_CANCELLED', { field })];
  const found = findWebsite(filings, number);
  switch (application.filingType) {
    case 'CHANGE_ENTITY': {
      // An entity files with the bureau of the province of its domicile (MIIT Order No. 33, art. 3 para. 2:
      // 向其住所所在地省通信管理局履行备案手续; quoted by MIIT's Tianjin list of powers, read 2026-12-02:
      // https://wap.miit.gov.cn/qzqd/tjstxglj/qlqd/xzxk/art/2020/art_616d04a7d4cc4fc2afa14fd567ff9f3b.html):
      // the number's province keeps the filing, so a move is a new filing there.
      const province = application.applicant?.province;
      if (filings && province && province !== filings.entity.province) {
        return [errorBody('ENTITY_PROVINCE_CANNOT_CHANGE', { field: 'applicant.province' })];
      }
      return [];
    }
    // A site's filing changes through the provider that hosts it; its addresses change by CHANGE_ACCESS
    // (a website change would otherwise drop new addresses unrecorded).
    case 'CHANGE_WEBSITE': {
      if (found?.website.status === 'CANCELLED') return [errorBody('WEBSITE_CANCELLED', { field })];
      if (!isHostedHere(filings, number)) return [errorBody('SITE_NOT_HOSTED_HERE', { field })];
      const hosted = found?.access?.ipAddresses ?? [];
      const asked = application.websites?.[0]?.ipAddresses ?? hosted;
      const same = asked.length === hosted.length && asked.every((ip) => hosted.includes(ip));
      return [
        ...(same
          ? []
          : [errorBody('ADDRESSES_CHANGE_BY_ACCESS_CHANGE', { field: 'websites.0.ipAddresses' })]),
        ...domainsOfOtherSites(application.websites?.[0]?.domains ?? [], filings, number),
      ];
    }
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

/**
 * A changed website may take a new domain, but not one another live site of the entity already
 * files: a domain is filed once (the same rule as DOMAIN_ALREADY_FILED for a new site, ./eligibility.ts).
 */
function domainsOfOtherSites(
  domains: readonly string[],
  filings: EntityFilings | undefined,
  siteNumber: string,
): CodedErrorBody[] {
  const registrable = (raw: string) => {
    const parsed = parseDomain(raw);
    return parsed.ok ? parsed.value.registrableDomain : undefined;
  };
  const changed = findWebsite(filings, siteNumber)?.website.icpNumber;
  const elsewhere = new Set(
    (filings?.websites ?? [])
      .filter((site) => site.status !== 'CANCELLED' && site.icpNumber !== changed)
      .flatMap((site) => site.domains.map(registrable)),
  );
  return domains.flatMap((domain, j) => {
    const key = registrable(domain);
    return key && elsewhere.has(key)
      ? [errorBody('DOMAIN_ALREADY_FILED', { field: `websites.0.domains.${j}` })]
      : [];
  });
}

/** Reasons from both rule sets once each (the same code on the same field is one reason). */
export function uniqueReasons(reasons: readonly CodedErrorBody[]): CodedErrorBody[] {
  const seen = new Set<string>();
  return reasons.filter((r) => {
    const key = `${r.code}#${r.field ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
