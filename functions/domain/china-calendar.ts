/**
 * The mainland China working calendar: official holidays and the make-up working days (调休) that move
 * weekends around them. Dates are 'YYYY-MM-DD' strings in China time (Asia/Shanghai, UTC+8, no DST).
 * Outside CALENDAR_YEARS only weekends count as days off: extend the data every November, when the
 * State Council publishes the next year.
 */

export type IsoDate = string;

interface Holiday {
  from: IsoDate;
  to: IsoDate;
  nameZh: string;
  nameEn: string;
}

// 2025: 国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号, 2024-11-12
// (https://www.gov.cn/ , reprinted by Xinhua: https://m.gmw.cn/2024-11/12/content_1303894933.htm).
// 2026: 国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04
// (Xinhua, reprinted at https://politics.gmw.cn/2025-11/04/content_38391083.htm).
// 2027: PROVISIONAL, not published yet (as of late 2026). Derived from the fixed-date holidays, the lunar
// dates (Spring Festival 2027-02-06, Qingming 04-05, Dragon Boat 06-09, Mid-Autumn 09-15) and the
// principles stated in the 2025 notice: Spring Festival 8 days from New Year's Eve, National Day 7 days
// from 1 Oct, Labour Day 5 days, the others 3 days (only the day itself when it falls on a Wednesday).
// The make-up days of 2027 follow the 2025/2026 pattern (a weekend day before and after) and are the
// least certain part: replace the whole year when the notice comes out.
const HOLIDAYS: readonly Holiday[] = [
  { from: '2025-01-01', to: '2025-01-01', nameZh: '元旦', nameEn: "New Year's Day" },
  { from: '2025-01-28', to: '2025-02-04', nameZh: '春节', nameEn: 'Spring Festival' },
  { from: '2025-04-04', to: '2025-04-06', nameZh: '清明节', nameEn: 'Qingming Festival' },
  { from: '2025-05-01', to: '2025-05-05', nameZh: '劳动节', nameEn: 'Labour Day' },
  { from: '2025-05-31', to: '2025-06-02', nameZh: '端午节', nameEn: 'Dragon Boat Festival' },
  {
    from: '2025-10-01',
    to: '2025-10-08',
    nameZh: '国庆节、中秋节',
    nameEn: 'National Day and Mid-Autumn Festival',
  },
  { from: '2026-01-01', to: '2026-01-03', nameZh: '元旦', nameEn: "New Year's Day" },
  { from: '2026-02-15', to: '2026-02-23', nameZh: '春节', nameEn: 'Spring Festival' },
  { from: '2026-04-04', to: '2026-04-06', nameZh: '清明节', nameEn: 'Qingming Festival' },
  { from: '2026-05-01', to: '2026-05-05', nameZh: '劳动节', nameEn: 'Labour Day' },
  { from: '2026-06-19', to: '2026-06-21', nameZh: '端午节', nameEn: 'Dragon Boat Festival' },
  { from: '2026-09-25', to: '2026-09-27', nameZh: '中秋节', nameEn: 'Mid-Autumn Festival' },
  { from: '2026-10-01', to: '2026-10-07', nameZh: '国庆节', nameEn: 'National Day' },
  // 2027, provisional (see above)
  { from: '2027-01-01', to: '2027-01-03', nameZh: '元旦', nameEn: "New Year's Day" },
  { from: '2027-02-05', to: '2027-02-12', nameZh: '春节', nameEn: 'Spring Festival' },
  { from: '2027-04-03', to: '2027-04-05', nameZh: '清明节', nameEn: 'Qingming Festival' },
  { from: '2027-05-01', to: '2027-05-05', nameZh: '劳动节', nameEn: 'Labour Day' },
  { from: '2027-06-09', to: '2027-06-09', nameZh: '端午节', nameEn: 'Dragon Boat Festival' },
  { from: '2027-09-15', to: '2027-09-15', nameZh: '中秋节', nameEn: 'Mid-Autumn Festival' },
  { from: '2027-10-01', to: '2027-10-07', nameZh: '国庆节', nameEn: 'National Day' },
];

