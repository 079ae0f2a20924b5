/**
 * The checking front of the strict local S3. It listens on the public port and lets through only
 * what S3 would accept: SigV4-signed or presigned requests by a key the stack issued (signature,
 * clock skew, expiry, payload hash, chunk signatures, checksums), browser POST uploads whose policy
 * is signed and holds, keys that stay inside the bucket, and callers the IAM hook allows. Allowed
 * requests are re-signed with s3rver's own key and proxied to s3rver on a loopback port; refused
 * ones never reach s3rver, so nothing is written.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { join } from 'node:path';
import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import { SignatureV4 } from '@smithy/signature-v4';
import busboy from 'busboy';
import { AwsChunkedDecoder } from './aws/aws-chunked.ts';
import {
  AwsAuthError,
  type LocalCredentials,
  NodeSha256,
  toAmzDate,
  UNSIGNED_PAYLOAD,
  uriEncode,
  type VerifiedCaller,
  verifySigV4,
} from './aws/sigv4.ts';
import { type CorsRule, preflightHeaders, responseCorsHeaders } from './s3-cors.ts';
import type { EncryptionRecord, EncryptionRecords } from './s3-encryption-records.ts';
import {
  type AuthorizationCheck,
  type Authorize,
  bucketArn,
  kmsContext,
  kmsKeyArn,
  objectArn,
  type Partition,
  putContext,
  type S3Operation,
  s3Operation,
  UnsupportedOperation,
} from './s3-iam.ts';
import { bucketProblem, keyProblem, staysInsideBucket } from './s3-keys.ts';
import { lengthProblem, verifyPostPolicy } from './s3-post-policy.ts';

export interface S3FrontOptions {
  upstream: { host: string; port: number };
  /** The key pair s3rver accepts; used only by the front, to sign what it proxies. */
  upstreamCredentials: { accessKeyId: string; secretAccessKey: string };
  /** s3rver's data folder (keys must resolve inside its bucket folders). */
  directory: string;
  /** Where request bodies wait while they are checked, before s3rver sees them. */
  spoolDirectory: string;
  buckets: readonly string[];
  region: string;
  partition: Partition;
  credentials: LocalCredentials;
  authorize?: Authorize;
  corsRules: readonly CorsRule[];
  maxBodyBytes: number;
  /** Bucket default SSE-KMS key (ARN), for SSE-KMS writes that name none. */
  kmsKeyArns?: Readonly<Record<string, string>>;
  encryption: EncryptionRecords;
  clock: () => Date;
}

/** An S3 error response (S3's XML body). */
class S3Failure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
  static from(error: AwsAuthError): S3Failure {
    return new S3Failure(error.code, error.message, error.status);
  }
}

const accessDenied = (message = 'Access Denied') => new S3Failure('AccessDenied', message, 403);
/** Bodies up to this size are read before answering an early refusal, so clients see the answer. */
const DRAIN_BEFORE_ANSWER = 1024 * 1024;
/** S3 refuses a POST whose fields before the file exceed 20 KB. */
const MAX_POST_PRE_DATA = 20 * 1024;
const AUTH_QUERY = new Set([
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-expires',
  'x-amz-signedheaders',
  'x-amz-signature',
  'x-amz-security-token',
  'x-amz-content-sha256',
]);
/** Request headers the front consumes (auth, transfer, checksums it has verified) or that s3rver must not see. */
const NOT_FORWARDED = new Set([
  'authorization',
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'content-length',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
  'x-amz-decoded-content-length',
  'x-amz-trailer',
  'x-amz-sdk-checksum-algorithm',
  'origin',
  'access-control-request-method',
  'access-control-request-headers',
]);
/** POST form fields s3rver stores (object headers and user metadata) or acts on. */
const FORWARDED_FORM_FIELDS = new Set([
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-language',
  'content-type',
  'expires',
  'x-amz-storage-class',
  'x-amz-website-redirect-location',
  'success_action_status',
  'success_action_redirect',
  'redirect',
]);
const SSE_VALUES = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);

interface Target {
  bucket?: string;
  key?: string;
  rawSearch: string;
}

