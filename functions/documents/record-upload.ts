/**
 * Recording an upload: S3 "Object Created" (via EventBridge, functions/handlers/events/on-upload.ts)
 * → inspect the file → record the document version and the case's per-document summary →
 * quarantine invalid files → resume the workflow when every required document is valid and it
 * waits for them.
 *
 * Events are at-least-once and unordered: everything here is keyed by the object's identity, so a
 * repeated event is a no-op and an older event never overrides a newer one.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { type FileStore, parseUploadKey, quarantineKey, unboundQuarantineKey } from '#adapters/file-store';
import { type ObjectCreatedEvent, padSequencer } from '#adapters/object-created-event';
import type { WorkflowCallbacks } from '#adapters/workflow-client';
import type { Actor, CaseRecord, DocumentSummary, DocumentVersion } from '#domain/case-record';
import type { CaseRepository } from '#domain/case-repository';
import { DOCUMENT_RULES, type DocumentType, type Finding } from '#domain/document-types';
import { emailApplicant } from '#workflow/case-notifications';
import { redactText } from '../logger.ts';
import { resumeDocumentsIfComplete } from '../workflow/documents-complete.ts';
import { type InspectionResult, inspectDocument } from './inspect.ts';
import { quarantineUnbound, type UnboundReason, unboundReason } from './upload-binding.ts';

export interface OnUploadDependencies {
  store: CaseRepository;
  files: FileStore;
  callbacks: WorkflowCallbacks;
  logger: Logger;
  now?: () => Date;
  /** The portal's address, for the link in the refusal email (which goes into the case's outbox). */
  portalUrl?: string;
}

export type OnUploadOutcome =
  /** Inspected and recorded. */
  | 'recorded'
  /** This object was recorded before (a repeated event); the case summary was re-checked. */
  | 'duplicate'
  /** A newer object at the same key was recorded already. */
  | 'stale'
  /** The object was overwritten since this event; the newer object's event will record it. */
  | 'superseded'
  /** Nothing to read: the object is gone and was never recorded. */
  | 'gone'
  /** Not an upload key, another bucket, or a case that does not exist. */
  | 'ignored'
  /** Not bound to an upload issued for its case and document: quarantined apart and audited only. */
  | 'quarantined';

export interface OnUploadResult {
  outcome: OnUploadOutcome;
  caseId?: string;
  docType?: DocumentType;
  uploadId?: string;
  status?: DocumentVersion['status'];
  findings?: Finding[];
  resumed?: boolean;
  /** Why an object was quarantined without inspection (outcome `quarantined`). */
  reason?: UnboundReason;
}

const ACTOR: Actor = { subject: 'system:on-upload', role: 'system' };
/** The statuses in which an upload becomes the case's current document. */
const ACCEPTS_DOCUMENTS: ReadonlySet<CaseRecord['status']> = new Set([
  'DRAFT',
  'SUBMITTED',
  'AWAITING_DOCUMENTS',
]);
const TEXT_EXCERPT_CHARS = 4000;

