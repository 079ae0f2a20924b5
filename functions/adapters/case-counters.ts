/**
 * The dashboard's stored figures (docs/dashboard.md): counter items that audit events move with
 * atomic ADDs (`STATS#WEEKLY` / `<monday>`, `STATS#LEAD_TIME` / `<step>`, `STATS#RETURNS` /
 * `<yyyy-mm>`), and the snapshot of the open cases that the scheduled queue-metrics run writes.
 */
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { CounterIncrement, CounterItem, DashboardSnapshot, QueueFact } from '#domain/case-statistics';
import type { HumanStep } from '#domain/case-status';
import { INDEXES } from './table-schema.ts';

/** Counters are attributes `c_<name>`, apart from the item's own attributes whatever the name. */
const COUNTER_PREFIX = 'c_';
const SNAPSHOT_KEY = { PK: 'STATS#SNAPSHOT', SK: 'LATEST' };

export class CaseCounters {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Adds each increment to its counter item (created at the first ADD). */
  async apply(increments: readonly CounterIncrement[]): Promise<void> {
    await Promise.all(
      increments.map((increment) => {
        const entries = Object.entries(increment.counts);
        return this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { PK: increment.partition, SK: increment.key },
            UpdateExpression: `SET itemType = :type ADD ${entries.map((_, i) => `#c${i} :v${i}`).join(', ')}`,
            ExpressionAttributeNames: Object.fromEntries(
              entries.map(([name], i) => [`#c${i}`, `${COUNTER_PREFIX}${name}`]),
            ),
            ExpressionAttributeValues: {
              ':type': 'COUNTER',
              ...Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value])),
            },
          }),
        );
      }),
    );
  }

  /** The counter items of `partition` with keys from `fromKey` on, in key order. */
  async listCounters(partition: string, fromKey: string): Promise<CounterItem[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND SK >= :from',
          ExpressionAttributeValues: { ':pk': partition, ':from': fromKey },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...(result.Items ?? []));
      start = result.LastEvaluatedKey;
    } while (start);
    return items.map((item) => ({
      key: item.SK as string,
      counts: Object.fromEntries(
        Object.entries(item)
          .filter(([name]) => name.startsWith(COUNTER_PREFIX))
          .map(([name, value]) => [name.slice(COUNTER_PREFIX.length), Number(value)]),
      ),
    }));
  }

  async getSnapshot(): Promise<DashboardSnapshot | undefined> {
    const { Item } = await this.db.send(new GetCommand({ TableName: this.tableName, Key: SNAPSHOT_KEY }));
    return Item ? (Item.snapshot as DashboardSnapshot) : undefined;
  }

  async putSnapshot(snapshot: DashboardSnapshot): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...SNAPSHOT_KEY, itemType: 'DASHBOARD_SNAPSHOT', snapshot },
      }),
    );
  }

  /** Every case waiting on `step`, reduced to the three attributes the snapshot needs. */
  async listQueueFacts(step: HumanStep): Promise<QueueFact[]> {
    const def = INDEXES.byQueue;
    const facts: QueueFact[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: def.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: {
            '#pk': def.partitionKey,
            '#office': 'office',
            '#due': 'dueDate',
            '#created': 'createdAt',
          },
          ExpressionAttributeValues: { ':pk': `QUEUE#${step}` },
          ProjectionExpression: '#office, #due, #created',
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of result.Items ?? []) facts.push(item as QueueFact);
      start = result.LastEvaluatedKey;
    } while (start);
    return facts;
  }
}
