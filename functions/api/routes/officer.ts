/** Officer routes (supervisors too): the queue, a case in full, decisions, the audit trail. */
import type { Context } from 'hono';
import type { z } from 'zod';
import type { HumanStep } from '#domain/case-status';
import { addCalendarDays, chinaDate } from '#domain/china-calendar';
import { authorize } from '../auth.ts';
import { casePage, officerCaseView, publicCase } from '../case-views.ts';
import type { ApiEnv } from '../context.ts';
import {
  appointmentValidator,
  bureauDecisionValidator,
  decideStep,
  loadCase,
  recordSmsVerification,
  reviewValidator,
  submissionValidator,
} from '../officer-service.ts';
import type { ApiRouter } from '../openapi.ts';
import { actingAs, BEARER, responses, validIn } from '../route-kit.ts';
import {
  AppointmentRequest,
  AuditResponse,
  BureauDecision,
  BureauSubmission,
  CaseIdParam,
  CaseListResponse,
  CaseResponse,
  DecisionResponse,
  LicenceDecision,
  OfficerCaseResponse,
  QueueQuery,
  ReviewDecision,
  SmsVerification,
  VerificationOutcome,
} from '../schemas.ts';

const tags = ['officer'];
const middleware = authorize('officer');

type Validator = (
  c: Context<ApiEnv>,
  body: never,
) => (record: Parameters<Parameters<typeof decideStep>[4]>[0]) => {
  output: unknown;
  audit?: Record<string, unknown>;
};

interface DecisionRoute {
  path: string;
  step: HumanStep;
  schema: z.ZodType;
  summary: string;
  validator: Validator;
}

const DECISIONS: DecisionRoute[] = [
  {
    path: 'review',
    step: 'REVIEW',
    schema: ReviewDecision,
    summary: 'Document review: approve, return named documents with reasons, or reject',
    validator: (_c, body) => reviewValidator(body),
  },
  {
    path: 'licence-review',
    step: 'LICENCE_REVIEW',
    schema: LicenceDecision,
    summary: 'Commercial licence review: approve with the fee, or reject',
    validator: (_c, body) => () => ({
      output: body,
      audit: { decision: (body as { decision: string }).decision },
    }),
  },
  {
    path: 'appointment',
    step: 'APPOINTMENT',
    schema: AppointmentRequest,
    summary: 'Schedule the in-person verification (future time, China business day)',
    validator: (c, body) => appointmentValidator(body, c.get('deps').now()),
  },
  {
    path: 'verification',
    step: 'VERIFICATION',
    schema: VerificationOutcome,
    summary: 'The responsible person appeared (PRESENT) or not (NO_SHOW)',
    validator: (_c, body) => () => ({ output: body }),
  },
  {
    path: 'bureau-submission',
    step: 'BUREAU_SUBMISSION',
    schema: BureauSubmission,
    summary: 'Record the submission to the provincial communications administration',
    validator: (c, body) => submissionValidator(body, c.get('deps').now()),
  },
  {
    path: 'bureau-decision',
    step: 'BUREAU_DECISION',
    schema: BureauDecision,
    summary: 'Record the bureau’s decision: the ICP number, or the rejection',
    validator: (_c, body) => bureauDecisionValidator(body),
  },
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
    async (c) => {
      const query = validIn<z.infer<typeof QueueQuery>>(c, 'query');
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
    async (c) => {
      const { caseId } = validIn<{ caseId: string }>(c, 'param');
      const deps = c.get('deps');
      return c.json(await officerCaseView(deps, await loadCase(deps, caseId)), 200);
    },
  );

  for (const decision of DECISIONS) {
    router.add(
      {
        method: 'post',
        path: `/officer/cases/{caseId}/${decision.path}`,
        tags,
        summary: decision.summary,
        description:
          'Resumes the pending step. 409 STEP_NOT_PENDING when the case is not waiting on this step or another decision won; 409 TASK_GONE when the workflow stopped waiting.',
        security: BEARER,
        middleware,
        params: CaseIdParam,
        body: { schema: decision.schema },
        responses: responses(202, DecisionResponse, 'Decision accepted', [400, 401, 403, 404, 409, 413, 415]),
      },
      async (c) => {
        const { caseId } = validIn<{ caseId: string }>(c, 'param');
        const body = validIn<never>(c, 'json');
        const result = await decideStep(
          c.get('deps'),
          actingAs(c),
          caseId,
          decision.step,
          decision.validator(c, body),
        );
        return c.json(result, 202);
      },
    );
  }

  router.add(
    {
      method: 'post',
      path: '/officer/cases/{caseId}/sms-verification',
      tags,
      summary: 'Record that the applicant completed the bureau’s SMS verification (case AT_BUREAU)',
      security: BEARER,
      middleware,
      params: CaseIdParam,
      body: { schema: SmsVerification },
      responses: responses(200, CaseResponse, 'The case', [400, 401, 403, 404, 409, 413, 415]),
    },
    async (c) => {
      const { caseId } = validIn<{ caseId: string }>(c, 'param');
      const body = validIn<z.infer<typeof SmsVerification>>(c, 'json');
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
    async (c) => {
      const { caseId } = validIn<{ caseId: string }>(c, 'param');
      const deps = c.get('deps');
      await loadCase(deps, caseId);
      return c.json({ items: await deps.store.listAudit(caseId) }, 200);
    },
  );
}
