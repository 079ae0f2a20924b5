/**
 * The filing registry in the case table (functions/domain/filing-registry.ts; docs/data-model.md):
 * one partition per entity number, `FILING#<entityNumber>`, holding the entity (`ENTITY`), its
 * websites (`SITE#<nnnn>`) and our access records (`ACCESS#<nnnn>`); and one pointer per owned entity in
 * the owner's partition (`OWNER#<subject>` / `FILING#<entityNumber>`), from which the applicant's filings
 * page reads each entity's partition. A pointer item rather than an index: reads stay consistent, and a
 * table created before the registry needs no new index (dynalite, the local stand-in, cannot add one to
 * an existing table). Items are put whole: writing the same filings again (a retried task) changes
 * nothing.
 */
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type {
  AccessRecord,
  EntityFilings,
  FilingRegistry,
  RegisteredEntity,
  RegisteredWebsite,
} from '#domain/filing-registry';
import { queryAll, stripKeys } from './case-items.ts';

export const registryPartition = (entityNumber: string) => `FILING#${entityNumber}`;
export const ownerPointerKey = (subject: string, entityNumber: string) => ({
  PK: `OWNER#${subject}`,
  SK: registryPartition(entityNumber),
});
const siteSortKey = (prefix: 'SITE' | 'ACCESS', icpNumber: string) => {
  const site = /-(\d+)$/.exec(icpNumber)?.[1] ?? '0';
  return `${prefix}#${site.padStart(4, '0')}`;
};

type RegistryItem = Record<string, unknown>;

function itemsOf(filings: EntityFilings): RegistryItem[] {
  const pk = registryPartition(filings.entity.entityNumber);
  const item = (sk: string, itemType: string, value: object) => ({ PK: pk, SK: sk, itemType, ...value });
  return [
    {
      ...ownerPointerKey(filings.entity.ownerSubject, filings.entity.entityNumber),
      itemType: 'OWNED_FILING',
      entityNumber: filings.entity.entityNumber,
    },
    item('ENTITY', 'REGISTERED_ENTITY', filings.entity),
    ...filings.websites.map((w) => item(siteSortKey('SITE', w.icpNumber), 'REGISTERED_WEBSITE', w)),
    ...filings.access.map((a) => item(siteSortKey('ACCESS', a.icpNumber), 'ACCESS_RECORD', a)),
  ];
}

function filingsOf(items: RegistryItem[]): EntityFilings[] {
  const byEntity = new Map<
    string,
    { entity?: RegisteredEntity; websites: RegisteredWebsite[]; access: AccessRecord[] }
  >();
  for (const raw of items) {
    const value = stripKeys(raw);
    const entityNumber = value.entityNumber as string;
    const group = byEntity.get(entityNumber) ?? { websites: [], access: [] };
    byEntity.set(entityNumber, group);
    if (raw.itemType === 'REGISTERED_ENTITY') group.entity = value as unknown as RegisteredEntity;
    else if (raw.itemType === 'REGISTERED_WEBSITE')
      group.websites.push(value as unknown as RegisteredWebsite);
    else if (raw.itemType === 'ACCESS_RECORD') group.access.push(value as unknown as AccessRecord);
  }
  return [...byEntity.values()].flatMap((g) =>
    g.entity ? [{ entity: g.entity, websites: g.websites, access: g.access }] : [],
  );
}

/** The registry's reads and writes on the case table. */
export class FilingRegistryItems implements FilingRegistry {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** One entity's filings (consistent read of its partition), or undefined. */
  async getEntityFilings(entityNumber: string): Promise<EntityFilings | undefined> {
    const items: RegistryItem[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': registryPartition(entityNumber) },
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return filingsOf(items)[0];
  }

  /** Puts every item of the entity's filings as given. */
  async putEntityFilings(filings: EntityFilings): Promise<void> {
    // One entity's items are few (the entity, its sites, their access), and only the case holding the
    // entity's open-case lock changes them, so plain puts in order are enough.
    for (const item of itemsOf(filings)) {
      await this.db.send(new PutCommand({ TableName: this.tableName, Item: item }));
    }
  }

  /** Every entity an applicant owns, with its websites and access records, by entity number. */
  async listFilingsByOwner(subject: string): Promise<EntityFilings[]> {
    const pointers = await queryAll(this.db, this.tableName, `OWNER#${subject}`, 'FILING#');
    const owned: EntityFilings[] = [];
    for (const pointer of pointers) {
      const filings = await this.getEntityFilings(pointer.entityNumber as string);
      // A pointer left by an earlier owner is not a filing of this one.
      if (filings?.entity.ownerSubject === subject) owned.push(filings);
    }
    return owned;
  }
}
