/**
 * Officer and supervisor actions. A decision resumes the workflow's pending human step: the case must
 * be waiting on that step, the step's task is claimed with a conditional write (one concurrent
 * decision wins, the rest get 409), the output goes to Step Functions, then the task is completed
 * and the decision audited.
 */

import type { Principal, Role } from '#adapters/jwt-verifier';
import { TaskGoneError } from '#adapters/workflow-client';
import type { Actor, CaseRecord } from '#domain/case-record';
import { type HumanStep, TERMINAL_STATUSES } from '#domain/case-status';
import { chinaDate, chinaDateTime, isBusinessDay } from '#domain/china-calendar';
import type { DocumentType } from '#domain/document-types';
import { type ErrorCode, isOverridable } from '#domain/error-catalogue';
import { caseNotFound } from '#domain/errors';
import { type OutboxEmailSummary, summariseEmail } from '#domain/outbox-email';
import { resumeDocumentsIfComplete } from '#workflow/documents-complete';
import type { ApiDependencies } from './dependencies.ts';
import { apiError } from './errors.ts';
import { noticeOverrideAccepted } from './override-notices.ts';

export interface OfficerContext {
  principal: Principal;
  role: Role;
  requestId: string;
}

export const actorOf = (ctx: OfficerContext): Actor => ({
  subject: ctx.principal.subject,
  role: ctx.role,
  ...(ctx.principal.name ? { name: ctx.principal.name } : {}),
});

const stepNotPending = (step: HumanStep) =>
  apiError('STEP_NOT_PENDING', {
    message: `The case is not waiting for ${step}, or someone else has just decided it.`,
  });

export async function loadCase(deps: ApiDependencies, caseId: string): Promise<CaseRecord> {
  const record = await deps.store.getCase(caseId);
  if (!record) throw caseNotFound();
  return record as CaseRecord;
}

/**
 * Resumes `step` of the case with `output`. `validate` runs on the loaded case before the claim and
 * may throw a 400; it returns the output to send (normalised) and an audit summary.
 */
export async function decideStep<T>(
  deps: ApiDependencies,
  ctx: OfficerContext,
  caseId: string,
  step: HumanStep,
  validate: (record: CaseRecord) => { output: T; audit?: Record<string, unknown> },
): Promise<{ caseId: string; step: HumanStep; accepted: true; decision: T }> {
  const record = await loadCase(deps, caseId);
  if (record.currentStep !== step || TERMINAL_STATUSES.has(record.status)) throw stepNotPending(step);
  const { output, audit } = validate(record);
  const claimant = `${ctx.principal.subject}:${ctx.requestId}`;
  const task = await deps.store.claimTask(caseId, step, claimant, deps.now());
  if (!task) throw stepNotPending(step);
  try {
    await deps.sfn.sendTaskSuccess(task.token, output);
  } catch (error) {
    if (error instanceof TaskGoneError) {
      await deps.store.completeTask(caseId, step, claimant);
      throw apiError('TASK_GONE');
    }
    await deps.store.releaseTask(caseId, step, claimant);
    throw error;
  }
  const now = deps.now();
  await deps.store.completeTask(caseId, step, claimant, now);
  await deps.store.appendAudit({
    caseId,
    at: now.toISOString(),
    idempotencyKey: `decision-${step}-${ctx.requestId}`,
    actor: actorOf(ctx),
    action: 'STEP_DECIDED',
    fromStatus: record.status,
    detail: {
      step,
      before: { status: record.status, step: record.currentStep, version: record.version },
      after: audit ?? output,
    },
  });
  return { caseId, step, accepted: true, decision: output };
}

type ReviewBody =
  | { decision: 'APPROVE' }
  | {
      decision: 'RETURN';
      documents: Array<{
        docType: DocumentType;
        reason: { code?: string; message: string; messageZh: string };
      }>;
    }
  | { decision: 'REJECT'; reason: { message: string; messageZh: string } };

/** REVIEW: approve, return named documents with reasons, or reject. */
export const reviewValidator = (body: ReviewBody) => (record: CaseRecord) => {
  if (body.decision === 'RETURN') {
    const seen = new Set<string>();
    body.documents.forEach((doc, i) => {
      if (!record.requiredDocuments.includes(doc.docType)) {
        throw apiError('DOCUMENT_NOT_REQUIRED', {
          message: `${doc.docType} is not a document of this case.`,
          messageZh: '退回的材料不属于本案件所需材料。',
          field: `documents.${i}.docType`,
        });
      }
      if (seen.has(doc.docType)) {
        throw apiError('DOCUMENT_DUPLICATE', {
          message: `${doc.docType} is named twice.`,
          field: `documents.${i}.docType`,
        });
      }
      seen.add(doc.docType);
    });
    return {
      output: body,
      audit: {
        decision: 'RETURN',
        documents: body.documents.map((d) => d.docType),
        // The dashboard's top return reasons count these (functions/domain/case-statistics.ts).
        reasonCodes: body.documents.map((d) => d.reason.code ?? 'OTHER'),
        // What was approved, upload by upload: the next round carries these forward (review-rounds.ts).
        approvedUploads: Object.fromEntries(
          record.requiredDocuments
            .filter((docType) => !seen.has(docType))
            .flatMap((docType) => {
              const uploadId = record.documents[docType]?.uploadId;
              return uploadId ? [[docType, uploadId]] : [];
            }),
        ),
      },
    };
  }
  return { output: body, audit: { decision: body.decision } };
};

