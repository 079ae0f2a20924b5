import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LocalCredential, LocalCredentials } from '#stack/aws/local-credentials';
import { NodeSha256 } from '#stack/aws/sigv4-primitives';
import { type AuthorizationRequest, type S3Emulator, startS3 } from '#stack/s3';
import { collectEvents, postUpload } from '../support/uploads.ts';

const REGION = 'cn-north-1';
const BUCKET = 'icp-uploads';
const ORIGIN = 'http://localhost:5173';
const MAX_BODY = 256 * 1024;
const ROLE = 'arn:aws-cn:iam::000000000000:role/UploadApi';

let root: string;
let s3: S3Emulator;
let credentials: LocalCredentials;
let role: LocalCredential;
let client: S3Client;
/** The IAM hook's answer (default: allow); every question it was asked. */
let policy: (request: AuthorizationRequest) => boolean;
const asked: AuthorizationRequest[] = [];
/** Added to the front's clock (to step past expiry without waiting). */
let clockOffsetMs = 0;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'strict-s3-'));
  credentials = new LocalCredentials();
  role = credentials.issue(ROLE);
  s3 = await startS3({
    dataDir: join(root, 'data', 's3'),
    buckets: [BUCKET, 'other-bucket'],
    region: REGION,
    partition: 'aws-cn',
    corsOrigins: [ORIGIN],
    credentials,
    maxBodyBytes: MAX_BODY,
    clock: () => new Date(Date.now() + clockOffsetMs),
    authorize: (request) => {
      asked.push(request);
      return policy(request);
    },
  });
  client = new S3Client({
    region: REGION,
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: role,
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client.destroy();
  await s3.close();
  rmSync(root, { recursive: true, force: true });
});
beforeEach(() => {
  policy = () => true;
  asked.length = 0;
  clockOffsetMs = 0;
});

/** Every file under the temporary root (s3rver's data folder and around it). */
function files(): string[] {
  return (
    readdirSync(root, { recursive: true, withFileTypes: true }) as {
      name: string;
      parentPath: string;
      isFile(): boolean;
    }[]
  )
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

/** Runs `attack` and asserts that it changed no file anywhere under the root. */
async function writesNothing<T>(attack: () => Promise<T>): Promise<T> {
  const before = files();
  const result = await attack();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(files()).toEqual(before);
  return result;
}

async function exists(key: string, bucket = BUCKET): Promise<boolean> {
  try {
    await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
      return false;
    throw error;
  }
}

async function put(key: string, body: string | Uint8Array = 'hello'): Promise<void> {
  await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
}

/** A raw HTTP request (no URL normalisation, unlike fetch): status, headers and body. */
function raw(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Uint8Array,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(s3.endpoint);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A raw request SigV4-signed by `credential` over exactly `path` (so odd paths stay as they are). */
async function signedRaw(
  method: string,
  path: string,
  credential: LocalCredential = role,
  body?: string,
  query: Record<string, string> = {},
) {
  const url = new URL(s3.endpoint);
  const signer = new SignatureV4({
    credentials: credential,
    region: REGION,
    service: 's3',
    sha256: NodeSha256,
    uriEscapePath: false,
  });
  const signed = await signer.sign({
    method,
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path,
    query,
    headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
  });
  const search = new URLSearchParams(query).toString();
  return raw(method, search ? `${path}?${search}` : path, signed.headers, body);
}

function errorCode(body: string): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
}

async function presignedUpload(
  key: string,
  options: { expires?: number; maxBytes?: number; credential?: LocalCredential } = {},
) {
  const signer = new S3Client({
    region: REGION,
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: options.credential ?? role,
  });
  const post = await createPresignedPost(signer, {
    Bucket: BUCKET,
    Key: key,
    Expires: options.expires ?? 600,
    Fields: { 'Content-Type': 'image/png', 'x-amz-server-side-encryption': 'AES256' },
    Conditions: [
      { bucket: BUCKET },
      ['eq', '$key', key],
      ['content-length-range', 1, options.maxBytes ?? 1000],
      ['eq', '$Content-Type', 'image/png'],
      ['eq', '$x-amz-server-side-encryption', 'AES256'],
    ],
  });
  signer.destroy();
  return post;
}

const bytes = (n: number) => new Uint8Array(n).fill(7);

describe('anonymous requests', () => {
  it('an unsigned PUT is refused with 403 AccessDenied and writes nothing', async () => {
    const response = await writesNothing(() =>
      fetch(`${s3.endpoint}/${BUCKET}/cases/c1/PASSPORT/anon`, { method: 'PUT', body: 'evil' }),
    );
    expect(response.status).toBe(403);
    expect(errorCode(await response.text())).toBe('AccessDenied');
    expect(await exists('cases/c1/PASSPORT/anon')).toBe(false);
  });

  it('an unsigned GET and an unsigned listing are refused with 403', async () => {
    await put('cases/c1/PASSPORT/public?');
    const get = await fetch(`${s3.endpoint}/${BUCKET}/cases/c1/PASSPORT/public%3F`);
    expect(get.status).toBe(403);
    expect(errorCode(await get.text())).toBe('AccessDenied');
    const list = await fetch(`${s3.endpoint}/${BUCKET}?list-type=2`);
    expect(list.status).toBe(403);
    expect(await list.text()).toMatch(/<Error><Code>AccessDenied<\/Code><Message>Access Denied<\/Message>/);
    const buckets = await fetch(`${s3.endpoint}/`);
    expect(buckets.status).toBe(403);
  });

  it('a request signed by a key the stack never issued is refused', async () => {
    const stranger = new S3Client({
      region: REGION,
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      maxAttempts: 1,
    });
    await expect(
      writesNothing(() =>
        stranger.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'cases/x/y/z', Body: 'x' })),
      ),
    ).rejects.toMatchObject({ name: 'InvalidAccessKeyId', $metadata: { httpStatusCode: 403 } });
    stranger.destroy();
  });
});

