/**
 * Emulators for one test file: dynalite and s3rver in-process on free ports, plus adapters wired
 * to them. Start in `beforeAll`, close in `afterAll`. Workflow and API tests reuse it.
 */
import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CaseStore } from '#adapters/case-store';
import { createDocumentClient } from '#adapters/dynamo-client';
import { createS3Client, FileStore, type SseMode } from '#adapters/file-store';
import { type DynamoEmulator, LOCAL_CREDENTIALS, startDynamo } from '#stack/dynamodb';
import { type S3Emulator, startS3 } from '#stack/s3';

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
}

/** Starts dynalite and s3rver (fresh, in memory / temp dir) and wires the adapters to them. */
export async function startEmulators(options: StartEmulatorsOptions = {}): Promise<TestEmulators> {
  const region = 'us-east-1';
  const tableName = options.tableName ?? `cases-${randomUUID().slice(0, 8)}`;
  const bucket = options.bucket ?? 'icp-uploads';
  const [dynamo, s3] = await Promise.all([
    startDynamo({ tableName }),
    startS3({ buckets: [bucket, ...(options.buckets ?? [])], region }),
  ]);
  const db = createDocumentClient({ region, endpoint: dynamo.endpoint, credentials: LOCAL_CREDENTIALS });
  const s3Client = createS3Client({
    region,
    endpoint: s3.endpoint,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  const sse = options.sse ?? 'aws:kms';
  return {
    dynamo,
    s3,
    region,
    tableName,
    bucket,
    db,
    s3Client,
    store: new CaseStore(db, tableName),
    files: new FileStore(s3Client, { bucket, sse }),
    env: {
      AWS_REGION: region,
      TABLE_NAME: tableName,
      UPLOAD_BUCKET: bucket,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      S3_ENDPOINT: s3.endpoint,
      UPLOAD_SSE: sse,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    },
    close: async () => {
      db.destroy();
      s3Client.destroy();
      await Promise.all([dynamo.close(), s3.close()]);
    },
  };
}
