/**
 * What each audience sees of a case: the applicant's public case and timeline, the officer's
 * full view with short-lived document links. Nothing here ever includes a task token or the
 * entity key.
 */

import type { z } from 'zod';
import { PREVIEW_TYPES, QUARANTINE_PREFIX } from '#adapters/file-store';
import type { AuditEvent, CaseRecord, DocumentSummary, Page, PublicCase } from '#domain/case-record';
import { toPublicCase } from '#domain/case-record';
import { DOCUMENT_RULES, type DocumentType, isForApplicant } from '#domain/document-types';
import type { ApiDependencies } from './dependencies.ts';
import { reviewRoundOf } from './review-rounds.ts';
import type { AuditResponse, CaseResponse, OfficerCaseResponse, TimelineResponse } from './schemas.ts';

/** The case as its applicant and officers may see it. */
export const publicCase = (record: CaseRecord): PublicCase & z.infer<typeof CaseResponse> =>
  toPublicCase(record);

/** A page of cases as the API returns it to staff: public views and the cursor of the next page, if any. */
export const casePage = (page: Page<CaseRecord>) => ({
  items: page.items.map(publicCase),
  ...(page.cursor ? { cursor: page.cursor } : {}),
});

/**
 * The case as its applicant sees it: the public case less what is written for staff (issue 17).
 * Each document keeps only the findings meant for the applicant (not "an officer will check it by
 * hand", #domain/document-types STAFF_ONLY_FINDING_CODES); a supervisor's override keeps no reason,
 * author or earlier findings (the document is simply accepted); the officer's SMS-check note is left out.
 */
export function applicantCase(record: CaseRecord): PublicCase & z.infer<typeof CaseResponse> {
  const view = publicCase(record);
  const documents: PublicCase['documents'] = {};
  for (const [docType, summary] of Object.entries(view.documents) as [DocumentType, DocumentSummary][]) {
    const { override: _override, ...rest } = summary;
    documents[docType] = { ...rest, findings: summary.findings.filter(isForApplicant) };
  }
  const { smsVerification, ...rest } = view;
  const { note: _note, ...sms } = smsVerification ?? {};
  return {
    ...rest,
    documents,
    ...(smsVerification ? { smsVerification: sms as typeof smsVerification } : {}),
  };
}

/** A page of the applicant's own cases: applicant views and the cursor of the next page, if any. */
export const applicantCasePage = (page: Page<CaseRecord>) => ({
  items: page.items.map(applicantCase),
  ...(page.cursor ? { cursor: page.cursor } : {}),
});

export interface TimelineEntry {
  at: string;
  event: string;
  /** Who acted, as the applicant may know it: officers are not named. */
  by: 'you' | 'officer' | 'system';
  fromStatus?: string;
  toStatus?: string;
  step?: string;
  documents?: string[];
}

/**
 * Workflow bookkeeping the applicant has no use for: a step opening (its status change says it),
 * and the automatic checks when they passed. A check that failed stays: it is why the case moved.
 */
/**
 * Audit events for officers only. UPLOAD_QUARANTINED is about an object someone wrote under the
 * case's keys without a form issued for it: possibly not the applicant, so they are not told (no
 * email either, functions/documents/upload-binding.ts); their document simply stays missing.
 */
const STAFF_ONLY_ACTIONS: ReadonlySet<string> = new Set(['UPLOAD_QUARANTINED']);

function isRoutine(event: AuditEvent): boolean {
  const detail = event.detail ?? {};
  return (
    event.action === 'STEP_OPENED' ||
    // Every event that emails the applicant is followed by its delivery: listed, "email sent" repeated
    // after each event (issue 17). The email itself is in their inbox; officers see deliveries.
    event.action === 'EMAIL_SENT' ||
    (event.action === 'ELIGIBILITY_CHECKED' && detail.eligible === true) ||
    (event.action === 'DOCUMENTS_CROSS_CHECKED' && detail.consistent === true)
  );
}

/**
 * The applicant's timeline: the audit events less routine bookkeeping, with the acting officer
 * reduced to "officer" and the detail reduced to the step and the names of the documents concerned
 * (reasons reach the applicant by email and on the case's documents). Officers see the whole audit trail.
 */
export function toTimeline(events: AuditEvent[]): z.infer<typeof TimelineResponse>['items'] {
  return events
    .filter((event) => !isRoutine(event) && !STAFF_ONLY_ACTIONS.has(event.action))
    .map((event) => {
      const detail = event.detail ?? {};
      const step = typeof detail.step === 'string' ? detail.step : undefined;
      // Returned documents come as a list (by an officer, or by the cross-check); an upload's
      // acceptance or refusal names its one document.
      const list = Array.isArray(detail.documents) ? detail.documents : detail.returned;
      const documents = Array.isArray(list)
        ? list.filter((d): d is string => typeof d === 'string')
        : typeof detail.docType === 'string'
          ? [detail.docType]
          : undefined;
      return {
        at: event.at,
        event: event.action,
        by: event.actor.role === 'applicant' ? 'you' : event.actor.role === 'system' ? 'system' : 'officer',
        ...(event.fromStatus ? { fromStatus: event.fromStatus } : {}),
        ...(event.toStatus ? { toStatus: event.toStatus } : {}),
        ...(step ? { step } : {}),
        ...(documents?.length ? { documents } : {}),
      };
    });
}

/** The officer's view: the public case plus each document's findings and a presigned link (≤ 5 min). */
export async function officerCaseView(
  deps: ApiDependencies,
  record: CaseRecord,
): Promise<z.infer<typeof OfficerCaseResponse>> {
  const expiresIn = Math.min(deps.settings.downloadExpirySeconds, 300);
  const docTypes = [
    ...new Set<DocumentType>([
      ...record.requiredDocuments,
      ...(Object.keys(record.documents) as DocumentType[]),
    ]),
  ];
  const documents = await Promise.all(
    docTypes.map(async (docType) => {
      const summary = record.documents[docType];
      const rule = DOCUMENT_RULES[docType];
      const base = {
        docType,
        labelEn: rule.labelEn,
        labelZh: rule.labelZh,
        required: record.requiredDocuments.includes(docType),
      };
      if (!summary) return { ...base, status: 'MISSING' as const, findings: [] };
      const { key, ...rest } = summary;
      // Shown in the console when its content is a PDF or an image (the preview, signed inline with
      // that type); a quarantined file only as a download, whatever it claims to be. The download
      // is always an attachment, so opening it saves the file rather than showing it again.
      const preview =
        !key.startsWith(QUARANTINE_PREFIX) && summary.contentType && PREVIEW_TYPES.has(summary.contentType)
          ? summary.contentType
          : undefined;
      const [downloadUrl, previewUrl] = await Promise.all([
        deps.files.presignedGet(key, { expiresInSeconds: expiresIn }),
        preview
          ? deps.files.presignedGet(key, { expiresInSeconds: expiresIn, inlineAs: preview })
          : undefined,
      ]);
      return { ...base, ...rest, downloadUrl, ...(previewUrl ? { previewUrl } : {}) };
    }),
  );
  return {
    case: publicCase(record),
    eligibilityWarnings: record.eligibilityWarnings ?? [],
    reviewRound: reviewRoundOf(record, await deps.store.listAudit(record.caseId)),
    documents,
    linksExpireAt: new Date(deps.now().getTime() + expiresIn * 1000).toISOString(),
  };
}

/** The audit trail as officers get it. */
export const auditTrail = (events: AuditEvent[]): z.infer<typeof AuditResponse> => ({ items: events });
