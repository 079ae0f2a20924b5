/**
 * The S3 file store: presigned POST for an exact server-chosen key, short presigned GETs for
 * officers, bounded reads for inspection, and quarantine (copy, then delete) for rejected files.
 */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  type ServerSideEncryption,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { type ContentType, DOCUMENT_RULES, DocumentType } from '#domain/document-types';
import { DomainError } from '#domain/errors';
import {
  PROVIDER_DOCUMENT_MAX_BYTES,
  PROVIDER_DOCUMENT_TYPES,
  type ProviderDocumentKind,
} from '#domain/provider-documents';

export const UPLOAD_PREFIX = 'cases/';
export const QUARANTINE_PREFIX = 'quarantine/';
export const MAX_UPLOAD_EXPIRY_SECONDS = 15 * 60;
export const MAX_DOWNLOAD_EXPIRY_SECONDS = 5 * 60;
/**
 * The user metadata every signed upload carries: its upload id, pinned by the POST policy, so an
 * object that did not come through a form the API issued (a PutObject, a copy) has none.
 */
export const UPLOAD_ID_METADATA = 'upload-id';

export type SseMode = 'aws:kms' | 'AES256';

export interface FileStoreOptions {
  bucket: string;
  /** Server-side encryption every upload must request (the POST policy has an exact-match condition). */
  sse: SseMode;
  kmsKeyId?: string;
  uploadExpirySeconds?: number;
  downloadExpirySeconds?: number;
}

export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  key: string;
  uploadId: string;
  expiresAt: string;
  maxBytes: number;
}

export interface ObjectHead {
  size: number;
  etag?: string;
  contentType?: string;
  versionId?: string;
  lastModified?: string;
  /** The `upload-id` user metadata, when the object has it. */
  uploadId?: string;
}

export interface UploadKey {
  caseId: string;
  docType: DocumentType;
  uploadId: string;
}

const CASE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const UPLOAD_ID = /^[0-9a-f]{28}$/;

/** The key an upload goes to: `cases/<caseId>/<docType>/<uploadId>`. */
export function uploadKey({ caseId, docType, uploadId }: UploadKey): string {
  return `${UPLOAD_PREFIX}${caseId}/${docType}/${uploadId}`;
}

/** Parses an upload key; undefined for anything else (quarantine copies, foreign keys). */
export function parseUploadKey(key: string): UploadKey | undefined {
  const parts = key.split('/');
  if (parts.length !== 4 || `${parts[0]}/` !== UPLOAD_PREFIX) return undefined;
  const [, caseId, docType, uploadId] = parts as [string, string, string, string];
  const type = DocumentType.safeParse(docType);
  if (!CASE_ID.test(caseId) || !type.success || !UPLOAD_ID.test(uploadId)) return undefined;
  return { caseId, docType: type.data, uploadId };
}

/** Time-ordered upload id: 12 hex digits of milliseconds, then 16 random hex digits. */
export function newUploadId(now = Date.now()): string {
  return `${now.toString(16).padStart(12, '0')}${randomBytes(8).toString('hex')}`;
}

export const quarantineKey = (key: string) => `${QUARANTINE_PREFIX}${key}`;

/**
 * Where the provider's own documents of a case go: `provider-docs/<caseId>/<kind>/<uploadId>`, apart
 * from the applicant's uploads (the upload rule and on-upload watch `cases/` only; the API alone may
 * write here).
 */
export const PROVIDER_DOCUMENTS_PREFIX = 'provider-docs/';
export const providerDocumentKey = (caseId: string, kind: ProviderDocumentKind, uploadId: string) =>
  `${PROVIDER_DOCUMENTS_PREFIX}${caseId}/${kind}/${uploadId}`;
/** True for an upload id as newUploadId makes them (a request may name one). */
export const isUploadId = (value: string) => UPLOAD_ID.test(value);
/**
 * Where an object not bound to an upload the API issued goes: apart from the inspected rejects (an
 * interrupted run looks for those at `quarantineKey`), and never named by any document version.
 */
export const UNBOUND_QUARANTINE_PREFIX = `${QUARANTINE_PREFIX}unbound/`;
export const unboundQuarantineKey = (key: string) => `${UNBOUND_QUARANTINE_PREFIX}${key}`;

/**
 * Types a browser may display inline, decided from the file's content (never its name or the
 * uploader's Content-Type): a PDF in the browser's viewer, a raster image. Never HTML or SVG, which
 * would run script on the bucket's origin.
 */
