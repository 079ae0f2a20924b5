import type { z } from 'zod';
import { type Application, applicationSchema } from '#domain/application';
import { chinaDate } from '#domain/china-calendar';
import { parseDomain } from '#domain/domain-name';
import { checkEligibility as checkRules } from '#domain/eligibility';
import type { ErrorBody } from '#domain/errors';
import { needsInPersonVerification } from '#domain/filing-kinds';
import { entityNumberOf, isHostedHere } from '#domain/filing-registry';
import { knownFilingsFor } from '#domain/known-filings';
import type { RegistrarLookup } from '#domain/registrar-lookup';
import { checkAgainstRegistry } from '#domain/registry-eligibility';
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
    inPersonVerification: needsInPersonVerification(record.filingType, hostedHere),
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
  const reasons = [...rules.reasons, ...registryReasons];
  const result = { eligible: reasons.length === 0, reasons, warnings: rules.warnings };

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