/** Creates the front's HTTP server (not yet listening). */
export function createS3Front(options: S3FrontOptions): Server {
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const upstreamSigner = new SignatureV4({
    credentials: options.upstreamCredentials,
    region: options.region,
    service: 's3',
    sha256: NodeSha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const buckets = new Set(options.buckets);

  const server = createServer((req, res) => {
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    res.setHeader('x-amz-request-id', requestId);
    res.setHeader('x-amz-id-2', requestId);
    handle(req, res).catch((error: unknown) => {
      // The client went away (a browser leaving a page while previews load): nobody to answer.
      if ((error as NodeJS.ErrnoException).code === 'ECONNRESET' && req.socket.destroyed) return;
      const failure =
        error instanceof S3Failure
          ? error
          : error instanceof AwsAuthError
            ? S3Failure.from(error)
            : new S3Failure('InternalError', 'We encountered an internal error. Please try again.', 500);
      if (!(error instanceof S3Failure || error instanceof AwsAuthError))
        console.error('strict S3 front', error);
      sendError(req, res, failure, requestId, corsFor(req));
    });
  });
  server.on('close', () => agent.destroy());

  function corsFor(req: IncomingMessage): Record<string, string> {
    const bucket = targetOf(req.url ?? '/').bucket;
    if (!bucket || !buckets.has(bucket)) return {};
    return responseCorsHeaders(options.corsRules, header(req.headers, 'origin'), req.method ?? 'GET') ?? {};
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const target = parseTarget(req.url ?? '/');
    const { bucket, key } = target;
    if (bucket !== undefined) {
      const problem = bucketProblem(bucket);
      if (problem)
        throw new S3Failure('InvalidBucketName', `The specified bucket is not valid: ${problem}.`, 400);
    }
    if (key !== undefined) checkKey(bucket as string, key);

    if (method === 'OPTIONS') return preflight(req, res, bucket);
    const cors = corsFor(req);
    const query = new URLSearchParams(target.rawSearch);
    if (
      method === 'POST' &&
      bucket !== undefined &&
      key === undefined &&
      !query.has('delete') &&
      (header(req.headers, 'content-type') ?? '').toLowerCase().startsWith('multipart/form-data')
    ) {
      return postUpload(req, res, bucket, cors);
    }

    checkUploadParameters(query);

    const url = new URL(`${req.url ?? '/'}`, `http://${header(req.headers, 'host') ?? 'localhost'}`);
    let caller: VerifiedCaller;
    try {
      caller = await verifySigV4({ method, url, headers: req.headers }, options.credentials, options.clock());
    } catch (error) {
      if (error instanceof AwsAuthError && error.code === 'MissingAuthenticationToken') throw accessDenied();
      throw error;
    }
    checkScope(caller);
    const principalArn = caller.credential.principalArn;
    const headers = singleHeaders(req.headers);
    // Request facts only S3 knows; principal and transport keys (aws:PrincipalArn,
    // aws:SecureTransport, ...) are the IAM hook's to supply.
    const baseContext = {
      'aws:SourceIp': req.socket.remoteAddress ?? '127.0.0.1',
      's3:authType': caller.mechanism === 'header' ? 'REST-HEADER' : 'REST-QUERY-STRING',
      's3:signatureversion': 'AWS4-HMAC-SHA256',
      's3:signatureAge': String(Math.max(0, options.clock().getTime() - caller.signedAt.getTime())),
      's3:x-amz-content-sha256': caller.payloadHash,
    };

    if (method === 'POST' && bucket !== undefined && key === undefined && query.has('delete')) {
      return deleteObjects(req, res, caller, bucket, target, cors, baseContext);
    }

    let operation: S3Operation;
    try {
      operation = s3Operation({ method, bucket, key, query, headers }, options.partition);
    } catch (error) {
      if (error instanceof UnsupportedOperation) {
        throw new S3Failure('NotImplemented', `The local S3 does not implement ${error.message}.`, 501);
      }
      throw error;
    }
    const checks = [...operation.checks];
    const copySource = headers['x-amz-copy-source'];
    if (copySource !== undefined && bucket !== undefined && key !== undefined) {
      const source = parseCopySource(copySource);
      checks.push({
        action: source.versionId ? 's3:GetObjectVersion' : 's3:GetObject',
        resource: objectArn(options.partition, source.bucket, source.key),
      });
      checks.push(...decryptChecks(source.bucket, source.key));
    }
    let written: EncryptionRecord | undefined;
    if (operation.writesObject && bucket !== undefined && key !== undefined) {
      written = encryptionOf(bucket, (name) => headers[name]);
      checks.push(...encryptChecks(written, bucket, key));
    }
    if (operation.readsObject && bucket !== undefined && key !== undefined) {
      checks.push(...decryptChecks(bucket, key));
    }
    await authorizeAll(principalArn, checks, baseContext);

    const body = await receiveBody(req, caller, headers, operation);
    try {
      await proxy(req, res, target, headers, body, cors, async (status, upstream) => {
        if (
          operation.readsObject &&
          status === 404 &&
          !(await mayList(principalArn, bucket as string, baseContext))
        ) {
          upstream.resume();
          throw accessDenied();
        }
        if (status < 300 && bucket !== undefined && key !== undefined) {
          if (
            written &&
            (operation.name === 'PutObject' ||
              operation.name === 'CopyObject' ||
              operation.name === 'CreateMultipartUpload')
          ) {
            options.encryption.set(bucket, key, written);
          }
          if (operation.name === 'DeleteObject') options.encryption.delete(bucket, key);
          if (operation.readsObject || operation.writesObject)
            return sseHeaders(options.encryption.get(bucket, key));
        }
        return {};
      });
    } finally {
      if (body) await rm(body.path, { force: true });
    }
  }

  function checkKey(bucket: string, key: string): void {
    const problem =
      keyProblem(key) ??
      (staysInsideBucket(options.directory, bucket, key) ? undefined : 'it resolves outside the bucket');
    if (problem)
      throw new S3Failure(
        'InvalidArgument',
        `The local S3 does not accept this object key: ${problem}.`,
        400,
      );
  }

  function checkScope(caller: VerifiedCaller): void {
    if (caller.service !== 's3') {
      throw new S3Failure(
        'AuthorizationHeaderMalformed',
        `The authorization header is malformed; incorrect service "${caller.service}". This endpoint belongs to "s3".`,
        400,
      );
    }
    if (caller.region !== options.region) {
      throw new S3Failure(
        'AuthorizationHeaderMalformed',
        `The authorization header is malformed; the region '${caller.region}' is wrong; expecting '${options.region}'`,
        400,
        { 'x-amz-bucket-region': options.region },
      );
    }
  }

  async function authorizeAll(
    principalArn: string,
    checks: readonly AuthorizationCheck[],
    baseContext: Record<string, string>,
  ): Promise<void> {
    if (!options.authorize) return;
    for (const check of checks) {
      const context = { ...baseContext, ...(check.context ?? {}) };
      const allowed = await options.authorize({
        principalArn,
        action: check.action,
        resource: check.resource,
        context,
      });
      if (!allowed) {
        throw accessDenied(
          `User: ${principalArn} is not authorized to perform: ${check.action} on resource: "${check.resource}" because no identity-based policy allows the ${check.action} action`,
        );
      }
    }
  }

  /** AWS answers a missing key with 404 only to callers who may list the bucket; others get 403. */
  async function mayList(
    principalArn: string,
    bucket: string,
    baseContext: Record<string, string>,
  ): Promise<boolean> {
    if (!options.authorize) return true;
    return options.authorize({
      principalArn,
      action: 's3:ListBucket',
      resource: bucketArn(options.partition, bucket),
      context: baseContext,
    });
  }

  /** The encryption a write asks for (headers, or a POST's fields); refuses what S3 refuses. */
  function encryptionOf(bucket: string, get: (name: string) => string | undefined): EncryptionRecord {
    const sse = get('x-amz-server-side-encryption');
    const keyId = get('x-amz-server-side-encryption-aws-kms-key-id');
    if (sse !== undefined && !SSE_VALUES.has(sse)) {
      throw new S3Failure('InvalidArgument', 'The encryption method specified is not supported', 400);
    }
    if (keyId !== undefined && !sse?.startsWith('aws:kms')) {
      throw new S3Failure(
        'InvalidArgument',
        'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms',
        400,
      );
    }
    if (!sse?.startsWith('aws:kms')) return { sse: 'AES256' };
    const arn = keyId ?? options.kmsKeyArns?.[bucket];
    return { sse, ...(arn ? { kmsKeyArn: kmsKeyArn(options.partition, options.region, arn) } : {}) };
  }

  function encryptChecks(record: EncryptionRecord, bucket: string, key: string): AuthorizationCheck[] {
    if (!record.kmsKeyArn) return [];
    return [
      {
        action: 'kms:GenerateDataKey',
        resource: record.kmsKeyArn,
        context: kmsContext(options.partition, options.region, objectArn(options.partition, bucket, key)),
      },
    ];
  }

  function decryptChecks(bucket: string, key: string): AuthorizationCheck[] {
    const record = options.encryption.get(bucket, key);
    if (!record.kmsKeyArn) return [];
    return [
      {
        action: 'kms:Decrypt',
        resource: record.kmsKeyArn,
        context: kmsContext(options.partition, options.region, objectArn(options.partition, bucket, key)),
      },
    ];
  }

  function sseHeaders(record: EncryptionRecord): Record<string, string> {
    return {
      'x-amz-server-side-encryption': record.sse,
      ...(record.kmsKeyArn ? { 'x-amz-server-side-encryption-aws-kms-key-id': record.kmsKeyArn } : {}),
    };
  }

  function parseCopySource(value: string): { bucket: string; key: string; versionId?: string } {
    const question = value.indexOf('?');
    const pathPart = question < 0 ? value : value.slice(0, question);
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathPart);
    } catch {
      throw new S3Failure('InvalidArgument', 'Invalid copy source encoding', 400);
    }
    const path = decoded.startsWith('/') ? decoded.slice(1) : decoded;
    const slash = path.indexOf('/');
    if (slash <= 0 || slash === path.length - 1) {
      throw new S3Failure('InvalidArgument', 'Invalid copy source object key', 400);
    }
    const bucket = path.slice(0, slash);
    const key = path.slice(slash + 1);
    const problem = bucketProblem(bucket);
    if (problem) throw new S3Failure('InvalidArgument', `Invalid copy source: ${problem}`, 400);
    checkKey(bucket, key);
    const versionId =
      question < 0
        ? undefined
        : (new URLSearchParams(value.slice(question + 1)).get('versionId') ?? undefined);
    return { bucket, key, ...(versionId ? { versionId } : {}) };
  }

  function preflight(req: IncomingMessage, res: ServerResponse, bucket: string | undefined): void {
    const origin = header(req.headers, 'origin');
    const method = header(req.headers, 'access-control-request-method');
    if (!origin || !method) {
      throw new S3Failure('BadRequest', 'Insufficient information. Origin request header needed.', 400);
    }
    if (!bucket || !buckets.has(bucket) || options.corsRules.length === 0) {
      throw new S3Failure('AccessForbidden', 'CORSResponse: CORS is not enabled for this bucket.', 403);
    }
    const requested = (header(req.headers, 'access-control-request-headers') ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean);
    const allowed = preflightHeaders(options.corsRules, origin, method, requested);
    if (!allowed) {
      throw new S3Failure(
        'AccessForbidden',
        "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
        403,
      );
    }
    res.writeHead(200, { ...allowed, 'content-length': '0' }).end();
  }

  interface SpooledBody {
    path: string;
    size: number;
  }

  /**
   * Reads the request body into a spool file (bounded by maxBodyBytes), decoding aws-chunked and
   * checking the payload hash, chunk signatures and checksums; undefined when there is no body.
   */
  async function receiveBody(
    req: IncomingMessage,
    caller: VerifiedCaller,
    headers: Record<string, string | undefined>,
    operation: S3Operation,
  ): Promise<SpooledBody | undefined> {
    const contentLength = headers['content-length'];
    const chunked =
      caller.payloadHash.startsWith('STREAMING-') ||
      (headers['content-encoding'] ?? '').split(',').some((e) => e.trim() === 'aws-chunked');
    const hasBody =
      (contentLength !== undefined && contentLength !== '0') || headers['transfer-encoding'] !== undefined;
    if (!hasBody) {
      if (
        operation.writesObject &&
        contentLength === undefined &&
        operation.name !== 'CreateMultipartUpload' &&
        !headers['x-amz-copy-source']
      ) {
        throw new S3Failure('MissingContentLength', 'You must provide the Content-Length HTTP header.', 411);
      }
      return undefined;
    }
    if (!chunked && contentLength === undefined && operation.writesObject) {
      // S3 takes an object body only with its length known up front (aws-chunked declares it).
      throw new S3Failure('MissingContentLength', 'You must provide the Content-Length HTTP header.', 411);
    }
    if (caller.payloadHash === 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER') {
      throw new S3Failure(
        'NotImplemented',
        'The local S3 does not implement signed aws-chunked trailers.',
        501,
      );
    }
    const declaredSize = Number(chunked ? headers['x-amz-decoded-content-length'] : contentLength);
    if (chunked && headers['x-amz-decoded-content-length'] === undefined) {
      throw new S3Failure(
        'MissingContentLength',
        'You must provide the x-amz-decoded-content-length header.',
        411,
      );
    }
    if (Number.isFinite(declaredSize) && declaredSize > options.maxBodyBytes) {
      throw tooLarge(declaredSize);
    }

    const path = join(options.spoolDirectory, `${randomBytes(12).toString('hex')}.body`);
    const trailerNames = (headers['x-amz-trailer'] ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean);
    const checksumNames = [
      ...Object.keys(headers).filter(
        (name) => name.startsWith('x-amz-checksum-') && name !== 'x-amz-checksum-type',
      ),
      ...trailerNames,
    ];
    const digests = new Digests({
      sha256: /^[0-9a-f]{64}$/.test(caller.payloadHash) || checksumNames.includes('x-amz-checksum-sha256'),
      md5: headers['content-md5'] !== undefined,
      sha1: checksumNames.includes('x-amz-checksum-sha1'),
      crc32: checksumNames.includes('x-amz-checksum-crc32'),
      limit: options.maxBodyBytes,
    });
    const decoder = chunked
      ? new AwsChunkedDecoder(
          caller.payloadHash === 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD'
            ? {
                seedSignature: caller.signature,
                signingKey: caller.signingKey,
                longDate: toAmzDate(caller.signedAt),
                scope: caller.scope,
              }
            : undefined,
        )
      : undefined;
    try {
      await pipeline([req, ...(decoder ? [decoder] : []), digests, createWriteStream(path)]);
    } catch (error) {
      await rm(path, { force: true });
      if (error instanceof AwsAuthError || error instanceof S3Failure) throw error;
      throw new S3Failure(
        'IncompleteBody',
        'You did not provide the number of bytes specified by the Content-Length HTTP header.',
        400,
      );
    }
    try {
      const size = (await stat(path)).size;
      if (Number.isFinite(declaredSize) && size !== declaredSize) {
        throw new S3Failure(
          'IncompleteBody',
          'You did not provide the number of bytes specified by the Content-Length HTTP header.',
          400,
        );
      }
      if (/^[0-9a-f]{64}$/.test(caller.payloadHash) && digests.hex('sha256') !== caller.payloadHash) {
        throw new S3Failure(
          'XAmzContentSHA256Mismatch',
          "The provided 'x-amz-content-sha256' header does not match what was computed.",
          400,
        );
      }
      const md5 = headers['content-md5'];
      if (md5 !== undefined && digests.base64('md5') !== md5) {
        throw new S3Failure(
          'BadDigest',
          'The Content-MD5 you specified did not match what we received.',
          400,
        );
      }
      for (const name of checksumNames) {
        const algorithm = name.slice('x-amz-checksum-'.length);
        const expected = headers[name] ?? decoder?.trailers.get(name);
        if (expected === undefined) {
          throw new S3Failure('InvalidRequest', `The ${name} trailer was announced but not sent.`, 400);
        }
        const actual = digests.base64(algorithm);
        // CRC32C and CRC64NVME have no Node built-in; those are passed to s3rver unchecked.
        if (actual !== undefined && actual !== expected) {
          throw new S3Failure(
            'BadDigest',
            `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`,
            400,
          );
        }
      }
      return { path, size };
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
  }

  function tooLarge(size?: number): S3Failure {
    return new S3Failure(
      'EntityTooLarge',
      `Your proposed upload exceeds the maximum allowed size${size === undefined ? '' : ` (${size} > ${options.maxBodyBytes} bytes, the local cap)`}`,
      400,
    );
  }

  /**
   * Sends the checked request to s3rver, re-signed with s3rver's key, and streams the answer back.
   * `inspect` sees the status first; it may throw an S3Failure instead, or return extra headers.
   */
  async function proxy(
    req: IncomingMessage,
    res: ServerResponse,
    target: Target,
    headers: Record<string, string | undefined>,
    body: SpooledBody | undefined,
    cors: Record<string, string>,
    inspect: (status: number, upstream: IncomingMessage) => Promise<Record<string, string>>,
  ): Promise<void> {
    const query: Record<string, string | string[]> = {};
    for (const [name, value] of new URLSearchParams(target.rawSearch)) {
      if (AUTH_QUERY.has(name.toLowerCase())) continue;
      const existing = query[name];
      query[name] =
        existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
    const forwarded: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || NOT_FORWARDED.has(name) || name.startsWith('x-amz-checksum-')) continue;
      if (name === 'content-encoding') {
        const rest = value
          .split(',')
          .map((encoding) => encoding.trim())
          .filter((encoding) => encoding && encoding !== 'aws-chunked');
        if (rest.length > 0) forwarded[name] = rest.join(',');
        continue;
      }
      forwarded[name] = value;
    }
    const path = upstreamPath(target);
    const signed = await upstreamSigner.sign({
      method: req.method ?? 'GET',
      protocol: 'http:',
      hostname: options.upstream.host,
      port: options.upstream.port,
      path,
      query,
      headers: {
        ...forwarded,
        host: `${options.upstream.host}:${options.upstream.port}`,
        'x-amz-content-sha256': UNSIGNED_PAYLOAD,
        'content-length': String(body?.size ?? 0),
      },
    });
    const search = Object.entries(query)
      .flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((v) => `${uriEncode(name)}=${uriEncode(v)}`),
      )
      .join('&');
    await new Promise<void>((resolve, reject) => {
      const upstreamRequest = httpRequest(
        {
          agent,
          host: options.upstream.host,
          port: options.upstream.port,
          method: req.method,
          path: search ? `${path}?${search}` : path,
          headers: signed.headers,
        },
        (upstream) => {
          const status = upstream.statusCode ?? 502;
          inspect(status, upstream).then(
            (extra) => {
              const responseHeaders = upstreamResponseHeaders(upstream.headers);
              res.writeHead(status, { ...responseHeaders, ...extra, ...cors });
              upstream.pipe(res);
              upstream.on('end', resolve);
              upstream.on('error', reject);
            },
            (error: unknown) => {
              upstream.resume();
              reject(error);
            },
          );
        },
      );
      upstreamRequest.on('error', reject);
      if (body) createReadStream(body.path).on('error', reject).pipe(upstreamRequest);
      else upstreamRequest.end();
    });
  }

  /** DeleteObjects: every key in the body must be deletable by the caller. */
  async function deleteObjects(
    req: IncomingMessage,
    res: ServerResponse,
    caller: VerifiedCaller,
    bucket: string,
    target: Target,
    cors: Record<string, string>,
    baseContext: Record<string, string>,
  ): Promise<void> {
    const headers = singleHeaders(req.headers);
    const body = await receiveBody(req, caller, headers, {
      name: 'DeleteObjects',
      checks: [],
      readsObject: false,
      writesObject: false,
    });
    try {
      const xml = body ? (await readSmall(body.path, 2 * 1024 * 1024)).toString('utf8') : '';
      const keys = [...xml.matchAll(/<Key>([\s\S]*?)<\/Key>/g)].map((match) => unescapeXml(match[1] ?? ''));
      if (keys.length === 0)
        throw new S3Failure(
          'MalformedXML',
          'The XML you provided was not well-formed or did not validate against our published schema.',
          400,
        );
      for (const key of keys) checkKey(bucket, key);
      await authorizeAll(
        caller.credential.principalArn,
        keys.map((key) => ({
          action: 's3:DeleteObject',
          resource: objectArn(options.partition, bucket, key),
        })),
        baseContext,
      );
      await proxy(req, res, target, headers, body, cors, async (status) => {
        if (status < 300) for (const key of keys) options.encryption.delete(bucket, key);
        return {};
      });
    } finally {
      if (body) await rm(body.path, { force: true });
    }
  }

  /** A browser POST upload: policy, fields and size checked before s3rver sees the file. */
  async function postUpload(
    req: IncomingMessage,
    res: ServerResponse,
    bucket: string,
    cors: Record<string, string>,
  ): Promise<void> {
    const declared = Number(header(req.headers, 'content-length'));
    if (Number.isFinite(declared) && declared > options.maxBodyBytes + MAX_POST_PRE_DATA * 4) {
      throw tooLarge(declared);
    }
    const form = await readPostForm(req, bucket);
    try {
      if (form.error) throw form.error;
      const verified = form.verified;
      if (!verified || !form.spool) {
        throw new S3Failure('InvalidArgument', 'POST requires exactly one file upload per request.', 400);
      }
      const lengthError = lengthProblem(form.spool.size, verified.lengthRange);
      if (lengthError) throw S3Failure.from(lengthError);
      const key = verified.key;
      const fieldValue = (name: string) => verified.fields.get(name);
      const written = encryptionOf(bucket, fieldValue);
      const principalArn = verified.credential.principalArn;
      const context = {
        'aws:SourceIp': req.socket.remoteAddress ?? '127.0.0.1',
        's3:authType': 'POST',
        's3:signatureversion': 'AWS4-HMAC-SHA256',
      };
      const fieldHeaders = Object.fromEntries(verified.fields);
      await authorizeAll(
        principalArn,
        [
          {
            action: 's3:PutObject',
            resource: objectArn(options.partition, bucket, key),
            context: putContext(fieldHeaders),
          },
          ...encryptChecks(written, bucket, key),
        ],
        context,
      );
      await forwardPost(req, res, bucket, key, verified.fields, form.spool, cors, written);
    } finally {
      if (form.spool) await rm(form.spool.path, { force: true });
    }
  }

  interface PostForm {
    verified?: ReturnType<typeof verifyPostPolicy>;
    spool?: SpooledBody;
    error?: unknown;
  }

  /** Parses the form: fields, then the policy check, then the file into a spool file within its size range. */
  function readPostForm(req: IncomingMessage, bucket: string): Promise<PostForm> {
    return new Promise((resolve) => {
      const result: PostForm = {};
      const fields: [string, string][] = [];
      let preData = 0;
      let fileSeen = false;
      let spoolDone: Promise<void> = Promise.resolve();
      let received = 0;
      const hardLimit = options.maxBodyBytes + MAX_POST_PRE_DATA * 4;
      const fail = (error: unknown) => {
        result.error ??= error;
      };
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: req.headers,
          limits: { fieldSize: MAX_POST_PRE_DATA, fields: 200, files: 2, parts: 300 },
        });
      } catch {
        fail(
          new S3Failure(
            'MalformedPOSTRequest',
            'The body of your POST request is not well-formed multipart/form-data.',
            400,
          ),
        );
        req.resume();
        req.on('end', () => resolve(result));
        return;
      }
      parser.on('field', (name, value, info) => {
        if (fileSeen) return; // S3 ignores fields after the file
        preData += name.length + value.length;
        if (info.valueTruncated || preData > MAX_POST_PRE_DATA) {
          fail(
            new S3Failure(
              'MaxPostPreDataLengthExceeded',
              'Your POST request fields preceding the upload file were too large.',
              400,
            ),
          );
          return;
        }
        fields.push([name, value]);
      });
      parser.on('file', (name, stream, info) => {
        if (fileSeen || name.toLowerCase() !== 'file') {
          if (!fileSeen && name.toLowerCase() !== 'file') {
            // A file part under another name is a field S3 does not take.
            fail(new S3Failure('InvalidArgument', `POST form field ${name} may not be a file.`, 400));
          }
          stream.resume();
          return;
        }
        fileSeen = true;
        if (result.error) {
          stream.resume();
          return;
        }
        let verified: ReturnType<typeof verifyPostPolicy>;
        try {
          verified = verifyPostPolicy({
            fields,
            bucket,
            filename: info.filename,
            region: options.region,
            credentials: options.credentials,
            now: options.clock(),
          });
          checkKey(bucket, verified.key);
        } catch (error) {
          fail(error);
          stream.resume();
          return;
        }
        result.verified = verified;
        const limit = Math.min(verified.lengthRange[1], options.maxBodyBytes);
        const path = join(options.spoolDirectory, `${randomBytes(12).toString('hex')}.post`);
        const out = createWriteStream(path);
        let size = 0;
        spoolDone = new Promise<void>((done) => {
          stream.on('data', (data: Buffer) => {
            size += data.length;
            if (result.error) return;
            if (size > limit) {
              fail(
                verified.lengthRange[1] < options.maxBodyBytes
                  ? new S3Failure(
                      'EntityTooLarge',
                      'Your proposed upload exceeds the maximum allowed size',
                      400,
                    )
                  : tooLarge(),
              );
              out.destroy();
              return;
            }
            if (!out.write(data)) {
              stream.pause();
              out.once('drain', () => stream.resume());
            }
          });
          stream.on('end', () => {
            if (out.destroyed) return done();
            out.end(() => done());
          });
          out.on('error', (error) => {
            fail(error);
            stream.resume();
            done();
          });
          out.on('close', () => done());
        }).then(() => {
          result.spool = { path, size };
          if (result.error) rmSync(path, { force: true });
        });
      });
      parser.on('error', () => {
        fail(
          new S3Failure(
            'MalformedPOSTRequest',
            'The body of your POST request is not well-formed multipart/form-data.',
            400,
          ),
        );
        req.unpipe(parser);
        req.resume();
      });
      parser.on('fieldsLimit', () =>
        fail(new S3Failure('MalformedPOSTRequest', 'Too many form fields.', 400)),
      );
      parser.on('partsLimit', () => fail(new S3Failure('MalformedPOSTRequest', 'Too many form parts.', 400)));
      req.on('data', (data: Buffer) => {
        received += data.length;
        if (received > hardLimit) {
          fail(tooLarge());
          req.destroy();
        }
      });
      const finish = () => spoolDone.then(() => resolve(result));
      parser.on('close', finish);
      req.on('aborted', () => {
        fail(new S3Failure('IncompleteBody', 'The request body ended early.', 400));
        finish();
      });
      req.on('error', () => finish());
      req.pipe(parser);
    });
  }

  /** Re-posts the checked upload to s3rver as a plain form (no policy: s3rver ignores it anyway). */
  async function forwardPost(
    req: IncomingMessage,
    res: ServerResponse,
    bucket: string,
    key: string,
    fields: ReadonlyMap<string, string>,
    spool: SpooledBody,
    cors: Record<string, string>,
    written: EncryptionRecord,
  ): Promise<void> {
    const boundary = `----strict-s3-${randomBytes(12).toString('hex')}`;
    const parts: [string, string][] = [['key', key]];
    for (const [name, value] of fields) {
      if (FORWARDED_FORM_FIELDS.has(name) || name.startsWith('x-amz-meta-')) parts.push([name, value]);
    }
    const head = Buffer.from(
      parts
        .map(
          ([name, value]) =>
            `--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/["\r\n]/g, '_')}"\r\n\r\n${value}\r\n`,
        )
        .join('') +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="upload"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const publicOrigin = `http://${header(req.headers, 'host') ?? ''}`;
    const upstreamOrigin = `http://${options.upstream.host}:${options.upstream.port}`;
    await new Promise<void>((resolve, reject) => {
      const upstreamRequest = httpRequest(
        {
          agent,
          host: options.upstream.host,
          port: options.upstream.port,
          method: 'POST',
          path: `/${uriEncode(bucket)}`,
          headers: {
            'content-type': `multipart/form-data; boundary=${boundary}`,
            'content-length': String(head.length + spool.size + tail.length),
          },
        },
        (upstream) => {
          const status = upstream.statusCode ?? 502;
          if (status < 300) options.encryption.set(bucket, key, written);
          const extra = status < 300 ? sseHeaders(written) : {};
          const responseHeaders = upstreamResponseHeaders(upstream.headers);
          if (status === 201) {
            // The XML names the object's location: the public endpoint, not s3rver's.
            const chunks: Buffer[] = [];
            upstream.on('data', (chunk: Buffer) => chunks.push(chunk));
            upstream.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8').replaceAll(upstreamOrigin, publicOrigin);
              delete responseHeaders['content-length'];
              res.writeHead(status, {
                ...responseHeaders,
                ...extra,
                ...cors,
                'content-length': String(Buffer.byteLength(text)),
              });
              res.end(text);
              resolve();
            });
            upstream.on('error', reject);
            return;
          }
          res.writeHead(status, { ...responseHeaders, ...extra, ...cors });
          upstream.pipe(res);
          upstream.on('end', resolve);
          upstream.on('error', reject);
        },
      );
      upstreamRequest.on('error', reject);
      upstreamRequest.write(head);
      const file = new PassThrough();
      file.on('end', () => upstreamRequest.end(tail));
      file.pipe(upstreamRequest, { end: false });
      createReadStream(spool.path).on('error', reject).pipe(file);
    });
  }

  return server;
}

