/**
 * Request and response schemas of the HTTP API; `COMPONENTS` names them in the OpenAPI document.
 * Request bodies are strict: an unknown field is a 400, so a typo never silently drops a decision's
 * detail.
 */
import * as z from 'zod';
import { Application } from '#domain/application';
import { CaseStatus, HumanStep } from '#domain/case-status';
import { ContentType, DocumentStatus, DocumentType, Finding } from '#domain/document-types';
import { ApplicantType, FilingType } from '#domain/filing';
import { freeText } from '#domain/free-text';
import { OfficeId } from '#domain/offices';
import { ProvinceCode } from '#domain/provinces';
import { FilingListResponse, PrefillResponse } from './filing-schemas.ts';
import {
  ProviderDocumentAttach,
  ProviderDocumentEntry,
  ProviderDocumentListResponse,
  ProviderDocumentUploadRequest,
} from './provider-document-schemas.ts';
import { ReviewRoundResponse } from './review-rounds.ts';

export const ErrorIssue = z.object({
  code: z.string(),
  message: z.string(),
  messageZh: z.string(),
  field: z.string().optional(),
  /** The case the error is about, when it is the caller's own (e.g. the open case blocking a new one). */
  caseId: z.string().optional(),
});

export const ErrorResponse = ErrorIssue.extend({ issues: z.array(ErrorIssue).optional() });

export const CaseIdParam = z.object({
  caseId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .meta({ examples: ['C-01JB7Q3M8ZK4X9TWRH2D'] }),
});

export const DocumentParams = CaseIdParam.extend({
  docType: DocumentType,
});

const limit = z.coerce.number().int().min(1).max(100).optional();
const cursor = z.string().max(2048).optional();

export const PageQuery = z.object({ limit, cursor });

export const QueueQuery = z.object({
  step: HumanStep,
  province: ProvinceCode.optional(),
  office: OfficeId.optional(),
  /** Only cases whose due date has passed (China date). */
  overdue: z.enum(['true', 'false']).optional(),
  limit,
  cursor,
});

export const UploadRequest = z.strictObject({ docType: DocumentType, contentType: ContentType });

/** A bilingual reason an officer gives; `code` is an optional machine code (e.g. BLURRED). */
export const Reason = z.strictObject({
  code: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{1,63}$/)
    .optional(),
  message: freeText({ kind: 'multiline', min: 1, max: 1000 }),
  messageZh: freeText({ kind: 'multiline', min: 1, max: 1000 }),
});

export const ReviewDecision = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('APPROVE') }),
  z.strictObject({
    decision: z.literal('RETURN'),
    documents: z
      .array(z.strictObject({ docType: DocumentType, reason: Reason }))
      .min(1)
      .max(DocumentType.options.length),
  }),
  z.strictObject({ decision: z.literal('REJECT'), reason: Reason.omit({ code: true }) }),
]);

export const LicenceDecision = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('APPROVE'), feeYuan: z.number().int().min(0).max(10_000_000) }),
  z.strictObject({ decision: z.literal('REJECT'), reason: Reason.omit({ code: true }) }),
]);

export const AppointmentRequest = z.strictObject({
  officeId: OfficeId,
  startsAt: z.iso.datetime({ offset: true }),
});

export const VerificationOutcome = z.strictObject({ outcome: z.enum(['PRESENT', 'NO_SHOW']) });

export const BureauSubmission = z.strictObject({
  submittedAt: z.iso.datetime({ offset: true }),
  reference: freeText({ kind: 'line', min: 1, max: 100 }).optional(),
});

/** One reason of a bureau return: what the bureau said and the document or application field it names. */
export const BureauReturnReasonBody = z.strictObject({
  docType: DocumentType.optional(),
  field: z
    .string()
    .regex(/^[A-Za-z]+(\.([A-Za-z]+|\d{1,2}))*$/)
    .max(100)
    .optional(),
  message: freeText({ kind: 'multiline', min: 1, max: 1000 }),
  messageZh: freeText({ kind: 'multiline', min: 1, max: 1000 }),
});

/** The applicant's corrections of the fields a bureau return named. */
export const Corrections = z.strictObject({
  corrections: z
    .array(
      z.strictObject({
        field: BureauReturnReasonBody.shape.field.unwrap(),
        value: z.union([freeText({ kind: 'line', min: 1, max: 200 }), z.number()]),
      }),
    )
    .min(1)
    .max(20),
});

export const BureauDecision = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('APPROVE'), icpNumber: z.string().trim().min(1).max(60) }),
  z.strictObject({ decision: z.literal('RETURN'), reasons: z.array(BureauReturnReasonBody).min(1).max(20) }),
  z.strictObject({ decision: z.literal('REJECT'), reason: Reason.omit({ code: true }) }),
]);

