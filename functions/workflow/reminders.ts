import type { z } from 'zod';
import { chinaDate } from '#domain/china-calendar';
import { appointmentDetails } from './appointment-details.ts';
import { emailApplicant } from './case-notifications.ts';
import { loadCase } from './load-case.ts';
import { emailSmsRecipients } from './sms-verification.ts';
import { SYSTEM, stepTime } from './step-audit.ts';
import type { RecordNoShowInput, SendReminderInput } from './task-inputs.ts';
import type { WorkflowDependencies } from './workflow-dependencies.ts';

const DAY_MS = 86_400_000;

/**
 * Reminds the applicant: documents still missing before expiry, tomorrow's appointment, or the bureau's
 * SMS check before its window ends.
 */
export async function sendReminder(
  deps: WorkflowDependencies,
  input: z.infer<typeof SendReminderInput>,
): Promise<void> {
  const record = await loadCase(deps, input.caseId);
  if (input.kind === 'APPOINTMENT') {
    if (!input.appointment) throw new Error('An appointment reminder needs the appointment');
    await emailApplicant(
      deps,
      record,
      'appointmentReminder',
      appointmentDetails(input.appointment, record.applicantType),
      input.idempotencyKey,
    );
    return;
  }
  if (input.kind === 'SMS') {
    // The window's end as the step opened it; the reminder goes out shortly before (settings.smsWaitSeconds).
    const endsAt = record.smsWindow?.endsAt ?? deps.now().toISOString();
    await emailSmsRecipients(deps, record, 'smsVerificationReminder', endsAt, input.idempotencyKey);
    return;
  }
  const today = chinaDate(deps.now());
  const expiresOn = record.dueDate ?? today;
  const daysLeft = Math.max(0, Math.round((Date.parse(expiresOn) - Date.parse(today)) / DAY_MS));
  await emailApplicant(deps, record, 'expiryReminder', { daysLeft, expiresOn }, input.idempotencyKey);
}

/** The responsible person did not come: tell the applicant how many reschedules are left. */
export async function recordNoShow(
  deps: WorkflowDependencies,
  input: z.infer<typeof RecordNoShowInput>,
): Promise<void> {
  const record = await loadCase(deps, input.caseId);
  await deps.store.appendAudit({
    caseId: input.caseId,
    at: stepTime(input.idempotencyKey, deps.now()),
    idempotencyKey: input.idempotencyKey,
    actor: SYSTEM,
    action: 'NO_SHOW_RECORDED',
    detail: { reschedulesLeft: input.reschedulesLeft },
  });
  await emailApplicant(
    deps,
    record,
    'noShow',
    { reschedulesLeft: input.reschedulesLeft },
    input.idempotencyKey,
  );
}