/** APPOINTMENT: a future time on a China business day at one of the offices. */
export const appointmentValidator =
  (body: { officeId: 'BJ' | 'SH'; startsAt: string }, now: Date) => (_record: CaseRecord) => {
    const startsAt = new Date(body.startsAt);
    if (startsAt.getTime() <= now.getTime()) {
      throw apiError('APPOINTMENT_IN_PAST', { field: 'startsAt' });
    }
    if (!isBusinessDay(chinaDate(startsAt))) {
      throw apiError('APPOINTMENT_NOT_BUSINESS_DAY', { field: 'startsAt' });
    }
    return { output: { officeId: body.officeId, startsAt: body.startsAt } };
  };

/** How far ahead of the server's clock an officer's browser may be: a time up to this far ahead is "now". */
const CLIENT_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * An officer-entered time of something that has already happened. The server's clock is the record's:
 * a time ahead of it is refused with `code`, or, within the browser's clock skew, recorded as the
 * server's now, so that no step of the record ever lies in the server's future.
 */
export function happenedAt(at: string, now: Date, code: ErrorCode, field: string): string {
  const ms = Date.parse(at);
  if (ms > now.getTime() + CLIENT_CLOCK_SKEW_MS) throw apiError(code, { field });
  return ms > now.getTime() ? now.toISOString() : at;
}

export const appointmentStart = (appointment: { startsAt: string }) => chinaDateTime(appointment.startsAt);

/**
 * VERIFICATION: the responsible person appeared or not. Recorded at the server's time and never
 * before the appointment's start (a presence confirmed before the meeting is no verification at
 * all: MIIT document No. 64 requires the identity check, see ../shared/domain-facts.md). Only an
 * officer of the appointment's office may record it, since they are the ones who met the person; a
 * supervisor may at any office (they stand in for absent officers).
 */
export const verificationValidator =
  (body: { outcome: 'PRESENT' | 'NO_SHOW' }, now: Date, principal: Principal) => (record: CaseRecord) => {
    const appointment = record.appointment;
    if (!appointment) throw apiError('NO_APPOINTMENT');
    if (!principal.roles.includes('supervisor') && principal.office !== appointment.officeId) {
      throw apiError('NOT_YOUR_OFFICE', {
        message: principal.office
          ? `The appointment is at the ${appointment.officeId} office, not yours (${principal.office}): only its officers or a supervisor may record it.`
          : `The appointment is at the ${appointment.officeId} office and your account names no office: only that office's officers or a supervisor may record it.`,
        messageZh: principal.office
          ? `该预约在 ${appointment.officeId} 办公室，不在您所在的办公室（${principal.office}），只能由该办公室的审核员或主管登记。`
          : `该预约在 ${appointment.officeId} 办公室，您的账号未设置所属办公室，只能由该办公室的审核员或主管登记。`,
      });
    }
    if (now.getTime() < Date.parse(appointment.startsAt)) {
      throw apiError('PRESENCE_BEFORE_APPOINTMENT', {
        message: `The appointment starts at ${appointmentStart(appointment)} China time: record the verification from then on.`,
        messageZh: `预约时间为北京时间 ${appointmentStart(appointment)}，请在预约开始后再登记面签结果。`,
      });
    }
    return {
      output: { outcome: body.outcome },
      audit: {
        outcome: body.outcome,
        appointment: { officeId: appointment.officeId, startsAt: appointment.startsAt },
      },
    };
  };

/**
 * BUREAU_SUBMISSION: when it was submitted (not in the server's future, and not before the in-person
 * verification the filing rests on) and the bureau's reference.
 */
export const submissionValidator =
  (body: { submittedAt: string; reference?: string | undefined }, now: Date) => (record: CaseRecord) => {
    const submittedAt = happenedAt(body.submittedAt, now, 'SUBMITTED_IN_FUTURE', 'submittedAt');
    // Presence is never recorded before the appointment's start, so a submission before that start
    // went to the bureau without the verification.
    if (record.appointment && Date.parse(submittedAt) < Date.parse(record.appointment.startsAt)) {
      throw apiError('SUBMISSION_BEFORE_VERIFICATION', {
        message: `The submission cannot be earlier than the in-person verification (${appointmentStart(record.appointment)} China time).`,
        messageZh: `报送管局的时间不能早于面签核验时间（北京时间 ${appointmentStart(record.appointment)}）。`,
        field: 'submittedAt',
      });
    }
    return {
      output: { submittedAt, ...(body.reference ? { reference: body.reference } : {}) },
    };
  };

