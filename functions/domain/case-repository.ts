import type {
  Actor,
  AuditEvent,
  CaseRecord,
  DocumentSummary,
  DocumentVersion,
  IssuedUpload,
  Page,
  PendingTask,
} from './case-record.ts';
import type { CounterItem, DashboardSnapshot, QueueFact } from './case-statistics.ts';
import type { CaseStatus, HumanStep } from './case-status.ts';
import type { IsoDate } from './china-calendar.ts';
import type { DocumentType } from './document-types.ts';
import type { FilingRegistry } from './filing-registry.ts';
import type { AttemptOutcome, NewOutboxEmail, OutboxEmail, RequeueResult } from './outbox-email.ts';

/** A new case: what the applicant's draft fixes; status, documents and bookkeeping start empty. */
export type CreateCaseInput = Pick<
  CaseRecord,
  | 'caseId'
  | 'applicantSubject'
  | 'entityKey'
  | 'applicantType'
  | 'filingType'
  | 'province'
  | 'office'
  | 'contact'
  | 'application'
  | 'requiredDocuments'
> & {
  domains?: string[];
  actor: Actor;
  now?: Date;
};

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
  /** Only cases of this filing type (staff lists). */
  filingType?: string;
}

/** A page request: at most `limit` items after `cursor` (opaque, from the previous page). */
export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/** The case store; it also keeps the registry of approved filings (./filing-registry.ts). */
export interface CaseRepository extends FilingRegistry {
  /**
   * Creates a DRAFT case. Fails with OPEN_CASE_EXISTS while the same applicant entity has another
   * case that is not terminal. Repeating the same call (same caseId) returns the stored case.
   */
  createCase(input: CreateCaseInput): Promise<CaseRecord>;
  /** The case, or undefined. */
  getCase(caseId: string): Promise<CaseRecord | undefined>;
  /** An applicant's cases, newest first. */
  listCasesByApplicant(subject: string, page?: PageRequest): Promise<Page<CaseRecord>>;
  /** An applicant entity's cases, newest first. */
  listCasesByEntity(entityKey: string, page?: PageRequest): Promise<Page<CaseRecord>>;
  /** Cases filed under an ICP number (the filing itself, added websites, hosting changes). */
  listCasesByIcpNumber(icpNumber: string, page?: PageRequest): Promise<Page<CaseRecord>>;
  /** An officer queue: cases waiting on `step`, soonest due first, optionally filtered. */
  listQueue(step: HumanStep, query?: QueueQuery): Promise<Page<CaseRecord>>;
  /** Cases in `status`, newest first, optionally filtered (staff lists). */
  listCasesByStatus(status: CaseStatus, query?: QueueQuery): Promise<Page<CaseRecord>>;
  /** Every case, newest first, optionally filtered (staff lists). */
  listAllCases(query?: QueueQuery): Promise<Page<CaseRecord>>;
  /** Drafts waiting for a supervisor to accept an overridable failure, oldest first. */
  listOverrideQueue(page?: PageRequest): Promise<Page<CaseRecord>>;
  /** Ids of cases filed with `domain` (normalised: domain/case-search.ts), newest first. */
  casesWithDomain(domain: string, limit: number): Promise<string[]>;
  /** Ids of cases whose applicant's normalised name starts with `prefix`. */
  casesWithNamePrefix(prefix: string, limit: number): Promise<string[]>;
  /** Counter items of a dashboard partition (case-statistics.ts) with keys from `fromKey` on. */
  listCounters(partition: string, fromKey: string): Promise<CounterItem[]>;
  getDashboardSnapshot(): Promise<DashboardSnapshot | undefined>;
  putDashboardSnapshot(snapshot: DashboardSnapshot): Promise<void>;
  /** The office, due date and opening time of every case waiting on `step` (the scheduled snapshot). */
  listQueueFacts(step: HumanStep): Promise<QueueFact[]>;
  /** How many cases wait on `step` (due before `dueEarlierThan`, when given). */
  countQueue(step: HumanStep, options?: { dueEarlierThan?: IsoDate; pageSize?: number }): Promise<number>;
  /**
   * Moves a case along TRANSITIONS (assertTransition), guarded by its version. Reaching a terminal
   * status releases the entity's open-case lock. Appends a STATUS_CHANGED audit event.
   */
  updateStatus(input: UpdateStatusInput): Promise<CaseRecord>;
  /** Releases the entity's open-case lock when `record` is terminal (repeatable). */
  releaseIfClosed(record: Pick<CaseRecord, 'status' | 'entityKey' | 'caseId'>): Promise<void>;
  /** Read-modify-write of the case, retried on conflict; `change` returns undefined to leave it. */
  modifyCase(
    caseId: string,
    change: (current: CaseRecord) => CaseRecord | undefined,
    options?: { retries?: number; now?: Date },
  ): Promise<CaseRecord>;
  /**
   * Records the inspection of one upload, keyed by the upload, conditional on the object identity:
   * the same object again is a `duplicate`, an older object (lower sequencer) is `stale`.
   */
  recordDocumentVersion(
    version: DocumentVersion,
  ): Promise<{ outcome: 'recorded' | 'duplicate' | 'stale'; stored: DocumentVersion }>;
  getDocumentVersion(
    caseId: string,
    docType: DocumentType,
    uploadId: string,
  ): Promise<DocumentVersion | undefined>;
  listDocumentVersions(caseId: string, docType?: DocumentType): Promise<DocumentVersion[]>;
  /**
   * Puts an upload's inspection into the case's per-document summary, unless this upload or a later
   * one of the same document is already there. Returns the case as stored.
   */
  applyDocumentSummary(caseId: string, docType: DocumentType, summary: DocumentSummary): Promise<CaseRecord>;
  /** Records an upload form the API signed (before the form is handed out). */
  recordIssuedUpload(issued: IssuedUpload): Promise<void>;
  /** The upload form issued under `uploadId` for the case, or undefined (never issued, or long expired). */
  getIssuedUpload(caseId: string, uploadId: string): Promise<IssuedUpload | undefined>;
  /** Stores the token of the human step the workflow now waits on (replaces a finished one). */
  putTask(task: {
    caseId: string;
    step: HumanStep;
    token: string;
    dueDate?: string;
    now?: Date;
  }): Promise<void>;
  /** The pending task (with its token — for server-side use only), or undefined. */
  getTask(caseId: string, step: HumanStep): Promise<PendingTask | undefined>;
  /** Claims an OPEN task: exactly one concurrent caller gets it (and its token), the others undefined. */
  claimTask(caseId: string, step: HumanStep, claimant: string, now?: Date): Promise<PendingTask | undefined>;
  /** Marks a claimed task done (after SendTaskSuccess/Failure went through). */
  completeTask(caseId: string, step: HumanStep, claimant: string, now?: Date): Promise<void>;
  /** Gives a claimed task back (the decision could not be delivered; someone may try again). */
  releaseTask(caseId: string, step: HumanStep, claimant: string): Promise<void>;
  /** Appends an audit event; the same (at, idempotencyKey) twice is stored once. Returns true if new. */
  appendAudit(event: AuditEvent): Promise<boolean>;
  /** The case's audit trail, oldest first. */
  listAudit(caseId: string): Promise<AuditEvent[]>;
  // The email outbox (./outbox-email.ts, docs/email-outbox.md).
  /** Records an email once per (case, key); `created` is false when it was recorded before. */
  enqueueEmail(email: NewOutboxEmail): Promise<{ created: boolean; email: OutboxEmail }>;
  /** One email of a case, or undefined. */
  getEmail(caseId: string, emailId: string): Promise<OutboxEmail | undefined>;
  /** Every email of a case, oldest first. */
  listEmails(caseId: string): Promise<OutboxEmail[]>;
  /** Queued emails whose next attempt is due at `now`, soonest first (at most `limit`). */
  listDueEmails(now: Date, limit: number): Promise<Pick<OutboxEmail, 'caseId' | 'emailId'>[]>;
  /** Claims a due email for one attempt under `leaseId` until `leaseUntil`; undefined if another has it. */
  claimEmail(
    caseId: string,
    emailId: string,
    leaseId: string,
    now: Date,
    leaseUntil: Date,
  ): Promise<OutboxEmail | undefined>;
  /** Records the claimed attempt's outcome; false when the lease was lost (the email was requeued). */
  recordAttempt(email: OutboxEmail, leaseId: string, outcome: AttemptOutcome): Promise<boolean>;
  /** Queues an email again at once with a fresh retry schedule (an officer's "send again"). */
  requeueEmail(caseId: string, emailId: string, by: Actor, now: Date): Promise<RequeueResult>;
}
