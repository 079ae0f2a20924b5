import type { z } from 'zod';
import { parseDecisionNumber } from '#domain/decision-number';
import { icpFooterSnippet } from '#domain/icp-footer';
import { emailApplicant } from './case-notifications.ts';
import { FILING_TYPE_LABELS } from './filing-labels.ts';
import { markFilingCommercial } from './licence-approval.ts';
import { loadCase } from './load-case.ts';
import { recordApprovedFiling, UPDATE_OUTCOMES } from './record-approved-filing.ts';
import { SYSTEM, stepTime } from './step-audit.ts';
import type { IssueNumberInput } from './task-inputs.ts';
import type { WorkflowDependencies } from './workflow-dependencies.ts';

/**
 * Stores the bureau's ICP number, approves the case, records the result in the filing registry and
 * sends the number with its footer snippet (or, for a change or cancellation, what took effect).
 */
export async function issueNumber(
  deps: WorkflowDependencies,
  input: z.infer<typeof IssueNumberInput>,
): Promise<{ icpNumber: string }> {
  const parsed = parseDecisionNumber(input.icpNumber);
  // The API validated the number before resuming the workflow; this guards the stored value.
  if (!parsed.ok) throw new Error(`Not an ICP number: ${parsed.error.message}`);
  const icpNumber = parsed.value.normalised;
  const before = await loadCase(deps, input.caseId);
  // The registry first: once the case reads APPROVED, its filings already show what it changed.
  await recordApprovedFiling(
    deps,
    before,
    icpNumber,
    input.idempotencyKey,
    stepTime(input.idempotencyKey, deps.now()),
  );
  if (before.status === 'APPROVED') await deps.store.releaseIfClosed(before); // a retry
  const record =
    before.status === 'APPROVED'
      ? before
      : await deps.store.updateStatus({
          caseId: input.caseId,
          to: 'APPROVED',
          step: null,
          icpNumber,
          actor: SYSTEM,
          idempotencyKey: input.idempotencyKey,
          retryOnConflict: 5,
          now: deps.now(),
        });
  if (record.filingType === 'COMMERCIAL') await markFilingCommercial(deps, record, icpNumber);
  const outcome = UPDATE_OUTCOMES[record.filingType];
  if (outcome) {
    await emailApplicant(
      deps,
      record,
      'filingUpdated',
      { filingType: FILING_TYPE_LABELS[record.filingType], icpNumber, outcome },
      input.idempotencyKey,
    );
    return { icpNumber };
  }
  await emailApplicant(
    deps,
    record,
    'approved',
    { icpNumber, footerSnippet: icpFooterSnippet(icpNumber) },
    input.idempotencyKey,
  );
  return { icpNumber };
}
