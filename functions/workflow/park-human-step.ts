import type { z } from 'zod';
import type { CaseRecord } from '#domain/case-record';
import { STATUS_OF_STEP } from '#domain/case-status';
import { chinaDate } from '#domain/china-calendar';
import { DOCUMENT_RULES, type DocumentType, isPrintableForm } from '#domain/document-types';
import { appointmentDetails } from './appointment-details.ts';
import { emailApplicant } from './case-notifications.ts';
import { resumeDocumentsIfComplete } from './documents-complete.ts';
import { FILING_TYPE_LABELS } from './filing-labels.ts';
import { loadCase } from './load-case.ts';
import { emailSmsRecipients } from './sms-verification.ts';
import { SYSTEM, stepTime } from './step-audit.ts';
import { dateAfterSeconds, officerStepDue } from './step-deadlines.ts';
import type { ParkHumanStepInput } from './task-inputs.ts';
import type { WorkflowDependencies } from './workflow-dependencies.ts';

type Input = z.infer<typeof ParkHumanStepInput>;

/**
 * The workflow now waits on a person. Stores the task token on the case's pending-task item (the
 * only place it lives), moves the case to the step's status and queue with a due date, and sends the
 * step's email. For DOCUMENTS, when every required document is already valid (uploaded before the
 * case was submitted, or while the workflow moved here), resumes the workflow at once.
 */
export async function parkHumanStep(deps: WorkflowDependencies, input: Input): Promise<void> {
  const now = deps.now();
  const before = await loadCase(deps, input.caseId);
  const dueDate = dueDateOf(input, before, now);
  await deps.store.putTask({
    caseId: input.caseId,
    step: input.step,
    token: input.taskToken,
    ...(dueDate ? { dueDate } : {}),
    now,
  });

  const status = STATUS_OF_STEP[input.step];
  const appointment = input.step === 'VERIFICATION' && input.appointment ? input.appointment : undefined;
  const withAppointment = (current: CaseRecord): CaseRecord => {
    if (appointment) {
      current.appointment = appointment;
      current.office = appointment.officeId;
    }
    return current;
  };
  // The SMS window is on the case before the case shows the step, so nobody sees the step without its end.
  if (input.step === 'SMS_VERIFICATION' && input.deadlineSeconds) {
    await openSmsWindow(deps, input.caseId, dateAfterSecondsIso(now, input.deadlineSeconds));
  }
  let record: CaseRecord;
  if (before.status !== status) {
    record = await deps.store.updateStatus({
      caseId: input.caseId,
      to: status,
      step: input.step,
      dueDate: dueDate ?? null,
      actor: SYSTEM,
      idempotencyKey: input.idempotencyKey,
      retryOnConflict: 5,
      now,
    });
    if (appointment) record = await deps.store.modifyCase(input.caseId, withAppointment, { now });
  } else {
    // Same status, next step (APPOINTMENT → VERIFICATION): one write moves the step and its appointment.
    record = await deps.store.modifyCase(
      input.caseId,
      (current) => {
        const unchanged =
          current.currentStep === input.step &&
          current.dueDate === dueDate &&
          (!appointment || JSON.stringify(current.appointment) === JSON.stringify(appointment));
        if (unchanged) return undefined;
        current.currentStep = input.step;
        if (dueDate) current.dueDate = dueDate;
        else delete current.dueDate;
        return withAppointment(current);
      },
      { now },
    );
    await deps.store.appendAudit({
      caseId: input.caseId,
      at: stepTime(input.idempotencyKey, deps.now()),
      idempotencyKey: input.idempotencyKey,
      actor: SYSTEM,
      action: 'STEP_OPENED',
      detail: { step: input.step, ...(appointment ? { appointment } : {}) },
    });
  }

  // Where the case came from, also when this is a retry of the invocation that moved it here.
  const cameFrom =
    before.status !== status
      ? before.status
      : before.lastTransition?.idempotencyKey === input.idempotencyKey
        ? before.lastTransition.from
        : undefined;
  if (input.step === 'SMS_VERIFICATION' && record.smsWindow) {
    await emailSmsRecipients(
      deps,
      record,
      'smsVerificationDue',
      record.smsWindow?.endsAt ?? '',
      input.idempotencyKey,
    );
  }
  await notify(deps, input, cameFrom, record);
  if (input.step === 'DOCUMENTS') await resumeDocumentsIfComplete(deps.store, deps.callbacks, input.caseId);
}

/**
 * Keeps the SMS window of this submission on the case (the console shows its end). The window opens when
 * the step is first entered; a retried park keeps the one already there.
 */
async function openSmsWindow(deps: WorkflowDependencies, caseId: string, endsAt: string) {
  const opensAt = deps.now().toISOString();
  return deps.store.modifyCase(
    caseId,
    (current) => {
      const open = current.smsWindow;
      if (open && Date.parse(open.opensAt) >= Date.parse(current.submission?.recordedAt ?? ''))
        return undefined;
      return { ...current, smsWindow: { opensAt, endsAt } };
    },
    { now: deps.now() },
  );
}

const dateAfterSecondsIso = (now: Date, seconds: number): string =>
  new Date(now.getTime() + seconds * 1000).toISOString();

function dueDateOf(input: Input, before: CaseRecord, now: Date): string | undefined {
  switch (input.step) {
    case 'DOCUMENTS':
      // The deadline is set when the wait starts and kept through its reminders.
      return input.deadlineSeconds ? dateAfterSeconds(now, input.deadlineSeconds) : before.dueDate;
    case 'VERIFICATION':
      return input.appointment ? chinaDate(input.appointment.startsAt) : before.dueDate;
    case 'BUREAU_DECISION':
    case 'SMS_VERIFICATION':
      return before.dueDate; // the bureau's, set by RecordSubmission from the submission date
    default:
      return officerStepDue(input.step, now);
  }
}

const documentLabel = (docType: DocumentType) => ({
  zh: DOCUMENT_RULES[docType].labelZh,
  en: DOCUMENT_RULES[docType].labelEn,
});

async function notify(
  deps: WorkflowDependencies,
  input: Input,
  cameFrom: CaseRecord['status'] | undefined,
  record: CaseRecord,
) {
  if (input.step === 'DOCUMENTS' && cameFrom === 'SUBMITTED') {
    // Only what is still missing: documents uploaded with the draft and already accepted are not asked for.
    const needed = record.requiredDocuments.filter(
      (docType) => record.documents[docType]?.status !== 'VALID',
    );
    await emailApplicant(
      deps,
      record,
      'caseOpened',
      {
        filingType: FILING_TYPE_LABELS[record.filingType],
        documentsNeeded: needed.map(documentLabel),
        printableForms: needed.filter(isPrintableForm).map(documentLabel),
      },
      input.idempotencyKey,
    );
  }
  if (input.step === 'REVIEW' && cameFrom === 'CROSS_CHECKING') {
    await emailApplicant(deps, record, 'documentsComplete', {}, input.idempotencyKey);
  }
  if (input.step === 'VERIFICATION' && input.notify === 'appointmentScheduled' && input.appointment) {
    await emailApplicant(
      deps,
      record,
      'appointmentScheduled',
      appointmentDetails(input.appointment, record.applicantType),
      input.idempotencyKey,
    );
  }
}
