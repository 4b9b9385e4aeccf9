import { phoneForDisplay } from '../../../core/domain/phone';
import type { Lang } from './translate';

/** Vietnam keeps UTC+7 all year, so local wall-clock time converts with a fixed offset. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
const OFFSET = '+07:00';
const OFFSET_MS = 7 * 3600 * 1000;

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

export function dateTime(iso: string | null, lang: Lang): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

export function time(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(iso));
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

/** An ISO instant as the value of <input type="datetime-local"> in Vietnam time. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  return new Date(new Date(iso).getTime() + OFFSET_MS).toISOString().slice(0, 16);
}

/** A datetime-local value read as Vietnam time, whatever zone the browser runs in. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  return new Date(`${value}:00${OFFSET}`).toISOString();
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
