/**
 * Each upload's recorded inspection, keyed by the upload and conditional on the S3 object's identity
 * (events are at-least-once and unordered: functions/documents/record-upload.ts).
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentVersion } from '#domain/case-record';
import type { DocumentType } from '#domain/document-types';
import { documentVersionKey, queryAll, stripKeys } from './case-items.ts';
import { isConditionFailure } from './dynamo-client.ts';

export class DocumentVersions {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Records the inspection of one upload, keyed by the upload, conditional on the object identity:
   * the same object again is a `duplicate`, an older object (lower sequencer) is `stale`.
   */
  async recordDocumentVersion(
    version: DocumentVersion,
  ): Promise<{ outcome: 'recorded' | 'duplicate' | 'stale'; stored: DocumentVersion }> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...documentVersionKey(version.caseId, version.docType, version.uploadId),
            itemType: 'DOCUMENT_VERSION',
            ...version,
          },
          ConditionExpression: 'attribute_not_exists(PK) OR (#seq < :seq AND #identity <> :identity)',
          ExpressionAttributeNames: { '#seq': 'sequencer', '#identity': 'identity' },
          ExpressionAttributeValues: { ':seq': version.sequencer, ':identity': version.identity },
        }),
      );
      return { outcome: 'recorded', stored: version };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const stored = await this.getDocumentVersion(version.caseId, version.docType, version.uploadId);
    if (!stored) throw new Error('document version vanished after a failed condition');
    return { outcome: stored.identity === version.identity ? 'duplicate' : 'stale', stored };
  }

  /** One upload's recorded inspection, or undefined. */
  async getDocumentVersion(
    caseId: string,
    docType: DocumentType,
    uploadId: string,
  ): Promise<DocumentVersion | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: documentVersionKey(caseId, docType, uploadId),
        ConsistentRead: true,
      }),
    );
    return Item ? (stripKeys(Item) as unknown as DocumentVersion) : undefined;
  }

  /** Every recorded upload of a case (optionally of one document type), oldest upload id first. */
  async listDocumentVersions(caseId: string, docType?: DocumentType): Promise<DocumentVersion[]> {
    const items = await queryAll(
      this.db,
      this.tableName,
      `CASE#${caseId}`,
      docType ? `DOC#${docType}#` : 'DOC#',
    );
    return items.map((item) => stripKeys(item) as unknown as DocumentVersion);
  }
}