/** Handles one "Object Created" event with the given adapters. */
export async function handleObjectCreated(
  event: ObjectCreatedEvent,
  deps: OnUploadDependencies,
): Promise<OnUploadResult> {
  const now = deps.now ?? (() => new Date());
  const { bucket, object } = event.detail;
  const parsed = parseUploadKey(object.key);
  if (bucket.name !== deps.files.bucket || !parsed) {
    deps.logger.debug('Ignoring object outside the upload prefix', { bucket: bucket.name, key: object.key });
    return { outcome: 'ignored' };
  }
  const { caseId, docType, uploadId } = parsed;
  const base = { caseId, docType, uploadId };
  const sequencer = padSequencer(object.sequencer ?? '0');
  const versionId = object['version-id'];
  const etag = object.etag?.replaceAll('"', '');
  const identity = `${bucket.name}/${object.key}/${versionId ?? etag ?? '-'}/${sequencer}`;
  const log = deps.logger.createChild({ persistentKeys: { caseId, docType, uploadId } });

  const existing = await deps.store.getDocumentVersion(caseId, docType, uploadId);
  if (existing?.identity === identity) {
    const current = await deps.store.getCase(caseId);
    const record =
      current && ACCEPTS_DOCUMENTS.has(current.status) ? await applySummary(deps.store, existing) : current;
    // The first delivery may have stopped before the refusal email was queued: queueing is
    // idempotent, so a redelivery makes sure of it (the applicant is told once, never not at all).
    if (record) await queueRefusalEmail(deps, record, existing, now);
    const resumed = record ? await resumeIfComplete(deps, record) : false;
    log.info('Repeated upload event; already recorded', { status: existing.status });
    return { ...base, outcome: 'duplicate', status: existing.status, findings: existing.findings, resumed };
  }
  if (existing && existing.sequencer > sequencer) {
    log.info('Older upload event after a newer one; ignored');
    return { ...base, outcome: 'stale' };
  }

  const record = await deps.store.getCase(caseId);
  if (!record) {
    // A key for a case we do not have: nobody will look at it, so keep it out of the way.
    await deps.files.quarantine(object.key, versionId);
    log.warn('Upload for an unknown case quarantined');
    return { ...base, outcome: 'ignored' };
  }

  // Read what is stored (the original, or the quarantined copy after an interrupted run).
  let location = object.key;
  let head = await deps.files.head(location, versionId);
  if (head && !versionId && etag && head.etag && head.etag !== etag) {
    log.info('Object overwritten since this event; the newer event records it');
    return { ...base, outcome: 'superseded' };
  }
  if (!head) {
    location = quarantineKey(object.key);
    head = await deps.files.head(location);
    if (!head || (etag && head.etag && head.etag !== etag)) {
      if (await deps.files.head(unboundQuarantineKey(object.key))) {
        log.info('Repeated event for an unbound upload; already quarantined and audited');
        return { ...base, outcome: 'quarantined' };
      }
      log.warn('Uploaded object is gone before it was recorded');
      return { ...base, outcome: 'gone' };
    }
  }

  // The copy of an interrupted run is checked too (it keeps the metadata): nothing unbound is inspected.
  const unbound = await unboundReason(deps.store, parsed, head, event.time);
  if (unbound) {
    // A copy of an interrupted run is in quarantine already (and on-upload may not delete there).
    const move = location === object.key ? { ...(versionId ? { versionId } : {}) } : undefined;
    await quarantineUnbound(deps, { event, upload: parsed, record, reason: unbound, head, sequencer, move });
    return { ...base, outcome: 'quarantined', reason: unbound };
  }

  const rule = DOCUMENT_RULES[docType];
  // Nothing to read in an empty object (a ranged GET of it is refused: 416), nor past the limit.
  const bytes =
    head.size === 0
      ? new Uint8Array(0)
      : head.size > rule.maxBytes
        ? undefined
        : await deps.files.getBytes(location, {
            maxBytes: rule.maxBytes,
            ...(location === object.key && versionId ? { versionId } : {}),
          });
  let result: InspectionResult;
  // A presigned POST lives 15 minutes: one fetched while the case took documents can land after
  // the step closed. It must not change what officers are reviewing (or have approved).
  const accepting = ACCEPTS_DOCUMENTS.has(record.status);
  if (!accepting) {
    result = refused(
      'DOCUMENTS_CLOSED',
      'The case no longer accepts documents at this step; this file was not added.',
      '案件当前环节不接收材料，本文件未被采用。',
    );
  } else if (!record.requiredDocuments.includes(docType)) {
    result = refused(
      'DOCUMENT_NOT_REQUIRED',
      `This case does not ask for the ${rule.labelEn}.`,
      `本案件无需提交${rule.labelZh}。`,
    );
  } else {
    result = await inspectDocument({
      docType,
      size: head.size,
      ...(bytes ? { bytes } : {}),
      ...(head.contentType ? { declaredContentType: head.contentType } : {}),
      caseDomains: record.domains ?? [],
    });
  }
  if (result.status === 'INVALID' && location === object.key) {
    location = await deps.files.quarantine(object.key, versionId);
  }

  const { text, ...facts } = result.facts;
  const version: DocumentVersion = {
    caseId,
    docType,
    uploadId,
    bucket: bucket.name,
    key: location,
    originalKey: object.key,
    ...(etag ? { etag } : {}),
    ...(versionId ? { versionId } : {}),
    sequencer,
    identity,
    size: head.size,
    ...(head.contentType ? { declaredContentType: head.contentType } : {}),
    ...(facts.detectedType ? { detectedContentType: facts.detectedType } : {}),
    status: result.status,
    findings: result.findings,
    // The excerpt is for officers and cross-checks; ID and phone numbers in it are masked.
    facts: { ...facts, ...(text ? { textExcerpt: redactText(text.slice(0, TEXT_EXCERPT_CHARS)) } : {}) },
    uploadedAt: event.time,
    recordedAt: now().toISOString(),
  };
  const { outcome, stored } = await deps.store.recordDocumentVersion(version);
  if (outcome === 'stale') {
    log.info('A newer object was recorded meanwhile; this inspection is dropped');
    return { ...base, outcome: 'stale' };
  }
  const updated = accepting ? await applySummary(deps.store, stored) : record;
  await deps.store.appendAudit({
    caseId,
    at: stored.uploadedAt,
    idempotencyKey: `DOC#${docType}#${uploadId}#${stored.sequencer}`,
    actor: ACTOR,
    action: stored.status === 'VALID' ? 'DOCUMENT_ACCEPTED' : 'DOCUMENT_REJECTED',
    fromStatus: record.status,
    toStatus: updated?.status ?? record.status,
    detail: { docType, uploadId, findings: stored.findings.map((f) => f.code) },
  });
  await queueRefusalEmail(deps, updated ?? record, stored, now);
  const resumed = updated ? await resumeIfComplete(deps, updated) : false;
  log.info('Upload inspected', {
    status: stored.status,
    findings: stored.findings.map((f) => f.code),
    size: stored.size,
    detectedType: stored.detectedContentType,
    resumed,
  });
  return {
    ...base,
    outcome: outcome === 'duplicate' ? 'duplicate' : 'recorded',
    status: stored.status,
    findings: stored.findings,
    resumed,
  };
}

