/**
 * The registry of what was approved: per entity (its main number, 京ICP备…号), its websites (-N numbers,
 * domains, responsible person) and the access records of the sites we host (their IP addresses). Every
 * case after the first starts from it, and the applicant's filings page lists it. It is written when a
 * case is approved (functions/workflow/issue-number.ts) by `applyApprovedCase`, a pure function of the
 * registry before and the approved case, so a retried task writes the same items again.
 *
 * No ID number is kept here: the entity is identified by its opaque entity key (an HMAC, see
 * functions/adapters/case-items.ts `entityKeyOf`), and the full details of an entity or site are those
 * of the approved case named by `sourceCaseId`, which forms start from.
 */
import type { ApplicantType, FilingType } from './filing.ts';
import { actsOnEntity } from './filing-kinds.ts';
import { parseIcpNumber } from './icp-number.ts';

export type RegistryStatus = 'ACTIVE' | 'CANCELLED';

export interface RegisteredEntity {
  /** The entity's main number, without a site suffix: 京ICP备2026012345号. */
  entityNumber: string;
  /** The OIDC subject of the applicant who owns the filing (lists it on their page). */
  ownerSubject: string;
  /** Opaque key of the applicant entity (never an ID number). */
  entityKey: string;
  applicantType: ApplicantType;
  name: string;
  province: string;
  status: RegistryStatus;
  /** The approved case whose application holds the entity's details. */
  sourceCaseId: string;
  /** The last approved case that changed this entity's filings. */
  updatedByCaseId: string;
  updatedAt: string;
}

export interface RegisteredWebsite {
  entityNumber: string;
  /** The website's number: 京ICP备2026012345号-1. */
  icpNumber: string;
  siteNumber: number;
  name: string;
  domains: string[];
  responsiblePerson: { name: string; email: string };
  status: RegistryStatus;
  /** The approved case whose application holds the website and its responsible person. */
  sourceCaseId: string;
  updatedByCaseId: string;
  updatedAt: string;
}

/** That we host a website: its servers' addresses here (接入信息). */
export interface AccessRecord {
  entityNumber: string;
  icpNumber: string;
  ipAddresses: string[];
  serverProvince: string;
  status: RegistryStatus;
  updatedByCaseId: string;
  updatedAt: string;
}

/** One entity's part of the registry. */
export interface EntityFilings {
  entity: RegisteredEntity;
  websites: RegisteredWebsite[];
  access: AccessRecord[];
}

/** What of an approved case the registry needs (a CaseRecord fits). */
export interface ApprovedCase {
  caseId: string;
  applicantSubject: string;
  entityKey: string;
  applicantType: ApplicantType;
  filingType: FilingType;
  province: string;
  application: {
    applicant: { name: string };
    websites: { name: string; domains: string[]; ipAddresses: string[]; serverProvince: string }[];
    responsiblePerson: { name: string; email: string };
    existingIcpNumber?: string | undefined;
  };
}

const siteNumberOf = (icpNumber: string): { entityNumber: string; siteNumber: number } | undefined => {
  const parsed = parseIcpNumber(icpNumber);
  if (!parsed.ok || parsed.value.siteNumber === undefined) return undefined;
  return { entityNumber: parsed.value.entityNumber, siteNumber: parsed.value.siteNumber };
};

/** The entity number a case's ICP number (with or without a site suffix) belongs to. */
export function entityNumberOf(icpNumber: string): string | undefined {
  const parsed = parseIcpNumber(icpNumber);
  return parsed.ok ? parsed.value.entityNumber : undefined;
}

/**
 * The entity's filings after `approved` ends with the bureau's `icpNumber` (a website number, -N; the
 * entity's main number for the kinds that act on the entity):
 *
 * - GENERAL, ADD_WEBSITE, TRANSFER_IN, CHANGE_HOSTING: the case's websites become (or replace) the
 *   entity's websites with access records here. A GENERAL case's websites are numbered from the
 *   decision's site number on, in the order filed (the bureau numbers each site; the decision records
 *   the first).
 * - CHANGE_ACCESS: the site's access record takes the case's addresses.
 * - CHANGE_WEBSITE: the site takes the case's name, domains and responsible person; its details are
 *   the case's from now on (`sourceCaseId`). Its access record is CHANGE_ACCESS's business.
 * - CANCEL_WEBSITE: the site and its access record are marked cancelled (kept, for the history).
 * - CANCEL_ACCESS: only the access record is marked cancelled; the site stays filed.
 * - CHANGE_ENTITY: the entity takes the case's name, and its details are the case's from now on.
 * - CANCEL_ENTITY: the entity, every website and every access record are marked cancelled.
 * - CLAIM: the entity is recorded under its existing number, owned by the claimant; its websites come
 *   in with their own cases (TRANSFER_IN), which know their numbers.
 *
 * COMMERCIAL licences are not filings of a website and change nothing here.
 */
