import { Readable } from 'node:stream';
import { S3Client } from '@aws-sdk/client-s3';
import type { HttpRequest, HttpResponse } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  FileStore,
  MAX_DOWNLOAD_EXPIRY_SECONDS,
  MAX_UPLOAD_EXPIRY_SECONDS,
  parseUploadKey,
  quarantineKey,
  uploadKey,
} from '#adapters/file-store';
import { DOCUMENT_RULES } from '#domain/document-types';
import { png } from '../fixtures/generate.ts';
import { startEmulators, type TestEmulators } from '../support/emulators.ts';
import { postUpload } from '../support/uploads.ts';

let emulators: TestEmulators;
beforeAll(async () => {
  emulators = await startEmulators();
});
afterAll(() => emulators.close());

const policyOf = (fields: Record<string, string>) =>
  JSON.parse(Buffer.from(fields.Policy as string, 'base64').toString('utf8')) as {
    expiration: string;
    conditions: unknown[];
  };

describe('presigned POST', () => {
  test('the policy pins the key, the size range, the Content-Type and SSE, and expires within 15 minutes', async () => {
    const now = new Date();
    const upload = await emulators.files.presignedPost({
      caseId: 'case-1',
      docType: 'APPLICANT_ID_FRONT',
      contentType: 'image/png',
      now,
    });
    expect(upload.key).toBe(`cases/case-1/APPLICANT_ID_FRONT/${upload.uploadId}`);
    const policy = policyOf(upload.fields);
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['eq', '$key', upload.key],
        ['content-length-range', 1, DOCUMENT_RULES.APPLICANT_ID_FRONT.maxBytes],
        ['eq', '$Content-Type', 'image/png'],
        ['eq', '$x-amz-server-side-encryption', 'aws:kms'],
      ]),
    );
    expect(Date.parse(policy.expiration) - now.getTime()).toBeLessThanOrEqual(
      MAX_UPLOAD_EXPIRY_SECONDS * 1000 + 1000,
    );
    expect(Date.parse(upload.expiresAt) - now.getTime()).toBeLessThanOrEqual(
      MAX_UPLOAD_EXPIRY_SECONDS * 1000,
    );
  });

  test('a real multipart POST of the right file lands at the exact key with its type', async () => {
    const upload = await emulators.files.presignedPost({
      caseId: 'case-2',
      docType: 'APPLICANT_ID_FRONT',
      contentType: 'image/png',
    });
    const bytes = png(1000, 640);
    const response = await postUpload(upload, bytes);
    expect(response.status).toBe(204);
    const head = await emulators.files.head(upload.key);
    expect(head).toMatchObject({ size: bytes.length, contentType: 'image/png' });
  });

  test('a type the document does not accept gets no upload form', async () => {
    await expect(
      emulators.files.presignedPost({
        caseId: 'case-3',
        docType: 'SECURITY_COMMITMENT',
        contentType: 'image/png',
      }),
    ).rejects.toMatchObject({ code: 'CONTENT_TYPE_NOT_ALLOWED' });
  });

  test('upload ids are time-ordered and keys parse back', () => {
    const key = uploadKey({ caseId: 'c-1', docType: 'PASSPORT', uploadId: '0000000000010000000000000001' });
    expect(parseUploadKey(key)).toEqual({
      caseId: 'c-1',
      docType: 'PASSPORT',
      uploadId: '0000000000010000000000000001',
    });
    expect(parseUploadKey(quarantineKey(key))).toBeUndefined();
    expect(parseUploadKey('cases/c-1/NOT_A_TYPE/0000000000010000000000000001')).toBeUndefined();
  });
});

