import { phoneForDisplay } from '../../../core/domain/phone';
import type { Lang } from './translate';

/** Vietnam keeps UTC+7 all year, so local wall-clock time converts with a fixed offset. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET = '+07:00';
const OFFSET_MS = 7 * 3600 * 1000;

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

/** The wall-clock fields of an instant in Vietnam: the browser's own locale and zone play no part. */
function vietnamClock(iso: string): {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
} {
  const shifted = new Date(new Date(iso).getTime() + OFFSET_MS).toISOString();
  return {
    year: shifted.slice(0, 4),
    month: shifted.slice(5, 7),
    day: shifted.slice(8, 10),
    hour: shifted.slice(11, 13),
    minute: shifted.slice(14, 16),
    second: shifted.slice(17, 19),
  };
}

/** "23/11/2026 07:30": dd/mm/yyyy and 24-hour in Vietnam, in both languages and any browser. */
export function dateTime(iso: string | null): string {
  if (!iso) return '—';
  const c = vietnamClock(iso);
  return `${c.day}/${c.month}/${c.year} ${c.hour}:${c.minute}`;
}

/** A share as a percentage: "37,5%" in Vietnamese, "37.5%" in English; "—" for none. */
export function percent(share: number | null, lang: Lang): string {
  if (share === null) return '—';
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** "07:30:05", 24-hour in Vietnam. */
export function time(iso: string): string {
  const c = vietnamClock(iso);
  return `${c.hour}:${c.minute}:${c.second}`;
}

/** "2026-11-23" → "23/11/2026", as the app's date fields show a day. */
export function fieldDate(day: string): string {
  const [year, month, date] = day.split('-');
  return day ? `${date}/${month}/${year}` : '';
}

/** "23/11/2026" (or "1/2/2026") → "2026-11-23"; null when it is no day of the calendar. */
export function parseFieldDate(text: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day)
    return null;
  return `${match[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "7:30" or "07:30" → "07:30", 24-hour; null when it is no time of day. */
export function parseFieldTime(text: string): string | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) return null;
  return `${(match[1] ?? '').padStart(2, '0')}:${match[2]}`;
}

/** "23/11/2026 07:30" read as Vietnam time → an ISO instant; null when either part is wrong. */
export function parseFieldDateTime(text: string): string | null {
  const [datePart = '', timePart = '', ...rest] = text.trim().split(/\s+/);
  const day = parseFieldDate(datePart);
  const clock = parseFieldTime(timePart);
  if (!day || !clock || rest.length > 0) return null;
  return new Date(`${day}T${clock}:00${OFFSET}`).toISOString();
}

/** "2026-11-23" → "Thứ 2\n23/11" / "Mon\n23/11": two lines under a chart column. */
export function dayLabel(date: string, lang: Lang): string {
  const d = new Date(`${date}T12:00:00${OFFSET}`);
  const weekday = new Intl.DateTimeFormat(locale(lang), { timeZone: TIME_ZONE, weekday: 'short' }).format(d);
  const [, month, day] = date.split('-');
  return `${weekday}\n${day}/${month}`;
}

export function seconds(value: number | null): string {
  if (value === null || value === undefined) return '—';
  const m = Math.floor(value / 60);
  const s = Math.round(value % 60);
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** Start of a calendar day (yyyy-mm-dd) in Vietnam, plus `days`. */
export function dayStart(date: string, days = 0): string {
  return new Date(new Date(`${date}T00:00:00${OFFSET}`).getTime() + days * 86_400_000).toISOString();
}

export function todayLocal(): string {
  return new Date(Date.now() + OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * +84912345678 → "0912 345 678" (core's one national format), its groups joined by no-break
 * spaces so a number never splits across lines, whatever text it sits in.
 */
export function phone(value: string): string {
  return phoneForDisplay(value).replace(/ /g, '\u00a0');
}

/** The Vietnam calendar day of an instant, yyyy-mm-dd. */
export function localDay(iso: string): string {
  return new Date(new Date(iso).getTime() + OFFSET_MS).toISOString().slice(0, 10);
}
