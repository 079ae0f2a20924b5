import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsChunkedDecoder } from '#stack/aws/aws-chunked';
import { type LocalCredential, LocalCredentials } from '#stack/aws/local-credentials';
import { AwsAuthError, type VerifiedCaller, verifySigV4 } from '#stack/aws/sigv4';
import { NodeSha256 } from '#stack/aws/sigv4-primitives';

const credentials = new LocalCredentials();
const operator = credentials.issue('arn:aws:iam::000000000000:root');
const role = credentials.issue('arn:aws-cn:iam::000000000000:role/OnUpload');
const HOST = 'localhost:4566';

function signer(credential: LocalCredential, service: string, region = 'us-east-1') {
  return new SignatureV4({
    credentials: credential,
    region,
    service,
    sha256: NodeSha256,
    uriEscapePath: service !== 's3',
    applyChecksum: service === 's3',
  });
}

interface Signable {
  method: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
}

function request(input: Signable) {
  return {
    method: input.method,
    protocol: 'http:',
    hostname: 'localhost',
    port: 4566,
    path: input.path,
    query: input.query ?? {},
    headers: { host: HOST, ...(input.headers ?? {}) },
    ...(input.body === undefined ? {} : { body: input.body }),
  };
}

/** What the server would receive for a signed smithy request. */
function received(signed: {
  method: string;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}) {
  const search = new URLSearchParams(
    Object.entries(signed.query ?? {}).flatMap(([k, v]) =>
      v === null ? [] : Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]],
    ),
  )
    .toString()
    .replace(/\+/g, '%20');
  return {
    method: signed.method,
    url: new URL(`http://${HOST}${signed.path}${search ? `?${search}` : ''}`),
    headers: { ...signed.headers },
    body: new TextEncoder().encode(typeof signed.body === 'string' ? signed.body : ''),
  };
}

async function rejection(promise: Promise<unknown>): Promise<AwsAuthError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AwsAuthError) return error;
    throw error;
  }
  throw new Error('expected the request to be refused');
}