/**
 * Puts the email telling the applicant why an upload was refused into the case's outbox, once per
 * upload (keyed by it): the outbox sender delivers it, so a mail outage during the inspection
 * neither fails the event nor loses the email.
 */
async function queueRefusalEmail(
  deps: OnUploadDependencies,
  record: CaseRecord,
  version: DocumentVersion,
  now: () => Date,
): Promise<void> {
  if (version.status !== 'INVALID') return;
  const rule = DOCUMENT_RULES[version.docType];
  await emailApplicant(
    { store: deps.store, portalUrl: deps.portalUrl ?? '', now },
    record,
    'documentInvalid',
    {
      document: { zh: rule.labelZh, en: rule.labelEn },
      reasons: version.findings
        .filter((f) => f.severity === 'ERROR')
        .map((f) => ({ zh: f.messageZh, en: f.message })),
    },
    `DOC#${version.docType}#${version.uploadId}`,
  );
}

/** A file refused without being inspected: one error finding, no facts. */
function refused(code: string, message: string, messageZh: string): InspectionResult {
  return {
    status: 'INVALID',
    facts: { domains: [] },
    findings: [{ code, severity: 'ERROR', message, messageZh }],
  };
}

/** Puts the recorded version into the case's summary (a no-op when a later upload is there). */
async function applySummary(
  store: CaseRepository,
  version: DocumentVersion,
): Promise<CaseRecord | undefined> {
  const summary: DocumentSummary = {
    uploadId: version.uploadId,
    key: version.key,
    status: version.status,
    findings: version.findings,
    uploadedAt: version.uploadedAt,
    recordedAt: version.recordedAt,
    ...(version.etag ? { etag: version.etag } : {}),
    ...(version.detectedContentType ? { contentType: version.detectedContentType } : {}),
  };
  try {
    return await store.applyDocumentSummary(version.caseId, version.docType, summary);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'CASE_NOT_FOUND') return undefined;
    throw error;
  }
}

/**
 * Resumes the workflow's DOCUMENTS step when the case waits for documents and all are valid; one
 * implementation shared with the step itself (it resumes at once when the documents came first).
 */
async function resumeIfComplete(deps: OnUploadDependencies, record: CaseRecord): Promise<boolean> {
  if (record.status !== 'AWAITING_DOCUMENTS') return false;
  const outcome = await resumeDocumentsIfComplete(deps.store, deps.callbacks, record.caseId);
  if (outcome === 'resumed')
    deps.logger.info('All required documents valid; workflow resumed', { caseId: record.caseId });
  return outcome === 'resumed';
}
