/**
 * Service levels the workflow's clocks run on: how long the bureau takes (business days) and how long
 * a case may wait on the applicant before it expires (calendar days, since applicants act on weekends too).
 */
import { addBusinessDays, addCalendarDays, type IsoDate } from './china-calendar.ts';
import { provinceRule } from './province-rules.ts';
import type { ProvinceCode } from './provinces.ts';

/** Business days a provincial bureau takes to decide a filing (MIIT's 20-business-day review). */
export const BUREAU_REVIEW_BUSINESS_DAYS = 20;
/** A case waiting on the applicant expires this many calendar days after it started waiting. */
export const APPLICANT_WAIT_EXPIRY_DAYS = 45;
/** Reminders go out on these calendar days of the wait. */
export const APPLICANT_REMINDER_DAYS: readonly number[] = [30, 40];

/** Business days the bureau of `province` takes to decide. */
export const bureauReviewBusinessDays = (province: ProvinceCode): number =>
  provinceRule(province).bureauReviewBusinessDays ?? BUREAU_REVIEW_BUSINESS_DAYS;

/** The date by which the bureau should have decided a filing submitted on `submitted`. */
export const bureauDecisionDue = (submitted: IsoDate, province: ProvinceCode): IsoDate =>
  addBusinessDays(submitted, bureauReviewBusinessDays(province));

/** When to remind the applicant and when the case expires, for a wait that started on `since`. */
export function applicantWaitSchedule(since: IsoDate): { reminders: IsoDate[]; expiresOn: IsoDate } {
  return {
    reminders: APPLICANT_REMINDER_DAYS.map((d) => addCalendarDays(since, d)),
    expiresOn: addCalendarDays(since, APPLICANT_WAIT_EXPIRY_DAYS),
  };
}
