/**
 * The DynamoDB case store: one table, single-item conditional writes, idempotent keys for appended
 * items, no transactions and no scans. Item types and access patterns: docs/data-model.md.
 */
import { createHmac } from 'node:crypto';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { assertTransition, type CaseStatus, type HumanStep, TERMINAL_STATUSES } from '#domain/case-status';
import type { IsoDate } from '#domain/china-calendar';
import type { DocumentStatus, DocumentType, Finding } from '#domain/document-types';
import { DomainError } from '#domain/errors';
import type { ApplicantType, FilingType } from '#domain/filing';
import { maskId, redactText } from '../logger.ts';
import { isConditionFailure } from './dynamo-client.ts';
import { INDEXES, type IndexDefinition, type IndexName, TABLE_KEYS } from './table-schema.ts';

// ---------------------------------------------------------------------------------------------
// Keys

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
/** A marker that a side effect (an email, a reminder) was done once for the case. */
export const onceKey = (caseId: string, key: string) => ({ PK: `CASE#${caseId}`, SK: `ONCE#${key}` });
/** The uniqueness item behind "one open case per applicant entity". */
export const entityLockKey = (entityKey: string) => ({ PK: `ENTITY#${entityKey}`, SK: 'OPEN_CASE' });

// ---------------------------------------------------------------------------------------------
// Records

export interface Actor {
  /** OIDC subject, or a system name such as `system:on-upload`. Never an ID number. */
  subject: string;
  role: 'applicant' | 'officer' | 'supervisor' | 'system';
}

export interface CaseContact {
  name: string;
  email: string;
}

/** What the case item says about one required document: the latest upload's inspection. */
export interface DocumentSummary {
  uploadId: string;
  key: string;
  status: DocumentStatus;
  findings: Finding[];
  /** When the object landed (S3 event time) — decides which upload of a document is current. */
  uploadedAt: string;
  recordedAt: string;
  etag?: string;
  /** The type found in the file's content (for officers' previews). */
  contentType?: string;
  /** A supervisor accepted the document despite its automated findings. */
  override?: {
    by: string;
    at: string;
    reason: string;
    previousStatus: DocumentStatus;
    previousFindings: Finding[];
  };
}