/**
 * s3rver joins `uploadId` and `partNumber` into file paths: only the shapes it issues pass (32 hex
 * digits, 1..10000), once each.
 */
function checkUploadParameters(query: URLSearchParams): void {
  for (const name of ['uploadId', 'partNumber', 'versionId']) {
    if (query.getAll(name).length > 1)
      throw new S3Failure('InvalidArgument', `The ${name} parameter is given more than once.`, 400);
  }
  const uploadId = query.get('uploadId');
  if (uploadId !== null && !/^[0-9a-f]{32}$/.test(uploadId)) {
    throw new S3Failure(
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      404,
    );
  }
  const partNumber = query.get('partNumber');
  if (partNumber !== null && !(/^[1-9]\d{0,4}$/.test(partNumber) && Number(partNumber) <= 10000)) {
    throw new S3Failure(
      'InvalidArgument',
      'Part number must be an integer between 1 and 10000, inclusive',
      400,
    );
  }
}

/** `/bucket/key?query` split without URL normalisation (`..` stays visible and is refused). */
function targetOf(raw: string): Target {
  const question = raw.indexOf('?');
  const rawPath = question < 0 ? raw : raw.slice(0, question);
  const rawSearch = question < 0 ? '' : raw.slice(question);
  const slash = rawPath.indexOf('/', 1);
  const rawBucket = slash < 0 ? rawPath.slice(1) : rawPath.slice(1, slash);
  const rawKey = slash < 0 ? '' : rawPath.slice(slash + 1);
  try {
    const bucket = decodeURIComponent(rawBucket);
    const key = decodeURIComponent(rawKey);
    return { ...(bucket ? { bucket } : {}), ...(key ? { key } : {}), rawSearch };
  } catch {
    return { rawSearch };
  }
}

