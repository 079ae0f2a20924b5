import type { HumanStep } from '#domain/case-status';
import { addBusinessDays, chinaDate, type IsoDate } from '#domain/china-calendar';

/**
 * How many China business days officers have for each of their steps; the queue sorts by the
 * resulting due date and flags what is overdue. The applicant's and the bureau's clocks are set
 * elsewhere (the documents wait from the execution's settings, the bureau's from the submission).
 */
export const OFFICER_STEP_BUSINESS_DAYS: Partial<Record<HumanStep, number>> = {
  REVIEW: 2,
  LICENCE_REVIEW: 5,
  APPOINTMENT: 2,
  BUREAU_SUBMISSION: 1,
};

/** The due date of an officer step opened at `now`. */
export function officerStepDue(step: HumanStep, now: Date): IsoDate | undefined {
  const days = OFFICER_STEP_BUSINESS_DAYS[step];
  return days === undefined ? undefined : addBusinessDays(chinaDate(now), days);
}

/** The China date `seconds` after `now` (the documents deadline). */
export const dateAfterSeconds = (now: Date, seconds: number): IsoDate =>
  chinaDate(now.getTime() + seconds * 1000);
