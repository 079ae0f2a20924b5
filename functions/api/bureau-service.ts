/**
 * The officer's records of the bureau's side: the MIIT SMS check and the bureau's decision (approve
 * with a number, return with reasons, reject). Both are held to the submission on the case.
 */
import type { BureauReturnReason } from '#domain/bureau-return';
import { valueAtPath } from '#domain/bureau-return';
import type { CaseRecord } from '#domain/case-record';
import { chinaDateTime } from '#domain/china-calendar';
import { checkDecisionNumber } from '#domain/decision-number';
import { DomainError } from '#domain/errors';
import { emailApplicant } from '#workflow/case-notifications';
import type { ApiDependencies } from './dependencies.ts';
import { apiError } from './errors.ts';
import { actorOf, decideStep, happenedAt, loadCase, type OfficerContext } from './officer-service.ts';

/** The bureau's decision is recorded at the server's time, which must not be before the submission. */
function assertAfterSubmission(record: CaseRecord, now: Date): void {
  const submittedAt = record.submission?.submittedAt;
  if (submittedAt && now.getTime() < Date.parse(submittedAt)) {
    throw apiError('DECISION_BEFORE_SUBMISSION', {
      message: `The filing was submitted to the bureau at ${chinaDateTime(submittedAt)} China time, after now: the bureau cannot have decided yet.`,
      messageZh: `该案件于北京时间 ${chinaDateTime(submittedAt)} 报送管局，晚于当前时间，管局不可能已作出决定。`,
    });
  }
}

type ReturnReasonBody = Omit<BureauReturnReason, 'code'>;

/**
 * Each reason of a return names exactly one thing the applicant can correct: a document of this case
 * or a field its application has (the applicant corrects only what the reasons name).
 */
function checkReturnReasons(record: CaseRecord, reasons: readonly ReturnReasonBody[]): void {
  reasons.forEach((reason, i) => {
    if (Boolean(reason.docType) === Boolean(reason.field)) {
      throw apiError('RETURN_REASON_TARGET', { field: `reasons.${i}` });
    }
    if (reason.docType && !record.requiredDocuments.includes(reason.docType)) {
      throw apiError('DOCUMENT_NOT_REQUIRED', {
        message: `${reason.docType} is not a document of this case.`,
        messageZh: '退回的材料不属于本案件所需材料。',
        field: `reasons.${i}.docType`,
      });
    }
    if (reason.field) {
      const value = valueAtPath(record.application, reason.field);
      if (value === undefined || (typeof value === 'object' && value !== null)) {
        throw apiError('RETURN_FIELD_UNKNOWN', {
          message: `The application has no field ${reason.field} to correct.`,
          messageZh: `申请信息中没有可修改的字段 ${reason.field}。`,
          field: `reasons.${i}.field`,
        });
      }
    }
  });
}

/**
 * BUREAU_DECISION: not before the submission; an approval's number must parse, be of the case's
 * province and fit the case (decision-number.ts); a return names what to correct.
 */
export const bureauDecisionValidator =
  (
    body:
      | { decision: 'APPROVE'; icpNumber: string }
      | { decision: 'RETURN'; reasons: ReturnReasonBody[] }
      | { decision: 'REJECT'; reason: { message: string; messageZh: string } },
    now: Date,
  ) =>
  (record: CaseRecord) => {
    assertAfterSubmission(record, now);
    if (body.decision === 'REJECT') return { output: body, audit: { decision: 'REJECT' } };
    if (body.decision === 'RETURN') {
      checkReturnReasons(record, body.reasons);
      return {
        output: body,
        audit: {
          decision: 'RETURN',
          reasons: body.reasons.map((r) => (r.docType ? { docType: r.docType } : { field: r.field })),
        },
      };
    }
    const parsed = checkDecisionNumber(body.icpNumber, {
      filingType: record.filingType,
      province: record.province,
      existingIcpNumber: record.application.existingIcpNumber,
    });
    if (!parsed.ok) throw new DomainError({ ...parsed.error, field: 'icpNumber' });
    return {
      output: { decision: 'APPROVE' as const, icpNumber: parsed.value.normalised },
      audit: { decision: 'APPROVE', icpNumber: parsed.value.normalised },
    };
  };

