import {
  createDraft,
  editDraft,
  loadOwnCase,
  requestUpload,
  submitCase,
  withdrawCase,
} from '../applicant-service.ts';
import { authorize } from '../auth.ts';
import { applicantCase, applicantCasePage, toTimeline } from '../case-views.ts';
import { correctApplication } from '../correction-service.ts';
import type { ApiRouter } from '../openapi.ts';
import { actingAs, BEARER, readJson, responses } from '../route-kit.ts';
import {
  CaseIdParam,
  CaseListResponse,
  CaseResponse,
  COMPONENTS,
  Corrections,
  PageQuery,
  PresignedUploadResponse,
  TimelineResponse,
  UploadRequest,
} from '../schemas.ts';

const APPLICATION_BODY = {
  schema: COMPONENTS.ApplicationInput,
  description: 'The application. The contact is taken from the signed-in user.',
  validatedByHandler: true,
} as const;

const tags = ['applicant'];
const middleware = authorize('applicant');

export function registerApplicantRoutes(router: ApiRouter): void {
  router.add(
    {
      method: 'post',
      path: '/cases',
      tags,
      summary: 'Create a draft case (validated, eligibility checked)',
      description:
        'Validation problems → 400 with every issue in `issues`; eligibility reasons → 422 with every reason in `issues`; another open case of the same applicant entity → 409 OPEN_CASE_EXISTS. A draft whose only problems are overridable (checksums, a TLD not yet on the dated list, the commercial licence prerequisites a pilot zone lifts: FOREIGN_EQUITY_OVER_CAP, INSURED_STAFF_TOO_FEW) is saved with `pendingOverrides`; it can be submitted once a supervisor accepts them.',
      security: BEARER,
      middleware,
      body: APPLICATION_BODY,
      responses: responses(201, CaseResponse, 'The new draft', [400, 401, 403, 409, 413, 415, 422]),
    },
    async (c) => {
      const { principal } = actingAs(c);
      const record = await createDraft(c.get('deps'), principal, await readJson(c));
      return c.json(applicantCase(record), 201);
    },
  );

  router.add(
    {
      method: 'get',
      path: '/cases',
      tags,
      summary: 'My cases, newest first (paginated)',
      security: BEARER,
      middleware,
      query: PageQuery,
      responses: responses(200, CaseListResponse, 'A page of cases', [400, 401, 403]),
    },
    async (c, input) => {
      const { principal } = actingAs(c);
      const query = input.query;
      const page = await c.get('deps').store.listCasesByApplicant(principal.subject, {
        ...(query.limit ? { limit: query.limit } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
      });
      return c.json(applicantCasePage(page), 200);
    },
  );

  router.add(
    {
      method: 'get',
      path: '/cases/{caseId}',
      tags,
      summary: 'One of my cases',
      security: BEARER,
      middleware,
      params: CaseIdParam,
      responses: responses(200, CaseResponse, 'The case', [401, 403, 404]),
    },
    async (c, input) => {
      const { principal } = actingAs(c);
      const { caseId } = input.param;
      return c.json(applicantCase(await loadOwnCase(c.get('deps'), principal, caseId)), 200);
    },
  );

  router.add(
    {
      method: 'put',
      path: '/cases/{caseId}',
      tags,
      summary: 'Edit a draft (replaces the application)',
      security: BEARER,
      middleware,
      params: CaseIdParam,
      body: APPLICATION_BODY,
      responses: responses(200, CaseResponse, 'The updated draft', [400, 401, 403, 404, 409, 413, 415, 422]),
    },
    async (c, input) => {
      const { principal } = actingAs(c);
      const { caseId } = input.param;
      const record = await editDraft(c.get('deps'), principal, caseId, await readJson(c));
      return c.json(applicantCase(record), 200);
    },
  );

  router.add(
    {
      method: 'post',
      path: '/cases/{caseId}/uploads',
      tags,
      summary: 'A presigned POST for one required document',
      description:
        'Only for a document the case requires, while the case is a draft or waits for documents (or the document was rejected). POST the file to `url` with every field in `fields` before `expiresAt`.',
      security: BEARER,
      middleware,
      params: CaseIdParam,
      body: { schema: UploadRequest },
      responses: responses(
        201,
        PresignedUploadResponse,
        'The upload form',
        [400, 401, 403, 404, 409, 413, 415],
      ),
    },
    async (c, input) => {
      const { principal } = actingAs(c);
      const { caseId } = input.param;
      const body = input.json;
      return c.json(await requestUpload(c.get('deps'), principal, caseId, body), 201);
    },
  );

  router.add(
    {
      method: 'post',
      path: '/cases/{caseId}/submit',
      tags,
      summary: 'Submit the draft and start the workflow (idempotent)',
      security: BEARER,
      middleware,
      params: CaseIdParam,
      responses: responses(200, CaseResponse, 'The submitted case', [401, 403, 404, 409]),
    },
    async (c, input) => {
      const { principal } = actingAs(c);
      const { caseId } = input.param;
      return c.json(applicantCase(await submitCase(c.get('deps'), principal, caseId)), 200);
    },
  );

  router.add(
    {
      method: 'post',
      path: '/cases/{caseId}/withdraw',
      tags,
      summary: 'Withdraw the case',
      description:
        'A draft is withdrawn at once (200). A case waiting on a step is withdrawn by the workflow (202; the case turns WITHDRAWN shortly). Otherwise 409.',
      security: BEARER,
      middleware,
      params: CaseIdParam,
      responses: {
        ...responses(200, CaseResponse, 'Withdrawn', [401, 403, 404, 409]),
        202: { description: 'Withdrawal requested', schema: CaseResponse },
      },
    },
    async (c, input) => {
      const { principal, requestId } = actingAs(c);
      const { caseId } = input.param;
      const { record, pending } = await withdrawCase(c.get('deps'), principal, caseId, requestId);
      return c.json(
        { ...applicantCase(record), ...(pending ? { withdrawal: 'REQUESTED' } : {}) },
        pending ? 202 : 200,
      );
    },
  );

  router.add(
    {
      method: 'put',
      path: '/cases/{caseId}/corrections',
      tags,
      summary: 'Correct the application fields the bureau returned (only those)',
      description:
        'After a bureau return (退回) that named application fields: each correction sets one named field (400 FIELD_NOT_RETURNED for any other); the corrected application must still be valid. 409 NO_CORRECTIONS_PENDING when the bureau named no field. Documents it named are uploaded again through /uploads.',
      security: BEARER,
      middleware,
      params: CaseIdParam,
      body: { schema: Corrections },
      responses: responses(200, CaseResponse, 'The corrected case', [400, 401, 403, 404, 409, 413, 415]),
    },
    async (c, input) => {
      const { principal } = actingAs(c);
      const record = await correctApplication(c.get('deps'), principal, input.param.caseId, input.json);
      return c.json(applicantCase(record), 200);
    },
  );

  router.add(
    {
      method: 'get',
      path: '/cases/{caseId}/timeline',
      tags,
      summary: 'My case’s timeline',
      description:
        'The events of the case, oldest first, less routine bookkeeping (a step opening, automatic checks that passed); officers appear as "officer", never by name.',
      security: BEARER,
      middleware,
      params: CaseIdParam,
      responses: responses(200, TimelineResponse, 'The timeline', [401, 403, 404]),
    },
    async (c, input) => {
      const { principal } = actingAs(c);
      const { caseId } = input.param;
      const deps = c.get('deps');
      await loadOwnCase(deps, principal, caseId);
      return c.json({ items: toTimeline(await deps.store.listAudit(caseId)) }, 200);
    },
  );
}
