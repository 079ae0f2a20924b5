/**
 * Starts s3rver in this process with the given buckets, and turns its `event` emitter into the
 * EventBridge "Object Created" event that AWS delivers to the on-upload handler, so local wiring
 * and AWS wiring hand the handler the same shape.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { ObjectCreatedEvent, S3ObjectCreatedDetail } from '#adapters/object-created-event';

export type { ObjectCreatedEvent } from '#adapters/object-created-event';

export interface StartS3Options {
  /** Directory for s3rver's files; omitted = a temporary directory removed on close. */
  dataDir?: string;
  /** 0 or omitted = a free port. */
  port?: number;
  buckets: readonly string[];
  region?: string;
  /** Browser origins allowed to POST uploads and GET previews (the console, locally). */
  corsOrigins?: readonly string[];
  /** Called when a listener throws or rejects (default: console.error); delivery is never silent. */
  onListenerError?: (error: unknown, event: ObjectCreatedEvent) => void;
}

/** s3rver accepts only its own fixed key pair. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export type ObjectCreatedListener = (event: ObjectCreatedEvent) => void | Promise<void>;

export interface S3Emulator {
  endpoint: string;
  /** Subscribes to "Object Created" events; returns the unsubscribe function. */
  onObjectCreated(listener: ObjectCreatedListener): () => void;
  close(): Promise<void>;
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

/** Starts s3rver on 127.0.0.1 with `buckets` created. */
export async function startS3(options: StartS3Options): Promise<S3Emulator> {
  const temporary = options.dataDir === undefined;
  const directory = options.dataDir ?? mkdtempSync(join(tmpdir(), 's3rver-'));
  mkdirSync(directory, { recursive: true });
  const region = options.region ?? 'us-east-1';
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: options.buckets.map((name) => ({
      name,
      configs: options.corsOrigins?.length ? [corsConfiguration(options.corsOrigins)] : [],
    })),
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
        resources: [['arn', 'aws', 's3', '', '', bucket.name].join(':')],
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

  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    onObjectCreated(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      listeners.clear();
      await server.close();
      if (temporary) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** The bucket CORS document (S3's XML) that lets the console POST uploads and read previews. */
function corsConfiguration(origins: readonly string[]): string {
  const rules = origins
    .map(
      (origin) =>
        `<CORSRule><AllowedOrigin>${origin}</AllowedOrigin><AllowedMethod>POST</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>600</MaxAgeSeconds></CORSRule>`,
    )
    .join('');
  return `<CORSConfiguration>${rules}</CORSConfiguration>`;
}