export interface SmsVerificationBody {
  outcome?: 'COMPLETED' | 'FAILED' | undefined;
  completedAt?: string | undefined;
  note?: string | undefined;
}

/** When the SMS check was answered: not before the submission (the SMS is sent then), nor after now. */
function smsAnsweredAt(record: CaseRecord, body: SmsVerificationBody, now: Date): string {
  // The bureau sends the SMS when the filing is submitted (Alibaba Cloud's "SMS check" guide, see
  // ../shared/domain-facts.md), so it cannot have been answered before that, nor after now.
  const completedAt = body.completedAt
    ? happenedAt(body.completedAt, now, 'SMS_COMPLETED_IN_FUTURE', 'completedAt')
    : now.toISOString();
  const submittedAt = record.submission?.submittedAt;
  if (submittedAt && Date.parse(completedAt) < Date.parse(submittedAt)) {
    throw apiError('SMS_BEFORE_SUBMISSION', {
      message: `The SMS verification cannot be earlier than the submission to the bureau (${chinaDateTime(submittedAt)} China time).`,
      messageZh: `短信核验时间不能早于报送管局的时间（北京时间 ${chinaDateTime(submittedAt)}）。`,
      field: 'completedAt',
    });
  }
  return completedAt;
}

/**
 * Records the outcome of the bureau's SMS check. On a case whose workflow waits on the SMS step, this
 * resumes it: COMPLETED moves on to the bureau's decision, FAILED (five wrong answers) returns the
 * filing. A case started on an older definition (no SMS step: waiting on BUREAU_DECISION) keeps the
 * older behaviour, a note on the case; FAILED has no step to go to there (409 SMS_STEP_NOT_PENDING).
 */
export async function recordSmsVerification(
  deps: ApiDependencies,
  ctx: OfficerContext,
  caseId: string,
  body: SmsVerificationBody,
): Promise<CaseRecord> {
  const now = deps.now();
  const outcome = body.outcome ?? 'COMPLETED';
  const notAtBureau = () => apiError('NOT_AT_BUREAU');
  const before = await loadCase(deps, caseId);
  if (before.status !== 'AT_BUREAU') throw notAtBureau();
  const onStep = before.currentStep === 'SMS_VERIFICATION';
  if (!onStep && outcome === 'FAILED') throw apiError('SMS_STEP_NOT_PENDING');
  const smsVerification = {
    completedAt: smsAnsweredAt(before, body, now),
    recordedAt: now.toISOString(),
    outcome,
    ...(body.note ? { note: body.note } : {}),
  };
  if (onStep) {
    await decideStep(deps, ctx, caseId, 'SMS_VERIFICATION', () => ({
      output: { outcome, completedAt: smsVerification.completedAt },
      audit: { outcome, completedAt: smsVerification.completedAt },
    }));
  }
  const updated = await deps.store.modifyCase(
    caseId,
    (current) => {
      // After resuming, the workflow may already have moved on (or returned the filing) on its own.
      if (!onStep && current.status !== 'AT_BUREAU') throw notAtBureau();
      return { ...current, smsVerification } as CaseRecord;
    },
    { now },
  );
  if (!onStep) {
    await deps.store.appendAudit({
      caseId,
      at: now.toISOString(),
      idempotencyKey: `sms-${ctx.requestId}`,
      actor: actorOf(ctx),
      action: 'SMS_VERIFICATION_RECORDED',
      detail: { completedAt: smsVerification.completedAt },
    });
  }
  return updated as CaseRecord;
}

/**
 * After the licence review approved with the province's fee: the fee goes on the case (the applicant's
 * page shows it) and to the applicant by email. The fee is the officer's entry; the audit trail has it
 * with the decision.
 */
export async function recordLicenceFee(
  deps: ApiDependencies,
  caseId: string,
  feeYuan: number,
): Promise<void> {
  const now = deps.now();
  const record = await deps.store.modifyCase(
    caseId,
    (current) =>
      current.licenceFee?.feeYuan === feeYuan
        ? undefined
        : { ...current, licenceFee: { feeYuan, recordedAt: now.toISOString() } },
    { now },
  );
  await emailApplicant(
    { store: deps.store, portalUrl: deps.settings.portalUrl ?? '', now: deps.now },
    record,
    'licenceFee',
    { feeYuan },
    `licence-fee-${feeYuan}`,
  );
}
