/**
 * The applicant's registered filings (functions/domain/filing-registry.ts) and the forms that start
 * from them: a case after the first is pre-filled from the approved case the registry names, so the
 * applicant retypes neither the entity nor the responsible person, and sees what the case changes.
 */
import type { Principal } from '#adapters/jwt-verifier';
import type { Application, ApplicationInput } from '#domain/application';
import type { CodedErrorBody, DomainError } from '#domain/errors';
import type { FilingType } from '#domain/filing';
import { entityActions, websiteActions } from '#domain/filing-actions';
import { actsOnEntity } from '#domain/filing-kinds';
import { type EntityFilings, entityNumberOf, findWebsite } from '#domain/filing-registry';
import { checkAgainstRegistry } from '#domain/registry-eligibility';
import type { ApiDependencies } from './dependencies.ts';
import { apiError } from './errors.ts';

/** One entity as the filings page shows it, with the actions that apply to it and to each website. */
export function filingView(filings: EntityFilings) {
  const { entity } = filings;
  return {
    entityNumber: entity.entityNumber,
    name: entity.name,
    applicantType: entity.applicantType,
    province: entity.province,
    status: entity.status,
    actions: entityActions(filings),
    websites: filings.websites.map((website) => {
      const access = filings.access.find((a) => a.icpNumber === website.icpNumber);
      return {
        icpNumber: website.icpNumber,
        name: website.name,
        domains: website.domains,
        responsiblePersonName: website.responsiblePerson.name,
        status: website.status,
        hostedHere: access?.status === 'ACTIVE',
        ipAddresses: access?.status === 'ACTIVE' ? access.ipAddresses : [],
        actions: websiteActions(filings, website),
      };
    }),
  };
}

/** The applicant's registered entities, by entity number. */
export async function listOwnFilings(deps: ApiDependencies, principal: Principal) {
  const owned = await deps.store.listFilingsByOwner(principal.subject);
  return owned.map(filingView);
}

/** The entity's filings if the applicant owns them; FILING_NOT_FOUND otherwise (never probe-able). */
async function ownFilings(
  deps: ApiDependencies,
  principal: Principal,
  number: string,
): Promise<EntityFilings> {
  const entityNumber = entityNumberOf(number);
  const filings = entityNumber ? await deps.store.getEntityFilings(entityNumber) : undefined;
  if (!filings || filings.entity.ownerSubject !== principal.subject) {
    throw apiError('FILING_NOT_FOUND', { field: 'icpNumber' });
  }
  return filings;
}

/**
 * The application a case of `kind` on the registered `icpNumber` starts from: the entity of the approved
 * case the registry names for the entity (its latest change), the responsible person of the website's
 * (or, for the entity, of its first filing); for a website, that website with its addresses as we host
 * it now (`current`, so the form can show what changes); for ADD_WEBSITE, no website yet (the new one is
 * what the applicant types); for a change or cancellation of the entity, its active websites as filed
 * (a claimed entity's: the sites its claim listed).
 */
