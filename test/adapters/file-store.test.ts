import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
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
    const url = new URL(await emulators.files.presignedGet(upload.key, 3600));
    expect(Number(url.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(MAX_DOWNLOAD_EXPIRY_SECONDS);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
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