describe('signed requests', () => {
  it('the SDK client with an issued key puts, reads, lists, copies and deletes', async () => {
    await put('cases/c2/PASSPORT/a b+(1)', 'content');
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'cases/c2/PASSPORT/a b+(1)' }));
    expect(await got.Body?.transformToString()).toBe('content');
    expect(got.ServerSideEncryption).toBe('AES256');
    const list = await client.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'cases/c2/' }));
    expect(list.Contents?.map((o) => o.Key)).toEqual(['cases/c2/PASSPORT/a b+(1)']);
    expect(asked.find((q) => q.action === 's3:ListBucket')).toMatchObject({
      principalArn: ROLE,
      resource: `arn:aws-cn:s3:::${BUCKET}`,
      context: expect.objectContaining({ 's3:prefix': 'cases/c2/' }),
    });
  });

  it('a streamed SDK upload (aws-chunked with a trailing checksum) is decoded and stored whole', async () => {
    const payload = 'x'.repeat(70_000);
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'cases/c2/PASSPORT/streamed',
        Body: Readable.from([Buffer.from(payload.slice(0, 30_000)), Buffer.from(payload.slice(30_000))]),
        ContentLength: payload.length,
      }),
    );
    const got = await client.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'cases/c2/PASSPORT/streamed' }),
    );
    expect(await got.Body?.transformToString()).toBe(payload);
  });

  it('a tampered signature is refused with 403 SignatureDoesNotMatch and writes nothing', async () => {
    const url = new URL(s3.endpoint);
    const signer = new SignatureV4({
      credentials: role,
      region: REGION,
      service: 's3',
      sha256: NodeSha256,
      uriEscapePath: false,
    });
    const signed = await signer.sign({
      method: 'PUT',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: `/${BUCKET}/cases/c3/PASSPORT/tampered`,
      query: {},
      headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    });
    const authorization = String(signed.headers.authorization);
    const last = authorization.at(-1) === '0' ? '1' : '0';
    const response = await writesNothing(() =>
      raw(
        'PUT',
        `/${BUCKET}/cases/c3/PASSPORT/tampered`,
        { ...signed.headers, authorization: `${authorization.slice(0, -1)}${last}` },
        'evil',
      ),
    );
    expect(response.status).toBe(403);
    expect(errorCode(response.body)).toBe('SignatureDoesNotMatch');
    // The same signature over another key fails too.
    const moved = await writesNothing(() =>
      raw('PUT', `/${BUCKET}/cases/OTHER/PASSPORT/tampered`, signed.headers, 'evil'),
    );
    expect(moved.status).toBe(403);
    expect(await exists('cases/c3/PASSPORT/tampered')).toBe(false);
  });

  it('a body that does not match the signed x-amz-content-sha256 is refused and not stored', async () => {
    const url = new URL(s3.endpoint);
    const signer = new SignatureV4({
      credentials: role,
      region: REGION,
      service: 's3',
      sha256: NodeSha256,
      uriEscapePath: false,
    });
    const signed = await signer.sign({
      method: 'PUT',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: `/${BUCKET}/cases/c3/PASSPORT/hashed`,
      query: {},
      headers: { host: url.host },
      body: 'the signed body',
    });
    const response = await writesNothing(() =>
      raw('PUT', `/${BUCKET}/cases/c3/PASSPORT/hashed`, signed.headers, 'another body!!!'),
    );
    expect(response.status).toBe(400);
    expect(errorCode(response.body)).toBe('XAmzContentSHA256Mismatch');
  });

  it('a request signed for another region is refused', async () => {
    const elsewhere = new S3Client({
      region: 'us-east-1',
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: role,
      maxAttempts: 1,
    });
    await expect(
      writesNothing(() =>
        elsewhere.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'cases/r/x/y', Body: 'x' })),
      ),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });
    elsewhere.destroy();
  });

  it('a body over the local cap is refused with EntityTooLarge and not stored', async () => {
    await expect(
      writesNothing(() => put('cases/c3/PASSPORT/huge', bytes(MAX_BODY + 1))),
    ).rejects.toMatchObject({ name: 'EntityTooLarge' });
  });
});