export async function prefillFromRegistry(
  deps: ApiDependencies,
  principal: Principal,
  query: { icpNumber: string; kind: FilingType },
) {
  const filings = await ownFilings(deps, principal, query.icpNumber);
  const notAllowed = () => apiError('FILING_ACTION_NOT_ALLOWED', { field: 'kind' });
  const found = findWebsite(filings, query.icpNumber);
  const actions = found ? websiteActions(filings, found.website) : entityActions(filings);
  if (!actions.includes(query.kind)) throw notAllowed();
  const sourceCaseId = found?.website.sourceCaseId ?? filings.entity.sourceCaseId;
  const ownCase = async (caseId: string) => {
    const record = await deps.store.getCase(caseId);
    if (!record || record.applicantSubject !== principal.subject) throw notAllowed();
    return record;
  };
  const source = await ownCase(sourceCaseId);
  const entitySource =
    filings.entity.sourceCaseId === sourceCaseId ? source : await ownCase(filings.entity.sourceCaseId);
  const { commercial: _commercial, ...approved } = source.application;
  const base = {
    ...approved,
    applicant: entitySource.application.applicant,
    filingType: query.kind,
  } as ApplicationInput;
  if (!found) {
    // An entity claimed from elsewhere has no site on record yet: the sites its claim listed stand in.
    const onRecord = actsOnEntity(query.kind) ? await activeWebsites(filings, ownCase) : [];
    const websites =
      actsOnEntity(query.kind) && onRecord.length === 0 ? entitySource.application.websites : onRecord;
    const { applicant } = entitySource.application;
    return {
      kind: query.kind,
      icpNumber: filings.entity.entityNumber,
      basedOnCaseId: filings.entity.sourceCaseId,
      ...(actsOnEntity(query.kind)
        ? { current: { entityName: applicant.name, entityAddress: applicant.address } }
        : {}),
      application: { ...base, existingIcpNumber: filings.entity.entityNumber, websites },
    };
  }
  const filed = filedWebsite(source.application, found.website.domains);
  const ipAddresses = found.access?.ipAddresses ?? filed?.ipAddresses ?? [];
  const serverProvince = found.access?.serverProvince ?? filed?.serverProvince;
  return {
    kind: query.kind,
    icpNumber: found.website.icpNumber,
    basedOnCaseId: sourceCaseId,
    current: {
      name: found.website.name,
      domains: found.website.domains,
      ipAddresses,
      responsiblePersonName: found.website.responsiblePerson.name,
      ...(serverProvince ? { serverProvince } : {}),
    },
    application: {
      ...base,
      existingIcpNumber: found.website.icpNumber,
      websites: filed ? [{ ...filed, ipAddresses, ...(serverProvince ? { serverProvince } : {}) }] : [],
    },
  };
}

/** The website of an approved application that the registry's site (by its domains) was filed as. */
const filedWebsite = (application: Application, domains: readonly string[]) =>
  application.websites.find((w) => w.domains.some((d) => domains.includes(d))) ?? application.websites[0];

/** The entity's active websites as filed, with the addresses we host them at now (if we do). */
async function activeWebsites(
  filings: EntityFilings,
  ownCase: (caseId: string) => Promise<{ application: Application }>,
) {
  const sites = [];
  for (const website of filings.websites.filter((w) => w.status === 'ACTIVE')) {
    const filed = filedWebsite((await ownCase(website.sourceCaseId)).application, website.domains);
    if (!filed) continue;
    const access = filings.access.find((a) => a.icpNumber === website.icpNumber && a.status === 'ACTIVE');
    sites.push({
      ...filed,
      name: website.name,
      domains: website.domains,
      ...(access ? { ipAddresses: access.ipAddresses, serverProvince: access.serverProvince } : {}),
    });
  }
  return sites;
}

/** The registry's reasons against an application (./registry-eligibility.ts), for the draft routes. */
export async function registryReasons(
  deps: ApiDependencies,
  application: Pick<Application, 'filingType' | 'existingIcpNumber' | 'applicant' | 'websites'>,
  entityKey: string,
): Promise<CodedErrorBody[]> {
  const entityNumber = application.existingIcpNumber
    ? entityNumberOf(application.existingIcpNumber)
    : undefined;
  if (!entityNumber) return [];
  return checkAgainstRegistry(application, await deps.store.getEntityFilings(entityNumber), entityKey);
}

/**
 * OPEN_CASE_EXISTS naming the open case when it is the applicant's own (the console links it); another
 * applicant's case of the same entity stays unnamed, so case ids cannot be learnt this way.
 */
export async function openCaseError(deps: ApiDependencies, principal: Principal, error: DomainError) {
  const holder = error.caseId ? await deps.store.getCase(error.caseId) : undefined;
  if (!holder || holder.applicantSubject !== principal.subject) {
    return apiError('OPEN_CASE_EXISTS');
  }
  return apiError('OPEN_CASE_EXISTS', {
    message: `This applicant already has an open case, ${holder.caseId}; finish or withdraw it first.`,
    messageZh: `该主体已有未完结的备案案件 ${holder.caseId}，请先完成或撤回该案件。`,
    caseId: holder.caseId,
  });
}
