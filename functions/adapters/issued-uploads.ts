/**
 * The upload forms the API signed, one item each beside the case (`UPLOAD#<uploadId>`), so on-upload
 * can tell an object the API asked for from one that merely sits under a well-formed key.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { IssuedUpload } from '#domain/case-record';
import { issuedUploadKey, stripKeys } from './case-items.ts';
import { TABLE_SCHEMA } from './table-schema.ts';

/**
 * How long an issued upload is kept after its form expired. Its only reader is on-upload, which may
 * see an event long after the upload: Lambda's asynchronous retries (up to 6 h) and a redrive from
 * the dead-letter queue (messages kept 14 days). 30 days outlives both, so a timely upload is never
 * quarantined for want of its record; DynamoDB deletes expired items lazily (days later), which only
 * keeps them longer.
 */
export const ISSUED_UPLOAD_RETENTION_SECONDS = 30 * 24 * 3600;

export class IssuedUploads {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Records an upload form the API signed (an upload id is new each time: a plain put). */
  async recordIssuedUpload(issued: IssuedUpload): Promise<void> {
    const expires = Math.ceil(new Date(issued.expiresAt).getTime() / 1000);
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...issuedUploadKey(issued.caseId, issued.uploadId),
          itemType: 'ISSUED_UPLOAD',
          ...issued,
          [TABLE_SCHEMA.timeToLiveAttribute]: expires + ISSUED_UPLOAD_RETENTION_SECONDS,
        },
      }),
    );
  }

  /** The upload form issued under `uploadId` for the case, or undefined. */
  async getIssuedUpload(caseId: string, uploadId: string): Promise<IssuedUpload | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: issuedUploadKey(caseId, uploadId),
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    const { [TABLE_SCHEMA.timeToLiveAttribute]: _ttl, ...issued } = stripKeys(Item);
    return issued as unknown as IssuedUpload;
  }
}
