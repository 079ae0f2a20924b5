/**
 * Object keys the strict local S3 accepts. S3 itself stores any UTF-8 key, but s3rver maps keys to
 * paths under its data folder, so a key that a filesystem would read as a path step (`..`, `.`, a
 * leading `/`, a backslash, control characters) could write outside the bucket; those are refused
 * before anything reaches s3rver.
 */
import { resolve, sep } from 'node:path';

/** S3's limit: a key is at most 1024 bytes of UTF-8. */
const MAX_KEY_BYTES = 1024;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Why `key` is refused, or undefined when it is acceptable. */
export function keyProblem(key: string): string | undefined {
  if (key.length === 0) return 'the key is empty';
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) return 'the key is longer than 1024 bytes';
  if (key.startsWith('/')) return 'the key starts with "/"';
  if (key.includes('\\')) return 'the key contains a backslash';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(key)) return 'the key contains a control character';
  const segments = key.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.'))
    return 'the key has a "." or ".." segment';
  if (segments.slice(0, -1).some((segment) => segment === '')) return 'the key has an empty segment ("//")';
  if (key.includes('._S3rver_')) return 'the key contains s3rver\'s reserved "._S3rver_"';
  return undefined;
}

/** Why `bucket` is not a valid bucket name, or undefined. */
export function bucketProblem(bucket: string): string | undefined {
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..')) return 'the bucket name is not valid';
  return undefined;
}

/** Whether s3rver would keep `key` of `bucket` inside the bucket's own folder under `root`. */
export function staysInsideBucket(root: string, bucket: string, key: string): boolean {
  const bucketDir = resolve(root, bucket);
  if (!bucketDir.startsWith(resolve(root) + sep)) return false;
  const target = resolve(bucketDir, ...key.split('/'));
  return target.startsWith(bucketDir + sep);
}
