/**
 * The route pages, each loaded when its route is first shown (React.lazy over a dynamic import), so
 * a visitor's first page carries the shell and the landing page only: the applicant's form (the
 * domain schemas, the public-suffix list), the case page, and everything only staff use (the
 * officer console, pdf.js) come in their own chunks. console/README.md gives the bytes measured.
 */
import { lazy } from 'react';

// The pages export named components; React.lazy takes a module's default, hence the `then`.

// The applicant's pages.
export const ApplicantCasesPage = lazy(() =>
  import('./pages/applicant-cases.tsx').then((m) => ({ default: m.ApplicantCasesPage })),
);
export const NewCasePage = lazy(() =>
  import('./pages/new-case.tsx').then((m) => ({ default: m.NewCasePage })),
);
export const ApplicantCasePage = lazy(() =>
  import('./pages/applicant-case.tsx').then((m) => ({ default: m.ApplicantCasePage })),
);
export const PrintableFormPage = lazy(() =>
  import('./pages/printable-form.tsx').then((m) => ({ default: m.PrintableFormPage })),
);
export const HelpPage = lazy(() => import('./pages/help.tsx').then((m) => ({ default: m.HelpPage })));

// Staff only: the officer console.
export const OfficerQueuePage = lazy(() =>
  import('./pages/officer-queue.tsx').then((m) => ({ default: m.OfficerQueuePage })),
);
export const OfficerCasePage = lazy(() =>
  import('./pages/officer-case.tsx').then((m) => ({ default: m.OfficerCasePage })),
);
// Staff search and lists; supervisors' override queue and dashboard (Chart.js lives in that chunk).
export const StaffCasesPage = lazy(() => import('./pages/staff-cases.tsx'));
export const OverrideQueuePage = lazy(() => import('./pages/override-queue.tsx'));
export const SupervisorDashboardPage = lazy(() => import('./pages/supervisor-dashboard.tsx'));
// The applicant's approved filings, with the actions that apply to each.
export const ApplicantFilingsPage = lazy(() =>
  import('./pages/applicant-filings.tsx').then((m) => ({ default: m.ApplicantFilingsPage })),
);
