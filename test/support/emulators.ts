/**
 * Emulators for one test file: dynalite and the strict local S3 (s3rver behind its checking front)
 * in-process on free ports, plus adapters wired to them. The S3 client signs with a key issued by
 * `credentials` (the account root, unless `principalArn` says otherwise). Start in `beforeAll`,
 * close in `afterAll`. Workflow and API tests reuse it.
 */
import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CaseStore } from '#adapters/case-store';
import { createDocumentClient } from '#adapters/dynamo-client';
import { createS3Client, FileStore, type SseMode } from '#adapters/file-store';
import { type LocalCredential, LocalCredentials } from '#stack/aws/local-credentials';
import { type DynamoEmulator, LOCAL_CREDENTIALS, startDynamo } from '#stack/dynamodb';
import { type Authorize, type S3Emulator, startS3 } from '#stack/s3';

export interface TestEmulators {
  dynamo: DynamoEmulator;
  s3: S3Emulator;
  region: string;
  tableName: string;
  bucket: string;
  db: DynamoDBDocumentClient;
  s3Client: S3Client;
  store: CaseStore;
  files: FileStore;
  /** The keys the strict S3 accepts; issue more (e.g. one per role) with `credentials.issue(arn)`. */
  credentials: LocalCredentials;
  /** The key `s3Client`, `files` and `env` use. */
  credential: LocalCredential;
  /** Environment variables pointing handlers at these emulators (for code that reads #config). */
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface StartEmulatorsOptions {
  bucket?: string;
  tableName?: string;
  sse?: SseMode;
  /** Extra buckets to create. */
  buckets?: string[];
  /** The principal the S3 client's key acts as; default the account root. */
  principalArn?: string;
  /** The strict S3's IAM hook; default: every issued key may do everything. */
  authorize?: Authorize;
}

/** Starts dynalite and s3rver (fresh, in memory / temp dir) and wires the adapters to them. */
export async function startEmulators(options: StartEmulatorsOptions = {}): Promise<TestEmulators> {
  const region = 'us-east-1';
  const tableName = options.tableName ?? `cases-${randomUUID().slice(0, 8)}`;
  const bucket = options.bucket ?? 'icp-uploads';
  const credentials = new LocalCredentials();
  const credential = credentials.issue(options.principalArn ?? 'arn:aws:iam::000000000000:root');
  const [dynamo, s3] = await Promise.all([
    startDynamo({ tableName }),
    startS3({
      buckets: [bucket, ...(options.buckets ?? [])],
      region,
      credentials,
      ...(options.authorize ? { authorize: options.authorize } : {}),
    }),
  ]);
  const db = createDocumentClient({ region, endpoint: dynamo.endpoint, credentials: LOCAL_CREDENTIALS });
  const s3Client = createS3Client({ region, endpoint: s3.endpoint, credentials: credential });
  const sse = options.sse ?? 'aws:kms';
  return {
    dynamo,
    s3,
    region,
    tableName,
    bucket,
    db,
    s3Client,
    credentials,
    credential,
    store: new CaseStore(db, tableName),
    files: new FileStore(s3Client, { bucket, sse }),
    env: {
      AWS_REGION: region,
      TABLE_NAME: tableName,
      UPLOAD_BUCKET: bucket,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      S3_ENDPOINT: s3.endpoint,
      UPLOAD_SSE: sse,
      AWS_ACCESS_KEY_ID: credential.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credential.secretAccessKey,
      ...(credential.sessionToken ? { AWS_SESSION_TOKEN: credential.sessionToken } : {}),
    },
    close: async () => {
      db.destroy();
      s3Client.destroy();
      await Promise.all([dynamo.close(), s3.close()]);
    },
  };
}