describe('keys that would escape the bucket', () => {
  const escapes = [
    `/${BUCKET}/cases/../../../x`,
    `/${BUCKET}/cases/%2e%2e/%2E%2E/%2e%2e/x`,
    `/${BUCKET}/cases/..%2f..%2f..%2fx`,
    `/${BUCKET}/cases%2F..%2F..%2F..%2Fx`,
    `/${BUCKET}/%2Fetc/x`,
    `/${BUCKET}/cases/..%5c..%5cx`,
    `/${BUCKET}/cases/a%00b`,
    `/${BUCKET}/./x`,
  ];

  it.each(escapes)('a signed PUT to %s is refused and writes nothing', async (path) => {
    const response = await writesNothing(() => signedRaw('PUT', path, role, 'evil'));
    expect(response.status).toBe(400);
    expect(errorCode(response.body)).toBe('InvalidArgument');
  });

  it.each(escapes)('an unsigned PUT to %s is refused and writes nothing', async (path) => {
    const response = await writesNothing(() => raw('PUT', path, {}, 'evil'));
    expect([400, 403]).toContain(response.status);
  });

  it('a multipart upload id or part number that s3rver would join into a path is refused', async () => {
    for (const query of [
      { partNumber: '1', uploadId: '../../../../escaped' },
      { partNumber: '../../escaped', uploadId: 'a'.repeat(32) },
    ]) {
      const response = await writesNothing(() =>
        signedRaw('PUT', `/${BUCKET}/cases/c4/PASSPORT/part`, role, 'evil', query),
      );
      expect([400, 404]).toContain(response.status);
    }
  });

  it('a validly signed POST policy for a key with ".." is refused and writes nothing', async () => {
    const upload = await presignedUpload('cases/../../../x');
    const response = await writesNothing(() => postUpload(upload, bytes(10)));
    expect([400, 403]).toContain(response.status);
  });

  it('a copy whose source escapes the bucket is refused', async () => {
    await expect(
      writesNothing(() =>
        client.send(
          new CopyObjectCommand({
            Bucket: BUCKET,
            Key: 'cases/c4/PASSPORT/copy',
            CopySource: `${BUCKET}/cases/../../../etc/passwd`,
          }),
        ),
      ),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 } });
  });
});

