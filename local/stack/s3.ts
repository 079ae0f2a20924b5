/**
 * The strict local S3: s3rver stores the bytes on a loopback-only internal port, and a checking
 * front (./s3-front.ts) on the public port lets through only what S3 would accept (SigV4 or
 * presigned requests by an issued key, signed POST policies, safe keys, the IAM hook's verdict).
 * s3rver's `event` emitter becomes the EventBridge "Object Created" event that AWS delivers to the
 * on-upload handler, so local wiring and AWS wiring hand the handler the same shape.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { ObjectCreatedEvent, S3ObjectCreatedDetail } from '#adapters/object-created-event';
import { type LocalCredential, LocalCredentials } from './aws/local-credentials.ts';
import { type CorsRule, consoleCorsRules } from './s3-cors.ts';
import { EncryptionRecords } from './s3-encryption-records.ts';
import { createS3Front } from './s3-front.ts';
import type { Authorize, Partition } from './s3-iam.ts';

export type { ObjectCreatedEvent } from '#adapters/object-created-event';
export type { LocalCredential, LocalCredentials } from './aws/local-credentials.ts';
export type { CorsRule } from './s3-cors.ts';
export type { AuthorizationRequest, Authorize, Partition } from './s3-iam.ts';

/** The default cap on one PUT/POST body (S3's is 5 GB; the local stack needs far less). */
export const DEFAULT_MAX_BODY_BYTES = Math.round(1.1 * 1024 ** 3);

export interface StartS3Options {
  /** Directory for s3rver's files; omitted = a temporary directory removed on close. */
  dataDir?: string;
  /** The public (front) port; 0 or omitted = a free port. s3rver itself gets a free loopback port. */
  port?: number;
  buckets: readonly string[];
  region?: string;
  /** Browser origins allowed to POST uploads and GET previews (the console, locally). */
  corsOrigins?: readonly string[];
  /** The bucket CORS rules (e.g. from the template); used instead of the rules `corsOrigins` implies. */
  corsRules?: readonly CorsRule[];
  /** Called when a listener throws or rejects (default: console.error); delivery is never silent. */
  onListenerError?: (error: unknown, event: ObjectCreatedEvent) => void;
  /**
   * The keys the stack issued; requests signed by any other key are refused. Omitted = a fresh set
   * holding only `operator` (s3rver's own S3RVER pair is never accepted from outside).
   */
  credentials?: LocalCredentials;
  /** The IAM hook; omitted = every issued key may do everything (tests of the signature layer). */
  authorize?: Authorize;
  /** Decides ARNs (arn:<partition>:s3:::bucket/key, KMS keys); default 'aws'. */
  partition?: Partition;
  /** Largest single PUT/POST body accepted (bytes); default 1.1 GiB. */
  maxBodyBytes?: number;
  /** Bucket default SSE-KMS key ARN, for SSE-KMS writes that name no key. */
  kmsKeyArns?: Readonly<Record<string, string>>;
  /** The front's clock (signature skew, presign and policy expiry); default: the real one. */
  clock?: () => Date;
}

/** s3rver's own fixed key pair: only the front uses it, to sign what it proxies; clients use issued keys. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export type ObjectCreatedListener = (event: ObjectCreatedEvent) => void | Promise<void>;

export interface S3Emulator {
  endpoint: string;
  /** Subscribes to "Object Created" events; returns the unsubscribe function. */
  onObjectCreated(listener: ObjectCreatedListener): () => void;
  close(): Promise<void>;
  /** The keys the front accepts (the `credentials` option, or the one created for it). */
  credentials: LocalCredentials;
  /** A key for the account root (arn:<partition>:iam::000000000000:root), issued from `credentials` at start. */
  operator: LocalCredential;
  /** s3rver's data folder (objects live under `<directory>/<bucket>/`). */
  directory: string;
}

/** s3rver's own record (S3 notification format), the part we read. */
interface S3rverRecord {
  eventName: string;
  eventTime: string;
  awsRegion: string;
  requestParameters?: { sourceIPAddress?: string };
  s3: { bucket: { name: string }; object: { key: string; size?: number; eTag?: string } };
}

