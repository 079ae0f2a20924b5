import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseRecord, DocumentSummary } from '#domain/case-record';
import type { CaseRepository, CreateCaseInput, UpdateStatusInput } from '#domain/case-repository';
import { incrementsOf } from '#domain/case-statistics';
import { assertTransition, TERMINAL_STATUSES } from '#domain/case-status';
import type { DocumentType } from '#domain/document-types';
import { caseNotFound, DomainError } from '#domain/errors';
import { CaseAudit } from './case-audit.ts';
import { CaseCounters } from './case-counters.ts';
import { CaseIndexQueries } from './case-index-queries.ts';
import { caseFromItem, caseItem, caseKey, entityLockKey } from './case-items.ts';
import { CaseLookups } from './case-lookups.ts';
import { CaseOutbox } from './case-outbox.ts';
import { CaseTasks } from './case-tasks.ts';
import { DocumentVersions } from './document-versions.ts';
import { isConditionFailure } from './dynamo-client.ts';
import { FilingRegistryItems } from './filing-registry-items.ts';
import { IssuedUploads } from './issued-uploads.ts';

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

// ---------------------------------------------------------------------------------------------
// Store

export class CaseStore implements CaseRepository {
  // The documents, tasks and audit items live beside the case item; each kind has its module, and
  // the store hands their methods out as its own (the repository is one interface to callers).
  readonly recordDocumentVersion: CaseRepository['recordDocumentVersion'];
  readonly getDocumentVersion: CaseRepository['getDocumentVersion'];
  readonly listDocumentVersions: CaseRepository['listDocumentVersions'];
  readonly recordIssuedUpload: CaseRepository['recordIssuedUpload'];
  readonly getIssuedUpload: CaseRepository['getIssuedUpload'];
  readonly putTask: CaseRepository['putTask'];
  readonly getTask: CaseRepository['getTask'];
  readonly claimTask: CaseRepository['claimTask'];
  readonly completeTask: CaseRepository['completeTask'];
  readonly releaseTask: CaseRepository['releaseTask'];
  readonly appendAudit: CaseRepository['appendAudit'];
  readonly listAudit: CaseRepository['listAudit'];
  readonly listCasesByApplicant: CaseRepository['listCasesByApplicant'];
  readonly listCasesByEntity: CaseRepository['listCasesByEntity'];
  readonly listCasesByIcpNumber: CaseRepository['listCasesByIcpNumber'];
  readonly listQueue: CaseRepository['listQueue'];
  readonly countQueue: CaseRepository['countQueue'];
  readonly listCasesByStatus: CaseRepository['listCasesByStatus'];
  readonly listAllCases: CaseRepository['listAllCases'];
  readonly listOverrideQueue: CaseRepository['listOverrideQueue'];
  readonly casesWithDomain: CaseRepository['casesWithDomain'];
  readonly casesWithNamePrefix: CaseRepository['casesWithNamePrefix'];
  readonly listCounters: CaseRepository['listCounters'];
  readonly getDashboardSnapshot: CaseRepository['getDashboardSnapshot'];
  readonly putDashboardSnapshot: CaseRepository['putDashboardSnapshot'];
  readonly listQueueFacts: CaseRepository['listQueueFacts'];
  private readonly lookups: CaseLookups;
  readonly enqueueEmail: CaseRepository['enqueueEmail'];
  readonly getEmail: CaseRepository['getEmail'];
  readonly listEmails: CaseRepository['listEmails'];
  readonly listDueEmails: CaseRepository['listDueEmails'];
  readonly claimEmail: CaseRepository['claimEmail'];
  readonly recordAttempt: CaseRepository['recordAttempt'];
  readonly requeueEmail: CaseRepository['requeueEmail'];
  readonly getEntityFilings: CaseRepository['getEntityFilings'];
  readonly putEntityFilings: CaseRepository['putEntityFilings'];
  readonly listFilingsByOwner: CaseRepository['listFilingsByOwner'];

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    const documents = new DocumentVersions(db, tableName);
    this.recordDocumentVersion = (version) => documents.recordDocumentVersion(version);
    this.getDocumentVersion = (caseId, docType, uploadId) =>
      documents.getDocumentVersion(caseId, docType, uploadId);
    this.listDocumentVersions = (caseId, docType) => documents.listDocumentVersions(caseId, docType);
    const issued = new IssuedUploads(db, tableName);
    this.recordIssuedUpload = (upload) => issued.recordIssuedUpload(upload);
    this.getIssuedUpload = (caseId, uploadId) => issued.getIssuedUpload(caseId, uploadId);
    const tasks = new CaseTasks(db, tableName);
    this.putTask = (task) => tasks.putTask(task);
    this.getTask = (caseId, step) => tasks.getTask(caseId, step);
    this.claimTask = (caseId, step, claimant, now) => tasks.claimTask(caseId, step, claimant, now);
    this.completeTask = (caseId, step, claimant, now) => tasks.completeTask(caseId, step, claimant, now);
    this.releaseTask = (caseId, step, claimant) => tasks.releaseTask(caseId, step, claimant);
    const audit = new CaseAudit(db, tableName);
    const counters = new CaseCounters(db, tableName);
    // Each event moves the dashboard's counters the one time it is stored (docs/dashboard.md).
    this.appendAudit = async (event) => {
      const stored = await audit.appendAudit(event);
      if (stored) await counters.apply(incrementsOf(event));
      return stored;
    };
    this.listCounters = (partition, fromKey) => counters.listCounters(partition, fromKey);
    this.getDashboardSnapshot = () => counters.getSnapshot();
    this.putDashboardSnapshot = (snapshot) => counters.putSnapshot(snapshot);
    this.listQueueFacts = (step) => counters.listQueueFacts(step);
    this.listAudit = (caseId) => audit.listAudit(caseId);
    const queries = new CaseIndexQueries(db, tableName);
    this.listCasesByApplicant = (subject, page) => queries.listCasesByApplicant(subject, page);
    this.listCasesByEntity = (entityKey, page) => queries.listCasesByEntity(entityKey, page);
    this.listCasesByIcpNumber = (icpNumber, page) => queries.listCasesByIcpNumber(icpNumber, page);
    this.listQueue = (step, query) => queries.listQueue(step, query);
    this.countQueue = (step, options) => queries.countQueue(step, options);
    this.listCasesByStatus = (status, query) => queries.listCasesByStatus(status, query);
    this.listAllCases = (query) => queries.listAllCases(query);
    this.listOverrideQueue = (page) => queries.listOverrideQueue(page);
    this.lookups = new CaseLookups(db, tableName);
    this.casesWithDomain = (domain, limit) => this.lookups.casesWithDomain(domain, limit);
    this.casesWithNamePrefix = (prefix, limit) => this.lookups.casesWithNamePrefix(prefix, limit);
    const outbox = new CaseOutbox(db, tableName);
    this.enqueueEmail = (email) => outbox.enqueueEmail(email);
    this.getEmail = (caseId, emailId) => outbox.getEmail(caseId, emailId);
    this.listEmails = (caseId) => outbox.listEmails(caseId);
    this.listDueEmails = (now, limit) => outbox.listDueEmails(now, limit);
    this.claimEmail = (caseId, emailId, leaseId, now, until) =>
      outbox.claimEmail(caseId, emailId, leaseId, now, until);
    this.recordAttempt = (email, leaseId, outcome) => outbox.recordAttempt(email, leaseId, outcome);
    this.requeueEmail = (caseId, emailId, by, now) => outbox.requeueEmail(caseId, emailId, by, now);
    const registry = new FilingRegistryItems(db, tableName);
    this.getEntityFilings = (entityNumber) => registry.getEntityFilings(entityNumber);
    this.putEntityFilings = (filings) => registry.putEntityFilings(filings);
    this.listFilingsByOwner = (subject) => registry.listFilingsByOwner(subject);
  }

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
          Item: caseItem(record),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const existing = await this.getCase(input.caseId);
      if (existing && existing.entityKey === input.entityKey) {
        // A repeat after a crash between the case and its lookups: write what may be missing.
        await this.lookups.syncLookups(undefined, existing);
        return existing;
      }
      throw new DomainError({
        code: 'CASE_EXISTS',
        message: `Case ${input.caseId} already exists.`,
        messageZh: `案件 ${input.caseId} 已存在。`,
      });
    }
    await this.lookups.syncLookups(undefined, record);
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
    // The holder is named for the API, which shows it only to the applicant who owns that case.
    throw new DomainError({
      code: 'OPEN_CASE_EXISTS',
      message: 'This applicant already has an open case; finish or withdraw it first.',
      messageZh: '该主体已有未完结的备案案件，请先完成或撤回该案件。',
      ...(holder ? { caseId: holder } : {}),
    });
  }

  /** The case, or undefined. */
  async getCase(caseId: string): Promise<CaseRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: caseKey(caseId), ConsistentRead: true }),
    );
    return Item ? caseFromItem(Item) : undefined;
  }

  /**
   * Moves a case along TRANSITIONS (assertTransition), guarded by its version. Reaching a terminal
   * status releases the entity's open-case lock. Appends a STATUS_CHANGED audit event.
   */
  async updateStatus(input: UpdateStatusInput): Promise<CaseRecord> {
    const attempts = input.expectedVersion === undefined ? (input.retryOnConflict ?? 0) + 1 : 1;
    for (let attempt = 0; ; attempt += 1) {
      const current = await this.getCase(input.caseId);
      if (!current) throw caseNotFound(input.caseId);
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
      if (current.currentStep && next.currentStep !== current.currentStep && next.lastTransition) {
        // The wait on a step ends: when it began is the transition that set it (the dashboard's lead time).
        next.lastTransition.leftStep = current.currentStep;
        next.lastTransition.waitingSince = current.lastTransition?.at ?? current.updatedAt;
      }
      try {
        await this.putVersioned(next, current);
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
        ...(transition.leftStep
          ? { leftStep: transition.leftStep, waitingSince: transition.waitingSince }
          : {}),
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
      if (!current) throw caseNotFound(caseId);
      const changed = change(structuredClone(current));
      if (!changed) return current;
      const next = {
        ...changed,
        version: current.version + 1,
        updatedAt: (options.now ?? new Date()).toISOString(),
      };
      try {
        await this.putVersioned(next, current);
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

  /** Puts `record` if the stored case is still `previous`, then brings its lookup items in step. */
  private async putVersioned(record: CaseRecord, previous: CaseRecord): Promise<void> {
    const expectedVersion = previous.version;
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: caseItem(record),
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new VersionConflictError(record.caseId);
      throw error;
    }
    await this.lookups.syncLookups(previous, record);
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
}
