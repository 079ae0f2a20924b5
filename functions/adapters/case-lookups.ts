/**
 * Lookup items: how staff find a case by one of its domains or by its applicant's name. A case has
 * several domains, and an index key holds one value per item, so each value gets a small item beside
 * the case (`CASE#<caseId>` / `LOOKUP#DOMAIN#<domain>`, `LOOKUP#NAME#<name>`) carrying the byLookup
 * index keys. The store keeps them in step with the case on every write that changes the values
 * (`syncLookups`), and a search reads the case itself and drops a hit the case no longer has, so an
 * interrupted sync can leave a missing hit until the case's next write, never a wrong one
 * (docs/staff-search.md).
 */
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseRecord } from '#domain/case-record';
import { caseLookupValues } from '#domain/case-search';
import { INDEXES } from './table-schema.ts';

interface LookupItem {
  PK: string;
  SK: string;
  lookupPk: string;
  lookupSk: string;
}

/** The lookup items a case should have now. */
export function lookupItemsOf(record: CaseRecord): LookupItem[] {
  const values = caseLookupValues(record);
  const pk = `CASE#${record.caseId}`;
  const items = values.domains.map((domain) => ({
    PK: pk,
    SK: `LOOKUP#DOMAIN#${domain}`,
    lookupPk: `DOMAIN#${domain}`,
    lookupSk: `${record.createdAt}#${record.caseId}`,
  }));
  if (values.name) {
    items.push({
      PK: pk,
      SK: `LOOKUP#NAME#${values.name}`,
      // Partitioned by the first character so that a prefix query reads one partition only.
      lookupPk: `NAME#${[...values.name][0]}`,
      lookupSk: `${values.name}#${record.caseId}`,
    });
  }
  return items;
}

export class CaseLookups {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Writes the lookup items `next` needs and deletes those only `previous` had. Writes nothing when
   * the values did not change (most case writes: a status, a document), so handlers that never change
   * a domain or a name never write here.
   */
  async syncLookups(previous: CaseRecord | undefined, next: CaseRecord): Promise<void> {
    const before = new Map((previous ? lookupItemsOf(previous) : []).map((item) => [item.SK, item]));
    const after = lookupItemsOf(next);
    const keep = new Set(after.map((item) => item.SK));
    const puts = after.filter((item) => before.get(item.SK)?.lookupSk !== item.lookupSk);
    const deletes = [...before.keys()].filter((sk) => !keep.has(sk));
    await Promise.all([
      ...puts.map((item) =>
        this.db.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...item, itemType: 'LOOKUP', caseId: next.caseId },
          }),
        ),
      ),
      ...deletes.map((sk) =>
        this.db.send(
          new DeleteCommand({ TableName: this.tableName, Key: { PK: `CASE#${next.caseId}`, SK: sk } }),
        ),
      ),
    ]);
  }

  /** Ids of cases filed with `domain` (normalised), newest first, at most `limit`. */
  casesWithDomain(domain: string, limit: number): Promise<string[]> {
    return this.query(`DOMAIN#${domain}`, undefined, limit, false);
  }

  /** Ids of cases whose applicant's normalised name starts with `prefix`, by name, at most `limit`. */
  casesWithNamePrefix(prefix: string, limit: number): Promise<string[]> {
    return this.query(`NAME#${[...prefix][0]}`, prefix, limit, true);
  }

  private async query(pk: string, skPrefix: string | undefined, limit: number, ascending: boolean) {
    const def = INDEXES.byLookup;
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: def.indexName,
        KeyConditionExpression: skPrefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
        ExpressionAttributeNames: { '#pk': def.partitionKey, ...(skPrefix ? { '#sk': def.sortKey } : {}) },
        ExpressionAttributeValues: { ':pk': pk, ...(skPrefix ? { ':prefix': skPrefix } : {}) },
        ProjectionExpression: 'caseId',
        ScanIndexForward: ascending,
        Limit: limit,
      }),
    );
    return [...new Set((result.Items ?? []).map((item) => item.caseId as string))];
  }
}
