import { authorize } from '../auth.ts';
import { publicCase } from '../case-views.ts';
import { acceptApplicationOverride, overrideDocumentFinding } from '../officer-service.ts';
import type { ApiRouter } from '../openapi.ts';
import { actingAs, BEARER, responses } from '../route-kit.ts';
import {
  ApplicationOverride,
  CaseIdParam,
  CaseResponse,
  DocumentOverride,
  DocumentParams,
} from '../schemas.ts';

const tags = ['supervisor'];
const middleware = authorize('supervisor');

export function registerSupervisorRoutes(router: ApiRouter): void {
  router.add(
    {
      method: 'post',
      path: '/supervisor/cases/{caseId}/documents/{docType}/override',
      tags,
      summary: 'Accept a document the automated checks failed (INVALID → VALID), with a reason',
      description:
        'Keeps the previous findings on the document and in the audit trail, then resumes the documents step if every required document is now valid.',
      security: BEARER,
      middleware,
      params: DocumentParams,
      body: { schema: DocumentOverride },
      responses: responses(200, CaseResponse, 'The case', [400, 401, 403, 404, 409, 413, 415]),
    },
    async (c, input) => {
      const { caseId, docType } = input.param;
      const { reason } = input.json;
      const { record, resumed } = await overrideDocumentFinding(
        c.get('deps'),
        actingAs(c),
        caseId,
        docType,
        reason,
      );
      return c.json({ ...publicCase(record), documentsStep: resumed }, 200);
    },
  );

  router.add(
    {
      method: 'post',
      path: '/supervisor/cases/{caseId}/application-overrides',
      tags,
      summary: 'Accept an overridable application check (e.g. CREDIT_CODE_CHECKSUM), with a reason',
      security: BEARER,
      middleware,
      params: CaseIdParam,
      body: { schema: ApplicationOverride },
      responses: responses(200, CaseResponse, 'The case', [400, 401, 403, 404, 409, 413, 415]),
    },
    async (c, input) => {
      const { caseId } = input.param;
      const body = input.json;
      return c.json(
        publicCase(await acceptApplicationOverride(c.get('deps'), actingAs(c), caseId, body)),
        200,
      );
    },
  );
}
