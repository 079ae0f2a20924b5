/**
 * Review rounds (issue 17): in a second review round the officer decides only what changed. The
 * previous round's approvals carry forward for the documents not uploaded again since; the
 * documents uploaded since (the returned ones, or any the applicant replaced) are the round's
 * changes. The previous round is the last document-review decision that returned documents: its audit
 * event names the upload each approval was for (`approvedUploads`, officer-service.ts reviewValidator).
 */
import * as z from 'zod';
import type { AuditEvent, CaseRecord } from '#domain/case-record';
import { DocumentType } from '#domain/document-types';

export const ReviewRoundResponse = z.object({
  /** 1 for the first review, 2 after one return, and so on. */
  round: z.number().int().min(1),
  /** Approved in the previous round and not uploaded again since: approved in this one too. */
  carriedForward: z.array(DocumentType),
  /** Uploaded again since the previous round: to decide in this one. */
  changed: z.array(DocumentType),
});
export type ReviewRound = z.infer<typeof ReviewRoundResponse>;

const isReviewReturn = (event: AuditEvent) =>
  event.action === 'STEP_DECIDED' &&
  event.detail?.step === 'REVIEW' &&
  (event.detail.after as { decision?: string } | undefined)?.decision === 'RETURN';

export function reviewRoundOf(record: CaseRecord, audit: readonly AuditEvent[]): ReviewRound {
  const returns = audit.filter(isReviewReturn);
  const last = returns.at(-1);
  if (!last) return { round: 1, carriedForward: [], changed: [] };
  const after = (last.detail?.after ?? {}) as { approvedUploads?: Record<string, string> };
  const approved = after.approvedUploads ?? {};
  const carriedForward: DocumentType[] = [];
  const changed: DocumentType[] = [];
  for (const docType of record.requiredDocuments) {
    const current = record.documents[docType]?.uploadId;
    if (current && approved[docType] === current) carriedForward.push(docType);
    else changed.push(docType);
  }
  return { round: returns.length + 1, carriedForward, changed };
}
