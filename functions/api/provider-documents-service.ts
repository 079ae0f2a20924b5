/**
 * The provider's qualification documents (接入商资质材料) of a commercial licence case: an officer asks
 * for an upload form, uploads the file straight to S3, then attaches it to the case; the applicant
 * lists them with short-lived download links. Only the API's role may write under `provider-docs/`
 * (infra/handlers.ts), and the form's policy pins the object's `upload-id` metadata, so an object whose
 * metadata names the upload id of its key came through a form the API signed for that key.
 */
import { isUploadId, type PresignedUpload, providerDocumentKey } from '#adapters/file-store';
import type { Principal } from '#adapters/jwt-verifier';
import type { CaseRecord } from '#domain/case-record';
import { TERMINAL_STATUSES } from '#domain/case-status';
import type { ContentType } from '#domain/document-types';
import {
  contentTypeOfBytes,
  PROVIDER_DOCUMENT_LABELS,
  type ProviderDocument,
  type ProviderDocumentKind,
  providerDocumentFileName,
  takesProviderDocuments,
} from '#domain/provider-documents';
import { emailApplicant } from '#workflow/case-notifications';
import { loadOwnCase } from './applicant-service.ts';
import type { ApiDependencies } from './dependencies.ts';
import { apiError } from './errors.ts';
import { actorOf, loadCase, type OfficerContext } from './officer-service.ts';

/** A commercial case still open: the only kind an officer attaches the provider's documents to. */
async function loadCommercialCase(deps: ApiDependencies, caseId: string): Promise<CaseRecord> {
  const record = await loadCase(deps, caseId);
  if (!takesProviderDocuments(record.filingType)) throw apiError('PROVIDER_DOCUMENTS_COMMERCIAL_ONLY');
  if (TERMINAL_STATUSES.has(record.status)) throw apiError('CASE_CLOSED');
  return record;
}

/** Officer: a presigned POST for one provider document of the case (PDF or image, exact key). */
export async function issueProviderDocumentUpload(
  deps: ApiDependencies,
  caseId: string,
  body: { kind: ProviderDocumentKind; contentType: ContentType },
): Promise<PresignedUpload> {
  await loadCommercialCase(deps, caseId);
  return deps.files.presignedProviderPost({ caseId, ...body, now: deps.now() });
}

/**
 * Officer: attaches the file uploaded with the form `uploadId` to the case, once its object is there
 * with that upload id and its content is the declared PDF or image; audits the officer and emails the
 * applicant. Attaching the same upload again changes nothing.
 */
export async function attachProviderDocument(
  deps: ApiDependencies,
  ctx: OfficerContext,
  caseId: string,
  body: { kind: ProviderDocumentKind; uploadId: string },
): Promise<CaseRecord> {
  const before = await loadCommercialCase(deps, caseId);
  if (!isUploadId(body.uploadId)) {
    throw apiError('PROVIDER_DOCUMENT_NOT_UPLOADED', { field: 'uploadId' });
  }
  const now = deps.now();
  // Attached already (a retry after a failure): the audit and the email below are idempotent.
  const document =
    before.providerDocuments?.find((d) => d.documentId === body.uploadId && d.kind === body.kind) ??
    (await checkedUpload(deps, caseId, body, now));
  const updated = await deps.store.modifyCase(
    caseId,
    (current) => {
      const existing = current.providerDocuments ?? [];
      if (existing.some((d) => d.documentId === document.documentId)) return undefined;
      return { ...current, providerDocuments: [...existing, document] };
    },
    { now },
  );
  await deps.store.appendAudit({
    caseId,
    at: document.attachedAt,
    idempotencyKey: `provider-document-${document.documentId}`,
    actor: actorOf(ctx),
    action: 'PROVIDER_DOCUMENT_ATTACHED',
    detail: {
      kind: document.kind,
      documentId: document.documentId,
      contentType: document.contentType,
      size: document.size,
    },
  });
  await emailApplicant(
    { store: deps.store, portalUrl: deps.settings.portalUrl ?? '', now: deps.now },
    updated as CaseRecord,
    'providerDocumentsReady',
    { documents: (updated.providerDocuments ?? []).map((d) => PROVIDER_DOCUMENT_LABELS[d.kind]) },
    document.documentId,
  );
  return updated as CaseRecord;
}

/** The uploaded object as a provider document: there under the form's upload id, a PDF or image. */
async function checkedUpload(
  deps: ApiDependencies,
  caseId: string,
  body: { kind: ProviderDocumentKind; uploadId: string },
  now: Date,
): Promise<ProviderDocument> {
  const key = providerDocumentKey(caseId, body.kind, body.uploadId);
  const head = await deps.files.head(key);
  if (!head || head.uploadId !== body.uploadId) {
    throw apiError('PROVIDER_DOCUMENT_NOT_UPLOADED', { field: 'uploadId' });
  }
  const bytes = await deps.files.getBytes(key, { maxBytes: 16 });
  const found = bytes ? contentTypeOfBytes(bytes) : undefined;
  if (!found || found !== head.contentType) throw apiError('PROVIDER_DOCUMENT_NOT_PDF_OR_IMAGE');
  return {
    documentId: body.uploadId,
    kind: body.kind,
    key,
    contentType: found,
    size: head.size,
    attachedAt: now.toISOString(),
  };
}

/** The case's provider documents, each with a download link (attachment, exact key, ≤ 5 minutes). */
export async function providerDocumentLinks(deps: ApiDependencies, record: CaseRecord) {
  const expiresIn = Math.min(deps.settings.downloadExpirySeconds, 300);
  const items = await Promise.all(
    (record.providerDocuments ?? []).map(async ({ key, ...document }) => ({
      ...document,
      labelZh: PROVIDER_DOCUMENT_LABELS[document.kind].zh,
      labelEn: PROVIDER_DOCUMENT_LABELS[document.kind].en,
      downloadUrl: await deps.files.presignedGet(key, {
        expiresInSeconds: expiresIn,
        fileName: providerDocumentFileName(document),
      }),
    })),
  );
  return { items, linksExpireAt: new Date(deps.now().getTime() + expiresIn * 1000).toISOString() };
}

/** Applicant: the provider documents of their own case with download links. */
export async function ownProviderDocuments(deps: ApiDependencies, principal: Principal, caseId: string) {
  return providerDocumentLinks(deps, await loadOwnCase(deps, principal, caseId));
}
