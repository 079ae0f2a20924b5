import type { EventBridgeEvent } from 'aws-lambda';

/** The `detail` of S3's "Object Created" event on EventBridge. */
export interface S3ObjectCreatedDetail {
  version: string;
  bucket: { name: string };
  object: { key: string; size?: number; etag?: string; sequencer?: string; 'version-id'?: string };
  'request-id': string;
  requester: string;
  'source-ip-address'?: string;
  reason: 'PutObject' | 'PostObject' | 'CopyObject' | 'CompleteMultipartUpload';
}

/** The event AWS delivers when an object lands in a bucket with EventBridge notifications on (and the local stack copies). */
export type ObjectCreatedEvent = EventBridgeEvent<'Object Created', S3ObjectCreatedDetail>;