export function applyApprovedCase(
  before: EntityFilings | undefined,
  approved: ApprovedCase,
  icpNumber: string,
  at: string,
): EntityFilings | undefined {
  if (approved.filingType === 'COMMERCIAL') return before;
  const entityNumber = entityNumberOf(icpNumber);
  const decided = siteNumberOf(icpNumber);
  if (!entityNumber || (!decided && !actsOnEntity(approved.filingType))) return before;
  const stamp = { updatedByCaseId: approved.caseId, updatedAt: at };
  const { application } = approved;
  let entity: RegisteredEntity = before?.entity
    ? { ...before.entity, status: 'ACTIVE', ...stamp }
    : {
        entityNumber,
        ownerSubject: approved.applicantSubject,
        entityKey: approved.entityKey,
        applicantType: approved.applicantType,
        name: application.applicant.name,
        province: approved.province,
        status: 'ACTIVE',
        sourceCaseId: approved.caseId,
        ...stamp,
      };
  const websites = new Map((before?.websites ?? []).map((w) => [w.icpNumber, w]));
  const access = new Map((before?.access ?? []).map((a) => [a.icpNumber, a]));
  const responsiblePerson = {
    name: application.responsiblePerson.name,
    email: application.responsiblePerson.email,
  };

  switch (approved.filingType) {
    case 'CHANGE_ENTITY':
      entity = { ...entity, name: application.applicant.name, sourceCaseId: approved.caseId };
      break;
    case 'CANCEL_ENTITY':
      entity = { ...entity, status: 'CANCELLED' };
      for (const [number, site] of websites) websites.set(number, { ...site, status: 'CANCELLED', ...stamp });
      for (const [number, hosted] of access) access.set(number, { ...hosted, status: 'CANCELLED', ...stamp });
      break;
    case 'CLAIM':
      break;
    case 'CHANGE_WEBSITE': {
      const site = websites.get(icpNumber);
      const changed = application.websites[0];
      if (site && changed) {
        websites.set(icpNumber, {
          ...site,
          name: changed.name,
          domains: [...changed.domains],
          responsiblePerson,
          sourceCaseId: approved.caseId,
          ...stamp,
        });
      }
      break;
    }
    case 'CHANGE_ACCESS': {
      const site = application.websites[0];
      const current = access.get(icpNumber);
      if (site) {
        access.set(icpNumber, {
          entityNumber,
          icpNumber,
          ipAddresses: [...site.ipAddresses],
          serverProvince: site.serverProvince,
          status: 'ACTIVE',
          ...stamp,
        });
      } else if (current) access.set(icpNumber, { ...current, ...stamp });
      break;
    }
    case 'CANCEL_ACCESS': {
      // The website stays filed (elsewhere from now on); only our access ends.
      const hosted = access.get(icpNumber);
      if (hosted) access.set(icpNumber, { ...hosted, status: 'CANCELLED', ...stamp });
      break;
    }
    case 'CANCEL_WEBSITE': {
      const site = websites.get(icpNumber);
      if (site) websites.set(icpNumber, { ...site, status: 'CANCELLED', ...stamp });
      const hosted = access.get(icpNumber);
      if (hosted) access.set(icpNumber, { ...hosted, status: 'CANCELLED', ...stamp });
      break;
    }
    default: {
      if (!decided) break;
      application.websites.forEach((site, i) => {
        const number = `${entityNumber}-${decided.siteNumber + i}`;
        websites.set(number, {
          entityNumber,
          icpNumber: number,
          siteNumber: decided.siteNumber + i,
          name: site.name,
          domains: [...site.domains],
          responsiblePerson,
          status: 'ACTIVE',
          sourceCaseId: approved.caseId,
          ...stamp,
        });
        access.set(number, {
          entityNumber,
          icpNumber: number,
          ipAddresses: [...site.ipAddresses],
          serverProvince: site.serverProvince,
          status: 'ACTIVE',
          ...stamp,
        });
      });
    }
  }
  const bySite = <T extends { icpNumber: string }>(items: Iterable<T>) =>
    [...items].sort(
      (a, b) => (siteNumberOf(a.icpNumber)?.siteNumber ?? 0) - (siteNumberOf(b.icpNumber)?.siteNumber ?? 0),
    );
  return { entity, websites: bySite(websites.values()), access: bySite(access.values()) };
}

/** The website of `icpNumber` in the entity's filings, with its access record here (if we host it). */
export function findWebsite(
  filings: EntityFilings | undefined,
  icpNumber: string,
): { website: RegisteredWebsite; access?: AccessRecord } | undefined {
  const website = filings?.websites.find((w) => w.icpNumber === icpNumber);
  if (!website) return undefined;
  const access = filings?.access.find((a) => a.icpNumber === icpNumber);
  return access ? { website, access } : { website };
}

/** True when we host the site of `icpNumber` now (an active access record). */
export const isHostedHere = (filings: EntityFilings | undefined, icpNumber: string): boolean =>
  filings?.access.some((a) => a.icpNumber === icpNumber && a.status === 'ACTIVE') ?? false;

/** Where the registry is kept (functions/adapters/filing-registry-items.ts in DynamoDB). */
export interface FilingRegistry {
  /** One entity's filings, or undefined when it has none on record. */
  getEntityFilings(entityNumber: string): Promise<EntityFilings | undefined>;
  /** Writes the entity's filings as given (every item put as it is: repeating it changes nothing). */
  putEntityFilings(filings: EntityFilings): Promise<void>;
  /** Every entity's filings an applicant owns, by entity number. */
  listFilingsByOwner(subject: string): Promise<EntityFilings[]>;
}