/**
 * Supervisor: accepts an automated finding on a document (INVALID → VALID, with the reason and the
 * previous findings kept on the summary and in the audit trail), then resumes the documents step
 * if that completes the case's documents.
 */
export async function overrideDocumentFinding(
  deps: ApiDependencies,
  ctx: OfficerContext,
  caseId: string,
  docType: DocumentType,
  reason: string,
) {
  const now = deps.now();
  const nothing = () => apiError('NOTHING_TO_OVERRIDE', { field: 'docType' });
  const before = await loadCase(deps, caseId);
  if (TERMINAL_STATUSES.has(before.status)) throw nothing();
  const previous = before.documents[docType];
  if (previous?.status !== 'INVALID') throw nothing();
  const override = {
    by: ctx.principal.subject,
    at: now.toISOString(),
    reason,
    previousStatus: previous.status,
    previousFindings: previous.findings,
  };
  const updated = await deps.store.modifyCase(
    caseId,
    (current) => {
      const summary = current.documents[docType];
      if (!summary || summary.uploadId !== previous.uploadId || summary.status !== 'INVALID') throw nothing();
      current.documents[docType] = { ...summary, status: 'VALID', override };
      return current;
    },
    { now },
  );
  await deps.store.appendAudit({
    caseId,
    at: now.toISOString(),
    idempotencyKey: `override-doc-${ctx.requestId}`,
    actor: actorOf(ctx),
    action: 'DOCUMENT_FINDING_OVERRIDDEN',
    detail: {
      docType,
      uploadId: previous.uploadId,
      reason,
      previousFindings: previous.findings.map((f) => f.code),
    },
  });
  const resumed = await resumeDocumentsIfComplete(deps.store, deps.sfn, caseId);
  return { record: updated as CaseRecord, resumed };
}

/**
 * Supervisor: accepts an overridable failure of the application (e.g. CREDIT_CODE_CHECKSUM) for the
 * case, so that validating the application with `acceptedOverrides` passes; a draft waiting on it can
 * then be submitted, and the applicant can save edits that carry it.
 */
export async function acceptApplicationOverride(
  deps: ApiDependencies,
  ctx: OfficerContext,
  caseId: string,
  body: { code: string; reason: string },
): Promise<CaseRecord> {
  const now = deps.now();
  const before = await loadCase(deps, caseId);
  const pending = before.pendingOverrides ?? [];
  if (!isOverridable(body.code) && !pending.includes(body.code)) {
    throw apiError('NOT_OVERRIDABLE', { message: `${body.code} cannot be overridden.`, field: 'code' });
  }
  if (TERMINAL_STATUSES.has(before.status)) throw apiError('CASE_CLOSED');
  const updated = await deps.store.modifyCase(
    caseId,
    (current) => {
      const record = current as CaseRecord;
      const accepted = record.acceptedOverrides ?? [];
      if (accepted.includes(body.code)) return undefined;
      const next: CaseRecord = { ...record, acceptedOverrides: [...accepted, body.code] };
      const stillPending = (record.pendingOverrides ?? []).filter((code) => code !== body.code);
      if (stillPending.length) next.pendingOverrides = stillPending;
      else delete next.pendingOverrides;
      return next;
    },
    { now },
  );
  if (updated.version !== before.version) {
    await deps.store.appendAudit({
      caseId,
      at: now.toISOString(),
      idempotencyKey: `override-app-${ctx.requestId}`,
      actor: actorOf(ctx),
      action: 'APPLICATION_CHECK_OVERRIDDEN',
      detail: { code: body.code, reason: body.reason },
    });
    await noticeOverrideAccepted(deps, updated, body.code);
  }
  return updated as CaseRecord;
}

/** The case's emails as officers see them (state, attempts, last error; no bodies), oldest first. */
export async function listCaseEmails(deps: ApiDependencies, caseId: string): Promise<OutboxEmailSummary[]> {
  await loadCase(deps, caseId);
  const now = deps.now();
  return (await deps.store.listEmails(caseId)).map((email) => summariseEmail(email, now));
}

/**
 * Queues one of the case's emails again at once (an officer's "send again": a FAILED one, or one the
 * applicant says never arrived), audited with who asked and when. The outbox sender delivers it.
 */
export async function sendEmailAgain(
  deps: ApiDependencies,
  ctx: OfficerContext,
  caseId: string,
  emailId: string,
): Promise<OutboxEmailSummary> {
  await loadCase(deps, caseId);
  const now = deps.now();
  const result = await deps.store.requeueEmail(caseId, emailId, actorOf(ctx), now);
  if (result.outcome === 'not-found') throw apiError('EMAIL_NOT_FOUND');
  if (result.outcome === 'sending') throw apiError('EMAIL_BEING_SENT');
  await deps.store.appendAudit({
    caseId,
    at: now.toISOString(),
    idempotencyKey: `email-resend-${emailId}-${ctx.requestId}`,
    actor: actorOf(ctx),
    action: 'EMAIL_RESEND_REQUESTED',
    detail: { emailId, template: result.email.template },
  });
  return summariseEmail(result.email, now);
}
