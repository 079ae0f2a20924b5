/**
 * Server-side encryption of requests: the encryption a write asks for (refusing what S3 refuses),
 * the KMS checks writing or reading an object needs, and the SSE headers answers carry.
 */
import type { EncryptionRecord } from './s3-encryption-records.ts';
import { S3Failure } from './s3-errors.ts';
import type { S3FrontOptions } from './s3-front-options.ts';
import { type AuthorizationCheck, kmsContext, kmsKeyArn, objectArn } from './s3-iam.ts';

/** What the SSE helpers need of the front's options. */
export type SseOptions = Pick<S3FrontOptions, 'partition' | 'region' | 'kmsKeyArns' | 'encryption'>;

const SSE_VALUES = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);

/** The encryption a write asks for (headers, or a POST's fields); refuses what S3 refuses. */
export function encryptionOf(
  options: SseOptions,
  bucket: string,
  get: (name: string) => string | undefined,
): EncryptionRecord {
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

export function encryptChecks(
  options: SseOptions,
  record: EncryptionRecord,
  bucket: string,
  key: string,
): AuthorizationCheck[] {
  if (!record.kmsKeyArn) return [];
  return [
    {
      action: 'kms:GenerateDataKey',
      resource: record.kmsKeyArn,
      context: kmsContext(options.partition, options.region, objectArn(options.partition, bucket, key)),
    },
  ];
}

export function decryptChecks(options: SseOptions, bucket: string, key: string): AuthorizationCheck[] {
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

export function sseHeaders(record: EncryptionRecord): Record<string, string> {
  return {
    'x-amz-server-side-encryption': record.sse,
    ...(record.kmsKeyArn ? { 'x-amz-server-side-encryption-aws-kms-key-id': record.kmsKeyArn } : {}),
  };
}
