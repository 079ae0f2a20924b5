/** Request and response schemas of the provider-document routes (./routes/provider-documents.ts). */
import * as z from 'zod';
import { ContentType } from '#domain/document-types';
import { ProviderDocumentKind } from '#domain/provider-documents';

/** One of the provider's qualification documents on a case (who attached it: the audit trail). */
export const ProviderDocumentEntry = z.object({
  documentId: z.string(),
  kind: ProviderDocumentKind,
  contentType: ContentType,
  size: z.number(),
  attachedAt: z.string(),
});

export const ProviderDocumentUploadRequest = z.strictObject({
  kind: ProviderDocumentKind,
  /** PDF or an image, the file's real type: the form pins it, attaching checks the content. */
  contentType: ContentType,
});

export const ProviderDocumentAttach = z.strictObject({
  kind: ProviderDocumentKind,
  /** The `uploadId` of the form the file was uploaded with. */
  uploadId: z.string().max(64),
});

export const ProviderDocumentListResponse = z.object({
  items: z.array(
    ProviderDocumentEntry.extend({
      labelZh: z.string(),
      labelEn: z.string(),
      /** Presigned GET of the exact object, served as an attachment; valid until `linksExpireAt`. */
      downloadUrl: z.string(),
    }),
  ),
  linksExpireAt: z.string(),
});
