/** Officer routes (supervisors too): the queue, a case in full, decisions, the audit trail. */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { CaseRecord } from '#domain/case-record';
import type { HumanStep } from '#domain/case-status';
import { addCalendarDays, chinaDate } from '#domain/china-calendar';
import { authorize } from '../auth.ts';
import { bureauDecisionValidator, recordLicenceFee, recordSmsVerification } from '../bureau-service.ts';
import { casePage, officerCaseView, publicCase } from '../case-views.ts';
import type { ApiEnv } from '../context.ts';
import {
  appointmentValidator,
  decideStep,
  listCaseEmails,
  loadCase,
  reviewValidator,
  sendEmailAgain,
  submissionValidator,
  verificationValidator,
} from '../officer-service.ts';
import type { ApiRouter, RouteInput } from '../openapi.ts';
import { noticePresenceConfirmed } from '../presence-notice.ts';
import { actingAs, BEARER, responses } from '../route-kit.ts';
import {
  AppointmentRequest,
  AuditResponse,
  BureauDecision,
  BureauSubmission,
  CaseIdParam,
  CaseListResponse,
  CaseResponse,
  DecisionResponse,
  EmailParams,
  LicenceDecision,
  OfficerCaseResponse,
  OutboxEmailListResponse,
  OutboxEmailResponse,
  QueueQuery,
  ReviewDecision,
  SmsVerification,
  VerificationOutcome,
} from '../schemas.ts';

const tags = ['officer'];
const middleware = authorize('officer');

/** What a decision checks against the case before the workflow resumes: the step's output and audit. */
type StepCheck = (record: CaseRecord) => { output: unknown; audit?: Record<string, unknown> };

/**
 * One officer decision: `POST /officer/cases/{caseId}/<path>` resumes `step` with the body, once
 * `check` (built from the body, typed from `schema`) accepts it against the case.
 */
function decision<S extends z.ZodType>(spec: {
  path: string;
  step: HumanStep;
  schema: S;
  summary: string;
  check: (
    c: Context<ApiEnv>,
    body: RouteInput<undefined, undefined, { readonly schema: S }>['json'],
  ) => StepCheck;
  /** What follows an accepted decision (an email the workflow does not send, the licence fee shown to the applicant). */
  accepted?: (
    c: Context<ApiEnv>,
    body: RouteInput<undefined, undefined, { readonly schema: S }>['json'],
  ) => Promise<void>;
}) {
  return (router: ApiRouter) =>
    router.add(
      {
        method: 'post',
        path: `/officer/cases/{caseId}/${spec.path}`,
        tags,
        summary: spec.summary,
        description:
          'Resumes the pending step. 409 STEP_NOT_PENDING when the case is not waiting on this step or another decision won; 409 TASK_GONE when the workflow stopped waiting.',
        security: BEARER,
        middleware,
        params: CaseIdParam,
        body: { schema: spec.schema },
        responses: responses(202, DecisionResponse, 'Decision accepted', [400, 401, 403, 404, 409, 413, 415]),
      },
      async (c, input) => {
        const check = spec.check(c, input.json);
        const result = await decideStep(c.get('deps'), actingAs(c), input.param.caseId, spec.step, check);
        await spec.accepted?.(c, input.json);
        return c.json(result, 202);
      },
    );
}

const DECISIONS = [
  decision({
    path: 'review',
    step: 'REVIEW',
    schema: ReviewDecision,
    summary: 'Document review: approve, return named documents with reasons, or reject',
    check: (_c, body) => reviewValidator(body),
  }),
  decision({
    path: 'licence-review',
    step: 'LICENCE_REVIEW',
    schema: LicenceDecision,
    summary: 'Commercial licence review: approve with the fee, or reject',
    // The fee is part of the record: the console's history shows what the officer entered.
    check: (_c, body) => () => ({
      output: body,
      audit: { decision: body.decision, ...('feeYuan' in body ? { feeYuan: body.feeYuan } : {}) },
    }),
    // The fee is shown to the applicant (case page and an email) once the decision is accepted.
    accepted: async (c, body) => {
      if ('feeYuan' in body)
        await recordLicenceFee(c.get('deps'), c.req.param('caseId') as string, body.feeYuan);
    },
  }),
  decision({
    path: 'appointment',
    step: 'APPOINTMENT',
    schema: AppointmentRequest,
    summary: 'Schedule the in-person verification (future time, China business day)',
    check: (c, body) => appointmentValidator(body, c.get('deps').now()),
  }),
  decision({
    path: 'verification',
    step: 'VERIFICATION',
    schema: VerificationOutcome,
    summary:
      'The responsible person appeared (PRESENT) or not (NO_SHOW): from the appointment’s start, by an officer of its office or a supervisor',
    check: (c, body) => verificationValidator(body, c.get('deps').now(), actingAs(c).principal),
    accepted: async (c, body) => {
      if (body.outcome === 'PRESENT')
        await noticePresenceConfirmed(c.get('deps'), c.req.param('caseId') as string);
    },
  }),
  decision({
    path: 'bureau-submission',
    step: 'BUREAU_SUBMISSION',
    schema: BureauSubmission,
    summary: 'Record the submission to the provincial communications administration',
    check: (c, body) => submissionValidator(body, c.get('deps').now()),
  }),
  decision({
    path: 'bureau-decision',
    step: 'BUREAU_DECISION',
    schema: BureauDecision,
    summary:
      'Record the bureau’s decision: the ICP number, a return (退回) with what to correct, or the rejection',
    check: (c, body) => bureauDecisionValidator(body, c.get('deps').now()),
  }),
];

