/**
 * The mainland China working calendar: official holidays and the make-up working days (调休) that move
 * weekends around them. Dates are 'YYYY-MM-DD' strings in China time (Asia/Shanghai, UTC+8, no DST).
 *
 * The calendar is data: one CalendarYear per year, each with the State Council notice it comes from and
 * when that notice was published. A year that is missing (not published yet) or marked provisional (our
 * own estimate) still counts weekends and the estimated holidays, but any due date computed across it is
 * returned as provisional (DueDate.provisional), and the console and the emails say so (暂定 / provisional).
 * Add next year's entry every November, when the State Council publishes it.
 */

export type IsoDate = string;

interface Holiday {
  from: IsoDate;
  to: IsoDate;
  nameZh: string;
  nameEn: string;
}

/** One year of the official calendar, as published by the State Council (or estimated, then provisional). */
export interface CalendarYear {
  year: number;
  holidays: readonly Holiday[];
  /** Weekend days that are working days because a holiday borrowed them (调休上班). */
  makeupWorkdays: readonly IsoDate[];
  /** The notice the year comes from, and where we read it. */
  source: { title: string; url: string };
  /** When the State Council published the notice (undefined while it is not published). */
  publishedOn?: IsoDate;
  /** True while the year is our estimate rather than the published notice. */
  provisional: boolean;
  /** When we last read the source (absent: carried over from domain-facts.md, not re-read). */
  checkedOn?: IsoDate;
}

/** A due date, and whether it rests on a calendar year that is provisional or missing. */
export interface DueDate {
  date: IsoDate;
  /** True when the count crossed a year whose holidays are not yet published: the date may move. */
  provisional: boolean;
}

