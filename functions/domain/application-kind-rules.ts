/**
 * The application rules of the filing kinds that act on one filed website (./filing-kinds.ts): the
 * existing number names the site (-N), and the application lists that site alone. Run inside the
 * application schema's refinement, so they are field issues like the others.
 */
import type * as z from 'zod';
import { errorBody } from './errors.ts';
import type { FilingType } from './filing.ts';
import { FILING_KINDS } from './filing-kinds.ts';
import { parseIcpNumber } from './icp-number.ts';
import { addValidationIssue } from './zod-errors.ts';

/** Adds the one-website rules' issues of `app` to `ctx`. */
export function addOneWebsiteIssues(
  app: { filingType: FilingType; websites: readonly unknown[]; existingIcpNumber?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (!FILING_KINDS[app.filingType].actsOnOneWebsite) return;
  if (app.existingIcpNumber) {
    const parsed = parseIcpNumber(app.existingIcpNumber);
    if (parsed.ok && parsed.value.siteNumber === undefined) {
      addValidationIssue(ctx, errorBody('EXISTING_NUMBER_NEEDS_SITE', { field: 'existingIcpNumber' }), {
        path: ['existingIcpNumber'],
      });
    }
  }
  if (app.websites.length > 1) {
    addValidationIssue(ctx, errorBody('ONE_WEBSITE_PER_CASE', { field: 'websites' }), { path: ['websites'] });
  }
}
