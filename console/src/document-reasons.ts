/**
 * What the applicant's page says about one document's findings: the reasons grouped by who gave
 * them (the automatic check, the officer, the bureau), and the verdict on the file this page just
 * uploaded. The API already leaves out what is written for staff (functions/api/case-views.ts
 * applicantCase); the filter here keeps the page right whatever a response holds.
 */
import { type Finding, isForApplicant } from '../../functions/domain/document-types.ts';
import type { DocumentSummaryView } from './api.ts';

export interface ReasonGroups {
  /** The automatic checks' problems (errors and warnings), cross-checks included. */
  automated: Finding[];
  /** Why an officer sent the document back (审核人员退回原因). */
  officer: Finding[];
  /** Why the bureau returned it (管局退回原因). */
  bureau: Finding[];
}

/** Findings by who gave them: the automatic check (no source), an officer, the bureau. */
export function findingsBySource(findings: readonly Finding[]): ReasonGroups {
  return {
    automated: findings.filter((f) => f.source === undefined),
    officer: findings.filter((f) => f.source === 'OFFICER'),
    bureau: findings.filter((f) => f.source === 'BUREAU'),
  };
}

/** The applicant's reasons for one document, by who gave them; no INFO notes, nothing for staff. */
export const reasonGroups = (findings: readonly Finding[]): ReasonGroups =>
  findingsBySource(findings.filter((f) => f.severity !== 'INFO' && isForApplicant(f)));

export type UploadVerdict =
  | { kind: 'checking' }
  | { kind: 'accepted' }
  | { kind: 'refused'; reasons: Finding[] };

/**
 * The verdict on the upload `uploadId` as the case shows it: still checking while the case holds
 * another upload of the document or this one is PENDING; then accepted or refused with the
 * automatic check's reasons (issue 17: the drop zone said "checking" after a refusal).
 */
export function uploadVerdict(uploadId: string, summary: DocumentSummaryView | undefined): UploadVerdict {
  if (!summary || summary.uploadId !== uploadId || summary.status === 'PENDING') return { kind: 'checking' };
  if (summary.status === 'VALID') return { kind: 'accepted' };
  const groups = reasonGroups(summary.findings);
  return { kind: 'refused', reasons: groups.automated.filter((f) => f.severity === 'ERROR') };
}