const REASONS: Record<string, S3ObjectCreatedDetail['reason']> = {
  'ObjectCreated:Put': 'PutObject',
  'ObjectCreated:Post': 'PostObject',
  'ObjectCreated:Copy': 'CopyObject',
};

/** Starts s3rver on an internal loopback port and the strict front on `port`, with `buckets` created. */
export async function startS3(options: StartS3Options): Promise<S3Emulator> {
  const temporary = options.dataDir === undefined;
  const directory = options.dataDir ?? mkdtempSync(join(tmpdir(), 's3rver-'));
  mkdirSync(directory, { recursive: true });
  const region = options.region ?? 'us-east-1';
  const partition = options.partition ?? 'aws';
  const credentials = options.credentials ?? new LocalCredentials();
  const operator = credentials.issue(`arn:${partition}:iam::000000000000:root`);
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    vhostBuckets: false,
    // CORS is the front's: s3rver never sees a browser origin.
    configureBuckets: options.buckets.map((name) => ({ name, configs: [] })),
  });
  const listeners = new Set<ObjectCreatedListener>();
  // s3rver's sequencer is Date.now() in hex, equal for two writes in one millisecond; S3's grows per key.
  let counter = 0;
  const sequencer = () =>
    `${Date.now().toString(16).toUpperCase().padStart(12, '0')}${(counter++ % 0x10000).toString(16).toUpperCase().padStart(4, '0')}`;

  (server as unknown as NodeJS.EventEmitter).on('event', (raw: { Records: S3rverRecord[] }) => {
    for (const record of raw.Records) {
      const reason = REASONS[record.eventName];
      if (!reason) continue;
      const { bucket, object } = record.s3;
      const event: ObjectCreatedEvent = {
        version: '0',
        id: randomUUID(),
        'detail-type': 'Object Created',
        source: 'aws.s3',
        account: '000000000000',
        time: record.eventTime,
        region,
        resources: [['arn', partition, 's3', '', '', bucket.name].join(':')],
        detail: {
          version: '0',
          bucket: { name: bucket.name },
          object: {
            key: object.key,
            ...(object.size === undefined ? {} : { size: object.size }),
            ...(object.eTag === undefined ? {} : { etag: object.eTag }),
            sequencer: sequencer(),
          },
          'request-id': randomUUID(),
          requester: '000000000000',
          ...(record.requestParameters?.sourceIPAddress
            ? { 'source-ip-address': record.requestParameters.sourceIPAddress }
            : {}),
          reason,
        },
      };
      for (const listener of listeners) {
        // Delivery is asynchronous as in AWS: the upload's response never waits for the handler.
        setImmediate(() => {
          Promise.resolve()
            .then(() => listener(event))
            .catch((error: unknown) => {
              if (options.onListenerError) options.onListenerError(error, event);
              else console.error('Object Created listener failed', error);
            });
        });
      }
    }
  });

  const internal = await server.run();
  const spoolDirectory = mkdtempSync(join(tmpdir(), 's3-front-spool-'));
  const front = createS3Front({
    upstream: { host: '127.0.0.1', port: internal.port },
    upstreamCredentials: S3RVER_CREDENTIALS,
    directory,
    spoolDirectory,
    buckets: options.buckets,
    region,
    partition,
    credentials,
    ...(options.authorize ? { authorize: options.authorize } : {}),
    corsRules: options.corsRules ?? consoleCorsRules(options.corsOrigins ?? []),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    ...(options.kmsKeyArns ? { kmsKeyArns: options.kmsKeyArns } : {}),
    encryption: new EncryptionRecords(directory),
    clock: options.clock ?? (() => new Date()),
  });
  try {
    await new Promise<void>((resolve, reject) => {
      front.once('error', reject);
      front.listen(options.port ?? 0, '127.0.0.1', () => {
        front.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await server.close();
    rmSync(spoolDirectory, { recursive: true, force: true });
    throw error;
  }
  const endpoint = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  return {
    endpoint,
    credentials,
    operator,
    directory,
    onObjectCreated(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      listeners.clear();
      await new Promise<void>((resolve) => {
        front.close(() => resolve());
        front.closeAllConnections();
      });
      await server.close();
      rmSync(spoolDirectory, { recursive: true, force: true });
      if (temporary) rmSync(directory, { recursive: true, force: true });
    },
  };
}
