import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addCalendarDays,
  businessDaysBetween,
  chinaDate,
  holidayOn,
  isBusinessDay,
} from '#domain/china-calendar';
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
  it('gives the bureau 20 business days, Zhejiang 30', () => {
    expect(bureauReviewBusinessDays('BJ')).toBe(20);
    expect(bureauReviewBusinessDays('ZJ')).toBe(30);
    expect(bureauDecisionDue('2025-09-26', 'BJ')).toBe('2025-10-30');
  });

  it('reminds the applicant after 30 and 40 days and expires the case after 45', () => {
    expect(applicantWaitSchedule('2025-01-01')).toEqual({
      reminders: ['2025-01-31', '2025-02-10'],
      expiresOn: '2025-02-15',
    });
  });
});
