import type { z } from 'zod';
import { TERMINAL_STATUSES } from '#domain/case-status';
import { loadCase } from './load-case.ts';
import { SYSTEM } from './step-audit.ts';
import type { MarkFailedInput } from './task-inputs.ts';
import type { WorkflowDependencies } from './workflow-dependencies.ts';

/**
 * A task failed for good: the case shows FAILED so officers see it on the case page and in alarms.
 * Only the error name is recorded; causes can hold personal data.
 */
export async function markFailed(
  deps: WorkflowDependencies,
  input: z.infer<typeof MarkFailedInput>,
): Promise<void> {
  const record = await loadCase(deps, input.caseId);
  if (TERMINAL_STATUSES.has(record.status)) return deps.store.releaseIfClosed(record); // a retry
  await deps.store.updateStatus({
    caseId: input.caseId,
    to: 'FAILED',
    step: null,
    actor: SYSTEM,
    idempotencyKey: input.idempotencyKey,
    retryOnConflict: 5,
    reason: input.error ?? 'unknown error',
    now: deps.now(),
  });
}
