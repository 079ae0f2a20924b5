/**
 * What a request addresses: `/bucket/key?query` split without URL normalisation, the path s3rver
 * is asked for, and the checks on keys, copy sources and multipart parameters before anything
 * reaches s3rver.
 */
import { uriEncode } from './aws/sigv4-primitives.ts';
import { S3Failure } from './s3-errors.ts';
import { bucketProblem, keyProblem, staysInsideBucket } from './s3-keys.ts';

export interface Target {
  bucket?: string;
  key?: string;
  rawSearch: string;
}

/** `/bucket/key?query` split without URL normalisation (`..` stays visible and is refused). */
export function targetOf(raw: string): Target {
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

export function parseTarget(raw: string): Target {
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

export function upstreamPath(target: Target): string {
  if (!target.bucket) return '/';
  const bucket = `/${uriEncode(target.bucket)}`;
  return target.key === undefined ? bucket : `${bucket}/${target.key.split('/').map(uriEncode).join('/')}`;
}

/** Refuses a key S3 (or s3rver's folder layout under `directory`) would not take. */
export function checkKey(directory: string, bucket: string, key: string): void {
  const problem =
    keyProblem(key) ??
    (staysInsideBucket(directory, bucket, key) ? undefined : 'it resolves outside the bucket');
  if (problem)
    throw new S3Failure('InvalidArgument', `The local S3 does not accept this object key: ${problem}.`, 400);
}

/** The object an `x-amz-copy-source` header names, checked like a request's own key. */
export function parseCopySource(
  directory: string,
  value: string,
): { bucket: string; key: string; versionId?: string } {
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
  checkKey(directory, bucket, key);
  const versionId =
    question < 0 ? undefined : (new URLSearchParams(value.slice(question + 1)).get('versionId') ?? undefined);
  return { bucket, key, ...(versionId ? { versionId } : {}) };
}

/**
 * s3rver joins `uploadId` and `partNumber` into file paths: only the shapes it issues pass (32 hex
 * digits, 1..10000), once each.
 */
export function checkUploadParameters(query: URLSearchParams): void {
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