export const SmsVerification = z.strictObject({
  /** COMPLETED when absent (what the route recorded before FAILED existed). */
  outcome: z.enum(['COMPLETED', 'FAILED']).optional(),
  completedAt: z.iso.datetime({ offset: true }).optional(),
  note: freeText({ kind: 'multiline', max: 500 }).optional(),
});

/** A supervisor's reason for an override: kept in the audit trail, so clean text like every reason. */
const OverrideReason = freeText({ kind: 'multiline', min: 5, max: 1000 });

export const DocumentOverride = z.strictObject({ reason: OverrideReason });

export const ApplicationOverride = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{2,63}$/),
  reason: OverrideReason,
});

// -- responses ------------------------------------------------------------------------------------
// What the handlers return, field by field: the OpenAPI document describes them, and the console
// takes its types from them (`z.infer`, type-only). Responses may carry further fields.

/** A supervisor's acceptance of a document despite its findings. */
const OverrideNote = z.object({ by: z.string(), at: z.string(), reason: z.string() });

/** One document as the case reports it: its latest upload's inspection. */
export const DocumentSummaryResponse = z.object({
  uploadId: z.string(),
  status: DocumentStatus,
  findings: z.array(Finding),
  uploadedAt: z.string(),
  recordedAt: z.string(),
  contentType: z.string().optional(),
  override: OverrideNote.optional(),
});

