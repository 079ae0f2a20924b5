import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { CaseStore } from '#adapters/case-store';
import { type createS3Client, QUARANTINE_PREFIX, UPLOAD_PREFIX } from '#adapters/file-store';
import type { ObjectCreatedEvent } from '#adapters/object-created-event';
import type { DocumentType } from '#domain/document-types';
import type { createLogger } from '../../functions/logger.ts';
import type { CloudAssembly } from './assembly/cloud-assembly.ts';

/**
 * S3 events are delivered in-process, so a crash can swallow one, or stop the handler half-way. On
 * start every upload is delivered again (and every quarantined one): an unrecorded object is
 * inspected as if it had just landed; a recorded one comes as the same object again (its recorded
 * etag and sequencer), so the handler only finishes what may be missing — the case's summary and
 * resuming the workflow. The handler is idempotent on the object's identity, so this is harmless.
 */
export async function redeliverUploads(
  s3: ReturnType<typeof createS3Client>,
  store: CaseStore,
  assembly: CloudAssembly,
  deliver: (event: ObjectCreatedEvent) => Promise<void>,
  logger: ReturnType<typeof createLogger>,
) {
  const bucket = assembly.uploadsBucket.name;
  for (const prefix of [UPLOAD_PREFIX, `${QUARANTINE_PREFIX}${UPLOAD_PREFIX}`]) {
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const object of page.Contents ?? []) {
        const key = (object.Key ?? '').slice(prefix === UPLOAD_PREFIX ? 0 : QUARANTINE_PREFIX.length);
        const [, caseId, docType, uploadId] = key.split('/');
        if (!caseId || !docType || !uploadId) continue;
        const recorded = await store.getDocumentVersion(caseId, docType as DocumentType, uploadId);
        const landed = object.LastModified ?? new Date();
        const etag = recorded?.etag ?? object.ETag?.replace(/"/g, '');
        await deliver({
          version: '0',
          id: `redelivery-${uploadId}`,
          'detail-type': 'Object Created',
          source: 'aws.s3',
          account: assembly.accountId,
          time: recorded?.uploadedAt ?? landed.toISOString(),
          region: assembly.region,
          resources: [assembly.uploadsBucket.arn],
          detail: {
            version: '0',
            bucket: { name: bucket },
            object: {
              key,
              size: object.Size ?? 0,
              ...(etag ? { etag } : {}),
              sequencer: recorded?.sequencer ?? landed.getTime().toString(16).toUpperCase().padStart(16, '0'),
            },
            'request-id': `redelivery-${uploadId}`,
            requester: assembly.accountId,
            reason: 'PostObject',
          },
        }).catch((error: unknown) =>
          logger.error('Redelivering an upload failed', {
            key,
            error: error instanceof Error ? error.message : String(error),
          }),
        );
      }
      token = page.NextContinuationToken;
    } while (token);
  }
}
