/**
 * The applicant told about override requests: an audit event and a bilingual email when a saved draft
 * newly needs a supervisor, and an email when a supervisor accepts a check. The emails go through the
 * case's outbox (functions/workflow/case-notifications.ts), once per request.
 */
import type { Actor, CaseRecord } from '#domain/case-record';
import { checkInWords, OVERRIDE_MEANING, OVERRIDE_TYPO_HINT } from '#domain/override-requests';
import { emailApplicant } from '#workflow/case-notifications';
import type { ApiDependencies } from './dependencies.ts';

const emailDeps = (deps: ApiDependencies) => ({
  store: deps.store,
  portalUrl: deps.settings.portalUrl ?? '',
  now: deps.now,
});

/**
 * After a draft is saved: when it asks for overrides it did not ask for before, records
 * OVERRIDE_REQUESTED and emails the applicant what that means. Saving the same request again
 * (an edit that leaves the typo) says nothing new.
 */
export async function noticeOverrideRequest(
  deps: ApiDependencies,
  before: Pick<CaseRecord, 'pendingOverrides'> | undefined,
  after: CaseRecord,
  actor: Actor,
): Promise<void> {
  const previous = new Set(before?.pendingOverrides ?? []);
  const pending = after.pendingOverrides ?? [];
  if (!pending.some((code) => !previous.has(code))) return;
  const codes = [...pending].sort();
  await deps.store.appendAudit({
    caseId: after.caseId,
    at: deps.now().toISOString(),
    idempotencyKey: `override-requested-${after.version}`,
    actor,
    action: 'OVERRIDE_REQUESTED',
    detail: { codes },
  });
  await emailApplicant(
    emailDeps(deps),
    after,
    'overrideRequested',
    { checks: codes.map(checkInWords), meaning: OVERRIDE_MEANING, typo: OVERRIDE_TYPO_HINT },
    `${codes.join('+')}#v${after.version}`,
  );
}

/** After a supervisor accepts `code`: emails the applicant, saying whether they may now submit. */
export async function noticeOverrideAccepted(deps: ApiDependencies, after: CaseRecord, code: string) {
  const accepted = new Set(after.acceptedOverrides ?? []);
  const stillPending = (after.pendingOverrides ?? []).filter((c) => !accepted.has(c)).length;
  await emailApplicant(
    emailDeps(deps),
    after,
    'overrideAccepted',
    { check: checkInWords(code), stillPending },
    `${code}#v${after.version}`,
  );
}
