/**
 * The applicant told when the responsible person's presence is confirmed (issue 17: no email was
 * sent). Sent by the API once the officer's PRESENT decision is accepted, through the case's outbox,
 * once per case and appointment.
 */
import { appointmentDetails } from '#workflow/appointment-details';
import { emailApplicant } from '#workflow/case-notifications';
import type { ApiDependencies } from './dependencies.ts';

export async function noticePresenceConfirmed(deps: ApiDependencies, caseId: string): Promise<void> {
  const record = await deps.store.getCase(caseId);
  if (!record?.appointment) return;
  const { office, when } = appointmentDetails(
    record.appointment as Parameters<typeof appointmentDetails>[0],
    record.applicantType,
  );
  await emailApplicant(
    { store: deps.store, portalUrl: deps.settings.portalUrl ?? '', now: deps.now },
    record,
    'presenceConfirmed',
    { office, when },
    record.appointment.startsAt,
  );
}