function parseTarget(raw: string): Target {
  if (!raw.startsWith('/')) throw new S3Failure('InvalidURI', "Couldn't parse the specified URI.", 400);
  const question = raw.indexOf('?');
  const rawPath = question < 0 ? raw : raw.slice(0, question);
  try {
    decodeURIComponent(rawPath);
  } catch {
    throw new S3Failure('InvalidURI', "Couldn't parse the specified URI.", 400);
  }
  return targetOf(raw);
}

function upstreamPath(target: Target): string {
  if (!target.bucket) return '/';
  const bucket = `/${uriEncode(target.bucket)}`;
  return target.key === undefined ? bucket : `${bucket}/${target.key.split('/').map(uriEncode).join('/')}`;
}

function upstreamResponseHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (
      name.startsWith('access-control-') ||
      name === 'connection' ||
      name === 'keep-alive' ||
      name === 'transfer-encoding'
    ) {
      continue;
    }
    if (name === 'x-amz-request-id' || name === 'x-amz-id-2' || name === 'vary') continue;
    out[name] = value;
  }
  return out;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function singleHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const name of Object.keys(headers)) out[name] = header(headers, name);
  return out;
}

async function readSmall(path: string, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of createReadStream(path)) {
    total += (chunk as Buffer).length;
    if (total > limit) throw new S3Failure('MaxMessageLengthExceeded', 'Your request was too big.', 400);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&amp;/g, '&');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  failure: S3Failure,
  requestId: string,
  cors: Record<string, string>,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body =
    req.method === 'HEAD'
      ? ''
      : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(failure.code)}</Code><Message>${escapeXml(failure.message)}</Message><RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`;
  const unread = !req.readableEnded && !req.destroyed;
  const declared = Number(header(req.headers, 'content-length') ?? '0');
  const answer = (close: boolean) => {
    res.writeHead(failure.status, {
      ...failure.headers,
      ...cors,
      'content-type': 'application/xml',
      'content-length': String(Buffer.byteLength(body)),
      ...(close ? { connection: 'close' } : {}),
    });
    res.end(body);
  };
  if (unread && Number.isFinite(declared) && declared <= DRAIN_BEFORE_ANSWER) {
    // Read the (small) rest of the body first, so the client is not cut off mid-send.
    req.resume();
    req.once('end', () => answer(false));
    req.once('error', () => res.destroy());
    return;
  }
  answer(unread);
  if (unread) {
    req.resume();
    res.once('finish', () => setTimeout(() => req.socket.destroy(), 100).unref());
  }
}

/** The digests a body's checks need, computed as it streams, with the local size cap. */
class Digests extends Transform {
  private readonly hashes = new Map<string, ReturnType<typeof createHash>>();
  private crc: number | undefined;
  private size = 0;
  private readonly results = new Map<string, Buffer>();

  constructor(
    private readonly wanted: { sha256: boolean; md5: boolean; sha1: boolean; crc32: boolean; limit: number },
  ) {
    super();
    if (wanted.sha256) this.hashes.set('sha256', createHash('sha256'));
    if (wanted.md5) this.hashes.set('md5', createHash('md5'));
    if (wanted.sha1) this.hashes.set('sha1', createHash('sha1'));
    if (wanted.crc32) this.crc = 0;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.wanted.limit) {
      callback(
        new S3Failure(
          'EntityTooLarge',
          `Your proposed upload exceeds the maximum allowed size (the local cap is ${this.wanted.limit} bytes)`,
          400,
        ),
      );
      return;
    }
    for (const hash of this.hashes.values()) hash.update(chunk);
    if (this.crc !== undefined) this.crc = crc32(chunk, this.crc);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    for (const [name, hash] of this.hashes) this.results.set(name, hash.digest());
    if (this.crc !== undefined) {
      const buffer = Buffer.alloc(4);
      buffer.writeUInt32BE(this.crc >>> 0);
      this.results.set('crc32', buffer);
    }
    callback();
  }

  hex(name: string): string | undefined {
    return this.results.get(name)?.toString('hex');
  }

  base64(name: string): string | undefined {
    return this.results.get(name)?.toString('base64');
  }
}