export interface CaseRecord {
  caseId: string;
  /** The applicant's OIDC subject. */
  applicantSubject: string;
  /** Opaque, non-reversible key of the applicant entity (see `entityKeyOf`). */
  entityKey: string;
  applicantType: ApplicantType;
  filingType: FilingType;
  province: string;
  /** Verification office (e.g. Beijing, Shanghai) for officer queue filters. */
  office?: string;
  /** Who the system emails about the case. */
  contact: CaseContact;
  /** The case's website domains (the verification form must name them). */
  domains: string[];
  /** The application as submitted; its schema belongs to the domain module. */
  application: unknown;
  requiredDocuments: DocumentType[];
  documents: Partial<Record<DocumentType, DocumentSummary>>;
  status: CaseStatus;
  currentStep?: HumanStep;
  dueDate?: string;
  icpNumber?: string;
  /** The in-person verification appointment, once scheduled. */
  appointment?: { officeId: string; startsAt: string };
  /** Overridable failures a supervisor accepted (e.g. CREDIT_CODE_CHECKSUM). */
  acceptedOverrides?: string[];
  /** Overridable failures in the saved draft that still need a supervisor; submit waits for them. */
  pendingOverrides?: string[];
  /** The bureau's SMS verification step, as recorded by an officer. */
  smsVerification?: { completedAt: string; recordedAt: string; note?: string };
  lastTransition?: { from: CaseStatus; to: CaseStatus; at: string; idempotencyKey: string };
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The case as a client may see it: no entity key, no internal bookkeeping. */
export type PublicCase = Omit<CaseRecord, 'entityKey' | 'lastTransition'>;

export interface DocumentVersion {
  caseId: string;
  docType: DocumentType;
  uploadId: string;
  bucket: string;
  /** Where the object is now (the quarantine key when invalid). */
  key: string;
  originalKey: string;
  etag?: string;
  versionId?: string;
  /** S3's sequencer, left-padded so that string order is S3's order. */
  sequencer: string;
  /** `bucket/key/versionId-or-etag/sequencer`: the object identity events are deduplicated on. */
  identity: string;
  size: number;
  declaredContentType?: string;
  detectedContentType?: string;
  status: DocumentStatus;
  findings: Finding[];
  facts?: Record<string, unknown>;
  uploadedAt: string;
  recordedAt: string;
}

export interface AuditEvent {
  caseId: string;
  at: string;
  idempotencyKey: string;
  actor: Actor;
  action: string;
  fromStatus?: CaseStatus;
  toStatus?: CaseStatus;
  /** Free detail; pass masked values only (the store masks ID-like strings again). */
  detail?: Record<string, unknown>;
}

export type TaskState = 'OPEN' | 'CLAIMED' | 'DONE';

export interface PendingTask {
  caseId: string;
  step: HumanStep;
  /** The Step Functions task token. Lives only on this item; never returned by client APIs. */
  token: string;
  taskState: TaskState;
  createdAt: string;
  dueDate?: string;
  claimedBy?: string;
  claimedAt?: string;
  completedAt?: string;
}

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page. Absent on the last page. */
  cursor?: string;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const SEQUENCER_WIDTH = 32;
/** S3 sequencers compare as hex numbers of equal length; pad so string order is that order. */
export const padSequencer = (sequencer: string) => sequencer.toUpperCase().padStart(SEQUENCER_WIDTH, '0');

/**
 * The applicant entity's key: HMAC-SHA-256 of ID type and number under a server secret, so the
 * table never holds an ID number and the key cannot be reversed without the secret.
 */
export function entityKeyOf(idType: string, idNumber: string, secret: string): string {
  const normalised = `${idType.trim().toUpperCase()}:${idNumber.replace(/\s+/g, '').toUpperCase()}`;
  return createHmac('sha256', secret).update(normalised).digest('hex');
}

/** Strips what clients must not see. */
export function toPublicCase(record: CaseRecord): PublicCase {
  const { entityKey: _entityKey, lastTransition: _lastTransition, ...rest } = record;
  return rest;
}

const TOKEN_LIKE = /[A-Za-z0-9_+/=-]{60,}/g;
/**
 * Masks ID numbers, mobiles and token-like runs in audit details (the logger's patterns: ICP numbers,
 * upload ids and bureau references stay readable, as the record of record needs them).
 */
function maskDetail(value: unknown): unknown {
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
const MAX_FILTERED_READS = 10;

/** The exclusive start key of an index query that continues after `item`. */
function keyOf(item: Record<string, unknown>, index: IndexDefinition): Record<string, unknown> {
  return Object.fromEntries(
    [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, index.partitionKey, index.sortKey].map((name) => [
      name,
      item[name],
    ]),
  );
}

function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;
}

function decodeCursor(cursor: string | undefined): Record<string, string> | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      parsed &&
      typeof parsed === 'object' &&
      Object.values(parsed).every((v) => typeof v === 'string') &&
      Object.keys(parsed).length <= 4
    ) {
      return parsed as Record<string, string>;
    }
  } catch {
    // fall through
  }
  throw new DomainError({
    code: 'INVALID_CURSOR',
    message: 'The page cursor is not valid.',
    messageZh: '分页游标无效。',
    field: 'cursor',
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const backoff = (attempt: number) => sleep(Math.min(200, 5 * 2 ** Math.min(attempt, 5)) * Math.random());

export class VersionConflictError extends DomainError {
  constructor(caseId: string) {
    super({
      code: 'VERSION_CONFLICT',
      message: `Case ${caseId} was changed by someone else; reload and try again.`,
      messageZh: `案件 ${caseId} 已被他人修改，请刷新后重试。`,
    });
  }
}

const notFound = (caseId: string) =>
  new DomainError({
    code: 'CASE_NOT_FOUND',
    message: `Case ${caseId} does not exist.`,
    messageZh: `案件 ${caseId} 不存在。`,
  });

// ---------------------------------------------------------------------------------------------
// Store

export interface CreateCaseInput {
  caseId: string;
  applicantSubject: string;
  entityKey: string;
  applicantType: ApplicantType;
  filingType: FilingType;
  province: string;
  office?: string;
  contact: CaseContact;
  domains?: string[];
  application: unknown;
  requiredDocuments: DocumentType[];
  actor: Actor;
  now?: Date;
}

export interface UpdateStatusInput {
  caseId: string;
  to: CaseStatus;
  actor: Actor;
  /** The human step the case now waits on; `null` clears it (and takes the case off every queue). */
  step?: HumanStep | null;
  dueDate?: string | null;
  icpNumber?: string;
  /** Optimistic concurrency: fail with VERSION_CONFLICT unless the case is at this version. */
  expectedVersion?: number;
  /** Without `expectedVersion`: re-read and retry this many times on a concurrent write. */
  retryOnConflict?: number;
  /** Makes a retried call a no-op; defaults to one derived from the target version. */
  idempotencyKey?: string;
  reason?: string;
  now?: Date;
}

export interface QueueQuery {
  limit?: number;
  cursor?: string;
  /** Only cases due on or before this ISO date. */
  dueBefore?: string;
  province?: string;
  office?: string;
}

export class CaseStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /**
   * Creates a DRAFT case. Fails with OPEN_CASE_EXISTS while the same applicant entity has another
   * case that is not terminal. Repeating the same call (same caseId) returns the stored case.
   */
  async createCase(input: CreateCaseInput): Promise<CaseRecord> {
    const now = (input.now ?? new Date()).toISOString();
    await this.acquireEntityLock(input.entityKey, input.caseId, now);
    const record: CaseRecord = {
      caseId: input.caseId,
      applicantSubject: input.applicantSubject,
      entityKey: input.entityKey,
      applicantType: input.applicantType,
      filingType: input.filingType,
      province: input.province,
      ...(input.office ? { office: input.office } : {}),
      contact: { name: input.contact.name, email: input.contact.email },
      domains: input.domains ?? [],
      application: input.application,
      requiredDocuments: [...input.requiredDocuments],
      documents: {},
      status: 'DRAFT',
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.toItem(record),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const existing = await this.getCase(input.caseId);
      if (existing && existing.entityKey === input.entityKey) return existing;
      throw new DomainError({
        code: 'CASE_EXISTS',
        message: `Case ${input.caseId} already exists.`,
        messageZh: `案件 ${input.caseId} 已存在。`,
      });
    }
    await this.appendAudit({
      caseId: record.caseId,
      at: now,
      idempotencyKey: 'created',
      actor: input.actor,
      action: 'CASE_CREATED',
      toStatus: 'DRAFT',
      detail: {
        filingType: record.filingType,
        applicantType: record.applicantType,
        province: record.province,
      },
    });
    return record;
  }

  private async acquireEntityLock(entityKey: string, caseId: string, now: string): Promise<void> {
    const put = (condition: string, values: Record<string, unknown>) =>
      this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...entityLockKey(entityKey), itemType: 'ENTITY_LOCK', caseId, lockedAt: now },
          ConditionExpression: condition,
          ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
        }),
      );
    try {
      await put('attribute_not_exists(PK) OR caseId = :caseId', { ':caseId': caseId });
      return;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const lock = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: entityLockKey(entityKey) }),
    );
    const holder = lock.Item?.caseId as string | undefined;
    // A lock whose case was never written (a crash between the two puts) is taken over.
    if (holder && !(await this.getCase(holder))) {
      try {
        await put('caseId = :holder', { ':holder': holder });
        return;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    throw new DomainError({
      code: 'OPEN_CASE_EXISTS',
      message: 'This applicant already has an open case; finish or withdraw it first.',
      messageZh: '该主体已有未完结的备案案件，请先完成或撤回该案件。',
    });
  }

  /** The case, or undefined. */
  async getCase(caseId: string): Promise<CaseRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: caseKey(caseId), ConsistentRead: true }),
    );
    return Item ? this.fromItem(Item) : undefined;
  }

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
    let next: Record<string, unknown> | undefined = decodeCursor(options.cursor);
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
    return { items: items.map((item) => this.fromItem(item)), ...(cursor ? { cursor } : {}) };
  }

  /**
   * Moves a case along TRANSITIONS (assertTransition), guarded by its version. Reaching a terminal
   * status releases the entity's open-case lock. Appends a STATUS_CHANGED audit event.
   */
  async updateStatus(input: UpdateStatusInput): Promise<CaseRecord> {
    const attempts = input.expectedVersion === undefined ? (input.retryOnConflict ?? 0) + 1 : 1;
    for (let attempt = 0; ; attempt += 1) {
      const current = await this.getCase(input.caseId);
      if (!current) throw notFound(input.caseId);
      const key = input.idempotencyKey ?? `status-${current.version + 1}-${input.to}`;
      if (current.lastTransition?.idempotencyKey === key && current.status === input.to) {
        // A retry of a call that already wrote the status: finish what it may not have.
        await this.appendTransitionAudit(current, input);
        await this.releaseIfClosed(current);
        return current;
      }
      if (input.expectedVersion !== undefined && current.version !== input.expectedVersion) {
        throw new VersionConflictError(input.caseId);
      }
      assertTransition(current.status, input.to);
      const at = (input.now ?? new Date()).toISOString();
      const next: CaseRecord = {
        ...current,
        status: input.to,
        updatedAt: at,
        version: current.version + 1,
        lastTransition: { from: current.status, to: input.to, at, idempotencyKey: key },
      };
      if (input.step !== undefined) {
        if (input.step === null) delete next.currentStep;
        else next.currentStep = input.step;
      }
      if (input.dueDate !== undefined) {
        if (input.dueDate === null) delete next.dueDate;
        else next.dueDate = input.dueDate;
      }
      if (TERMINAL_STATUSES.has(input.to)) {
        delete next.currentStep;
        delete next.dueDate;
      }
      if (input.icpNumber) next.icpNumber = input.icpNumber;
      try {
        await this.putVersioned(next, current.version);
      } catch (error) {
        if (error instanceof VersionConflictError && attempt + 1 < attempts) {
          await backoff(attempt);
          continue;
        }
        throw error;
      }
      await this.appendTransitionAudit(next, input);
      await this.releaseIfClosed(next);
      return next;
    }
  }

  private appendTransitionAudit(record: CaseRecord, input: UpdateStatusInput): Promise<boolean> {
    const transition = record.lastTransition;
    if (!transition) return Promise.resolve(false);
    return this.appendAudit({
      caseId: record.caseId,
      at: transition.at,
      idempotencyKey: transition.idempotencyKey,
      actor: input.actor,
      action: 'STATUS_CHANGED',
      fromStatus: transition.from,
      toStatus: transition.to,
      detail: {
        ...(input.reason ? { reason: input.reason } : {}),
        ...(record.currentStep ? { step: record.currentStep } : {}),
        ...(input.icpNumber ? { icpNumber: input.icpNumber } : {}),
      },
    });
  }

  /**
   * Releases the applicant entity's open-case lock when `record` is in a terminal status. Repeatable:
   * task retries and repeated requests call it so that a failure after the final status was written
   * never leaves the entity unable to open another case.
   */
  async releaseIfClosed(record: Pick<CaseRecord, 'status' | 'entityKey' | 'caseId'>): Promise<void> {
    if (TERMINAL_STATUSES.has(record.status)) await this.releaseEntityLock(record.entityKey, record.caseId);
  }

  private async releaseEntityLock(entityKey: string, caseId: string): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: entityLockKey(entityKey),
          ConditionExpression: 'caseId = :caseId',
          ExpressionAttributeValues: { ':caseId': caseId },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error; // already released or held by a newer case
    }
  }

  /**
   * Read-modify-write of the case item with the version condition, retried on conflict.
   * `change` returns undefined to leave the case unchanged.
   */
  async modifyCase(
    caseId: string,
    change: (current: CaseRecord) => CaseRecord | undefined,
    options: { retries?: number; now?: Date } = {},
  ): Promise<CaseRecord> {
    const retries = options.retries ?? 50;
    for (let attempt = 0; ; attempt += 1) {
      const current = await this.getCase(caseId);
      if (!current) throw notFound(caseId);
      const changed = change(structuredClone(current));
      if (!changed) return current;
      const next = {
        ...changed,
        version: current.version + 1,
        updatedAt: (options.now ?? new Date()).toISOString(),
      };
      try {
        await this.putVersioned(next, current.version);
        return next;
      } catch (error) {
        if (error instanceof VersionConflictError && attempt < retries) {
          await backoff(attempt);
          continue;
        }
        throw error;
      }
    }
  }

  private async putVersioned(record: CaseRecord, expectedVersion: number): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.toItem(record),
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new VersionConflictError(record.caseId);
      throw error;
    }
  }

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
    const items = await this.queryAll(`CASE#${caseId}`, docType ? `DOC#${docType}#` : 'DOC#');
    return items.map((item) => stripKeys(item) as unknown as DocumentVersion);
  }

  /**
   * Puts an upload's inspection into the case's per-document summary, unless this upload or a later
   * one of the same document is already there. Returns the case as stored.
   */
  applyDocumentSummary(caseId: string, docType: DocumentType, summary: DocumentSummary): Promise<CaseRecord> {
    return this.modifyCase(caseId, (current) => {
      const existing = current.documents[docType];
      if (existing) {
        // An upload is summarised once: after that, its summary carries people's and the workflow's
        // judgement (an officer's return, a cross-check, a supervisor's override), which a repeated
        // S3 event for the same upload must not undo.
        if (existing.uploadId === summary.uploadId) return undefined;
        const newer =
          existing.uploadedAt > summary.uploadedAt ||
          (existing.uploadedAt === summary.uploadedAt && existing.uploadId > summary.uploadId);
        if (newer) return undefined;
      }
      current.documents[docType] = summary;
      return current;
    });
  }

  // -- pending human tasks ---------------------------------------------------------------------

  /** Stores the token of the human step the workflow now waits on (replaces a finished one). */
  async putTask(task: {
    caseId: string;
    step: HumanStep;
    token: string;
    dueDate?: string;
    now?: Date;
  }): Promise<void> {
    const item: PendingTask = {
      caseId: task.caseId,
      step: task.step,
      token: task.token,
      taskState: 'OPEN',
      createdAt: (task.now ?? new Date()).toISOString(),
      ...(task.dueDate ? { dueDate: task.dueDate } : {}),
    };
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...taskKey(task.caseId, task.step), itemType: 'TASK', ...item },
      }),
    );
  }

  /** The pending task (with its token — for server-side use only), or undefined. */
  async getTask(caseId: string, step: HumanStep): Promise<PendingTask | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: taskKey(caseId, step), ConsistentRead: true }),
    );
    return Item ? (stripKeys(Item) as unknown as PendingTask) : undefined;
  }

  /**
   * Claims an OPEN task for `claimant`: exactly one concurrent caller gets the task (and its token),
   * every other gets undefined.
   */
  async claimTask(
    caseId: string,
    step: HumanStep,
    claimant: string,
    now = new Date(),
  ): Promise<PendingTask | undefined> {
    try {
      const result = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: taskKey(caseId, step),
          UpdateExpression: 'SET taskState = :claimed, claimedBy = :who, claimedAt = :at',
          ConditionExpression: 'taskState = :open',
          ExpressionAttributeValues: {
            ':claimed': 'CLAIMED',
            ':open': 'OPEN',
            ':who': claimant,
            ':at': now.toISOString(),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes ? (stripKeys(result.Attributes) as unknown as PendingTask) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /** Marks a claimed task done (after SendTaskSuccess/Failure went through). */
  async completeTask(caseId: string, step: HumanStep, claimant: string, now = new Date()): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: taskKey(caseId, step),
        UpdateExpression: 'SET taskState = :done, completedAt = :at REMOVE #token',
        ConditionExpression: 'taskState = :claimed AND claimedBy = :who',
        ExpressionAttributeNames: { '#token': 'token' },
        ExpressionAttributeValues: {
          ':done': 'DONE',
          ':claimed': 'CLAIMED',
          ':who': claimant,
          ':at': now.toISOString(),
        },
      }),
    );
  }

  /** Gives a claimed task back (the decision could not be delivered; someone may try again). */
  async releaseTask(caseId: string, step: HumanStep, claimant: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: taskKey(caseId, step),
          UpdateExpression: 'SET taskState = :open REMOVE claimedBy, claimedAt',
          ConditionExpression: 'taskState = :claimed AND claimedBy = :who',
          ExpressionAttributeValues: { ':open': 'OPEN', ':claimed': 'CLAIMED', ':who': claimant },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  // -- once-only side effects ----------------------------------------------------------------

  /** Takes the once-only mark `key` for the case; true for exactly one caller, false once taken. */
  async markOnce(caseId: string, key: string, now = new Date()): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...onceKey(caseId, key), itemType: 'ONCE', caseId, key, markedAt: now.toISOString() },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Gives a once-only mark back (the side effect failed and may be retried). */
  async clearOnce(caseId: string, key: string): Promise<void> {
    await this.db.send(new DeleteCommand({ TableName: this.tableName, Key: onceKey(caseId, key) }));
  }

  // -- audit ------------------------------------------------------------------------------------

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
    const items = await this.queryAll(`CASE#${caseId}`, 'AUDIT#');
    return items.map((item) => stripKeys(item) as unknown as AuditEvent);
  }

  private async queryAll(pk: string, skPrefix: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const result = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
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

  // -- mapping ----------------------------------------------------------------------------------

  private toItem(record: CaseRecord): Record<string, unknown> {
    return {
      ...caseKey(record.caseId),
      itemType: 'CASE',
      ...record,
      applicantPk: `APPLICANT#${record.applicantSubject}`,
      applicantSk: `${record.createdAt}#${record.caseId}`,
      entityPk: `ENTITY#${record.entityKey}`,
      entitySk: `${record.createdAt}#${record.caseId}`,
      ...(record.currentStep
        ? {
            queuePk: `QUEUE#${record.currentStep}`,
            queueSk: `${record.dueDate ?? '9999-12-31'}#${record.caseId}`,
          }
        : {}),
      ...(record.icpNumber
        ? { icpPk: `ICP#${record.icpNumber}`, icpSk: `${record.createdAt}#${record.caseId}` }
        : {}),
    };
  }

  private fromItem(item: Record<string, unknown>): CaseRecord {
    const {
      applicantPk: _a,
      applicantSk: _b,
      entityPk: _c,
      entitySk: _d,
      queuePk: _e,
      queueSk: _f,
      icpPk: _g,
      icpSk: _h,
      ...rest
    } = stripKeys(item);
    return rest as unknown as CaseRecord;
  }
}

function stripKeys(item: Record<string, unknown>): Record<string, unknown> {
  const { PK: _pk, SK: _sk, itemType: _type, ...rest } = item;
  return rest;
}
