/**
 * The staff search, lists, override queue and dashboard requests (functions/api/routes/staff.ts,
 * dashboard.ts). Apart from api.ts so that the pages that use them load it with themselves.
 */
import type { z } from 'zod';
import type { CaseListResponse } from '../../functions/api/schemas.ts';
import type { SearchResponse } from '../../functions/api/staff-schemas.ts';
import { request } from './api.ts';

export type SearchResults = z.infer<typeof SearchResponse>;
export type CaseList = z.infer<typeof CaseListResponse>;

/** The all-cases list's filters as the page keeps them in its URL. */
export interface CaseListFilters {
  step?: string;
  status?: string;
  filingType?: string;
  office?: string;
  province?: string;
  cursor?: string;
}

const query = (values: Record<string, string | undefined>) => {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) q.set(name, value);
  return q.toString();
};

export const staffApi = {
  search: (text: string) => request<SearchResults>('GET', `/officer/search?${query({ q: text })}`),
  listCases: (filters: CaseListFilters) =>
    request<CaseList>('GET', `/officer/cases?${query({ ...filters, limit: '50' })}`),
  overrideQueue: (cursor?: string) =>
    request<CaseList>('GET', `/supervisor/override-queue?${query({ cursor, limit: '50' })}`),
};
