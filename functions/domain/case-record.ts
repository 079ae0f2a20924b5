/**
 * The case as the service keeps it: the case record with its documents' summaries, each uploaded
 * document version, the audit trail and its actors, the officers' pending tasks. Stored by an
 * implementation of ./case-repository.ts (DynamoDB: functions/adapters/case-store.ts, whose item
 * layout is docs/data-model.md).
 */
import type { Application } from './application.ts';
import type { BureauReturn, SmsWindow } from './bureau-return.ts';
import type { CaseStatus, HumanStep } from './case-status.ts';
import type { DocumentStatus, DocumentType, Finding } from './document-types.ts';
import type { ApplicantType, FilingType } from './filing.ts';
import type { ProviderDocument } from './provider-documents.ts';

export interface Actor {
  /** OIDC subject, or a system name such as `system:on-upload`. Never an ID number. */
  subject: string;
  role: 'applicant' | 'officer' | 'supervisor' | 'system';
  /** Staff's display name from their token, so the audit trail says who in words (officers only). */
  name?: string;
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
  /** The application as submitted and parsed (./application.ts). */
  application: Application;
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
  /**
   * What the eligibility check asks an officer to look at without refusing the case (e.g. a company's
   * province against its credit code's region), as of the last check: stored by CheckEligibility,
   * shown on the officer's case page. Messages carry no ID or phone numbers.
   */
  eligibilityWarnings?: { code: string; message: string; messageZh: string; field?: string }[];
  /** Overridable failures in the saved draft that still need a supervisor; submit waits for them. */
  pendingOverrides?: string[];
  /**
   * The submission to the provincial communications administration, as the workflow recorded it:
   * when the officer says it was submitted (never in the server's future) and when it was recorded.
   */
  submission?: { submittedAt: string; reference?: string; recordedAt: string };
  /**
   * The bureau's SMS verification of the current submission, as recorded by an officer: COMPLETED (the
   * default, and all older records) or FAILED (five wrong answers).
   */
  smsVerification?: {
    completedAt: string;
    recordedAt: string;
    note?: string;
    outcome?: 'COMPLETED' | 'FAILED';
  };
  /** The SMS step's 24-hour window for the current submission, while the workflow waits on it. */
  smsWindow?: SmsWindow;
  /** Every return (退回) by the bureau, oldest first: what it named to correct. */
  bureauReturns?: BureauReturn[];
  /** A filing an entity's commercial licence now covers: the licence's number and case. */
  commercialLicence?: { number: string; caseId: string; at: string };
  /** COMMERCIAL: the licence fee (yuan) the officer entered at the licence review, shown to the applicant. */
  licenceFee?: { feeYuan: number; recordedAt: string };
  /** COMMERCIAL: the provider's qualification documents an officer attached for the applicant, oldest first. */
  providerDocuments?: ProviderDocument[];
  /** Application fields the latest bureau return named that the applicant has still to correct. */
  pendingCorrections?: string[];
  /** Earlier submissions to the bureau, when a return led to a resubmission (oldest first). */
  previousSubmissions?: { submittedAt: string; reference?: string; recordedAt: string }[];
  lastTransition?: {
    from: CaseStatus;
    to: CaseStatus;
    at: string;
    idempotencyKey: string;
    /** The human step the transition ended the wait on, and since when it waited (dashboard lead times). */
    leftStep?: HumanStep;
    waitingSince?: string;
  };
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * The case as a client may see it: no entity key, no internal bookkeeping, and not the eligibility
 * warnings, which are for officers (their case view adds them).
 */
export type PublicCase = Omit<CaseRecord, 'entityKey' | 'lastTransition' | 'eligibilityWarnings'>;

/**
 * An upload form the API signed: which case and document it is for, until when S3 takes it, and who
 * asked. on-upload accepts an object only under an upload id recorded here for that case and document
 * (functions/documents/upload-binding.ts).
 */
export interface IssuedUpload {
  caseId: string;
  docType: DocumentType;
  /** Random and unguessable (64 random bits after the time); also the object's `upload-id` metadata. */
  uploadId: string;
  key: string;
  issuedAt: string;
  /** The POST policy's expiry. */
  expiresAt: string;
  /** Who asked for the form (OIDC subject). */
  requestedBy: Actor;
}

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

/** Strips what clients must not see. */
export function toPublicCase(record: CaseRecord): PublicCase {
  const {
    entityKey: _entityKey,
    lastTransition: _lastTransition,
    eligibilityWarnings: _eligibilityWarnings,
    ...rest
  } = record;
  return rest;
}
