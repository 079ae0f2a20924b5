import type { z } from 'zod';
import type { Bilingual } from '#domain/bilingual';
import { type BureauReturnReason, returnedFields } from '#domain/bureau-return';
import { DOCUMENT_RULES } from '#domain/document-types';
import { emailApplicant } from './case-notifications.ts';
import { SYSTEM, stepTime } from './step-audit.ts';
import type { ReturnFromBureauInput } from './task-inputs.ts';
import type { WorkflowDependencies } from './workflow-dependencies.ts';

/** What a reason tells the applicant to correct, as the email names it. */
function correctionOf(reason: BureauReturnReason): Bilingual | undefined {
  if (reason.docType) {
    const rule = DOCUMENT_RULES[reason.docType];
    return { zh: `重新上传“${rule.labelZh}”`, en: `upload the ${rule.labelEn} again` };
  }
  if (reason.field)
    return { zh: `修改申请信息 ${reason.field}`, en: `correct the application field ${reason.field}` };
  return undefined;
}

/**
 * The bureau returned the filing (退回, not a rejection; an unanswered or failed SMS check returns it
 * too). Keeps the return on the case, sends the documents it names back to the applicant (they upload
 * only these again, through the usual upload path), clears the finished SMS window, moves the case
 * back to waiting on the applicant and emails the reasons. The workflow then waits for the documents
 * (at once complete when none are named), the officer re-checks and submits again.
 */
export async function returnFromBureau(
  deps: WorkflowDependencies,
  input: z.infer<typeof ReturnFromBureauInput>,
): Promise<void> {
  const now = deps.now();
  const returnedAt = stepTime(input.idempotencyKey, now);
  const returned = await deps.store.modifyCase(
    input.caseId,
    (current) => {
      if (current.bureauReturns?.some((r) => r.round === input.round)) return undefined; // a retry
      for (const reason of input.reasons) {
        const summary = reason.docType ? current.documents[reason.docType] : undefined;
        if (!reason.docType || !summary) continue;
        current.documents[reason.docType] = {
          ...summary,
          status: 'REJECTED_BY_OFFICER',
          findings: [
            ...summary.findings,
            {
              code: reason.code ?? 'BUREAU_RETURNED',
              severity: 'ERROR',
              message: reason.message,
              messageZh: reason.messageZh,
              // The applicant's page lists it under its own heading, apart from the automatic checks.
              source: 'BUREAU',
            },
          ],
        };
      }
      const { smsWindow: _closed, ...rest } = current;
      const fields = returnedFields(input.reasons);
      return {
        ...rest,
        ...(fields.length ? { pendingCorrections: fields } : {}),
        bureauReturns: [
          ...(current.bureauReturns ?? []),
          { round: input.round, returnedAt, reasons: input.reasons, returnsLeft: input.returnsLeft },
        ],
      };
    },
    { now },
  );
  const record =
    returned.status === 'AWAITING_DOCUMENTS'
      ? returned
      : await deps.store.updateStatus({
          caseId: input.caseId,
          to: 'AWAITING_DOCUMENTS',
          step: null,
          actor: SYSTEM,
          idempotencyKey: input.idempotencyKey,
          retryOnConflict: 5,
          reason: input.reasons.map((r) => r.message).join('; '),
          now,
        });
  await deps.store.appendAudit({
    caseId: input.caseId,
    at: returnedAt,
    idempotencyKey: `${input.idempotencyKey}#returned`,
    actor: SYSTEM,
    action: 'BUREAU_RETURNED',
    detail: {
      round: input.round,
      returnsLeft: input.returnsLeft,
      reasons: input.reasons.map((r) => ({
        ...(r.code ? { code: r.code } : {}),
        ...(r.docType ? { docType: r.docType } : {}),
        ...(r.field ? { field: r.field } : {}),
      })),
    },
  });
  await emailApplicant(
    deps,
    record,
    'returnedByBureau',
    {
      reasons: input.reasons.map((r) => {
        const correct = correctionOf(r);
        return { reason: { zh: r.messageZh, en: r.message }, ...(correct ? { correct } : {}) };
      }),
      returnsLeft: input.returnsLeft,
    },
    input.idempotencyKey,
  );
}
