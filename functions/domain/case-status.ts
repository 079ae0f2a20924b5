import * as z from 'zod';
import { DomainError } from './errors.ts';

/**
 * Where a case is. The workflow moves a case only along TRANSITIONS; anything else is an
 * IllegalTransition error, never a silent overwrite.
 */
export const CaseStatus = z.enum([
  'DRAFT', // the applicant is still editing; nothing has started
  'SUBMITTED', // workflow started, eligibility being checked
  'AWAITING_DOCUMENTS', // waiting on the applicant to upload (or re-upload) documents
  'CROSS_CHECKING', // every required document is valid; checking they agree with each other
  'UNDER_REVIEW', // an officer reviews the documents
  'LICENCE_REVIEW', // COMMERCIAL only: licence review and the province's fee
  'AWAITING_VERIFICATION', // in-person verification of the responsible person (schedule, attend)
  'READY_FOR_BUREAU', // an officer submits the filing to the provincial communications administration
  'AT_BUREAU', // waiting for the bureau's decision
  'APPROVED',
  'REJECTED',
  'EXPIRED',
  'WITHDRAWN',
  'CLOSED_NO_SHOW',
  'FAILED', // a technical failure officers must look at
]);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const TERMINAL_STATUSES: ReadonlySet<CaseStatus> = new Set([
  'APPROVED',
  'REJECTED',
  'EXPIRED',
  'WITHDRAWN',
  'CLOSED_NO_SHOW',
  'FAILED',
]);

/** The human steps a workflow execution can be parked on (a callback task with a stored token). */
export const HumanStep = z.enum([
  'DOCUMENTS', // applicant uploads; resumed by the on-upload handler
  'REVIEW', // officer document review
  'LICENCE_REVIEW', // officer licence review (COMMERCIAL)
  'APPOINTMENT', // officer books the in-person verification (office, date and time)
  'VERIFICATION', // officer confirms the responsible person attended, or records a no-show
  'BUREAU_SUBMISSION', // officer records the submission to the bureau
  'SMS_VERIFICATION', // the bureau's SMS check after the submission; officer records the outcome
  'BUREAU_DECISION', // officer records the bureau's decision
]);
export type HumanStep = z.infer<typeof HumanStep>;

/** The status a case has while it waits on each human step. */
export const STATUS_OF_STEP: Record<HumanStep, CaseStatus> = {
  DOCUMENTS: 'AWAITING_DOCUMENTS',
  REVIEW: 'UNDER_REVIEW',
  LICENCE_REVIEW: 'LICENCE_REVIEW',
  APPOINTMENT: 'AWAITING_VERIFICATION',
  VERIFICATION: 'AWAITING_VERIFICATION',
  BUREAU_SUBMISSION: 'READY_FOR_BUREAU',
  SMS_VERIFICATION: 'AT_BUREAU',
  BUREAU_DECISION: 'AT_BUREAU',
};

// Withdrawal is allowed from every state that waits on people; FAILED from every non-terminal state.
const waiting: CaseStatus[] = [
  'AWAITING_DOCUMENTS',
  'UNDER_REVIEW',
  'LICENCE_REVIEW',
  'AWAITING_VERIFICATION',
  'READY_FOR_BUREAU',
  'AT_BUREAU',
];

export const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  DRAFT: ['SUBMITTED', 'WITHDRAWN'],
  SUBMITTED: ['AWAITING_DOCUMENTS', 'REJECTED', 'FAILED'],
  AWAITING_DOCUMENTS: ['CROSS_CHECKING', 'EXPIRED', 'WITHDRAWN', 'FAILED'],
  CROSS_CHECKING: ['UNDER_REVIEW', 'AWAITING_DOCUMENTS', 'FAILED'],
  UNDER_REVIEW: [
    'AWAITING_DOCUMENTS',
    'LICENCE_REVIEW',
    'AWAITING_VERIFICATION',
    'READY_FOR_BUREAU', // CHANGE_HOSTING has no in-person verification
    'REJECTED',
    'WITHDRAWN',
    'FAILED',
  ],
  LICENCE_REVIEW: ['AWAITING_VERIFICATION', 'READY_FOR_BUREAU', 'REJECTED', 'WITHDRAWN', 'FAILED'],
  AWAITING_VERIFICATION: ['READY_FOR_BUREAU', 'CLOSED_NO_SHOW', 'WITHDRAWN', 'FAILED'],
  READY_FOR_BUREAU: ['AT_BUREAU', 'WITHDRAWN', 'FAILED'],
  // A bureau return (退回) sends the case back for corrections: named documents are uploaded again.
  AT_BUREAU: ['APPROVED', 'REJECTED', 'AWAITING_DOCUMENTS', 'WITHDRAWN', 'FAILED'],
  APPROVED: [],
  REJECTED: [],
  EXPIRED: [],
  WITHDRAWN: [],
  CLOSED_NO_SHOW: [],
  FAILED: [],
};

export const isWaitingOnPeople = (status: CaseStatus): boolean => waiting.includes(status);

/** True when `to` may follow `from`. Staying in the same status is not a transition. */
export const canTransition = (from: CaseStatus, to: CaseStatus): boolean => TRANSITIONS[from].includes(to);

/** Returns `to` when the move is legal; throws ILLEGAL_TRANSITION otherwise. */
export function assertTransition(from: CaseStatus, to: CaseStatus): CaseStatus {
  if (!canTransition(from, to)) {
    throw new DomainError({
      code: 'ILLEGAL_TRANSITION',
      message: `A case cannot move from ${from} to ${to}.`,
      messageZh: `案件状态不能从 ${from} 变更为 ${to}。`,
      field: 'status',
    });
  }
  return to;
}