export function registerOfficerRoutes(router: ApiRouter): void {
  router.add(
    {
      method: 'get',
      path: '/officer/queue',
      tags,
      summary: 'Cases waiting on a step, soonest due first (paginated)',
      description:
        '`step` is required (one queue per step); `overdue=true` keeps cases whose due date (China date) has passed; `office` filters on the case’s verification office.',
      security: BEARER,
      middleware,
      query: QueueQuery,
      responses: responses(200, CaseListResponse, 'A page of the queue', [400, 401, 403]),
    },
    async (c, input) => {
      const query = input.query;
      const deps = c.get('deps');
      const yesterday = addCalendarDays(chinaDate(deps.now()), -1);
      const page = await deps.store.listQueue(query.step, {
        ...(query.limit ? { limit: query.limit } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
        ...(query.province ? { province: query.province } : {}),
        ...(query.office ? { office: query.office } : {}),
        ...(query.overdue === 'true' ? { dueBefore: yesterday } : {}),
      });
      return c.json(casePage(page), 200);
    },
  );

  router.add(
    {
      method: 'get',
      path: '/officer/cases/{caseId}',
      tags,
      summary: 'A case in full: documents with findings and short-lived download links',
      security: BEARER,
      middleware,
      params: CaseIdParam,
      responses: responses(200, OfficerCaseResponse, 'The case', [401, 403, 404]),
    },
    async (c, input) => {
      const { caseId } = input.param;
      const deps = c.get('deps');
      return c.json(await officerCaseView(deps, await loadCase(deps, caseId)), 200);
    },
  );

  for (const register of DECISIONS) register(router);

  router.add(
    {
      method: 'post',
      path: '/officer/cases/{caseId}/sms-verification',
      tags,
      summary: 'Record the outcome of the bureau’s SMS verification (case AT_BUREAU): COMPLETED or FAILED',
      description:
        'On the SMS_VERIFICATION step this resumes the workflow: COMPLETED moves on to the bureau’s decision, FAILED (five wrong answers) returns the filing. A case waiting on BUREAU_DECISION (started before the SMS step existed) takes COMPLETED as a note; FAILED there is 409 SMS_STEP_NOT_PENDING.',
      security: BEARER,
      middleware,
      params: CaseIdParam,
      body: { schema: SmsVerification },
      responses: responses(200, CaseResponse, 'The case', [400, 401, 403, 404, 409, 413, 415]),
    },
    async (c, input) => {
      const { caseId } = input.param;
      const body = input.json;
      return c.json(publicCase(await recordSmsVerification(c.get('deps'), actingAs(c), caseId, body)), 200);
    },
  );

  router.add(
    {
      method: 'get',
      path: '/officer/cases/{caseId}/audit',
      tags,
      summary: 'The case’s audit trail, oldest first',
      security: BEARER,
      middleware,
      params: CaseIdParam,
      responses: responses(200, AuditResponse, 'The audit trail', [401, 403, 404]),
    },
    async (c, input) => {
      const { caseId } = input.param;
      const deps = c.get('deps');
      await loadCase(deps, caseId);
      return c.json({ items: await deps.store.listAudit(caseId) }, 200);
    },
  );

  router.add(
    {
      method: 'get',
      path: '/officer/cases/{caseId}/emails',
      tags,
      summary: 'The case’s emails: queued, sent or failed, with their attempts and the last error',
      description:
        'Every email the case caused, oldest first, from its outbox (docs/email-outbox.md). A QUEUED email waits for its next attempt (`sending` while one is under way); FAILED means every attempt of a day failed.',
      security: BEARER,
      middleware,
      params: CaseIdParam,
      responses: responses(200, OutboxEmailListResponse, 'The emails', [401, 403, 404]),
    },
    async (c, input) => c.json({ items: await listCaseEmails(c.get('deps'), input.param.caseId) }, 200),
  );

  router.add(
    {
      method: 'post',
      path: '/officer/cases/{caseId}/emails/{emailId}/resend',
      tags,
      summary: 'Send an email again (a failed one, or any): queued at once with a fresh retry schedule',
      description:
        'Audited as EMAIL_RESEND_REQUESTED with the officer. 404 EMAIL_NOT_FOUND for an email the case does not have; 409 EMAIL_BEING_SENT while an attempt is under way.',
      security: BEARER,
      middleware,
      params: EmailParams,
      responses: responses(202, OutboxEmailResponse, 'Queued again', [401, 403, 404, 409]),
    },
    async (c, input) => {
      const { caseId, emailId } = input.param;
      return c.json(await sendEmailAgain(c.get('deps'), actingAs(c), caseId, emailId), 202);
    },
  );
}
