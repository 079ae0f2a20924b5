/**
 * The case table's items as the DynamoDB store writes them (docs/data-model.md): their keys, the case
 * item's index keys, page cursors, audit masking, and the reads every part of the store shares.
 */
import { createHmac } from 'node:crypto';
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseRecord } from '#domain/case-record';
import type { HumanStep } from '#domain/case-status';
import type { DocumentType } from '#domain/document-types';
import { DomainError } from '#domain/errors';
import { maskId, redactText } from '../logger.ts';
import { type IndexDefinition, TABLE_KEYS } from './table-schema.ts';

export const caseKey = (caseId: string) => ({ PK: `CASE#${caseId}`, SK: 'CASE' });
export const documentVersionKey = (caseId: string, docType: DocumentType, uploadId: string) => ({
  PK: `CASE#${caseId}`,
  SK: `DOC#${docType}#${uploadId}`,
});
export const taskKey = (caseId: string, step: HumanStep) => ({ PK: `CASE#${caseId}`, SK: `TASK#${step}` });
/** One audit event: the same action with the same idempotency key is stored once (retries). */
export const auditKey = (caseId: string, at: string, action: string, idempotencyKey: string) => ({
  PK: `CASE#${caseId}`,
  SK: `AUDIT#${at}#${action}#${idempotencyKey}`,
});
/** An upload form the API signed for the case (functions/adapters/issued-uploads.ts). */
export const issuedUploadKey = (caseId: string, uploadId: string) => ({
  PK: `CASE#${caseId}`,
  SK: `UPLOAD#${uploadId}`,
});
/** The uniqueness item behind "one open case per applicant entity". */
export const entityLockKey = (entityKey: string) => ({ PK: `ENTITY#${entityKey}`, SK: 'OPEN_CASE' });

/**
 * The applicant entity's key: HMAC-SHA-256 of ID type and number under a server secret, so the
 * table never holds an ID number and the key cannot be reversed without the secret.
 */
export function entityKeyOf(idType: string, idNumber: string, secret: string): string {
  const normalised = `${idType.trim().toUpperCase()}:${idNumber.replace(/\s+/g, '').toUpperCase()}`;
  return createHmac('sha256', secret).update(normalised).digest('hex');
}

const TOKEN_LIKE = /[A-Za-z0-9_+/=-]{60,}/g;
/**
 * Masks ID numbers, mobiles and token-like runs in audit details (the logger's patterns: ICP numbers,
 * upload ids and bureau references stay readable, as the record of record needs them).
 */
export function maskDetail(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value).replace(TOKEN_LIKE, (m) => maskId(m));
  if (Array.isArray(value)) return value.map(maskDetail);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !/token/i.test(key))
        .map(([key, v]) => [key, maskDetail(v)]),
    );
  }
  return value;
}

/** Reads per filtered page at most: a rare filter value never turns one request into a table walk. */
export const MAX_FILTERED_READS = 10;

/** The exclusive start key of an index query that continues after `item`. */
export function keyOf(item: Record<string, unknown>, index: IndexDefinition): Record<string, unknown> {
  return Object.fromEntries(
    [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, index.partitionKey, index.sortKey].map((name) => [
      name,
      item[name],
    ]),
  );
}

export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

/**
 * The start key a cursor stands for, if it is one this query could have returned: exactly the keys of
 * an item of `index`, in the queried `partition`, within the sort-key bound. Anything else (a forged
 * or edited cursor, one from another list) is INVALID_CURSOR (400), never a DynamoDB error (500) and
 * never a page of someone else's list.
 */
export function decodeCursor(
  cursor: string | undefined,
  index: IndexDefinition,
  partition: string,
  sortKeyAtMost?: string,
): Record<string, string> | undefined {
  if (!cursor) return undefined;
  const names = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, index.partitionKey, index.sortKey];
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const key = parsed as Record<string, unknown>;
      const sortValue = key[index.sortKey];
      const valid =
        Object.keys(key).length === new Set(names).size &&
        names.every((name) => typeof key[name] === 'string') &&
        key[index.partitionKey] === partition &&
        (sortKeyAtMost === undefined || (sortValue as string) <= sortKeyAtMost);
      if (valid) return key as Record<string, string>;
    }
  } catch {
    // not base64url JSON: fall through
  }
  throw new DomainError({
    code: 'INVALID_CURSOR',
    message: 'The page cursor is not valid.',
    messageZh: '分页游标无效。',
    field: 'cursor',
  });
}

/** An item without its table keys and type. */
export function stripKeys(item: Record<string, unknown>): Record<string, unknown> {
  const { PK: _pk, SK: _sk, itemType: _type, ...rest } = item;
  return rest;
}

/** Every item of partition `pk` whose sort key starts with `skPrefix`, all pages, consistently read. */
export async function queryAll(
  db: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
  skPrefix: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const result = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...(result.Items ?? []));
    start = result.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The all-cases list's one partition (byCreated; docs/staff-search.md says why one is enough). */
export const ALL_CASES = 'CASES';
/**
 * The supervisors' queue of drafts waiting for an override: the queue index's partition for them. A draft
 * has no workflow step, so it is on no step's queue; this puts it on one of its own.
 */
export const OVERRIDE_QUEUE = 'QUEUE#OVERRIDE';

/** A draft whose application has overridable failures no supervisor has accepted yet. */
export function waitsForOverride(
  record: Pick<CaseRecord, 'status' | 'pendingOverrides' | 'acceptedOverrides'>,
) {
  const accepted = new Set(record.acceptedOverrides ?? []);
  return record.status === 'DRAFT' && (record.pendingOverrides ?? []).some((code) => !accepted.has(code));
}

/** The case item: the record with its keys and the index keys its state puts it under. */
export function caseItem(record: CaseRecord): Record<string, unknown> {
  return {
    ...caseKey(record.caseId),
    itemType: 'CASE',
    ...record,
    applicantPk: `APPLICANT#${record.applicantSubject}`,
    applicantSk: `${record.createdAt}#${record.caseId}`,
    entityPk: `ENTITY#${record.entityKey}`,
    entitySk: `${record.createdAt}#${record.caseId}`,
    statusPk: `STATUS#${record.status}`,
    statusSk: `${record.createdAt}#${record.caseId}`,
    listPk: ALL_CASES,
    listSk: `${record.createdAt}#${record.caseId}`,
    ...(record.currentStep
      ? {
          queuePk: `QUEUE#${record.currentStep}`,
          queueSk: `${record.dueDate ?? '9999-12-31'}#${record.caseId}`,
        }
      : waitsForOverride(record)
        ? { queuePk: OVERRIDE_QUEUE, queueSk: `${record.createdAt}#${record.caseId}` }
        : {}),
    ...(record.icpNumber
      ? { icpPk: `ICP#${record.icpNumber}`, icpSk: `${record.createdAt}#${record.caseId}` }
      : {}),
  };
}

/** The record of a case item (keys and index keys removed). */
export function caseFromItem(item: Record<string, unknown>): CaseRecord {
  const {
    applicantPk: _a,
    applicantSk: _b,
    entityPk: _c,
    entitySk: _d,
    queuePk: _e,
    queueSk: _f,
    icpPk: _g,
    icpSk: _h,
    statusPk: _i,
    statusSk: _j,
    listPk: _k,
    listSk: _l,
    ...rest
  } = stripKeys(item);
  return rest as unknown as CaseRecord;
}
