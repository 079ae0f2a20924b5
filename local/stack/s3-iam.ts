/**
 * What IAM evaluates for each S3 request: the action(s) and resource(s) S3's authorization uses
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-with-s3-policy-actions.html), with
 * the condition keys S3 supplies, so the local stack can ask the role's policies the same question.
 */

export type Partition = 'aws' | 'aws-cn';

/** One question for the IAM hook. */
export interface AuthorizationRequest {
  principalArn: string;
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
}

/** Answers whether the principal's policies allow the action on the resource. */
export type Authorize = (request: AuthorizationRequest) => boolean | Promise<boolean>;

/** A check without the principal (the front adds it). */
export type AuthorizationCheck = Omit<AuthorizationRequest, 'principalArn'>;

export const ACCOUNT_ID = '000000000000';

export const bucketArn = (partition: Partition, bucket: string) => `arn:${partition}:s3:::${bucket}`;
export const objectArn = (partition: Partition, bucket: string, key: string) =>
  `arn:${partition}:s3:::${bucket}/${key}`;

/** The KMS key ARN a header names: an ARN as is, a key id or alias made into one. */
export function kmsKeyArn(partition: Partition, region: string, keyId: string): string {
  if (keyId.startsWith('arn:')) return keyId;
  return `arn:${partition}:kms:${region}:${ACCOUNT_ID}:${keyId.startsWith('alias/') ? keyId : `key/${keyId}`}`;
}

/** Condition keys KMS sees when S3 calls it for a caller. */
export function kmsContext(partition: Partition, region: string, objectResource: string) {
  return {
    'kms:ViaService': `s3.${region}.amazonaws.com${partition === 'aws-cn' ? '.cn' : ''}`,
    'kms:CallerAccount': ACCOUNT_ID,
    'kms:EncryptionContext:aws:s3:arn': objectResource,
  };
}

export interface S3RequestShape {
  method: string;
  bucket?: string;
  key?: string;
  query: URLSearchParams;
  /** lower-case header names */
  headers: Record<string, string | undefined>;
}

/** The operation a request is, for errors and logs, and the IAM checks it needs. */
export interface S3Operation {
  name: string;
  checks: AuthorizationCheck[];
  /** GET/HEAD of one object: a missing key is 404 only for callers allowed s3:ListBucket. */
  readsObject: boolean;
  /** Writes an object (its SSE headers name the KMS key to check). */
  writesObject: boolean;
}

export class UnsupportedOperation extends Error {}

const has = (query: URLSearchParams, name: string) => query.has(name);