/** Weekend days that are working days because a holiday borrowed them (调休上班). */
export const MAKEUP_WORKDAYS: ReadonlySet<IsoDate> = new Set([
  '2025-01-26',
  '2025-02-08',
  '2025-04-27',
  '2025-09-28',
  '2025-10-11',
  '2026-01-04',
  '2026-02-14',
  '2026-02-28',
  '2026-05-09',
  '2026-09-20',
  '2026-10-10',
  // 2027, provisional
  '2027-01-31',
  '2027-02-20',
  '2027-05-08',
  '2027-09-26',
  '2027-10-09',
]);

export const CALENDAR_YEARS: readonly number[] = [2025, 2026, 2027];

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

const toEpochDay = (date: IsoDate): number => {
  if (!isIsoDate(date)) throw new RangeError(`Not a 'YYYY-MM-DD' date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
};
const fromEpochDay = (day: number): IsoDate => new Date(day * DAY_MS).toISOString().slice(0, 10);

const HOLIDAY_OF = new Map<IsoDate, Holiday>();
for (const holiday of HOLIDAYS) {
  for (let d = toEpochDay(holiday.from); d <= toEpochDay(holiday.to); d++)
    HOLIDAY_OF.set(fromEpochDay(d), holiday);
}

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

/** The date in China (UTC+8) at an instant: what "today" means for applicants, officers and bureaus. */
export function chinaDate(instant: Date | number | string = new Date()): IsoDate {
  const ms = instant instanceof Date ? instant.getTime() : new Date(instant).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Not an instant: ${String(instant)}`);
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The date and minute in China (UTC+8) at an instant, `YYYY-MM-DD HH:mm`: how messages name a time. */
export function chinaDateTime(instant: Date | number | string): string {
  const ms = instant instanceof Date ? instant.getTime() : new Date(instant).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Not an instant: ${String(instant)}`);
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The date `days` calendar days after (or before, when negative) `date`. */
export const addCalendarDays = (date: IsoDate, days: number): IsoDate =>
  fromEpochDay(toEpochDay(date) + days);

/** The official holiday covering `date`, if any (bilingual name). */
export function holidayOn(date: IsoDate): { nameZh: string; nameEn: string } | undefined {
  toEpochDay(date);
  const holiday = HOLIDAY_OF.get(date);
  return holiday ? { nameZh: holiday.nameZh, nameEn: holiday.nameEn } : undefined;
}

/** True when offices work on `date`: a weekday that is no holiday, or a make-up working day. */
export function isBusinessDay(date: IsoDate): boolean {
  const weekday = new Date(toEpochDay(date) * DAY_MS).getUTCDay();
  if (MAKEUP_WORKDAYS.has(date)) return true;
  if (weekday === 0 || weekday === 6) return false;
  return !HOLIDAY_OF.has(date);
}

/**
 * The business day `days` business days after `date` (before it when negative); the start day itself
 * is not counted, so a deadline of N business days from a submission is addBusinessDays(submitted, N).
 */
export function addBusinessDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError('days must be an integer');
  let day = toEpochDay(date);
  const step = days < 0 ? -1 : 1;
  for (let left = Math.abs(days); left > 0; ) {
    day += step;
    if (isBusinessDay(fromEpochDay(day))) left--;
  }
  return fromEpochDay(day);
}

/**
 * Business days in (from, to]: the inverse of addBusinessDays, so
 * businessDaysBetween(d, addBusinessDays(d, n)) === n. Negative when `to` is before `from`.
 */
export function businessDaysBetween(from: IsoDate, to: IsoDate): number {
  const start = toEpochDay(from);
  const end = toEpochDay(to);
  if (end < start) return -businessDaysBetween(to, from);
  let count = 0;
  for (let day = start + 1; day <= end; day++) if (isBusinessDay(fromEpochDay(day))) count++;
  return count;
}
