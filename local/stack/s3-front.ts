/**
 * The checking front of the strict local S3. It listens on the public port and lets through only
 * what S3 would accept: SigV4-signed or presigned requests by a key the stack issued (signature,
 * clock skew, expiry, payload hash, chunk signatures, checksums), browser POST uploads whose policy
 * is signed and holds, keys that stay inside the bucket, and callers the IAM hook allows. Allowed
 * requests are re-signed with s3rver's own key and proxied to s3rver on a loopback port; refused
 * ones never reach s3rver, so nothing is written.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AwsAuthError, type VerifiedCaller, verifySigV4 } from './aws/sigv4.ts';
import { authorizeAll, checkScope, mayList } from './s3-authorization.ts';
import { preflightHeaders, responseCorsHeaders } from './s3-cors.ts';
import type { EncryptionRecord } from './s3-encryption-records.ts';
import { accessDenied, S3Failure, sendError, unescapeXml } from './s3-errors.ts';
import type { S3FrontOptions } from './s3-front-options.ts';
import { objectArn, type S3Operation, s3Operation, UnsupportedOperation } from './s3-iam.ts';
import { bucketProblem } from './s3-keys.ts';
import { postUpload } from './s3-post-upload.ts';
import { readSmall, receiveBody } from './s3-request-body.ts';
import { header, singleHeaders } from './s3-request-headers.ts';
import {
  checkKey,
  checkUploadParameters,
  parseCopySource,
  parseTarget,
  type Target,
  targetOf,
} from './s3-request-target.ts';
import { decryptChecks, encryptChecks, encryptionOf, sseHeaders } from './s3-sse.ts';
import { S3Upstream } from './s3-upstream.ts';

export type { S3FrontOptions } from './s3-front-options.ts';

/** Creates the front's HTTP server (not yet listening). */
export function createS3Front(options: S3FrontOptions): Server {
  const upstream = new S3Upstream(options);
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
  server.on('close', () => upstream.destroy());

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
    if (key !== undefined) checkKey(options.directory, bucket as string, key);

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
      return postUpload(options, upstream, req, res, bucket, cors);
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
    checkScope(options.region, caller);
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
      const source = parseCopySource(options.directory, copySource);
      checks.push({
        action: source.versionId ? 's3:GetObjectVersion' : 's3:GetObject',
        resource: objectArn(options.partition, source.bucket, source.key),
      });
      checks.push(...decryptChecks(options, source.bucket, source.key));
    }
    let written: EncryptionRecord | undefined;
    if (operation.writesObject && bucket !== undefined && key !== undefined) {
      written = encryptionOf(options, bucket, (name) => headers[name]);
      checks.push(...encryptChecks(options, written, bucket, key));
    }
    if (operation.readsObject && bucket !== undefined && key !== undefined) {
      checks.push(...decryptChecks(options, bucket, key));
    }
    await authorizeAll(options, principalArn, checks, baseContext);

    const body = await receiveBody(options, req, caller, headers, operation);
    try {
      await upstream.proxy(req, res, target, headers, body, cors, async (status, response) => {
        if (
          operation.readsObject &&
          status === 404 &&
          !(await mayList(options, principalArn, bucket as string, baseContext))
        ) {
          response.resume();
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
    const body = await receiveBody(options, req, caller, headers, {
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
      for (const key of keys) checkKey(options.directory, bucket, key);
      await authorizeAll(
        options,
        caller.credential.principalArn,
        keys.map((key) => ({
          action: 's3:DeleteObject',
          resource: objectArn(options.partition, bucket, key),
        })),
        baseContext,
      );
      await upstream.proxy(req, res, target, headers, body, cors, async (status) => {
        if (status < 300) for (const key of keys) options.encryption.delete(bucket, key);
        return {};
      });
    } finally {
      if (body) await rm(body.path, { force: true });
    }
  }

  return server;
}
