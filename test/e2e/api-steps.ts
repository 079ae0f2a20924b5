/**
 * Moving a case through the workflow by the API, for the browser tests that need a case at a later
 * step than the one they exercise in the page: the applicant's uploads and submission, the in-person
 * visit, and the officers' steps up to the bureau's approval.
 */
import type { ApplicationInput } from '#domain/application';
import { type apiAs, uploadSampleDocuments, waitUntil } from '#stack/api-client';

type Api = ReturnType<typeof apiAs>;

/**
 * How long a step may take on a shared, busy machine (inspections run in the on-upload Lambda's
 * worker): a bound on waiting, not an assertion about speed.
 */
const STEP_WAIT_SECONDS = 240;

/** An instant as the console sends it: China time with its offset, to the second. */
const chinaIsoTime = (instant: Date) =>
  `${new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;

export interface CaseState {
  caseId: string;
  status: string;
  currentStep?: string;
  requiredDocuments: string[];
  application: ApplicationInput;
}

export const readCase = (api: Api, caseId: string) => () => api<CaseState>('GET', `/cases/${caseId}`);

const waitForStep = (api: Api, caseId: string, step: string, seconds = STEP_WAIT_SECONDS) =>
  waitUntil(readCase(api, caseId), (c) => c.currentStep === step, step, seconds);

/** The applicant uploads every required document, submits, and the case reaches the officers' review. */
export async function submitWithDocuments(api: Api, draft: CaseState): Promise<void> {
  await uploadSampleDocuments(api, draft.caseId, draft.application, draft.requiredDocuments as never);
  // Read as each document's status alone, so a wait that runs out says which document stayed behind.
  await waitUntil(
    async () => {
      const c = await api<{ documents: Record<string, { status: string }> }>('GET', `/cases/${draft.caseId}`);
      return Object.fromEntries(draft.requiredDocuments.map((d) => [d, c.documents[d]?.status ?? 'MISSING']));
    },
    (statuses) => Object.values(statuses).every((status) => status === 'VALID'),
    'inspections',
    STEP_WAIT_SECONDS,
  );
  await api('POST', `/cases/${draft.caseId}/submit`);
  await waitForStep(api, draft.caseId, 'REVIEW');
}

/**
 * The responsible person attends at `officeId`: presence is recorded once the appointment has started,
 * so the officer books it a few seconds ahead and records presence when it has begun. `reader` is the
 * applicant's API, which the waits read the case through.
 */
export async function attendInPerson(
  officerApi: Api,
  reader: Api,
  caseId: string,
  officeId: string,
  seconds = STEP_WAIT_SECONDS,
): Promise<void> {
  await waitForStep(reader, caseId, 'APPOINTMENT', seconds);
  const startsAt = chinaIsoTime(new Date(Date.now() + 3000));
  await officerApi('POST', `/officer/cases/${caseId}/appointment`, { officeId, startsAt });
  await waitForStep(reader, caseId, 'VERIFICATION', seconds);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(startsAt) - Date.now() + 1000)));
  await officerApi('POST', `/officer/cases/${caseId}/verification`, { outcome: 'PRESENT' });
}

/** From the officer review to the bureau's approval with `icpNumber`, through the API and the workflow. */
export async function approveFromReview(
  officerApi: Api,
  reader: Api,
  caseId: string,
  icpNumber: string,
  verification: boolean,
): Promise<void> {
  await officerApi('POST', `/officer/cases/${caseId}/review`, { decision: 'APPROVE' });
  if (verification) await attendInPerson(officerApi, reader, caseId, 'BJ');
  await waitForStep(reader, caseId, 'BUREAU_SUBMISSION');
  await officerApi('POST', `/officer/cases/${caseId}/bureau-submission`, {
    submittedAt: new Date().toISOString(),
  });
  await waitForStep(reader, caseId, 'SMS_VERIFICATION');
  await officerApi('POST', `/officer/cases/${caseId}/sms-verification`, { outcome: 'COMPLETED' });
  await waitForStep(reader, caseId, 'BUREAU_DECISION');
  await officerApi('POST', `/officer/cases/${caseId}/bureau-decision`, { decision: 'APPROVE', icpNumber });
  await waitUntil(readCase(reader, caseId), (c) => c.status === 'APPROVED', 'approval', STEP_WAIT_SECONDS);
}
