/**
 * Request bodies, spooled to a file while they are checked: aws-chunked decoding (with chunk
 * signatures), the payload hash, Content-MD5 and x-amz-checksum-* values, and the local size cap.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import { AwsChunkedDecoder } from './aws/aws-chunked.ts';
import { AwsAuthError, type VerifiedCaller } from './aws/sigv4.ts';
import { toAmzDate } from './aws/sigv4-primitives.ts';
import { S3Failure, tooLarge } from './s3-errors.ts';
import type { S3FrontOptions } from './s3-front-options.ts';
import type { S3Operation } from './s3-iam.ts';

/** A checked body waiting in the spool folder. */
export interface SpooledBody {
  path: string;
  size: number;
}

/**
 * Reads the request body into a spool file (bounded by maxBodyBytes), decoding aws-chunked and
 * checking the payload hash, chunk signatures and checksums; undefined when there is no body.
 */
export async function receiveBody(
  options: Pick<S3FrontOptions, 'maxBodyBytes' | 'spoolDirectory'>,
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
    throw tooLarge(options.maxBodyBytes, declaredSize);
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
      throw new S3Failure('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
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

export async function readSmall(path: string, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of createReadStream(path)) {
    total += (chunk as Buffer).length;
    if (total > limit) throw new S3Failure('MaxMessageLengthExceeded', 'Your request was too big.', 400);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
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