/** The S3 operation and IAM checks of a request (bucket and key already validated). */
export function s3Operation(request: S3RequestShape, partition: Partition): S3Operation {
  const { method, bucket, key, query, headers } = request;
  const op = (
    name: string,
    action: string,
    resource: string,
    context?: Record<string, string | string[]>,
  ) => ({
    name,
    checks: [{ action, resource, ...(context && Object.keys(context).length ? { context } : {}) }],
    readsObject: false,
    writesObject: false,
  });
  if (!bucket) {
    if (method === 'GET') return op('ListBuckets', 's3:ListAllMyBuckets', '*');
    throw new UnsupportedOperation(`${method} /`);
  }
  const bucketResource = bucketArn(partition, bucket);
  if (key === undefined) {
    const sub = (names: Record<string, [string, string]>, fallback: [string, string]) => {
      for (const [param, found] of Object.entries(names))
        if (has(query, param)) return op(found[0], found[1], bucketResource);
      return op(
        fallback[0],
        fallback[1],
        bucketResource,
        fallback[1] === 's3:ListBucket' ? listContext(query) : undefined,
      );
    };
    switch (method) {
      case 'GET':
        return sub(
          {
            location: ['GetBucketLocation', 's3:GetBucketLocation'],
            versioning: ['GetBucketVersioning', 's3:GetBucketVersioning'],
            cors: ['GetBucketCors', 's3:GetBucketCORS'],
            acl: ['GetBucketAcl', 's3:GetBucketAcl'],
            policy: ['GetBucketPolicy', 's3:GetBucketPolicy'],
            tagging: ['GetBucketTagging', 's3:GetBucketTagging'],
            website: ['GetBucketWebsite', 's3:GetBucketWebsite'],
            notification: ['GetBucketNotification', 's3:GetBucketNotification'],
            encryption: ['GetBucketEncryption', 's3:GetEncryptionConfiguration'],
            lifecycle: ['GetBucketLifecycle', 's3:GetLifecycleConfiguration'],
            uploads: ['ListMultipartUploads', 's3:ListBucketMultipartUploads'],
            versions: ['ListObjectVersions', 's3:ListBucketVersions'],
          },
          ['ListObjects', 's3:ListBucket'],
        );
      case 'HEAD':
        return op('HeadBucket', 's3:ListBucket', bucketResource);
      case 'PUT':
        return sub(
          {
            cors: ['PutBucketCors', 's3:PutBucketCORS'],
            acl: ['PutBucketAcl', 's3:PutBucketAcl'],
            policy: ['PutBucketPolicy', 's3:PutBucketPolicy'],
            tagging: ['PutBucketTagging', 's3:PutBucketTagging'],
            versioning: ['PutBucketVersioning', 's3:PutBucketVersioning'],
            website: ['PutBucketWebsite', 's3:PutBucketWebsite'],
            notification: ['PutBucketNotification', 's3:PutBucketNotification'],
            encryption: ['PutBucketEncryption', 's3:PutEncryptionConfiguration'],
            lifecycle: ['PutBucketLifecycle', 's3:PutLifecycleConfiguration'],
          },
          ['CreateBucket', 's3:CreateBucket'],
        );
      case 'DELETE':
        return sub(
          {
            cors: ['DeleteBucketCors', 's3:PutBucketCORS'],
            policy: ['DeleteBucketPolicy', 's3:DeleteBucketPolicy'],
            tagging: ['DeleteBucketTagging', 's3:PutBucketTagging'],
            website: ['DeleteBucketWebsite', 's3:DeleteBucketWebsite'],
            lifecycle: ['DeleteBucketLifecycle', 's3:PutLifecycleConfiguration'],
            encryption: ['DeleteBucketEncryption', 's3:PutEncryptionConfiguration'],
          },
          ['DeleteBucket', 's3:DeleteBucket'],
        );
      default:
        // POST ?delete (DeleteObjects) and form uploads are handled by the front itself.
        throw new UnsupportedOperation(`${method} on a bucket`);
    }
  }

  const resource = objectArn(partition, bucket, key);
  const versionId = query.get('versionId') ?? undefined;
  const versioned = (action: string) => (versionId ? `${action}Version` : action);
  const versionContext: Record<string, string> = versionId ? { 's3:versionid': versionId } : {};
  switch (method) {
    case 'GET':
    case 'HEAD': {
      if (has(query, 'acl'))
        return op('GetObjectAcl', versioned('s3:GetObjectAcl'), resource, versionContext);
      if (has(query, 'tagging'))
        return op('GetObjectTagging', versioned('s3:GetObjectTagging'), resource, versionContext);
      if (has(query, 'uploadId')) return op('ListParts', 's3:ListMultipartUploadParts', resource);
      if (has(query, 'attributes'))
        return op('GetObjectAttributes', versioned('s3:GetObjectAttributes'), resource);
      for (const unsupported of ['retention', 'legal-hold', 'torrent', 'restore']) {
        if (has(query, unsupported)) throw new UnsupportedOperation(`${method} ?${unsupported}`);
      }
      return {
        ...op(
          method === 'GET' ? 'GetObject' : 'HeadObject',
          versioned('s3:GetObject'),
          resource,
          versionContext,
        ),
        readsObject: true,
      };
    }
    case 'PUT': {
      if (has(query, 'acl'))
        return op('PutObjectAcl', versioned('s3:PutObjectAcl'), resource, versionContext);
      if (has(query, 'tagging'))
        return op('PutObjectTagging', versioned('s3:PutObjectTagging'), resource, versionContext);
      for (const unsupported of ['retention', 'legal-hold']) {
        if (has(query, unsupported)) throw new UnsupportedOperation(`PUT ?${unsupported}`);
      }
      const part = has(query, 'uploadId');
      const name = headers['x-amz-copy-source']
        ? part
          ? 'UploadPartCopy'
          : 'CopyObject'
        : part
          ? 'UploadPart'
          : 'PutObject';
      return {
        ...op(name, 's3:PutObject', resource, putContext(headers)),
        writesObject: true,
      };
    }
    case 'POST':
      if (has(query, 'uploads')) {
        return {
          ...op('CreateMultipartUpload', 's3:PutObject', resource, putContext(headers)),
          writesObject: true,
        };
      }
      if (has(query, 'uploadId'))
        return { ...op('CompleteMultipartUpload', 's3:PutObject', resource), writesObject: false };
      throw new UnsupportedOperation(`POST ${[...query.keys()].join('&') || 'on an object'}`);
    case 'DELETE':
      if (has(query, 'uploadId')) return op('AbortMultipartUpload', 's3:AbortMultipartUpload', resource);
      if (has(query, 'tagging'))
        return op('DeleteObjectTagging', versioned('s3:DeleteObjectTagging'), resource, versionContext);
      return op('DeleteObject', versioned('s3:DeleteObject'), resource, versionContext);
    default:
      throw new UnsupportedOperation(`${method} on an object`);
  }
}

function listContext(query: URLSearchParams): Record<string, string> {
  const context: Record<string, string> = {};
  for (const [param, contextKey] of [
    ['prefix', 's3:prefix'],
    ['delimiter', 's3:delimiter'],
    ['max-keys', 's3:max-keys'],
  ] as const) {
    const value = query.get(param);
    if (value !== null) context[contextKey] = value;
  }
  return context;
}

/** Condition keys of a write, from its headers (or, for a POST upload, its form fields). */
export function putContext(headers: Record<string, string | undefined>): Record<string, string> {
  const context: Record<string, string> = {};
  for (const header of [
    'x-amz-server-side-encryption',
    'x-amz-server-side-encryption-aws-kms-key-id',
    'x-amz-acl',
    'x-amz-storage-class',
    'x-amz-copy-source',
    'x-amz-metadata-directive',
    'x-amz-tagging',
    'x-amz-object-lock-mode',
  ]) {
    const value = headers[header];
    if (value !== undefined) context[`s3:${header}`] = value;
  }
  return context;
}
