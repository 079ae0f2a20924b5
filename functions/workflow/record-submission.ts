import type { z } from 'zod';
import { chinaDate } from '#domain/china-calendar';
import { type ProvinceCode, provinceByCode } from '#domain/provinces';
import { bureauDueFor } from '#domain/sla';
import { emailApplicant } from './case-notifications.ts';
import { loadCase } from './load-case.ts';
import { SYSTEM } from './step-audit.ts';
import type { RecordSubmissionInput } from './task-inputs.ts';
import type { WorkflowDependencies } from './workflow-dependencies.ts';

/**
 * The officer submitted the filing to the provincial communications administration: the case is now
 * at the bureau, whose legal period is 20 working days on the China calendar (MIIT Order 33 art. 12, in
 * every province; provisional when it crosses an unpublished holiday year), and the applicant is told to
 * expect the bureau's SMS verification.
 */
export async function recordSubmission(
  deps: WorkflowDependencies,
  input: z.infer<typeof RecordSubmissionInput>,
): Promise<{ dueDate: string }> {
  const loaded = await loadCase(deps, input.caseId);
  const province = loaded.province as ProvinceCode;
  const due = bureauDueFor(chinaDate(input.submission.submittedAt), province, loaded.filingType);
  const dueDate = due.date;
  // The submission goes on the case before the SMS and decision steps park, so that the API can hold
  // the bureau's decision (and the SMS verification) to it. A retried task (same submission) leaves it
  // as it was; a resubmission after a bureau return replaces it, keeping the earlier one, and starts
  // the SMS check afresh.
  const submittedAt = input.submission.submittedAt;
  const before =
    loaded.submission?.submittedAt === submittedAt
      ? loaded
      : await deps.store.modifyCase(
          input.caseId,
          (current) => {
            if (current.submission?.submittedAt === submittedAt) return undefined;
            const { smsVerification: _done, smsWindow: _closed, ...rest } = current;
            return {
              ...rest,
              ...(current.submission
                ? { previousSubmissions: [...(current.previousSubmissions ?? []), current.submission] }
                : {}),
              submission: {
                submittedAt,
                ...(input.submission.reference ? { reference: input.submission.reference } : {}),
                recordedAt: deps.now().toISOString(),
              },
            };
          },
          { now: deps.now() },
        );
  const record =
    before.status === 'AT_BUREAU'
      ? before
      : await deps.store.updateStatus({
          caseId: input.caseId,
          to: 'AT_BUREAU',
          // The step (and the queue) is set when the decision step has parked with its token.
          step: null,
          dueDate,
          actor: SYSTEM,
          idempotencyKey: input.idempotencyKey,
          retryOnConflict: 5,
          now: deps.now(),
        });
  const bureau = provinceByCode(province);
  await emailApplicant(
    deps,
    record,
    'submittedToBureau',
    {
      bureau: { zh: `${bureau.nameZh}通信管理局`, en: `${bureau.nameEn} Communications Administration` },
      dueDate,
      dueDateProvisional: due.provisional,
      licence: loaded.filingType === 'COMMERCIAL',
    },
    input.idempotencyKey,
  );
  return { dueDate };
}
