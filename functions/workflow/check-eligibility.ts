import type { z } from 'zod';
import { type Application, applicationSchema } from '#domain/application';
import type { CaseRecord } from '#domain/case-record';
import { chinaDate } from '#domain/china-calendar';
import { parseDomain } from '#domain/domain-name';
import { checkEligibility as checkRules } from '#domain/eligibility';
import type { ErrorBody } from '#domain/errors';
import { FILING_KINDS, needsInPersonVerification } from '#domain/filing-kinds';
import { type EntityFilings, entityNumberOf, findWebsite, isHostedHere } from '#domain/filing-registry';
import { knownFilingsFor } from '#domain/known-filings';
import type { RegistrarLookup } from '#domain/registrar-lookup';
import { checkAgainstRegistry, uniqueReasons } from '#domain/registry-eligibility';
import { fromZodError } from '#domain/zod-errors';
import { loadCase } from './load-case.ts';
import { SYSTEM, stepTime } from './step-audit.ts';
import type { CaseTaskInput } from './task-inputs.ts';
import type { WorkflowDependencies } from './workflow-dependencies.ts';

/** Which optional steps this case's workflow runs (see statemachines/README.md). */
export interface WorkflowPlan {
  licenceReview: boolean;
  inPersonVerification: boolean;
}

export interface EligibilityOutcome {
  eligible: boolean;
  reasons: ErrorBody[];
  /** For the officer, never a refusal (added later: older definitions ignore it). */
  warnings: ErrorBody[];
  plan: WorkflowPlan;
}

/**
 * The domain's eligibility rules on the submitted application, with what only the store knows: the
 * filings already approved under the ICP number a COMMERCIAL, ADD_WEBSITE or CHANGE_HOSTING case
 * builds on, and the filing registry (what a case acting on a filed website needs; whether we already
 * host the site, which decides the in-person verification of a hosting change). One open case per
 * entity is already enforced by the store's entity lock.
 */
export async function checkEligibility(
  deps: WorkflowDependencies,
  input: z.infer<typeof CaseTaskInput>,
): Promise<EligibilityOutcome> {
  const record = await loadCase(deps, input.caseId);
  const today = chinaDate(deps.now());
  const existing = record.application.existingIcpNumber;
  const entityNumber = existing ? entityNumberOf(existing) : undefined;
  const filings = entityNumber ? await deps.store.getEntityFilings(entityNumber) : undefined;
  // A number without a site suffix (a hosting change of the entity) counts as hosted here when any of
  // its sites is.
  const hostedHere =
    existing !== undefined &&
    (isHostedHere(filings, existing) ||
      (existing === entityNumber && (filings?.access ?? []).some((a) => a.status === 'ACTIVE')));
  const plan: WorkflowPlan = {
    licenceReview: record.filingType === 'COMMERCIAL',
    inPersonVerification: needsInPersonVerification(record.filingType, {
      hostedHere,
      responsiblePersonChanges: await responsiblePersonChanges(deps, record, filings),
    }),
  };
  const parsed = applicationSchema({
    today: () => today,
    acceptedOverrides: record.acceptedOverrides ?? [],
  }).safeParse(record.application);
  const registrars = parsed.success ? await lookUpRegistrars(deps.registrars, parsed.data) : undefined;
  const rules = parsed.success
    ? checkRules(parsed.data, {
        today,
        providerAddressRanges: deps.hostingCidrs,
        openCaseApplicantKeys: [],
        knownFilings: await knownFilingsFor(deps.store, parsed.data),
        domainRegistrars: registrars?.found ?? {},
        unresolvedRegistrars: registrars?.unresolved ?? [],
        acceptedOverrides: record.acceptedOverrides ?? [],
      })
    : { eligible: false, reasons: fromZodError(parsed.error, record.application), warnings: [] };
  const registryReasons = parsed.success ? checkAgainstRegistry(parsed.data, filings, record.entityKey) : [];
  const reasons = uniqueReasons([...rules.reasons, ...registryReasons]);
  const result = { eligible: reasons.length === 0, reasons, warnings: rules.warnings };

  await storeWarnings(deps, record, result.warnings);
  await deps.store.appendAudit({
    caseId: input.caseId,
    at: stepTime(input.idempotencyKey, deps.now()),
    idempotencyKey: input.idempotencyKey,
    actor: SYSTEM,
    action: 'ELIGIBILITY_CHECKED',
    detail: {
      eligible: result.eligible,
      reasons: result.reasons.map((r) => r.code),
      // What the officer should look at: the codes and the fields they concern (no personal data).
      warnings: result.warnings.map((w) => ({ code: w.code, field: w.field })),
      registrars: registrars?.found ?? {},
    },
  });
  return { eligible: result.eligible, reasons: result.reasons, warnings: result.warnings, plan };
}

/**
 * Whether the case names another responsible person for its website than the one on file: the person
 * of the approved case the registry names for the site, compared by ID document (a name can repeat).
 * Only the kinds whose verification depends on it ask (CHANGE_WEBSITE); an unknown site counts as a
 * change (nobody here has verified its person).
 */
async function responsiblePersonChanges(
  deps: WorkflowDependencies,
  record: CaseRecord,
  filings: EntityFilings | undefined,
): Promise<boolean> {
  if (FILING_KINDS[record.filingType].inPersonVerification !== 'when-responsible-person-changes')
    return false;
  const existing = record.application.existingIcpNumber;
  const site = existing ? findWebsite(filings, existing) : undefined;
  const source = site ? await deps.store.getCase(site.website.sourceCaseId) : undefined;
  if (!source) return true;
  const before = source.application.responsiblePerson;
  const now = record.application.responsiblePerson;
  return before.idType !== now.idType || before.idNumber !== now.idNumber;
}

/**
 * Keeps the check's warnings on the case for the officer's page (replacing an earlier check's, so a
 * resubmitted case shows what holds now). A repeated check with the same warnings writes nothing.
 */
async function storeWarnings(deps: WorkflowDependencies, record: CaseRecord, warnings: ErrorBody[]) {
  const stored = warnings.map(({ code, message, messageZh, field }) => ({
    code,
    message,
    messageZh,
    ...(field ? { field } : {}),
  }));
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (same(record.eligibilityWarnings ?? [], stored)) return;
  await deps.store.modifyCase(
    record.caseId,
    (current) =>
      same(current.eligibilityWarnings ?? [], stored)
        ? undefined
        : { ...current, eligibilityWarnings: stored },
    { now: deps.now() },
  );
}

/**
 * The registrar of each registrable domain of the application, looked up in parallel. A failed lookup
 * is recorded as unresolved: the officer checks it at review, the case goes on.
 */
async function lookUpRegistrars(
  lookup: RegistrarLookup,
  application: Application,
): Promise<{ found: Record<string, string>; unresolved: string[] }> {
  const domains = new Set(
    application.websites.flatMap((site) =>
      site.domains.flatMap((raw) => {
        const parsed = parseDomain(raw);
        return parsed.ok ? [parsed.value.registrableDomain] : [];
      }),
    ),
  );
  const found: Record<string, string> = {};
  const unresolved: string[] = [];
  await Promise.all(
    [...domains].map(async (domain) => {
      const result = await lookup.registrarOf(domain).catch(() => ({ found: false as const }));
      if (result.found) found[domain] = result.registrar;
      else unresolved.push(domain);
    }),
  );
  return { found, unresolved: unresolved.sort() };
}