describe('LocalCredentials', () => {
  it('issues distinct remembered keys; role keys are temporary with a session token', () => {
    expect(operator.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(operator.sessionToken).toBeUndefined();
    expect(role.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(role.sessionToken).toBeTruthy();
    expect(credentials.lookup(role.accessKeyId)).toEqual(role);
    expect(credentials.lookup('AKIANOTISSUED0000000')).toBeUndefined();
  });
});

describe('verifySigV4 with @smithy/signature-v4', () => {
  it('accepts a header-signed DynamoDB request and names the caller', async () => {
    const body = '{"Limit":1}';
    const signed = await signer(role, 'dynamodb').sign(
      request({
        method: 'POST',
        path: '/',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.ListTables',
        },
        body,
      }),
    );
    const caller = await verifySigV4(received(signed), credentials);
    expect(caller.credential.principalArn).toBe('arn:aws-cn:iam::000000000000:role/OnUpload');
    expect(caller.service).toBe('dynamodb');
    expect(caller.region).toBe('us-east-1');
    expect(caller.expiresAt).toBeUndefined();
  });

  it('refuses a tampered signed header', async () => {
    const signed = await signer(role, 'dynamodb').sign(
      request({
        method: 'POST',
        path: '/',
        headers: { 'x-amz-target': 'DynamoDB_20120810.ListTables' },
        body: '{}',
      }),
    );
    const parts = received(signed);
    parts.headers['x-amz-target'] = 'DynamoDB_20120810.DeleteTable';
    const error = await rejection(verifySigV4(parts, credentials));
    expect(error.code).toBe('SignatureDoesNotMatch');
    expect(error.status).toBe(403);
  });

  it('refuses a tampered body of a service that signs its payload', async () => {
    const signed = await signer(role, 'dynamodb').sign(
      request({ method: 'POST', path: '/', body: '{"TableName":"a"}' }),
    );
    const parts = received(signed);
    parts.body = new TextEncoder().encode('{"TableName":"b"}');
    expect((await rejection(verifySigV4(parts, credentials))).code).toBe('SignatureDoesNotMatch');
  });

  it('refuses a body that does not match a signed x-amz-content-sha256 (S3)', async () => {
    const signed = await signer(operator, 's3').sign(request({ method: 'PUT', path: '/b/k', body: 'hello' }));
    const parts = received(signed);
    parts.body = new TextEncoder().encode('HELLO');
    expect((await rejection(verifySigV4(parts, credentials))).code).toBe('XAmzContentSHA256Mismatch');
  });

  it('refuses a request whose path was changed after signing', async () => {
    const signed = await signer(operator, 's3').sign(
      request({
        method: 'GET',
        path: '/bucket/cases/a/file',
        headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      }),
    );
    const parts = received(signed);
    parts.url = new URL(`http://${HOST}/bucket/cases/b/file`);
    expect((await rejection(verifySigV4(parts, credentials))).code).toBe('SignatureDoesNotMatch');
  });

  it('refuses a request whose query was changed after signing', async () => {
    const signed = await signer(operator, 's3').sign(
      request({
        method: 'GET',
        path: '/bucket',
        query: { prefix: 'cases/a/' },
        headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      }),
    );
    const parts = received(signed);
    parts.url = new URL(`http://${HOST}/bucket?prefix=cases%2F`);
    expect((await rejection(verifySigV4(parts, credentials))).code).toBe('SignatureDoesNotMatch');
  });

  it('refuses an S3 x-amz-* header that the signature does not cover', async () => {
    const signed = await signer(operator, 's3').sign(
      request({ method: 'PUT', path: '/b/k', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }),
    );
    const parts = received(signed);
    parts.headers['x-amz-server-side-encryption'] = 'AES256';
    const error = await rejection(verifySigV4(parts, credentials));
    expect(error.code).toBe('AccessDenied');
    expect(error.message).toMatch(/headers present in the request which were not signed/);
  });

  it('refuses an unknown access key and a wrong secret', async () => {
    const stranger = { ...operator, accessKeyId: 'AKIAUNKNOWNKEY000000' };
    const unknown = await signer(stranger, 's3').sign(
      request({ method: 'GET', path: '/b/k', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }),
    );
    expect((await rejection(verifySigV4(received(unknown), credentials))).code).toBe('InvalidAccessKeyId');
    const wrongSecret = await signer({ ...operator, secretAccessKey: 'guess' }, 's3').sign(
      request({ method: 'GET', path: '/b/k', headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }),
    );
    expect((await rejection(verifySigV4(received(wrongSecret), credentials))).code).toBe(
      'SignatureDoesNotMatch',
    );
  });

  it('refuses a temporary key sent without its session token', async () => {
    const signed = await signer({ ...role, sessionToken: undefined }, 'dynamodb').sign(
      request({ method: 'POST', path: '/', body: '{}' }),
    );
    expect((await rejection(verifySigV4(received(signed), credentials))).code).toBe('InvalidToken');
  });

  it('refuses a request signed more than 15 minutes away from now', async () => {
    const signingDate = new Date('2030-01-01T00:00:00Z');
    const signed = await signer(role, 'dynamodb').sign(request({ method: 'POST', path: '/', body: '{}' }), {
      signingDate,
    });
    await expect(
      verifySigV4(received(signed), credentials, new Date('2030-01-01T00:14:00Z')),
    ).resolves.toBeTruthy();
    const error = await rejection(
      verifySigV4(received(signed), credentials, new Date('2030-01-01T00:16:00Z')),
    );
    expect(error.code).toBe('RequestTimeTooSkewed');
  });

  it('refuses an unsigned request', async () => {
    const error = await rejection(
      verifySigV4(
        { method: 'GET', url: new URL(`http://${HOST}/b/k`), headers: { host: HOST } },
        credentials,
      ),
    );
    expect(error.code).toBe('MissingAuthenticationToken');
    expect(error.status).toBe(403);
  });

  it('accepts a presigned URL until it expires, then refuses it', async () => {
    const signingDate = new Date('2030-01-01T00:00:00Z');
    const presigned = await signer(operator, 's3').presign(
      // As @aws-sdk/s3-request-presigner does: S3 presigned URLs never sign the payload.
      request({
        method: 'GET',
        path: '/bucket/cases/a%20b/file',
        query: { 'response-content-disposition': 'attachment' },
        headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      }),
      { signingDate, expiresIn: 60 },
    );
    const caller = await verifySigV4(received(presigned), credentials, new Date('2030-01-01T00:00:59Z'));
    expect(caller.expiresAt?.toISOString()).toBe('2030-01-01T00:01:00.000Z');
    const error = await rejection(
      verifySigV4(received(presigned), credentials, new Date('2030-01-01T00:01:01Z')),
    );
    expect(error.code).toBe('AccessDenied');
    expect(error.message).toBe('Request has expired');
  });

  it('refuses a presigned URL whose override parameter was changed', async () => {
    const presigned = await signer(operator, 's3').presign(
      request({
        method: 'GET',
        path: '/bucket/k',
        query: { 'response-content-disposition': 'attachment' },
        headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      }),
    );
    const parts = received(presigned);
    parts.url.searchParams.set('response-content-disposition', 'inline');
    expect((await rejection(verifySigV4(parts, credentials))).code).toBe('SignatureDoesNotMatch');
  });
});

describe('verifySigV4 with the real SDK clients', () => {
  let server: Server;
  let endpoint: string;
  const seen: (VerifiedCaller | AwsAuthError)[] = [];

  beforeAll(async () => {
    server = createServer(async (req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      try {
        seen.push(
          await verifySigV4(
            {
              method: req.method ?? 'GET',
              url: new URL(req.url ?? '/', `http://${req.headers.host}`),
              headers: req.headers,
              body: Buffer.concat(chunks),
            },
            credentials,
          ),
        );
      } catch (error) {
        seen.push(error as AwsAuthError);
      }
      res.writeHead(500).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function lastVerdict(send: () => Promise<unknown>) {
    seen.length = 0;
    await send().catch(() => undefined);
    return seen[0];
  }

  it('accepts S3 PutObject (checksummed body) and GetObject of a key needing encoding', async () => {
    const s3 = new S3Client({
      region: 'cn-north-1',
      endpoint,
      forcePathStyle: true,
      credentials: role,
      maxAttempts: 1,
    });
    const put = await lastVerdict(() =>
      s3.send(new PutObjectCommand({ Bucket: 'b', Key: "cases/x y/(1)!'*~.pdf", Body: 'data' })),
    );
    expect(put).not.toBeInstanceOf(AwsAuthError);
    expect((put as VerifiedCaller).region).toBe('cn-north-1');
    const get = await lastVerdict(() =>
      s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'cases/中文/a+b=c' })),
    );
    expect(get).not.toBeInstanceOf(AwsAuthError);
    s3.destroy();
  });

  it('accepts a presigned GET from @aws-sdk/s3-request-presigner', async () => {
    const s3 = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: operator });
    const url = await getSignedUrl(
      s3,
      new GetObjectCommand({ Bucket: 'b', Key: 'cases/a b/c', ResponseContentDisposition: 'attachment' }),
      { expiresIn: 60 },
    );
    const verdict = await lastVerdict(() => fetch(url));
    expect(verdict).not.toBeInstanceOf(AwsAuthError);
    expect((verdict as VerifiedCaller).expiresAt).toBeInstanceOf(Date);
    s3.destroy();
  });

  it('accepts DynamoDB requests and refuses them from an unknown key', async () => {
    const dynamo = new DynamoDBClient({ region: 'us-east-1', endpoint, credentials: role, maxAttempts: 1 });
    expect(await lastVerdict(() => dynamo.send(new ListTablesCommand({})))).not.toBeInstanceOf(AwsAuthError);
    dynamo.destroy();
    const stranger = new DynamoDBClient({
      region: 'us-east-1',
      endpoint,
      credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    const verdict = await lastVerdict(() => stranger.send(new ListTablesCommand({})));
    expect((verdict as AwsAuthError).code).toBe('InvalidAccessKeyId');
    stranger.destroy();
  });
});

describe("AWS's published S3 SigV4 examples", () => {
  const example = new LocalCredentials();
  example.register({
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    principalArn: 'arn:aws:iam::000000000000:root',
  });
  const at = new Date('2013-05-24T00:00:00Z');

  it('verifies the GET Object example (header auth, signed range)', async () => {
    const caller = await verifySigV4(
      {
        method: 'GET',
        url: new URL('http://examplebucket.s3.amazonaws.com/test.txt'),
        headers: {
          host: 'examplebucket.s3.amazonaws.com',
          range: 'bytes=0-9',
          'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
          'x-amz-date': '20130524T000000Z',
          authorization:
            'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
        },
        body: new Uint8Array(),
      },
      example,
      at,
    );
    expect(caller.credential.accessKeyId).toBe('AKIAIOSFODNN7EXAMPLE');
  });

  it('verifies the streaming PUT seed and chain of chunk signatures, and refuses a corrupted chunk', async () => {
    const seed = '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9';
    const caller = await verifySigV4(
      {
        method: 'PUT',
        url: new URL('http://s3.amazonaws.com/examplebucket/chunkObject.txt'),
        headers: {
          host: 's3.amazonaws.com',
          'x-amz-date': '20130524T000000Z',
          'x-amz-storage-class': 'REDUCED_REDUNDANCY',
          'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
          'content-encoding': 'aws-chunked',
          'x-amz-decoded-content-length': '66560',
          'content-length': '66824',
          authorization: `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=${seed}`,
        },
      },
      example,
      at,
    );
    expect(caller.payloadHash).toBe('STREAMING-AWS4-HMAC-SHA256-PAYLOAD');
    const body = (corrupt: boolean) => {
      const parts: Buffer[] = [];
      for (const [size, signature] of [
        [65536, 'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648'],
        [1024, '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497'],
        [0, 'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9'],
      ] as const) {
        const data = Buffer.alloc(size, 'a');
        if (corrupt && size === 1024) data[10] = 0x62;
        parts.push(
          Buffer.from(`${size.toString(16)};chunk-signature=${signature}\r\n`),
          data,
          Buffer.from('\r\n'),
        );
      }
      return Buffer.concat(parts);
    };
    const decode = async (input: Buffer) => {
      const decoder = new AwsChunkedDecoder({
        seedSignature: caller.signature,
        signingKey: caller.signingKey,
        longDate: '20130524T000000Z',
        scope: caller.scope,
      });
      const out: Buffer[] = [];
      // Fed in odd slices, as a socket would.
      await pipeline(
        Readable.from(
          Array.from({ length: Math.ceil(input.length / 7001) }, (_, i) =>
            input.subarray(i * 7001, (i + 1) * 7001),
          ),
        ),
        decoder,
        new Writable({
          write(chunk, _encoding, callback) {
            out.push(chunk);
            callback();
          },
        }),
      );
      return Buffer.concat(out);
    };
    expect((await decode(body(false))).equals(Buffer.alloc(66560, 'a'))).toBe(true);
    await expect(decode(body(true))).rejects.toMatchObject({ code: 'SignatureDoesNotMatch' });
  });
});
