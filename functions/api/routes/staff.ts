/**
 * Staff routes to find cases: search, the all-cases list with filters (officers and supervisors), and
 * the supervisors' queue of drafts waiting for an override. Every answer comes from a key or an
 * index query (docs/staff-search.md).
 */
import type { QueueQuery } from '#domain/case-repository';
import { authorize } from '../auth.ts';
import { casePage, publicCase } from '../case-views.ts';
import { dashboardData } from '../dashboard.ts';
import type { ApiRouter } from '../openapi.ts';
import { BEARER, responses } from '../route-kit.ts';
import { CaseListResponse } from '../schemas.ts';
import {
  CaseListQuery,
  DashboardResponse,
  PageQuery,
  SearchQuery,
  SearchResponse,
} from '../staff-schemas.ts';
import { searchCases } from '../staff-search.ts';

export function registerStaffRoutes(router: ApiRouter): void {
  router.add(
    {
      method: 'get',
      path: '/officer/search',
      tags: ['officer'],
      summary: 'Find cases by case id, ICP number, ID or credit-code number, domain, or applicant name',
      description:
        'Every reading of `q` that fits is tried: a case id, an ICP number, an 18-character ID or credit-code number (looked up by its keyed hash, never stored in clear), a domain (a pasted URL is reduced to its host), and the start of the applicant’s name. At most 25 cases; `truncated` says more matched. 400 SEARCH_TEXT_UNUSABLE when no reading fits.',
      security: BEARER,
      middleware: authorize('officer'),
      query: SearchQuery,
      responses: responses(200, SearchResponse, 'The matching cases', [400, 401, 403]),
    },
    async (c, input) => {
      const { hits, truncated } = await searchCases(c.get('deps'), input.query.q);
      const items = hits.map((hit) => ({ ...publicCase(hit.record), matchedBy: hit.matchedBy }));
      return c.json({ items, truncated }, 200);
    },
  );

  router.add(
    {
      method: 'get',
      path: '/officer/cases',
      tags: ['officer'],
      summary: 'Every case, newest first, filtered by step or status, filing type, office and province',
      description:
        'With `step`: the cases waiting on it, soonest due first (the step’s queue). Otherwise with `status`: the cases in it; otherwise all cases; both newest first. `filingType`, `office` and `province` narrow any of them (a page may then be short, with a cursor to read on).',
      security: BEARER,
      middleware: authorize('officer'),
      query: CaseListQuery,
      responses: responses(200, CaseListResponse, 'A page of cases', [400, 401, 403]),
    },
    async (c, input) => {
      const { step, status, filingType, office, province, limit, cursor } = input.query;
      const store = c.get('deps').store;
      const query: QueueQuery = {
        ...(limit ? { limit } : {}),
        ...(cursor ? { cursor } : {}),
        ...(filingType ? { filingType } : {}),
        ...(office ? { office } : {}),
        ...(province ? { province } : {}),
      };
      const page = step
        ? await store.listQueue(step, query)
        : status
          ? await store.listCasesByStatus(status, query)
          : await store.listAllCases(query);
      return c.json(casePage(page), 200);
    },
  );

  router.add(
    {
      method: 'get',
      path: '/supervisor/override-queue',
      tags: ['supervisor'],
      summary: 'Drafts waiting for a supervisor to accept an overridable failure, oldest first',
      description:
        'A draft whose application fails only overridable checks (e.g. CREDIT_CODE_CHECKSUM) is saved with `pendingOverrides`; it is listed here until every one is accepted or the applicant fixes the value.',
      security: BEARER,
      middleware: authorize('supervisor'),
      query: PageQuery,
      responses: responses(200, CaseListResponse, 'A page of the queue', [400, 401, 403]),
    },
    async (c, input) => {
      const { limit, cursor } = input.query;
      const page = await c
        .get('deps')
        .store.listOverrideQueue({ ...(limit ? { limit } : {}), ...(cursor ? { cursor } : {}) });
      return c.json(casePage(page), 200);
    },
  );

  router.add(
    {
      method: 'get',
      path: '/supervisor/dashboard',
      tags: ['supervisor'],
      summary:
        'The dashboard: open cases by step, age and overdue office; weekly flow; lead times; return reasons',
      description:
        'Read from counters the audit trail moves and the snapshot the queue-metrics schedule writes (docs/dashboard.md): a few small items whatever the number of cases. `snapshot` is absent until the first scheduled run.',
      security: BEARER,
      middleware: authorize('supervisor'),
      responses: responses(200, DashboardResponse, 'The dashboard', [401, 403]),
    },
    async (c) => c.json(await dashboardData(c.get('deps')), 200),
  );
}
