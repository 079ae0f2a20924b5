import type { z } from 'zod';
import { DOCUMENT_RULES } from '#domain/document-types';
import { emailApplicant } from './case-notifications.ts';
import { SYSTEM, stepTime } from './step-audit.ts';
import type { ReturnDocumentsInput } from './task-inputs.ts';
import type { WorkflowDependencies } from './workflow-dependencies.ts';

/**
 * The officer returned named documents: mark each REJECTED_BY_OFFICER with the reason (the applicant
 * re-uploads only these) and email the list.
 */
export async function returnDocuments(
  deps: WorkflowDependencies,
  input: z.infer<typeof ReturnDocumentsInput>,
): Promise<void> {
  const record = await deps.store.modifyCase(
    input.caseId,
    (current) => {
      let changed = false;
      for (const { docType, reason } of input.documents) {
        const summary = current.documents[docType];
        if (!summary || summary.status === 'REJECTED_BY_OFFICER') continue;
        current.documents[docType] = {
          ...summary,
          status: 'REJECTED_BY_OFFICER',
          findings: [
            ...summary.findings,
            {
              code: reason.code ?? 'OFFICER_RETURNED',
              severity: 'ERROR',
              message: reason.message,
              messageZh: reason.messageZh,
              // The applicant's page lists it under its own heading, apart from the automatic checks.
              source: 'OFFICER',
            },
          ],
        };
        changed = true;
      }
      return changed ? current : undefined;
    },
    { now: deps.now() },
  );
  await deps.store.appendAudit({
    caseId: input.caseId,
    at: stepTime(input.idempotencyKey, deps.now()),
    idempotencyKey: input.idempotencyKey,
    actor: SYSTEM,
    action: 'DOCUMENTS_RETURNED',
    detail: { documents: input.documents.map((d) => d.docType) },
  });
  await emailApplicant(
    deps,
    record,
    'reviewRejected',
    {
      documents: input.documents.map(({ docType, reason }) => ({
        document: { zh: DOCUMENT_RULES[docType].labelZh, en: DOCUMENT_RULES[docType].labelEn },
        reason: { zh: reason.messageZh, en: reason.message },
      })),
      roundsLeft: input.roundsLeft,
    },
    input.idempotencyKey,
  );
}
