import { authorize } from '../auth.ts';
import { FilingListResponse, PrefillQuery, PrefillResponse } from '../filing-schemas.ts';
import { listOwnFilings, prefillFromRegistry } from '../filings-service.ts';
import type { ApiRouter } from '../openapi.ts';
import { actingAs, BEARER, responses } from '../route-kit.ts';

const tags = ['applicant'];
const middleware = authorize('applicant');

/** The applicant's registered filings and the forms that start from them. */
export function registerFilingRoutes(router: ApiRouter): void {
  router.add(
    {
      method: 'get',
      path: '/filings',
      tags,
      summary: 'My approved filings: entities, websites, what we host, and the actions that apply',
      security: BEARER,
      middleware,
      responses: responses(200, FilingListResponse, 'My filings', [401, 403]),
    },
    async (c) => {
      const { principal } = actingAs(c);
      return c.json({ items: await listOwnFilings(c.get('deps'), principal) }, 200);
    },
  );

  router.add(
    {
      method: 'get',
      path: '/filings/prefill',
      tags,
      summary: 'The application a case on one of my filings starts from',
      description:
        'The entity and responsible person of the approved filing, and for a website its current details. Another applicant’s number → 404 FILING_NOT_FOUND; an action that does not apply (a cancelled site, a site we do not host) → 409 FILING_ACTION_NOT_ALLOWED.',
      security: BEARER,
      middleware,
      query: PrefillQuery,
      responses: responses(200, PrefillResponse, 'The pre-filled application', [400, 401, 403, 404, 409]),
    },
    async (c, input) => {
      const { principal } = actingAs(c);
      return c.json(await prefillFromRegistry(c.get('deps'), principal, input.query), 200);
    },
  );
}
