/**
 * What happened to a case: the audit trail (appended idempotently, details masked).
 */
import { type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '#domain/case-record';
import { auditKey, maskDetail, queryAll, stripKeys } from './case-items.ts';
import { isConditionFailure } from './dynamo-client.ts';

export class CaseAudit {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Appends an audit event; the same (at, idempotencyKey) twice is stored once. Returns true if new. */
  async appendAudit(event: AuditEvent): Promise<boolean> {
    const safe: AuditEvent = {
      ...event,
      ...(event.detail ? { detail: maskDetail(event.detail) as Record<string, unknown> } : {}),
    };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...auditKey(event.caseId, event.at, event.action, event.idempotencyKey),
            itemType: 'AUDIT',
            ...safe,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** The case's audit trail, oldest first. */
  async listAudit(caseId: string): Promise<AuditEvent[]> {
    const items = await queryAll(this.db, this.tableName, `CASE#${caseId}`, 'AUDIT#');
    return items.map((item) => stripKeys(item) as unknown as AuditEvent);
  }
}
