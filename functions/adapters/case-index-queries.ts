/**
 * Reading cases through the table's indexes: an applicant's and an entity's cases, the cases under
 * an ICP number, the officers' queues and their counts. Pages carry an opaque cursor (the index's
 * LastEvaluatedKey, checked on the way back in: case-items.ts `decodeCursor`).
 */
import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { CaseRecord, Page } from '#domain/case-record';
import type { QueueQuery } from '#domain/case-repository';
import type { CaseStatus, HumanStep } from '#domain/case-status';
import type { IsoDate } from '#domain/china-calendar';
import {
  ALL_CASES,
  caseFromItem,
  decodeCursor,
  encodeCursor,
  keyOf,
  MAX_FILTERED_READS,
  OVERRIDE_QUEUE,
} from './case-items.ts';
import { INDEXES, type IndexName } from './table-schema.ts';

export class CaseIndexQueries {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** An applicant's cases, newest first. */
  listCasesByApplicant(
    subject: string,
    page: { limit?: number; cursor?: string } = {},
  ): Promise<Page<CaseRecord>> {
    return this.queryIndex('byApplicant', `APPLICANT#${subject}`, { ...page, newestFirst: true });
  }

  /** Every case of one applicant entity, newest first. */
  listCasesByEntity(
    entityKey: string,
    page: { limit?: number; cursor?: string } = {},
  ): Promise<Page<CaseRecord>> {
    return this.queryIndex('byEntity', `ENTITY#${entityKey}`, { ...page, newestFirst: true });
  }

  /** Cases filed under an ICP number (the filing itself, added websites, hosting changes). */
  listCasesByIcpNumber(
    icpNumber: string,
    page: { limit?: number; cursor?: string } = {},
  ): Promise<Page<CaseRecord>> {
    return this.queryIndex('byIcpNumber', `ICP#${icpNumber}`, page);
  }

  /** An officer queue: cases waiting on `step`, soonest due first, optionally filtered. */
  listQueue(step: HumanStep, query: QueueQuery = {}): Promise<Page<CaseRecord>> {
    return this.queryIndex('byQueue', `QUEUE#${step}`, query);
  }

  /** Cases in `status`, newest first, optionally filtered (staff lists). */
  listCasesByStatus(status: CaseStatus, query: QueueQuery = {}): Promise<Page<CaseRecord>> {
    return this.queryIndex('byStatus', `STATUS#${status}`, { ...query, newestFirst: true });
  }

  /** Every case, newest first, optionally filtered (staff lists). */
  listAllCases(query: QueueQuery = {}): Promise<Page<CaseRecord>> {
    return this.queryIndex('byCreated', ALL_CASES, { ...query, newestFirst: true });
  }

  /** Drafts waiting for a supervisor to accept an overridable failure, oldest first. */
  listOverrideQueue(page: { limit?: number; cursor?: string } = {}): Promise<Page<CaseRecord>> {
    return this.queryIndex('byQueue', OVERRIDE_QUEUE, page);
  }

  /**
   * How many cases wait on `step` (those due before `dueEarlierThan` only, when given): COUNT queries
   * on the queue index, every page, no item returned. A case without a due date sorts last
   * (`9999-12-31`), so it is waiting and never past due. `pageSize` bounds the items each request
   * reads (DynamoDB's 1 MB page when unset).
   */
  async countQueue(
    step: HumanStep,
    options: { dueEarlierThan?: IsoDate; pageSize?: number } = {},
  ): Promise<number> {
    const def = INDEXES.byQueue;
    const names: Record<string, string> = { '#pk': def.partitionKey };
    const values: Record<string, unknown> = { ':pk': `QUEUE#${step}` };
    let keyCondition = '#pk = :pk';
    if (options.dueEarlierThan) {
      // `<dueDate>#<caseId>` < `<date>` exactly when dueDate < date (ISO dates compare as strings,
      // and `<date>#…` is greater than `<date>`, so cases due on the date itself are not counted).
      names['#sk'] = def.sortKey;
      values[':date'] = options.dueEarlierThan;
      keyCondition += ' AND #sk < :date';
    }
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: def.indexName,
          KeyConditionExpression: keyCondition,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          Select: 'COUNT',
          ...(options.pageSize ? { Limit: options.pageSize } : {}),
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      count += result.Count ?? 0;
      start = result.LastEvaluatedKey;
    } while (start);
    return count;
  }

  private async queryIndex(
    index: IndexName,
    partition: string,
    options: QueueQuery & { newestFirst?: boolean },
  ): Promise<Page<CaseRecord>> {
    const def = INDEXES[index];
    const names: Record<string, string> = { '#pk': def.partitionKey };
    const values: Record<string, unknown> = { ':pk': partition };
    let keyCondition = '#pk = :pk';
    if (options.dueBefore) {
      names['#sk'] = def.sortKey;
      values[':due'] = `${options.dueBefore}#\uffff`;
      keyCondition += ' AND #sk <= :due';
    }
    const filters: string[] = [];
    if (options.province) {
      names['#province'] = 'province';
      values[':province'] = options.province;
      filters.push('#province = :province');
    }
    if (options.filingType) {
      names['#filingType'] = 'filingType';
      values[':filingType'] = options.filingType;
      filters.push('#filingType = :filingType');
    }
    if (options.office) {
      names['#office'] = 'office';
      values[':office'] = options.office;
      filters.push('#office = :office');
    }
    const limit = Math.min(Math.max(options.limit ?? 25, 1), 100);
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: def.indexName,
      KeyConditionExpression: keyCondition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      Limit: limit,
      ScanIndexForward: !options.newestFirst,
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
    };
    // A filter drops items after DynamoDB reads them, so one read can return a short page (or none)
    // with more to come: read on until the page is full, within a bound on the reads per request.
    const items: Record<string, unknown>[] = [];
    let next: Record<string, unknown> | undefined = decodeCursor(
      options.cursor,
      def,
      partition,
      options.dueBefore ? (values[':due'] as string) : undefined,
    );
    let reads = 0;
    do {
      const result = await this.db.send(
        new QueryCommand(next ? { ...input, ExclusiveStartKey: next } : input),
      );
      reads += 1;
      items.push(...(result.Items ?? []));
      next = result.LastEvaluatedKey;
    } while (filters.length > 0 && items.length < limit && next && reads < MAX_FILTERED_READS);
    if (items.length > limit) {
      // The page ends inside the last read: continue after its last item.
      items.length = limit;
      next = keyOf(items[limit - 1] as Record<string, unknown>, def);
    }
    const cursor = encodeCursor(next);
    return { items: items.map((item) => caseFromItem(item)), ...(cursor ? { cursor } : {}) };
  }
}
