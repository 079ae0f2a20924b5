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

const SEQUENCER_WIDTH = 32;
/** S3 sequencers compare as hex numbers of equal length; pad so string order is that order. */
export const padSequencer = (sequencer: string) => sequencer.toUpperCase().padStart(SEQUENCER_WIDTH, '0');
