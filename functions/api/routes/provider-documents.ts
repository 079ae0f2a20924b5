/**
 * The provider's qualification documents (接入商资质材料) of a commercial licence case: officers upload
 * and attach them, the applicant downloads them (functions/api/provider-documents-service.ts).
 */
import { authorize } from '../auth.ts';
import { publicCase } from '../case-views.ts';
import { loadCase } from '../officer-service.ts';
import type { ApiRouter } from '../openapi.ts';
import {
  ProviderDocumentAttach,
  ProviderDocumentListResponse,
  ProviderDocumentUploadRequest,
} from '../provider-document-schemas.ts';
import {
  attachProviderDocument,
  issueProviderDocumentUpload,
  ownProviderDocuments,
  providerDocumentLinks,
} from '../provider-documents-service.ts';
import { actingAs, BEARER, responses } from '../route-kit.ts';
import { CaseIdParam, CaseResponse, PresignedUploadResponse } from '../schemas.ts';

const officer = authorize('officer');
const COMMERCIAL_ONLY =
  'A case that is not a commercial licence application answers 409 PROVIDER_DOCUMENTS_COMMERCIAL_ONLY; a closed case 409 CASE_CLOSED.';

export function registerProviderDocumentRoutes(router: ApiRouter): void {
  router.add(
    {
      method: 'post',
      path: '/officer/cases/{caseId}/provider-documents/uploads',
      tags: ['officer'],
      summary: 'A presigned POST for one of the provider’s qualification documents (PDF or image)',
      description: `POST the file to \`url\` with every field in \`fields\` before \`expiresAt\`, then attach it with its \`uploadId\`. ${COMMERCIAL_ONLY}`,
      security: BEARER,
      middleware: officer,
      params: CaseIdParam,
      body: { schema: ProviderDocumentUploadRequest },
      responses: responses(
        201,
        PresignedUploadResponse,
        'The upload form',
        [400, 401, 403, 404, 409, 413, 415],
      ),
    },
    async (c, input) =>
      c.json(await issueProviderDocumentUpload(c.get('deps'), input.param.caseId, input.json), 201),
  );

  router.add(
    {
      method: 'post',
      path: '/officer/cases/{caseId}/provider-documents',
      tags: ['officer'],
      summary: 'Attach an uploaded provider document to the case; the applicant is emailed',
      description: `The file must have arrived with the form of \`uploadId\` (else 409 PROVIDER_DOCUMENT_NOT_UPLOADED) and be the PDF or image it was declared as (else 422 PROVIDER_DOCUMENT_NOT_PDF_OR_IMAGE). Audited as PROVIDER_DOCUMENT_ATTACHED with the officer; attaching it again changes nothing. ${COMMERCIAL_ONLY}`,
      security: BEARER,
      middleware: officer,
      params: CaseIdParam,
      body: { schema: ProviderDocumentAttach },
      responses: responses(201, CaseResponse, 'The case', [400, 401, 403, 404, 409, 413, 415, 422]),
    },
    async (c, input) => {
      const record = await attachProviderDocument(c.get('deps'), actingAs(c), input.param.caseId, input.json);
      return c.json(publicCase(record), 201);
    },
  );

  router.add(
    {
      method: 'get',
      path: '/officer/cases/{caseId}/provider-documents',
      tags: ['officer'],
      summary: 'The provider documents attached to the case, with short-lived download links',
      security: BEARER,
      middleware: officer,
      params: CaseIdParam,
      responses: responses(200, ProviderDocumentListResponse, 'The documents', [401, 403, 404]),
    },
    async (c, input) => {
      const deps = c.get('deps');
      return c.json(await providerDocumentLinks(deps, await loadCase(deps, input.param.caseId)), 200);
    },
  );

  router.add(
    {
      method: 'get',
      path: '/cases/{caseId}/provider-documents',
      tags: ['applicant'],
      summary: 'The provider’s qualification documents for my licence application, with download links',
      description:
        'Each link is a presigned GET of the exact file, served as an attachment, valid for a few minutes (`linksExpireAt`): fetch the list again for fresh links.',
      security: BEARER,
      middleware: authorize('applicant'),
      params: CaseIdParam,
      responses: responses(200, ProviderDocumentListResponse, 'The documents', [401, 403, 404]),
    },
    async (c, input) => {
      const { principal } = actingAs(c);
      return c.json(await ownProviderDocuments(c.get('deps'), principal, input.param.caseId), 200);
    },
  );
}
