/**
 * The one definition of the case table: key names, GSIs and billing. The local emulator starter
 * creates the table from it, and the CDK stack builds its `TableV2` from it, so both always agree.
 * See docs/data-model.md for the item types and access patterns.
 */
export interface KeyPair {
  partitionKey: string;
  sortKey: string;
}

export interface IndexDefinition extends KeyPair {
  indexName: string;
  /** Every index projects all attributes: the queues and lists render from the index alone. */
  projection: 'ALL';
}

export const TABLE_KEYS: KeyPair = { partitionKey: 'PK', sortKey: 'SK' };

export const INDEXES = {
  /** Officer queues: `QUEUE#<step>` / `<dueDate>#<caseId>`, only on cases waiting on a human step. */
  byQueue: { indexName: 'byQueue', partitionKey: 'queuePk', sortKey: 'queueSk', projection: 'ALL' },
  /** An applicant's cases: `APPLICANT#<subject>` / `<createdAt>#<caseId>`. */
  byApplicant: {
    indexName: 'byApplicant',
    partitionKey: 'applicantPk',
    sortKey: 'applicantSk',
    projection: 'ALL',
  },
  /** Cases of an ICP number (the filing, its added websites and hosting changes): `ICP#<number>`. */
  byIcpNumber: { indexName: 'byIcpNumber', partitionKey: 'icpPk', sortKey: 'icpSk', projection: 'ALL' },
  /** Every case of one applicant entity (history): `ENTITY#<entityKey>` / `<createdAt>#<caseId>`. */
  byEntity: { indexName: 'byEntity', partitionKey: 'entityPk', sortKey: 'entitySk', projection: 'ALL' },
} as const satisfies Record<string, IndexDefinition>;

export type IndexName = keyof typeof INDEXES;

export const TABLE_SCHEMA = {
  keys: TABLE_KEYS,
  indexes: Object.values(INDEXES) as IndexDefinition[],
  billingMode: 'PAY_PER_REQUEST' as const,
  /** Every key attribute is a string. */
  attributeType: 'S' as const,
  pointInTimeRecovery: true,
  /**
   * DynamoDB's TTL attribute (epoch seconds): items that carry it are deleted some time after. Only
   * issued uploads do (functions/adapters/issued-uploads.ts); cases, documents and audit never expire.
   */
  timeToLiveAttribute: 'expiresAtEpoch',
};

/** The CreateTable input for DynamoDB (used by the local starter; CDK maps the same fields). */
export function createTableInput(tableName: string) {
  const keyAttributes = new Set<string>([TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey]);
  for (const index of TABLE_SCHEMA.indexes) {
    keyAttributes.add(index.partitionKey);
    keyAttributes.add(index.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: TABLE_SCHEMA.billingMode,
    AttributeDefinitions: [...keyAttributes].map((name) => ({
      AttributeName: name,
      AttributeType: 'S' as const,
    })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: TABLE_SCHEMA.indexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: index.projection },
    })),
  };
}