describe('browser POST uploads', () => {
  it('a valid presigned POST is stored at its key and fires "Object Created"', async () => {
    const events = collectEvents(s3);
    try {
      const key = 'cases/c5/PASSPORT/0000000000010000000000000001';
      const upload = await presignedUpload(key);
      const response = await postUpload(upload, bytes(500));
      expect(response.status).toBe(204);
      const [event] = await events.waitFor(1);
      expect(event).toMatchObject({
        'detail-type': 'Object Created',
        source: 'aws.s3',
        region: REGION,
        resources: [`arn:aws-cn:s3:::${BUCKET}`],
        detail: { bucket: { name: BUCKET }, object: { key, size: 500 }, reason: 'PostObject' },
      });
      const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
      expect(head).toMatchObject({
        ContentLength: 500,
        ContentType: 'image/png',
        ServerSideEncryption: 'AES256',
      });
      expect(asked).toContainEqual(
        expect.objectContaining({
          principalArn: ROLE,
          action: 's3:PutObject',
          resource: `arn:aws-cn:s3:::${BUCKET}/${key}`,
          context: expect.objectContaining({
            's3:authType': 'POST',
            's3:x-amz-server-side-encryption': 'AES256',
          }),
        }),
      );
    } finally {
      events.stop();
    }
  });

  it('answers the console origin with CORS headers on the upload and its preflight', async () => {
    const preflight = await fetch(`${s3.endpoint}/${BUCKET}`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const foreign = await fetch(`${s3.endpoint}/${BUCKET}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(foreign.status).toBe(403);
    const upload = await presignedUpload('cases/c5/PASSPORT/cors');
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append('file', new Blob([bytes(5)], { type: 'image/png' }), 'a.png');
    const response = await fetch(upload.url, { method: 'POST', body: form, headers: { origin: ORIGIN } });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('access-control-expose-headers')).toContain('ETag');
  });

  it('a POST with no policy or signature is refused with 403 and writes nothing', async () => {
    const response = await writesNothing(() =>
      postUpload(
        {
          url: `${s3.endpoint}/${BUCKET}`,
          fields: { key: 'cases/c6/PASSPORT/anon', 'Content-Type': 'image/png' },
        },
        bytes(10),
      ),
    );
    expect(response.status).toBe(403);
    expect(errorCode(response.body)).toBe('AccessDenied');
  });

  it('a presigned POST whose key field is re-pointed to another case is refused and writes nothing', async () => {
    const upload = await presignedUpload('cases/mine/PASSPORT/0000000000010000000000000002');
    const response = await writesNothing(() =>
      postUpload(upload, bytes(10), { key: 'cases/victim/PASSPORT/0000000000010000000000000002' }),
    );
    expect(response.status).toBe(403);
    expect(response.body).toContain(
      'Invalid according to Policy: Policy Condition failed: [&quot;eq&quot;, &quot;$key&quot;, &quot;cases/mine/PASSPORT/0000000000010000000000000002&quot;]',
    );
    expect(await exists('cases/victim/PASSPORT/0000000000010000000000000002')).toBe(false);
  });

  it('a presigned POST with a changed Content-Type, SSE or an extra field is refused', async () => {
    const upload = await presignedUpload('cases/c7/PASSPORT/fields');
    for (const overrides of <Record<string, string>[]>[
      { 'Content-Type': 'text/html' },
      { 'x-amz-server-side-encryption': 'aws:kms' },
      { 'x-amz-meta-owner': 'someone-else' },
      { success_action_status: '201' },
    ]) {
      const response = await writesNothing(() => postUpload(upload, bytes(10), overrides));
      expect(response.status, JSON.stringify(overrides)).toBe(403);
    }
    const extra = await postUpload(upload, bytes(10), { 'x-amz-meta-owner': 'x' });
    expect(extra.body).toContain('Extra input fields: x-amz-meta-owner');
    // x-ignore-* fields are exempt, as in S3.
    expect((await postUpload(upload, bytes(10), { 'x-ignore-submit': 'Upload' })).status).toBe(204);
  });

  it('a presigned POST with a forged policy or signature is refused', async () => {
    const upload = await presignedUpload('cases/c8/PASSPORT/forged');
    const policy = JSON.parse(Buffer.from(upload.fields.Policy as string, 'base64').toString('utf8'));
    policy.conditions = policy.conditions.map((c: unknown) =>
      Array.isArray(c) && c[0] === 'content-length-range' ? ['content-length-range', 1, 10_000_000] : c,
    );
    const forged = Buffer.from(JSON.stringify(policy)).toString('base64');
    const response = await writesNothing(() => postUpload(upload, bytes(10), { Policy: forged }));
    expect(response.status).toBe(403);
    expect(errorCode(response.body)).toBe('SignatureDoesNotMatch');
    const badSignature = await writesNothing(() =>
      postUpload(upload, bytes(10), { 'X-Amz-Signature': '0'.repeat(64) }),
    );
    expect(badSignature.status).toBe(403);
  });

  it('a POST after its policy expired is refused with 403 and writes nothing', async () => {
    const upload = await presignedUpload('cases/c9/PASSPORT/late', { expires: 60 });
    clockOffsetMs = 61_000;
    const response = await writesNothing(() => postUpload(upload, bytes(10)));
    expect(response.status).toBe(403);
    expect(response.body).toContain('Invalid according to Policy: Policy expired.');
  });

  it('a POST whose file is bigger than content-length-range is refused with EntityTooLarge and writes nothing', async () => {
    const upload = await presignedUpload('cases/c10/PASSPORT/big', { maxBytes: 1000 });
    const response = await writesNothing(() => postUpload(upload, bytes(1001)));
    expect(response.status).toBe(400);
    expect(errorCode(response.body)).toBe('EntityTooLarge');
    const empty = await writesNothing(() => postUpload(upload, bytes(0)));
    expect(empty.status).toBe(400);
    expect(errorCode(empty.body)).toBe('EntityTooSmall');
    expect((await postUpload(upload, bytes(1000))).status).toBe(204);
  });

  it('a POST whose signer may not PutObject is refused with 403 and writes nothing', async () => {
    policy = (request) => request.action !== 's3:PutObject';
    const upload = await presignedUpload('cases/c11/PASSPORT/denied');
    const response = await writesNothing(() => postUpload(upload, bytes(10)));
    expect(response.status).toBe(403);
    expect(response.body).toContain(`User: ${ROLE} is not authorized to perform: s3:PutObject`);
  });
});

describe('the IAM hook', () => {
  it('a PutObject the hook denies is refused with 403 AccessDenied and writes nothing', async () => {
    policy = (request) => request.action !== 's3:PutObject';
    await expect(writesNothing(() => put('cases/c12/PASSPORT/denied'))).rejects.toMatchObject({
      name: 'AccessDenied',
      $metadata: { httpStatusCode: 403 },
    });
    policy = () => true;
    expect(await exists('cases/c12/PASSPORT/denied')).toBe(false);
  });

  it('a missing key is 403 without s3:ListBucket and 404 with it', async () => {
    policy = (request) => request.action !== 's3:ListBucket';
    await expect(
      client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'cases/none/PASSPORT/x' })),
    ).rejects.toMatchObject({
      $metadata: { httpStatusCode: 403 },
    });
    await expect(
      client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'cases/none/PASSPORT/x' })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    policy = () => true;
    await expect(
      client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'cases/none/PASSPORT/x' })),
    ).rejects.toMatchObject({
      name: 'NoSuchKey',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('a copy needs s3:PutObject on the target and s3:GetObject on the source, and fires "Object Created"', async () => {
    await put('cases/c13/PASSPORT/original', 'data');
    policy = (request) => !(request.action === 's3:GetObject' && request.resource.endsWith('/original'));
    await expect(
      writesNothing(() =>
        client.send(
          new CopyObjectCommand({
            Bucket: BUCKET,
            Key: 'quarantine/c13',
            CopySource: `${BUCKET}/cases/c13/PASSPORT/original`,
          }),
        ),
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    policy = () => true;
    const events = collectEvents(s3);
    try {
      await client.send(
        new CopyObjectCommand({
          Bucket: BUCKET,
          Key: 'quarantine/c13',
          CopySource: `${BUCKET}/cases/c13/PASSPORT/original`,
        }),
      );
      const [event] = await events.waitFor(1);
      expect(event?.detail).toMatchObject({ object: { key: 'quarantine/c13' }, reason: 'CopyObject' });
    } finally {
      events.stop();
    }
    expect(asked.map((q) => [q.action, q.resource])).toEqual(
      expect.arrayContaining([
        ['s3:PutObject', `arn:aws-cn:s3:::${BUCKET}/quarantine/c13`],
        ['s3:GetObject', `arn:aws-cn:s3:::${BUCKET}/cases/c13/PASSPORT/original`],
      ]),
    );
  });

  it('SSE-KMS writes need kms:GenerateDataKey and reads kms:Decrypt on the key', async () => {
    const keyArn = 'arn:aws-cn:kms:cn-north-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    policy = (request) => request.action !== 'kms:GenerateDataKey';
    await expect(
      writesNothing(() =>
        client.send(
          new PutObjectCommand({
            Bucket: BUCKET,
            Key: 'cases/c14/PASSPORT/kms',
            Body: 'x',
            ServerSideEncryption: 'aws:kms',
            SSEKMSKeyId: keyArn,
          }),
        ),
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied' });
    policy = () => true;
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'cases/c14/PASSPORT/kms',
        Body: 'x',
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: keyArn,
      }),
    );
    policy = (request) => request.action !== 'kms:Decrypt';
    await expect(
      client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'cases/c14/PASSPORT/kms' })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    policy = () => true;
    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'cases/c14/PASSPORT/kms' }));
    expect(got.SSEKMSKeyId).toBe(keyArn);
    expect(asked).toContainEqual(
      expect.objectContaining({
        action: 'kms:Decrypt',
        resource: keyArn,
        context: expect.objectContaining({ 'kms:ViaService': 's3.cn-north-1.amazonaws.com.cn' }),
      }),
    );
  });
});

describe('presigned GET', () => {
  it('downloads with its response header overrides until it expires, then answers 403', async () => {
    await put('cases/c15/PASSPORT/doc', 'document');
    const url = await getSignedUrl(
      client,
      new GetObjectCommand({
        Bucket: BUCKET,
        Key: 'cases/c15/PASSPORT/doc',
        ResponseContentDisposition: 'attachment',
        ResponseContentType: 'application/pdf',
      }),
      { expiresIn: 60 },
    );
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toBe('attachment');
    expect(ok.headers.get('content-type')).toBe('application/pdf');
    expect(await ok.text()).toBe('document');

    clockOffsetMs = 61_000;
    const late = await fetch(url);
    expect(late.status).toBe(403);
    const body = await late.text();
    expect(errorCode(body)).toBe('AccessDenied');
    expect(body).toContain('Request has expired');
  });

  it('a presigned GET whose key or override was changed is refused', async () => {
    await put('cases/c16/PASSPORT/doc', 'document');
    const url = new URL(
      await getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: BUCKET,
          Key: 'cases/c16/PASSPORT/doc',
          ResponseContentDisposition: 'attachment',
        }),
      ),
    );
    const other = new URL(url);
    other.pathname = `/${BUCKET}/cases/c15/PASSPORT/doc`;
    expect((await fetch(other)).status).toBe(403);
    url.searchParams.set('response-content-disposition', 'inline');
    expect((await fetch(url)).status).toBe(403);
  });
});

describe('startS3 without issued credentials', () => {
  it("accepts its own operator key and refuses s3rver's fixed S3RVER pair", async () => {
    const alone = await startS3({ buckets: [BUCKET] });
    const as = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
      new S3Client({
        region: 'us-east-1',
        endpoint: alone.endpoint,
        forcePathStyle: true,
        credentials,
        maxAttempts: 1,
      });
    const operator = as(alone.operator);
    const s3rverKey = as({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
    try {
      expect(alone.operator.principalArn).toBe('arn:aws:iam::000000000000:root');
      await operator.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'cases/a/b/c', Body: 'x' }));
      await expect(
        s3rverKey.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'cases/a/b/c' })),
      ).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
    } finally {
      operator.destroy();
      s3rverKey.destroy();
      await alone.close();
    }
  });
});
