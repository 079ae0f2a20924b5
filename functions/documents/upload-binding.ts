/**
 * Uploads bound to what was issued (issue #14). The API records every upload form it signs (case,
 * document, upload id, expiry, who asked) and the form's POST policy pins the object's `upload-id`
 * metadata to that id. on-upload accepts an object only when that metadata names an upload issued for
 * the very case and document of its key, and the object arrived in time; anything else (an object
 * written past the forms: a role with s3:PutObject, an operator, a copy) is quarantined apart and
 * audited, and never becomes a case document.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import {
  type FileStore,
  type ObjectHead,
  type PresignedUpload,
  QUARANTINE_PREFIX,
  quarantineKey,
  UNBOUND_QUARANTINE_PREFIX,
  type UploadKey,
  unboundQuarantineKey,
} from '#adapters/file-store';
import type { ObjectCreatedEvent } from '#adapters/object-created-event';
import type { Actor, CaseRecord } from '#domain/case-record';
import type { CaseRepository } from '#domain/case-repository';
import type { ContentType, DocumentType } from '#domain/document-types';
import { ERROR_CATALOGUE } from '#domain/error-catalogue';

/**
 * How long after its form expired an object may still arrive. S3 checks the policy's expiry when
 * the POST arrives, while the event's time is when the object was created, after the body was
 * transferred: a 5 MB file started just before expiry over a slow link (about 1 Mbit/s) takes under
 * a minute. The expiry itself is stamped by the API's clock, S3 dates the object by its own; both
 * are NTP-synchronised to within seconds. Five minutes covers both with room; "long after" is more.
 */
export const UPLOAD_ARRIVAL_GRACE_SECONDS = 5 * 60;

/** The reasons an object is not bound to an issued upload (catalogue codes, bilingual). */
export type UnboundReason =
  | 'UPLOAD_ID_MISSING'
  | 'UPLOAD_ID_MISMATCH'
  | 'UPLOAD_NOT_ISSUED'
  | 'UPLOAD_WRONG_DOCUMENT'
  | 'UPLOAD_ARRIVED_LATE';

const SYSTEM: Actor = { subject: 'system:on-upload', role: 'system' };

/**
 * Signs an upload form and records it as issued. The record is written before the form is returned:
 * a form whose record failed is never handed out, so every upload the applicant can make is known.
 */
export async function issueUpload(
  deps: { store: Pick<CaseRepository, 'recordIssuedUpload'>; files: Pick<FileStore, 'presignedPost'> },
  input: {
    caseId: string;
    docType: DocumentType;
    contentType: ContentType;
    requestedBy: Actor;
    now?: Date;
  },
): Promise<PresignedUpload> {
  const now = input.now ?? new Date();
  const form = await deps.files.presignedPost({
    caseId: input.caseId,
    docType: input.docType,
    contentType: input.contentType,
    now,
  });
  await deps.store.recordIssuedUpload({
    caseId: input.caseId,
    docType: input.docType,
    uploadId: form.uploadId,
    key: form.key,
    issuedAt: now.toISOString(),
    expiresAt: form.expiresAt,
    requestedBy: input.requestedBy,
  });
  return form;
}

/**
 * Why the object at `upload`'s key is not bound to an upload issued for its case and document, or
 * undefined when it is. `arrivedAt` is the object's creation time as S3 reports it in the event: not
 * the handler's clock (retries and redrives come hours or days later) and not the object's
 * LastModified (a quarantined copy's is the time of the copy).
 */
export async function unboundReason(
  store: Pick<CaseRepository, 'getIssuedUpload'>,
  upload: UploadKey,
  head: ObjectHead,
  arrivedAt: string,
): Promise<UnboundReason | undefined> {
  if (!head.uploadId) return 'UPLOAD_ID_MISSING';
  if (head.uploadId !== upload.uploadId) return 'UPLOAD_ID_MISMATCH';
  const issued = await store.getIssuedUpload(upload.caseId, upload.uploadId);
  if (!issued) return 'UPLOAD_NOT_ISSUED';
  if (issued.docType !== upload.docType) return 'UPLOAD_WRONG_DOCUMENT';
  const latest = new Date(issued.expiresAt).getTime() + UPLOAD_ARRIVAL_GRACE_SECONDS * 1000;
  const arrived = new Date(arrivedAt).getTime();
  // An unreadable time is not "in time": nothing vouches for the object then.
  if (!(arrived <= latest)) return 'UPLOAD_ARRIVED_LATE';
  return undefined;
}

/**
 * Quarantines an unbound object apart (`quarantine/unbound/…`) and records why in the case's audit
 * trail (who: the system; the event's requester as S3 reports it). The audit comes first and is
 * idempotent on the object's identity, so a retry after a crash finishes the move without a second
 * event. No document version, no summary, no email: the writer may not be the applicant, and a
 * message about a file they never sent would only alarm them (or let a stranger mail them at will).
 */
export async function quarantineUnbound(
  deps: { store: Pick<CaseRepository, 'appendAudit'>; files: Pick<FileStore, 'quarantine'>; logger: Logger },
  input: {
    event: ObjectCreatedEvent;
    upload: UploadKey;
    record: Pick<CaseRecord, 'caseId' | 'status'>;
    reason: UnboundReason;
    head: ObjectHead;
    sequencer: string;
    /** Move the object at the event's key (that version); absent: it is a quarantined copy already. */
    move?: { versionId?: string };
  },
): Promise<string> {
  const { event, upload, reason, head } = input;
  const { key } = event.detail.object;
  const target = unboundQuarantineKey(key);
  const entry = ERROR_CATALOGUE[reason];
  await deps.store.appendAudit({
    caseId: upload.caseId,
    at: event.time,
    idempotencyKey: `UNBOUND#${upload.docType}#${upload.uploadId}#${input.sequencer}`,
    actor: SYSTEM,
    action: 'UPLOAD_QUARANTINED',
    fromStatus: input.record.status,
    toStatus: input.record.status,
    detail: {
      docType: upload.docType,
      uploadId: upload.uploadId,
      ...(head.uploadId && head.uploadId !== upload.uploadId ? { metadataUploadId: head.uploadId } : {}),
      reason,
      message: entry.message,
      messageZh: entry.messageZh,
      // Not the keys themselves: the audit masks long runs like them. The object is at this
      // prefix + uploadKey(caseId, docType, uploadId).
      quarantinedUnder: input.move ? UNBOUND_QUARANTINE_PREFIX : QUARANTINE_PREFIX,
      size: head.size,
      requester: event.detail.requester,
      ...(event.detail['source-ip-address'] ? { sourceIp: event.detail['source-ip-address'] } : {}),
      writtenBy: event.detail.reason,
    },
  });
  if (!input.move) {
    deps.logger.warn('Quarantined copy not bound to an issued upload; left where it is', { reason });
    return quarantineKey(key);
  }
  const location = await deps.files.quarantine(key, input.move.versionId, target);
  deps.logger.warn('Upload not bound to an issued upload; quarantined', { reason, quarantinedAs: location });
  return location;
}