export const CALENDAR: readonly CalendarYear[] = [
  {
    year: 2025,
    // 国务院办公厅关于2025年部分节假日安排的通知, 国办发明电〔2024〕12号 (reprinted by Xinhua).
    source: {
      title: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
      url: 'https://m.gmw.cn/2024-11/12/content_1303894933.htm',
    },
    publishedOn: '2024-11-12',
    provisional: false,
    holidays: [
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
    ],
    makeupWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    // Full text checked 2026-12-02 at the Xinhua reprint below: 元旦 1/1–3 (1/4 上班); 春节 2/15–23
    // (2/14, 2/28 上班); 清明 4/4–6; 劳动节 5/1–5 (5/9 上班); 端午 6/19–21; 中秋 9/25–27;
    // 国庆 10/1–7 (9/20, 10/10 上班).
    source: {
      title: '国务院办公厅关于2026年部分节假日安排的通知',
      url: 'https://politics.gmw.cn/2025-11/04/content_38391083.htm',
    },
    publishedOn: '2025-11-04',
    provisional: false,
    checkedOn: '2026-12-02',
    holidays: [
      { from: '2026-01-01', to: '2026-01-03', nameZh: '元旦', nameEn: "New Year's Day" },
      { from: '2026-02-15', to: '2026-02-23', nameZh: '春节', nameEn: 'Spring Festival' },
      { from: '2026-04-04', to: '2026-04-06', nameZh: '清明节', nameEn: 'Qingming Festival' },
      { from: '2026-05-01', to: '2026-05-05', nameZh: '劳动节', nameEn: 'Labour Day' },
      { from: '2026-06-19', to: '2026-06-21', nameZh: '端午节', nameEn: 'Dragon Boat Festival' },
      { from: '2026-09-25', to: '2026-09-27', nameZh: '中秋节', nameEn: 'Mid-Autumn Festival' },
      { from: '2026-10-01', to: '2026-10-07', nameZh: '国庆节', nameEn: 'National Day' },
    ],
    makeupWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
  {
    year: 2027,
    // PROVISIONAL. The notice (国务院办公厅关于2027年部分节假日安排的通知) was searched for on 2026-12-02
    // and not found (the 2026 notice came out on 2025-11-04, the 2017 one as late as 2016-12-01).
    // Estimated from the fixed-date holidays, the lunar dates (Spring Festival 2027-02-06, Qingming
    // 04-05, Dragon Boat 06-09, Mid-Autumn 09-15) and the 2025/2026 pattern: Spring Festival from New
    // Year's Eve, National Day 7 days, Labour Day 5 days, the others 3 days or the day itself. The
    // make-up days are the least certain part: replace the whole entry when the notice comes out.
    source: {
      title: '国务院办公厅关于2027年部分节假日安排的通知（未发布，本条为估算）',
      url: 'https://www.gov.cn/zhengce/',
    },
    provisional: true,
    checkedOn: '2026-12-02',
    holidays: [
      { from: '2027-01-01', to: '2027-01-03', nameZh: '元旦', nameEn: "New Year's Day" },
      { from: '2027-02-05', to: '2027-02-12', nameZh: '春节', nameEn: 'Spring Festival' },
      { from: '2027-04-03', to: '2027-04-05', nameZh: '清明节', nameEn: 'Qingming Festival' },
      { from: '2027-05-01', to: '2027-05-05', nameZh: '劳动节', nameEn: 'Labour Day' },
      { from: '2027-06-09', to: '2027-06-09', nameZh: '端午节', nameEn: 'Dragon Boat Festival' },
      { from: '2027-09-15', to: '2027-09-15', nameZh: '中秋节', nameEn: 'Mid-Autumn Festival' },
      { from: '2027-10-01', to: '2027-10-07', nameZh: '国庆节', nameEn: 'National Day' },
    ],
    makeupWorkdays: ['2027-01-31', '2027-02-20', '2027-05-08', '2027-09-26', '2027-10-09'],
  },
];

/** Weekend days that are working days because a holiday borrowed them (调休上班), every year. */
export const MAKEUP_WORKDAYS: ReadonlySet<IsoDate> = new Set(CALENDAR.flatMap((y) => y.makeupWorkdays));

/** Years the calendar has an entry for (published or provisional). */
export const CALENDAR_YEARS: readonly number[] = CALENDAR.map((y) => y.year);

const YEAR_ENTRY = new Map(CALENDAR.map((y) => [y.year, y]));

/** The calendar entry of a year, if we have one. */
export const calendarYear = (year: number): CalendarYear | undefined => YEAR_ENTRY.get(year);

/** True when a year's days off come from a published State Council notice (not missing, not estimated). */
export const isPublishedYear = (year: number): boolean => YEAR_ENTRY.get(year)?.provisional === false;

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

const toEpochDay = (date: IsoDate): number => {
  if (!isIsoDate(date)) throw new RangeError(`Not a 'YYYY-MM-DD' date: ${date}`);
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
};
const fromEpochDay = (day: number): IsoDate => new Date(day * DAY_MS).toISOString().slice(0, 10);

const HOLIDAY_OF = new Map<IsoDate, Holiday>();
for (const holiday of CALENDAR.flatMap((y) => y.holidays)) {
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
 * Past the published years it counts weekends and estimated holidays only: for a due date shown to
 * anyone, use dueAfterBusinessDays, which says when that is the case.
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

/**
 * The years from `from` to `to` (either order) whose calendar is provisional or missing: a count of
 * business days across them may be wrong by the days off not yet published.
 */
export function unpublishedYearsBetween(from: IsoDate, to: IsoDate): number[] {
  toEpochDay(from);
  toEpochDay(to);
  const [a, b] = from <= to ? [from, to] : [to, from];
  const years: number[] = [];
  for (let y = Number(a.slice(0, 4)); y <= Number(b.slice(0, 4)); y++) if (!isPublishedYear(y)) years.push(y);
  return years;
}

/**
 * addBusinessDays with the calendar's certainty: the due date is provisional when the count starts, runs
 * through or ends in a year whose days off are not published (estimated or missing), never silently.
 */
export function dueAfterBusinessDays(date: IsoDate, days: number): DueDate {
  const due = addBusinessDays(date, days);
  return { date: due, provisional: unpublishedYearsBetween(date, due).length > 0 };
}

/** Whether a due date (already computed) is provisional as seen from `today`: the span crosses an unpublished year. */
export const isProvisionalDue = (today: IsoDate, due: IsoDate): boolean =>
  unpublishedYearsBetween(today, due).length > 0;