describe('reads', () => {
  test('a presigned GET lasts at most 5 minutes and downloads the object', async () => {
    const upload = await emulators.files.presignedPost({
      caseId: 'case-4',
      docType: 'PASSPORT',
      contentType: 'image/png',
    });
    const bytes = png(1000, 700);
    await postUpload(upload, bytes);
    const url = new URL(await emulators.files.presignedGet(upload.key, { expiresInSeconds: 3600 }));
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(MAX_DOWNLOAD_EXPIRY_SECONDS);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  test('a preview link serves a PDF or image inline with its detected type, anything else as an attachment', async () => {
    const upload = await emulators.files.presignedPost({
      caseId: 'case-4b',
      docType: 'PASSPORT',
      contentType: 'image/png',
    });
    await postUpload(upload, png(1000, 700));
    const inline = await fetch(await emulators.files.presignedGet(upload.key, { inlineAs: 'image/png' }));
    expect(inline.headers.get('content-disposition')).toBe('inline');
    expect(inline.headers.get('content-type')).toBe('image/png');
    const html = await fetch(await emulators.files.presignedGet(upload.key, { inlineAs: 'text/html' }));
    expect(html.headers.get('content-disposition')).toBe('attachment');
    expect(html.headers.get('content-type')).toBe('application/octet-stream');
  });

  test('a bounded read never returns more than maxBytes + 1 bytes', async () => {
    const upload = await emulators.files.presignedPost({
      caseId: 'case-5',
      docType: 'PASSPORT',
      contentType: 'image/png',
    });
    await postUpload(upload, png(1000, 700));
    const bytes = await emulators.files.getBytes(upload.key, { maxBytes: 99 });
    expect(bytes?.length).toBe(100);
  });

  test('a missing object reads as undefined', async () => {
    expect(await emulators.files.head('cases/nope/PASSPORT/0000000000010000000000000001')).toBeUndefined();
  });
});

describe('quarantine', () => {
  test('moves the object under quarantine/ and is safe to repeat', async () => {
    const upload = await emulators.files.presignedPost({
      caseId: 'case-6',
      docType: 'PASSPORT',
      contentType: 'image/png',
    });
    const bytes = png(1000, 700);
    await postUpload(upload, bytes);
    const target = await emulators.files.quarantine(upload.key);
    expect(target).toBe(`quarantine/${upload.key}`);
    expect(await emulators.files.head(upload.key)).toBeUndefined();
    expect((await emulators.files.head(target))?.size).toBe(bytes.length);
    expect(await emulators.files.quarantine(upload.key)).toBe(target);
  });
});

/**
 * An S3 client whose every request gets the HTTP answer S3 gives (status, headers, XML body, or no
 * body for HEAD), so the real SDK deserialises it into the error the adapter sees in AWS.
 */
function s3Answering(statusCode: number, xml?: string): { s3: S3Client; methods: string[] } {
  const methods: string[] = [];
  const s3 = new S3Client({
    region: 'cn-north-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: HttpRequest): Promise<{ response: HttpResponse }> => {
        methods.push(request.method);
        const body = request.method === 'HEAD' || !xml ? '' : xml;
        return {
          response: {
            statusCode,
            headers: {
              'x-amz-request-id': '4442587FB7D0A2F9',
              'x-amz-id-2': 'vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wo=',
              server: 'AmazonS3',
              ...(body ? { 'content-type': 'application/xml', 'content-length': String(body.length) } : {}),
            },
            body: Readable.from(body ? [Buffer.from(body)] : []),
          },
        };
      },
    },
  });
  return { s3, methods };
}

const s3Error = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>vlR7PnpV2Ce81l0PRw6jlUpck7Jo5ZsQjryTjKlc5aLWGVHPZLj5NeC6qMa0emYBDXOo6QBU0Wo=</HostId></Error>`;
const ACCESS_DENIED = s3Error('AccessDenied', 'Access Denied');
const NO_SUCH_KEY = s3Error('NoSuchKey', 'The specified key does not exist.');
const KEY = 'quarantine/cases/c-1/PASSPORT/0000000000010000000000000001';
const fileStoreOn = (s3: S3Client) => new FileStore(s3, { bucket: 'uploads', sse: 'aws:kms' });

// S3 answers a missing key with 403 to a role without s3:ListBucket, indistinguishable from a real
// denial; the on-upload role is granted ListBucket on the prefixes it reads (stateless stack), so a
// 403 here is always a permission problem and must surface, never read as "gone".
describe('what S3 answers for a key the role may not see', () => {
  test('a HEAD refused with 403 Forbidden (no body) is an error, not a missing object', async () => {
    const { s3, methods } = s3Answering(403);
    const error = await fileStoreOn(s3)
      .head(KEY)
      .catch((e: unknown) => e);
    expect(methods).toEqual(['HEAD']);
    // A HEAD error has no body to name it: this SDK calls it Unknown, older ones Forbidden.
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 403 } });

    const named = new S3Client({
      region: 'cn-north-1',
      credentials: { accessKeyId: 'A', secretAccessKey: 'S' },
    });
    named.middlewareStack.add(
      () => async () => {
        throw Object.assign(new Error('Forbidden'), {
          name: 'Forbidden',
          $metadata: { httpStatusCode: 403 },
        });
      },
      { step: 'finalizeRequest' },
    );
    await expect(fileStoreOn(named).head(KEY)).rejects.toMatchObject({ name: 'Forbidden' });
  });

  test('a GET refused with 403 AccessDenied is an error, not a missing object', async () => {
    const { s3, methods } = s3Answering(403, ACCESS_DENIED);
    const error = await fileStoreOn(s3)
      .getBytes(KEY, { maxBytes: 99 })
      .catch((e: unknown) => e);
    expect(methods).toEqual(['GET']);
    expect(error).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
  });

  test('a copy into quarantine refused with 403 AccessDenied is an error, not an earlier quarantine', async () => {
    const { s3, methods } = s3Answering(403, ACCESS_DENIED);
    const error = await fileStoreOn(s3)
      .quarantine('cases/c-1/PASSPORT/0000000000010000000000000001')
      .catch((e: unknown) => e);
    expect(methods).toEqual(['PUT']);
    expect(error).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
  });

  test('the 404 S3 answers a role with s3:ListBucket (HEAD NotFound, GET NoSuchKey) reads as missing', async () => {
    expect(await fileStoreOn(s3Answering(404).s3).head(KEY)).toBeUndefined();
    expect(
      await fileStoreOn(s3Answering(404, NO_SUCH_KEY).s3).getBytes(KEY, { maxBytes: 99 }),
    ).toBeUndefined();
  });
});
