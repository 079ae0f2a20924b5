import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addCalendarDays,
  businessDaysBetween,
  CALENDAR,
  calendarYear,
  chinaDate,
  dueAfterBusinessDays,
  holidayOn,
  isBusinessDay,
  isProvisionalDue,
  isPublishedYear,
  unpublishedYearsBetween,
} from '#domain/china-calendar';
import { PROVINCES } from '#domain/provinces';
import { applicantWaitSchedule, bureauDecisionDue, bureauReviewBusinessDays } from '#domain/sla';

describe('China business-day calendar', () => {
  it('treats the whole 2025-10-01..08 National Day and Mid-Autumn week as holidays', () => {
    for (let d = 1; d <= 8; d++) expect(isBusinessDay(`2025-10-0${d}`)).toBe(false);
    expect(holidayOn('2025-10-06')?.nameZh).toBe('国庆节、中秋节');
  });

  it('makes Sunday 2025-09-28 and Saturday 2025-10-11 working days', () => {
    expect(isBusinessDay('2025-09-28')).toBe(true);
    expect(isBusinessDay('2025-10-11')).toBe(true);
  });

  it('gives the first business day after 30 September 2025 as 9 October', () => {
    expect(addBusinessDays('2025-09-30', 1)).toBe('2025-10-09');
  });

  it('treats Spring Festival 2025 (01-28..02-04) and 2026 (02-15..02-23) as holidays with their make-up days', () => {
    expect(isBusinessDay('2025-01-28')).toBe(false);
    expect(isBusinessDay('2025-02-04')).toBe(false);
    expect(isBusinessDay('2025-01-26')).toBe(true);
    expect(isBusinessDay('2025-02-08')).toBe(true);
    expect(isBusinessDay('2026-02-16')).toBe(false);
    expect(isBusinessDay('2026-02-23')).toBe(false);
    expect(isBusinessDay('2026-02-14')).toBe(true);
    expect(isBusinessDay('2026-02-28')).toBe(true);
  });

  it('treats the provisional Spring Festival 2027 around 6 February as holidays', () => {
    expect(isBusinessDay('2027-02-05')).toBe(false);
    expect(isBusinessDay('2027-02-08')).toBe(false);
    expect(holidayOn('2027-02-06')?.nameEn).toBe('Spring Festival');
  });

  it('treats ordinary weekends as days off and ordinary weekdays as business days', () => {
    expect(isBusinessDay('2025-03-08')).toBe(false); // Saturday
    expect(isBusinessDay('2025-03-10')).toBe(true); // Monday
  });

  it('counts 20 bureau business days from 2025-09-26 across the National Day week', () => {
    // By hand: Sun 28 Sep (make-up) 1, 29–30 Sep 3, [1–8 Oct off], 9–10 Oct 5, Sat 11 Oct (make-up) 6,
    // 13–17 Oct 11, 20–24 Oct 16, 27–30 Oct 20.
    expect(addBusinessDays('2025-09-26', 20)).toBe('2025-10-30');
    expect(businessDaysBetween('2025-09-26', '2025-10-30')).toBe(20);
  });

  it('goes backwards with a negative count and counts negatively', () => {
    expect(addBusinessDays('2025-10-09', -1)).toBe('2025-09-30');
    expect(businessDaysBetween('2025-10-09', '2025-09-30')).toBe(-1);
  });

  it('property: businessDaysBetween inverts addBusinessDays over 2025–2027', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 60 }), (offset, n) => {
        const start = addCalendarDays('2025-01-01', offset);
        const end = addBusinessDays(start, n);
        expect(businessDaysBetween(start, end)).toBe(n);
        if (n > 0) expect(isBusinessDay(end)).toBe(true);
      }),
    );
  });

  it('gives the China date of an instant (UTC+8)', () => {
    expect(chinaDate('2025-09-30T15:59:59Z')).toBe('2025-09-30');
    expect(chinaDate('2025-09-30T16:00:00Z')).toBe('2025-10-01');
    expect(chinaDate(new Date('2025-12-31T23:00:00-05:00'))).toBe('2026-01-01');
  });

  it('rejects dates that do not exist', () => {
    expect(() => isBusinessDay('2025-02-29')).toThrow(RangeError);
  });
});

describe('SLA', () => {
  it('gives every bureau the 20 working days of MIIT Order 33 art. 12, Zhejiang included', () => {
    for (const province of PROVINCES) expect(bureauReviewBusinessDays(province.code)).toBe(20);
    expect(bureauDecisionDue('2025-09-26', 'BJ')).toEqual({ date: '2025-10-30', provisional: false });
    expect(bureauDecisionDue('2025-09-26', 'ZJ')).toEqual({ date: '2025-10-30', provisional: false });
  });

  it('marks the bureau’s due date provisional when the 20 days run into 2027, whose notice is not out', () => {
    const due = bureauDecisionDue('2026-12-15', 'BJ');
    expect(due.provisional).toBe(true);
    expect(businessDaysBetween('2026-12-15', due.date)).toBe(20);
  });

  it('reminds the applicant after 30 and 40 days and expires the case after 45', () => {
    expect(applicantWaitSchedule('2025-01-01')).toEqual({
      reminders: ['2025-01-31', '2025-02-10'],
      expiresOn: '2025-02-15',
    });
  });
});

describe('calendar as data', () => {
  it('has one entry per year, each with its source, publication date and provisional flag', () => {
    expect(CALENDAR.map((y) => y.year)).toEqual([2025, 2026, 2027]);
    for (const year of CALENDAR) {
      expect(year.source.url).toMatch(/^https:\/\//);
      expect(year.provisional || year.publishedOn !== undefined, String(year.year)).toBe(true);
      for (const h of year.holidays) expect(h.from.startsWith(String(year.year))).toBe(true);
      for (const d of year.makeupWorkdays) expect(d.startsWith(String(year.year))).toBe(true);
    }
    expect(calendarYear(2026)?.publishedOn).toBe('2025-11-04');
  });

  it('keeps 2027 provisional until the State Council notice is loaded, and knows nothing of 2028', () => {
    expect(isPublishedYear(2025)).toBe(true);
    expect(isPublishedYear(2026)).toBe(true);
    expect(calendarYear(2027)?.provisional).toBe(true);
    expect(isPublishedYear(2027)).toBe(false);
    expect(calendarYear(2028)).toBeUndefined();
    expect(isPublishedYear(2028)).toBe(false);
  });

  it('returns a due date inside published years as certain', () => {
    expect(dueAfterBusinessDays('2026-03-02', 20)).toEqual({ date: '2026-03-30', provisional: false });
  });

  it('marks a due date provisional when the count crosses into a provisional year', () => {
    const due = dueAfterBusinessDays('2026-12-28', 5);
    expect(due.provisional).toBe(true);
    expect(unpublishedYearsBetween('2026-12-28', due.date)).toEqual([2027]);
  });

  it('marks a due date provisional in a year with no entry at all, never silently weekends-only', () => {
    const due = dueAfterBusinessDays('2028-03-01', 3);
    expect(due).toEqual({ date: '2028-03-06', provisional: true });
    expect(unpublishedYearsBetween('2026-06-01', '2028-01-05')).toEqual([2027, 2028]);
  });

  it('tells the console whether a stored due date is provisional as seen from today', () => {
    expect(isProvisionalDue('2026-12-02', '2026-12-30')).toBe(false);
    expect(isProvisionalDue('2026-12-02', '2027-01-04')).toBe(true);
    expect(isProvisionalDue('2027-01-04', '2026-12-30')).toBe(true); // overdue across the year end
  });
});
