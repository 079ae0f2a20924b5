/** Formatting in China time (Asia/Shanghai) and the business-day arithmetic of due dates. */
import {
  businessDaysBetween,
  chinaDate,
  isIsoDate,
  isProvisionalDue,
} from '../../functions/domain/china-calendar.ts';

const locale = (lang: 'zh' | 'en') => (lang === 'zh' ? 'zh-CN' : 'en-GB');

/** An instant as a date and time in China, e.g. 2026-03-02 14:30. */
export function formatChinaDateTime(instant: string | number | Date, lang: 'zh' | 'en'): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return String(instant);
  const parts = new Intl.DateTimeFormat(locale(lang), {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** A long, friendly form for appointments: 2026年3月2日 星期一 14:30 / Monday 2 March 2026, 14:30. */
export function formatAppointment(instant: string, lang: 'zh' | 'en'): string {
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: 'Asia/Shanghai',
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));
}

export interface DueState {
  /** Business days from today (China) to the due date: negative when overdue. */
  businessDays: number;
  overdue: boolean;
  /** The count crosses a year whose official holidays are not published yet: the date may move (暂定). */
  provisional: boolean;
}

/** How far a due date ('YYYY-MM-DD', China) is from today, in China business days. */
export function dueState(dueDate: string | undefined, now: Date = new Date()): DueState | undefined {
  if (!dueDate || !isIsoDate(dueDate)) return undefined;
  const today = chinaDate(now);
  const businessDays = businessDaysBetween(today, dueDate);
  return { businessDays, overdue: dueDate < today, provisional: isProvisionalDue(today, dueDate) };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** The UTC instant of a China wall-clock date and time ('2026-03-02', '14:30'), as ISO with +08:00. */
export const chinaInstant = (date: string, time: string): string => `${date}T${time}:00+08:00`;
