/**
 * The applicant's corrections after a bureau return (退回): only the application fields the bureau's
 * reasons named may change (documents it named are uploaded again through the usual upload route).
 * Once every named field is corrected and every document is valid, the workflow moves on to the
 * officer, who re-checks and submits again.
 */
import type { Principal } from '#adapters/jwt-verifier';
import { valueAtPath } from '#domain/bureau-return';
import type { CaseRecord } from '#domain/case-record';
import { chinaDate } from '#domain/china-calendar';
import { resumeDocumentsIfComplete } from '#workflow/documents-complete';
import { entityKeyFor, loadOwnCase, parseApplication } from './applicant-service.ts';
import type { ApiDependencies } from './dependencies.ts';
import { apiError } from './errors.ts';

export interface CorrectionsBody {
  corrections: { field: string; value: string | number }[];
}

/** Sets `value` at a dotted path that already holds a plain value (never creates one). */
function setAtPath(root: unknown, path: string, value: unknown): void {
  const parts = path.split('.');
  const last = parts.pop() as string;
  const parent = valueAtPath(root, parts.join('.')) as Record<string, unknown>;
  parent[last] = value;
}

/**
 * Applies the applicant's corrections of the fields the latest bureau return named: each must be one
 * of them (400 FIELD_NOT_RETURNED), the corrected application must still be valid (400 with the
 * issues) and name the same entity. Audited; resumes the documents step when nothing else is missing.
 */
export async function correctApplication(
  deps: ApiDependencies,
  principal: Principal,
  caseId: string,
  body: CorrectionsBody,
): Promise<CaseRecord> {
  const now = deps.now();
  const record = await loadOwnCase(deps, principal, caseId);
  const pending = record.pendingCorrections ?? [];
  if (record.status !== 'AWAITING_DOCUMENTS' || pending.length === 0)
    throw apiError('NO_CORRECTIONS_PENDING');
  const draft = structuredClone(record.application) as unknown;
  body.corrections.forEach(({ field, value }, i) => {
    if (!pending.includes(field)) {
      throw apiError('FIELD_NOT_RETURNED', {
        message: `The bureau did not return ${field}: correct only ${pending.join(', ')}.`,
        messageZh: `管局未要求修改 ${field}，请只修改：${pending.join('、')}。`,
        field: `corrections.${i}.field`,
      });
    }
    setAtPath(draft, field, value);
  });
  const { application } = parseApplication(draft, {
    today: chinaDate(now),
    acceptedOverrides: record.acceptedOverrides ?? [],
  });
  if (entityKeyFor(application, deps.settings.entityKeySecret) !== record.entityKey) {
    throw apiError('ENTITY_CHANGE_NOT_ALLOWED', { field: 'corrections' });
  }
  const corrected = new Set(body.corrections.map((c) => c.field));
  const updated = await deps.store.modifyCase(
    caseId,
    (current) => {
      if (current.status !== 'AWAITING_DOCUMENTS') throw apiError('NO_CORRECTIONS_PENDING');
      const stillPending = (current.pendingCorrections ?? []).filter((f) => !corrected.has(f));
      const next: CaseRecord = { ...current, application };
      if (stillPending.length) next.pendingCorrections = stillPending;
      else delete next.pendingCorrections;
      return next;
    },
    { now },
  );
  await deps.store.appendAudit({
    caseId,
    at: now.toISOString(),
    idempotencyKey: `corrected-${updated.version}`,
    actor: { subject: principal.subject, role: 'applicant' },
    action: 'APPLICATION_CORRECTED',
    detail: { fields: [...corrected] },
  });
  await resumeDocumentsIfComplete(deps.store, deps.sfn, caseId);
  return updated as CaseRecord;
}
