/**
 * SigV4 building blocks shared by the verifier (./sigv4.ts), the aws-chunked decoder, the S3 POST
 * policy check and the local stack's own signing: hashing, signing key derivation, credential scope
 * and date formats, URI encoding.
 */
import { createHash, createHmac, type Hash, type Hmac, timingSafeEqual } from 'node:crypto';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const STREAMING_PAYLOADS = new Set([
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
  'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
  'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
]);
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * SHA-256 (HMAC-SHA256 when given a secret) for `@smithy/signature-v4`'s `sha256` option, as the
 * SDK's own Node hash does; lets the local stack sign requests (e.g. to s3rver) without pulling in
 * `@smithy/hash-node`.
 */
export class NodeSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = NodeSha256.create(secret);
  }
  private static create(secret?: string | ArrayBuffer | ArrayBufferView): Hash | Hmac {
    return secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = NodeSha256.create(this.secret);
  }
}

function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** The SigV4 signing key: HMAC chain over date, region, service and "aws4_request". */
export function deriveSigningKey(
  secretAccessKey: string,
  shortDate: string,
  region: string,
  service: string,
): Buffer {
  let key: Buffer = hmac(`AWS4${secretAccessKey}`, shortDate);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  return key;
}

export function hmac(key: string | Buffer, data: string | Buffer): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Constant-time comparison of two lower-case hex signatures. */
export function sameHex(expected: string, provided: string): boolean {
  if (!/^[0-9a-f]+$/.test(provided) || provided.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(provided, 'hex'));
}

export interface CredentialScope {
  accessKeyId: string;
  shortDate: string;
  region: string;
  service: string;
}

/** Parses `AKID/yyyymmdd/region/service/aws4_request`; undefined when malformed. */
export function parseCredentialScope(value: string): CredentialScope | undefined {
  const parts = value.split('/');
  if (parts.length !== 5) return undefined;
  const [accessKeyId, shortDate, region, service, terminator] = parts as [
    string,
    string,
    string,
    string,
    string,
  ];
  if (!accessKeyId || !/^\d{8}$/.test(shortDate) || !region || !service || terminator !== 'aws4_request') {
    return undefined;
  }
  return { accessKeyId, shortDate, region, service };
}

export function toAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** RFC 3986 percent-encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
