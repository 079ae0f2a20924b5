/**
 * Service levels the workflow's clocks run on: how long the bureau takes (business days) and how long
 * a case may wait on the applicant before it expires (calendar days, since applicants act on weekends too).
 */
import { addCalendarDays, type DueDate, dueAfterBusinessDays, type IsoDate } from './china-calendar.ts';
import type { FilingType } from './filing.ts';
import type { ProvinceCode } from './provinces.ts';

/**
 * Working days the provincial bureau has to decide a filing, in every province: "省通信管理局在收到备案人
 * 提交的备案材料后，材料齐全的，应在二十个工作日内予以备案" (《非经营性互联网信息服务备案管理办法》,
 * MIIT Order No. 33, art. 12; quoted by http://ghyun.com.cn/home/document/document/104 , checked 2026-12-02).
 * No province has a longer statutory period: the "Zhejiang 30 business days" once coded here had no
 * regulatory basis and is gone.
 */
export const BUREAU_REVIEW_BUSINESS_DAYS = 20;
/** A case waiting on the applicant expires this many calendar days after it started waiting. */
export const APPLICANT_WAIT_EXPIRY_DAYS = 45;
/** Reminders go out on these calendar days of the wait. */
export const APPLICANT_REMINDER_DAYS: readonly number[] = [30, 40];

/** Business days the bureau of `province` has by law to decide (MIIT Order 33, art. 12: 20 everywhere). */
export const bureauReviewBusinessDays = (_province: ProvinceCode): number => BUREAU_REVIEW_BUSINESS_DAYS;

/**
 * The date by which the bureau must have decided a filing submitted on `submitted` (the bureau's legal
 * period, not a target of ours), provisional when it crosses an unpublished holiday calendar.
 */
export const bureauDecisionDue = (submitted: IsoDate, province: ProvinceCode): DueDate =>
  dueAfterBusinessDays(submitted, bureauReviewBusinessDays(province));

/**
 * Days (calendar days: the regulations say 日, not 工作日) the telecom administration has to decide a
 * value-added telecom licence (ICP经营许可证) once it has accepted the application: "电信管理机构应当自
 * 收到申请之日起60日内审查完毕，作出予以批准或者不予批准的决定" (《中华人民共和国电信条例》 art. 13) and, in
 * 《电信业务经营许可管理办法》 (MIIT Order No. 42), "自发出受理申请通知书之日起60日内完成审查工作" — quoted at
 * http://m.m8441.cn/news/bowenshow/1421.html , checked 2026-12-02. We count from the day the officer
 * records the submission, which is when the provider hands the application in.
 */
export const LICENCE_DECISION_CALENDAR_DAYS = 60;

/**
 * The bureau's legal due date for a case submitted on `submitted`: the licence's 60 calendar days for
 * COMMERCIAL, the filing's 20 working days (MIIT Order 33 art. 12) for every other kind.
 */
export function bureauDueFor(submitted: IsoDate, province: ProvinceCode, filingType: FilingType): DueDate {
  if (filingType === 'COMMERCIAL') {
    return { date: addCalendarDays(submitted, LICENCE_DECISION_CALENDAR_DAYS), provisional: false };
  }
  return bureauDecisionDue(submitted, province);
}

/** When to remind the applicant and when the case expires, for a wait that started on `since`. */
export function applicantWaitSchedule(since: IsoDate): { reminders: IsoDate[]; expiresOn: IsoDate } {
  return {
    reminders: APPLICANT_REMINDER_DAYS.map((d) => addCalendarDays(since, d)),
    expiresOn: addCalendarDays(since, APPLICANT_WAIT_EXPIRY_DAYS),
  };
}