export const CaseResponse = z.object({
  caseId: z.string(),
  status: CaseStatus,
  filingType: FilingType,
  applicantType: ApplicantType,
  province: z.string(),
  office: z.string().optional(),
  domains: z.array(z.string()),
  application: Application,
  requiredDocuments: z.array(DocumentType),
  documents: z.partialRecord(DocumentType, DocumentSummaryResponse),
  currentStep: HumanStep.optional(),
  dueDate: z.string().optional(),
  icpNumber: z.string().optional(),
  appointment: z.object({ officeId: z.string(), startsAt: z.string() }).optional(),
  acceptedOverrides: z.array(z.string()).optional(),
  pendingOverrides: z.array(z.string()).optional(),
  submission: z
    .object({ submittedAt: z.string(), reference: z.string().optional(), recordedAt: z.string() })
    .optional(),
  smsVerification: z
    .object({
      completedAt: z.string(),
      recordedAt: z.string(),
      note: z.string().optional(),
      outcome: z.enum(['COMPLETED', 'FAILED']).optional(),
    })
    .optional(),
  /** The SMS check's 24-hour window of the current submission, while the workflow waits on it. */
  smsWindow: z.object({ opensAt: z.string(), endsAt: z.string() }).optional(),
  /** A filing the entity's commercial licence now covers. */
  commercialLicence: z.object({ number: z.string(), caseId: z.string(), at: z.string() }).optional(),
  /** COMMERCIAL: the licence fee the officer entered at the licence review. */
  licenceFee: z.object({ feeYuan: z.number(), recordedAt: z.string() }).optional(),
  /** COMMERCIAL: the provider's qualification documents attached so far (links: their own route). */
  providerDocuments: z.array(ProviderDocumentEntry).optional(),
  /** Application fields the latest return named that the applicant has still to correct. */
  pendingCorrections: z.array(z.string()).optional(),
  /** Each return (退回) by the bureau with its reasons and what they name to correct. */
  bureauReturns: z
    .array(
      z.object({
        round: z.number(),
        returnedAt: z.string(),
        returnsLeft: z.number(),
        reasons: z.array(
          z.object({
            code: z.string().optional(),
            message: z.string(),
            messageZh: z.string(),
            docType: DocumentType.optional(),
            field: z.string().optional(),
          }),
        ),
      }),
    )
    .optional(),
  /** Set on the answer to a withdrawal the workflow has still to carry out. */
  withdrawal: z.literal('REQUESTED').optional(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const CaseListResponse = z.object({ items: z.array(CaseResponse), cursor: z.string().optional() });

export const PresignedUploadResponse = z.object({
  url: z.string(),
  fields: z.record(z.string(), z.string()),
  key: z.string(),
  uploadId: z.string(),
  expiresAt: z.string(),
  maxBytes: z.number(),
});

export const TimelineResponse = z.object({
  items: z.array(
    z.object({
      at: z.string(),
      event: z.string(),
      by: z.enum(['you', 'officer', 'system']),
      fromStatus: z.string().optional(),
      toStatus: z.string().optional(),
      step: z.string().optional(),
      documents: z.array(z.string()).optional(),
    }),
  ),
});

export const DecisionResponse = z.object({
  caseId: z.string(),
  step: z.string(),
  accepted: z.literal(true),
  decision: z.unknown(),
});

export const AuditEventResponse = z.object({
  caseId: z.string(),
  at: z.string(),
  idempotencyKey: z.string(),
  actor: z.object({
    subject: z.string(),
    role: z.enum(['applicant', 'officer', 'supervisor', 'system']),
    name: z.string().optional(),
  }),
  action: z.string(),
  fromStatus: CaseStatus.optional(),
  toStatus: CaseStatus.optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
});

export const AuditResponse = z.object({ items: z.array(AuditEventResponse) });

/** A document in the officer's view: its rule's labels, its inspection, a short-lived link. */
export const OfficerDocumentResponse = z.object({
  docType: DocumentType,
  labelZh: z.string(),
  labelEn: z.string(),
  required: z.boolean(),
  status: z.enum(['MISSING', ...DocumentStatus.options]),
  findings: z.array(Finding),
  uploadId: z.string().optional(),
  uploadedAt: z.string().optional(),
  recordedAt: z.string().optional(),
  /** The file as an attachment (saved, not shown), presigned for at most 5 minutes. */
  downloadUrl: z.string().optional(),
  /** A PDF or image to show in the console: signed inline with the type found in its content. */
  previewUrl: z.string().optional(),
  /** The type found in the file's content; absent for uploads recorded before it was kept. */
  contentType: z.string().optional(),
  override: OverrideNote.optional(),
});

export const OfficerCaseResponse = z.object({
  reviewRound: ReviewRoundResponse.optional(),
  case: CaseResponse,
  /**
   * What the eligibility check asks the officer to look at, not a refusal (e.g. the company's province
   * against its credit code's region), as of the case's last check.
   */
  eligibilityWarnings: z.array(
    z.object({ code: z.string(), message: z.string(), messageZh: z.string(), field: z.string().optional() }),
  ),
  documents: z.array(OfficerDocumentResponse),
  linksExpireAt: z.string(),
});

/** One email of a case's outbox (functions/domain/outbox-email.ts), as officers see it: no bodies. */
export const OutboxEmailResponse = z.object({
  caseId: z.string(),
  emailId: z.string(),
  template: z.string(),
  to: z.string(),
  subject: z.string(),
  /** QUEUED (waiting for an attempt, `sending` while one is under way), SENT, or FAILED for good. */
  state: z.enum(['QUEUED', 'SENT', 'FAILED']),
  sending: z.boolean(),
  /** Attempts since it was (re)queued. */
  attempts: z.number().int(),
  nextAttemptAt: z.string().optional(),
  lastAttemptAt: z.string().optional(),
  /** The relay's answer to the last failed attempt. */
  lastError: z.string().optional(),
  sentAt: z.string().optional(),
  failedAt: z.string().optional(),
  createdAt: z.string(),
  history: z.array(
    z.object({ at: z.string(), outcome: z.enum(['SENT', 'FAILED']), error: z.string().optional() }),
  ),
  resends: z.array(z.object({ by: AuditEventResponse.shape.actor, at: z.string() })).optional(),
});

export const OutboxEmailListResponse = z.object({ items: z.array(OutboxEmailResponse) });

export const EmailParams = CaseIdParam.extend({
  emailId: z
    .string()
    .regex(/^[0-9a-f]{20}$/)
    .meta({ examples: ['3f2a9c0d41b7e65a8c12'] }),
});

/** The named schemas of the OpenAPI document: every request and response body is one of them. */
export const COMPONENTS = {
  // Documentation only: the handlers validate the application with the case's own context (today's
  // date, the overrides a supervisor accepted).
  ApplicationInput: Application,
  ErrorIssue,
  Error: ErrorResponse,
  UploadRequest,
  Reason,
  ReviewDecision,
  LicenceDecision,
  AppointmentRequest,
  VerificationOutcome,
  BureauSubmission,
  BureauDecision,
  SmsVerification,
  BureauReturnReason: BureauReturnReasonBody,
  Corrections,
  DocumentOverride,
  ApplicationOverride,
  Case: CaseResponse,
  CaseList: CaseListResponse,
  PresignedUpload: PresignedUploadResponse,
  Timeline: TimelineResponse,
  DecisionAccepted: DecisionResponse,
  AuditTrail: AuditResponse,
  OfficerCase: OfficerCaseResponse,
  OutboxEmail: OutboxEmailResponse,
  OutboxEmailList: OutboxEmailListResponse,
  FilingList: FilingListResponse,
  FilingPrefill: PrefillResponse,
  ProviderDocumentUploadRequest,
  ProviderDocumentAttach,
  ProviderDocumentList: ProviderDocumentListResponse,
};