export const PREVIEW_TYPES: ReadonlySet<string> = new Set(['application/pdf', 'image/jpeg', 'image/png']);

const isNotFound = (error: unknown) =>
  error instanceof Error &&
  (error.name === 'NotFound' ||
    error.name === 'NoSuchKey' ||
    (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404);

export class FileStore {
  readonly bucket: string;

  constructor(
    private readonly s3: S3Client,
    private readonly options: FileStoreOptions,
  ) {
    this.bucket = options.bucket;
  }

  /**
   * A presigned POST for one upload of `docType` to `caseId`: exact key, the rule's size range,
   * the declared Content-Type, required server-side encryption, expiry at most 15 minutes.
   */
  async presignedPost(input: {
    caseId: string;
    docType: DocumentType;
    contentType: ContentType;
    now?: Date;
  }): Promise<PresignedUpload> {
    const rule = DOCUMENT_RULES[input.docType];
    if (!CASE_ID.test(input.caseId)) {
      throw new DomainError({
        code: 'INVALID_CASE_ID',
        message: 'The case id is not valid.',
        messageZh: '案件编号无效。',
        field: 'caseId',
      });
    }
    if (!rule.contentTypes.includes(input.contentType)) {
      throw new DomainError({
        code: 'CONTENT_TYPE_NOT_ALLOWED',
        message: `${rule.labelEn} must be one of: ${rule.contentTypes.join(', ')}.`,
        messageZh: `${rule.labelZh}仅接受以下格式：${rule.contentTypes.join('、')}。`,
        field: 'contentType',
      });
    }
    const now = input.now ?? new Date();
    const uploadId = newUploadId(now.getTime());
    const key = uploadKey({ caseId: input.caseId, docType: input.docType, uploadId });
    return this.signPost({ key, uploadId, contentType: input.contentType, maxBytes: rule.maxBytes, now });
  }

  /**
   * A presigned POST for one of the provider's own documents (接入商资质材料) of `caseId`, on the same
   * terms as an applicant's upload: exact key under `provider-docs/`, PDF or image up to 10 MB, the
   * declared Content-Type, required encryption, the short expiry.
   */
  async presignedProviderPost(input: {
    caseId: string;
    kind: ProviderDocumentKind;
    contentType: ContentType;
    now?: Date;
  }): Promise<PresignedUpload> {
    if (!CASE_ID.test(input.caseId) || !PROVIDER_DOCUMENT_TYPES.includes(input.contentType)) {
      throw new Error('presignedProviderPost needs a valid case id and a PDF or image type');
    }
    const now = input.now ?? new Date();
    const uploadId = newUploadId(now.getTime());
    const key = providerDocumentKey(input.caseId, input.kind, uploadId);
    return this.signPost({
      key,
      uploadId,
      contentType: input.contentType,
      maxBytes: PROVIDER_DOCUMENT_MAX_BYTES,
      now,
    });
  }

  private async signPost(input: {
    key: string;
    uploadId: string;
    contentType: ContentType;
    maxBytes: number;
    now: Date;
  }): Promise<PresignedUpload> {
    const { key, uploadId, now } = input;
    const expires = Math.min(this.options.uploadExpirySeconds ?? 600, MAX_UPLOAD_EXPIRY_SECONDS);
    const fields: Record<string, string> = {
      'Content-Type': input.contentType,
      [`x-amz-meta-${UPLOAD_ID_METADATA}`]: uploadId,
      'x-amz-server-side-encryption': this.options.sse,
    };
    if (this.options.sse === 'aws:kms' && this.options.kmsKeyId) {
      fields['x-amz-server-side-encryption-aws-kms-key-id'] = this.options.kmsKeyId;
    }
    const post = await createPresignedPost(this.s3, {
      Bucket: this.bucket,
      Key: key,
      Expires: expires,
      Fields: fields,
      Conditions: [
        { bucket: this.bucket },
        ['eq', '$key', key],
        ['content-length-range', 1, input.maxBytes],
        ['eq', '$Content-Type', input.contentType],
        // Binds the object to the issued upload: the client can neither drop nor change it.
        ['eq', `$x-amz-meta-${UPLOAD_ID_METADATA}`, uploadId],
        ['eq', '$x-amz-server-side-encryption', this.options.sse],
        ...(fields['x-amz-server-side-encryption-aws-kms-key-id']
          ? [
              ['eq', '$x-amz-server-side-encryption-aws-kms-key-id', this.options.kmsKeyId] as [
                'eq',
                string,
                string,
              ],
            ]
          : []),
      ],
    });
    return {
      url: post.url,
      fields: post.fields,
      key,
      uploadId,
      expiresAt: new Date(now.getTime() + expires * 1000).toISOString(),
      maxBytes: input.maxBytes,
    };
  }

  /**
   * A presigned GET for an officer, at most 5 minutes. `inlineAs` serves the file for display in
   * the console (a PDF in a frame, an image), with that Content-Type, which must be one of
   * PREVIEW_TYPES; anything else is served as an attachment, as opaque bytes, saved as `fileName`
   * when given (ASCII letters, digits, `.`, `-` and `_` only).
   */
  presignedGet(
    key: string,
    options: { expiresInSeconds?: number; inlineAs?: string; fileName?: string } = {},
  ): Promise<string> {
    const expiresIn = Math.min(
      options.expiresInSeconds ?? this.options.downloadExpirySeconds ?? 120,
      MAX_DOWNLOAD_EXPIRY_SECONDS,
    );
    const inline = options.inlineAs !== undefined && PREVIEW_TYPES.has(options.inlineAs);
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentDisposition: inline
          ? 'inline'
          : options.fileName && /^[A-Za-z0-9._-]{1,100}$/.test(options.fileName)
            ? `attachment; filename="${options.fileName}"`
            : 'attachment',
        ResponseContentType: inline ? options.inlineAs : 'application/octet-stream',
      }),
      { expiresIn },
    );
  }

  /** Size, ETag, stored Content-Type; undefined when the object is gone. */
  async head(key: string, versionId?: string): Promise<ObjectHead | undefined> {
    try {
      const head = await this.s3.send(
        new HeadObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(versionId ? { VersionId: versionId } : {}),
        }),
      );
      return {
        size: head.ContentLength ?? 0,
        ...(head.ETag ? { etag: head.ETag.replaceAll('"', '') } : {}),
        ...(head.ContentType ? { contentType: head.ContentType } : {}),
        ...(head.VersionId ? { versionId: head.VersionId } : {}),
        ...(head.LastModified ? { lastModified: head.LastModified.toISOString() } : {}),
        ...(head.Metadata?.[UPLOAD_ID_METADATA] ? { uploadId: head.Metadata[UPLOAD_ID_METADATA] } : {}),
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * The object's first `maxBytes + 1` bytes at most (a ranged GET), so an oversize object is seen
   * as oversize without being read whole. Undefined when the object is gone.
   */
  async getBytes(
    key: string,
    options: { maxBytes: number; versionId?: string },
  ): Promise<Uint8Array | undefined> {
    try {
      const result = await this.s3.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Range: `bytes=0-${options.maxBytes}`,
          ...(options.versionId ? { VersionId: options.versionId } : {}),
        }),
      );
      return await readBounded(result.Body as Readable, options.maxBytes + 1);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * Moves an object under `quarantine/` (copy, then delete the original), to `target` when given
   * (which must be under `quarantine/`). Safe to repeat: when the original is already gone but the
   * copy exists, it reports the copy.
   */
  async quarantine(key: string, versionId?: string, target = quarantineKey(key)): Promise<string> {
    if (!target.startsWith(QUARANTINE_PREFIX)) throw new Error(`not a quarantine key: ${target}`);
    try {
      await this.s3.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: target,
          CopySource: `${this.bucket}/${key.split('/').map(encodeURIComponent).join('/')}${versionId ? `?versionId=${encodeURIComponent(versionId)}` : ''}`,
          MetadataDirective: 'COPY',
          ServerSideEncryption: this.options.sse as ServerSideEncryption,
          ...(this.options.sse === 'aws:kms' && this.options.kmsKeyId
            ? { SSEKMSKeyId: this.options.kmsKeyId }
            : {}),
        }),
      );
    } catch (error) {
      if (!isNotFound(error) || !(await this.head(target))) throw error;
      return target;
    }
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    return target;
  }
}

async function readBounded(body: Readable | undefined, limit: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    const room = limit - total;
    chunks.push(room < buffer.length ? buffer.subarray(0, room) : buffer);
    total += Math.min(room, buffer.length);
    if (total >= limit) {
      body.destroy();
      break;
    }
  }
  const out = Buffer.concat(chunks, total);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** An S3 client for the upload bucket; path-style against a local endpoint. */
export function createS3Client(options: {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}): S3Client {
  return new S3Client({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
}
