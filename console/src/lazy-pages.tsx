/**
 * The route pages, each loaded when its route is first shown (React.lazy over a dynamic import), so
 * a visitor's first page carries the shell and the landing page only: the applicant's form (the
 * domain schemas, the public-suffix list), the case page, and everything only staff use (the
 * officer console, pdf.js) come in their own chunks. console/README.md gives the bytes measured.
 */
import { lazy } from 'react';
import type { Route } from './router.ts';

/** Each page's chunk: one import() per page, shared by its lazy component and `preloadPage`. */
const chunks = {
  applicantCases: () => import('./pages/applicant-cases.tsx'),
  newCase: () => import('./pages/new-case.tsx'),
  applicantCase: () => import('./pages/applicant-case.tsx'),
  printableForm: () => import('./pages/printable-form.tsx'),
  help: () => import('./pages/help.tsx'),
  officerQueue: () => import('./pages/officer-queue.tsx'),
  officerCase: () => import('./pages/officer-case.tsx'),
  staffCases: () => import('./pages/staff-cases.tsx'),
  overrideQueue: () => import('./pages/override-queue.tsx'),
  supervisorDashboard: () => import('./pages/supervisor-dashboard.tsx'),
  applicantFilings: () => import('./pages/applicant-filings.tsx'),
};

// The pages export named components; React.lazy takes a module's default, hence the `then`.

// The applicant's pages.
export const ApplicantCasesPage = lazy(() =>
  chunks.applicantCases().then((m) => ({ default: m.ApplicantCasesPage })),
);
export const NewCasePage = lazy(() => chunks.newCase().then((m) => ({ default: m.NewCasePage })));
export const ApplicantCasePage = lazy(() =>
  chunks.applicantCase().then((m) => ({ default: m.ApplicantCasePage })),
);
export const PrintableFormPage = lazy(() =>
  chunks.printableForm().then((m) => ({ default: m.PrintableFormPage })),
);
export const HelpPage = lazy(() => chunks.help().then((m) => ({ default: m.HelpPage })));

// Staff only: the officer console.
export const OfficerQueuePage = lazy(() =>
  chunks.officerQueue().then((m) => ({ default: m.OfficerQueuePage })),
);
export const OfficerCasePage = lazy(() => chunks.officerCase().then((m) => ({ default: m.OfficerCasePage })));
// Staff search and lists; supervisors' override queue and dashboard (Chart.js lives in that chunk).
export const StaffCasesPage = lazy(chunks.staffCases);
export const OverrideQueuePage = lazy(chunks.overrideQueue);
export const SupervisorDashboardPage = lazy(chunks.supervisorDashboard);
// The applicant's approved filings, with the actions that apply to each.
export const ApplicantFilingsPage = lazy(() =>
  chunks.applicantFilings().then((m) => ({ default: m.ApplicantFilingsPage })),
);

/** The chunk each route shows to a signed-in user (the landing page is in the first chunk). */
const CHUNK_OF_ROUTE: Partial<Record<Route['name'], () => Promise<unknown>>> = {
  cases: chunks.applicantCases,
  filings: chunks.applicantFilings,
  'new-case': chunks.newCase,
  case: chunks.applicantCase,
  'edit-case': chunks.newCase,
  'case-form': chunks.printableForm,
  help: chunks.help,
  queue: chunks.officerQueue,
  'officer-case': chunks.officerCase,
  'staff-cases': chunks.staffCases,
  'override-queue': chunks.overrideQueue,
  dashboard: chunks.supervisorDashboard,
};

/**
 * Starts loading the chunk of the page the app opens on, while the settings (config.json) load and
 * before React renders: a phone then fetches the page's code at the same time as the settings
 * instead of one after the other (issue 17, Lighthouse's critical request chain). Only for a
 * signed-in visitor (help excepted): anyone else sees the landing page, which needs no chunk.
 */
export function preloadPage(route: Route, signedIn: boolean): void {
  if (!signedIn && route.name !== 'help') return;
  // A failed preload is not an error: the lazy component imports again and shows what went wrong.
  CHUNK_OF_ROUTE[route.name]?.().catch(() => undefined);
}
