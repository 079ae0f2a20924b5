import * as z from 'zod';
import { BureauReturnReason } from '#domain/bureau-return';
import { HumanStep } from '#domain/case-status';
import { DocumentType } from '#domain/document-types';
import { OfficeId } from '#domain/offices';

/**
 * The payloads the state machine sends each task function (see statemachines/icp-case.asl.json).
 * Parsed with zod so that a drift between the definition and the code fails loudly, by name.
 */
const base = { caseId: z.string().min(1), idempotencyKey: z.string().min(1) };

/** A reason as officers give it and the workflow passes it on. */
export const Reason = z.object({
  code: z.string().optional(),
  message: z.string().min(1),
  messageZh: z.string().min(1),
});
export type Reason = z.infer<typeof Reason>;

export const Appointment = z.object({ officeId: OfficeId, startsAt: z.iso.datetime({ offset: true }) });
export type Appointment = z.infer<typeof Appointment>;

export const CaseTaskInput = z.object(base);

export const ParkHumanStepInput = z.object({
  ...base,
  step: HumanStep,
  taskToken: z.string().min(1),
  deadlineSeconds: z.number().positive().nullish(),
  round: z.number().int().optional(),
  maxRounds: z.number().int().optional(),
  appointment: Appointment.nullish(),
  notify: z.literal('appointmentScheduled').nullish(),
  noShows: z.number().int().optional(),
});

export const ReturnDocumentsInput = z.object({
  ...base,
  documents: z.array(z.object({ docType: DocumentType, reason: Reason })).min(1),
  roundsLeft: z.number().int(),
});

export const SendReminderInput = z.object({
  ...base,
  kind: z.enum(['DOCUMENTS', 'APPOINTMENT', 'SMS']),
  appointment: Appointment.nullish(),
});

/** The bureau returned the filing (or the SMS check did): `round` counts from 1. */
export const ReturnFromBureauInput = z.object({
  ...base,
  reasons: z.array(BureauReturnReason).min(1),
  round: z.number().int().min(1),
  returnsLeft: z.number().int(),
});

export const RecordNoShowInput = z.object({ ...base, reschedulesLeft: z.number().int() });

export const RecordSubmissionInput = z.object({
  ...base,
  submission: z.object({ submittedAt: z.iso.datetime({ offset: true }), reference: z.string().optional() }),
});

export const IssueNumberInput = z.object({ ...base, icpNumber: z.string().min(1) });

export const FinishCaseInput = z.object({
  ...base,
  outcome: z.enum(['REJECTED', 'EXPIRED', 'WITHDRAWN', 'CLOSED_NO_SHOW']),
  reasons: z.array(Reason).default([]),
});

export const MarkFailedInput = z.object({ ...base, error: z.string().nullish() });
