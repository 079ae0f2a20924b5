/**
 * Request and response schemas of the staff search, lists, override queue and dashboard
 * (routes/staff.ts). Kept apart from schemas.ts so that the case routes' schemas stay one screen each.
 */
import * as z from 'zod';
import { CaseStatus, HumanStep } from '#domain/case-status';
import { FilingType } from '#domain/filing';
import { OfficeId } from '#domain/offices';
import { ProvinceCode } from '#domain/provinces';
import { CaseResponse } from './schemas.ts';

const limit = z.coerce.number().int().min(1).max(100).optional();
const cursor = z.string().max(2048).optional();

export const SearchQuery = z.object({
  /** A case id, ICP number, ID or credit-code number, domain, or the start of an applicant's name. */
  q: z.string().trim().min(1).max(200),
});

export const SearchKind = z.enum(['caseId', 'icpNumber', 'idNumber', 'domain', 'name']);

export const SearchResponse = z.object({
  items: z.array(CaseResponse.extend({ matchedBy: SearchKind })),
  /** More cases matched than were returned: a longer name or another field narrows it. */
  truncated: z.boolean(),
});

export const CaseListQuery = z.object({
  /** Cases waiting on this workflow step (soonest due first); otherwise newest first. */
  step: HumanStep.optional(),
  status: CaseStatus.optional(),
  filingType: FilingType.optional(),
  office: OfficeId.optional(),
  province: ProvinceCode.optional(),
  limit,
  cursor,
});

export const PageQuery = z.object({ limit, cursor });

const Buckets = z.array(z.object({ name: z.string(), label: z.string() }));

export const DashboardResponse = z.object({
  /** The open cases as of the last scheduled run; absent until the first run. */
  snapshot: z
    .object({
      computedAt: z.string(),
      byStep: z.record(z.string(), z.number()),
      byAge: z.record(z.string(), z.number()),
      overdueByOffice: z.record(z.string(), z.number()),
    })
    .optional(),
  ageBuckets: Buckets,
  weekly: z.array(z.object({ week: z.string(), opened: z.number(), closed: z.number() })),
  leadTimeBuckets: Buckets,
  leadTime: z.array(z.object({ step: HumanStep, buckets: z.record(z.string(), z.number()) })),
  returnReasons: z.array(z.object({ code: z.string(), count: z.number() })),
  /** The first month the return reasons count (yyyy-mm). */
  returnReasonsSince: z.string(),
});

export const STAFF_COMPONENTS = {
  SearchResults: SearchResponse,
  Dashboard: DashboardResponse,
};
