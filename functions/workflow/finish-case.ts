import type { z } from 'zod';
import type { Bilingual } from '#domain/bilingual';
import { emailApplicant } from './case-notifications.ts';
import { loadCase } from './load-case.ts';
import { SYSTEM } from './step-audit.ts';
import type { FinishCaseInput, Reason } from './task-inputs.ts';
import type { WorkflowDependencies } from './workflow-dependencies.ts';

const bilingual = (r: Reason): Bilingual => ({ zh: r.messageZh, en: r.message });

/** Ends a case without a number (rejected, expired, withdrawn, no-show) and tells the applicant. */
export async function finishCase(
  deps: WorkflowDependencies,
  input: z.infer<typeof FinishCaseInput>,
): Promise<void> {
  const before = await loadCase(deps, input.caseId);
  if (before.status === input.outcome) await deps.store.releaseIfClosed(before); // a retry
  const record =
    before.status === input.outcome
      ? before
      : await deps.store.updateStatus({
          caseId: input.caseId,
          to: input.outcome,
          step: null,
          actor: SYSTEM,
          idempotencyKey: input.idempotencyKey,
          retryOnConflict: 5,
          ...(input.reasons.length ? { reason: input.reasons.map((r) => r.message).join('; ') } : {}),
          now: deps.now(),
        });
  const key = input.idempotencyKey;
  switch (input.outcome) {
    case 'REJECTED':
      return emailApplicant(deps, record, 'rejected', { reasons: input.reasons.map(bilingual) }, key);
    case 'EXPIRED':
      return emailApplicant(deps, record, 'expired', {}, key);
    case 'WITHDRAWN':
      return emailApplicant(deps, record, 'withdrawn', {}, key);
    case 'CLOSED_NO_SHOW':
      return emailApplicant(deps, record, 'noShow', { reschedulesLeft: 0 }, key);
  }
}
