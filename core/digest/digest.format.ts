import { localDateTime } from '../domain/calendar';
import { GLOSSARY, OUTCOME_TERMS, RATING_TERMS, type Term } from '../reports/glossary';
import type { CallOutcome } from '../tickets/call-ticket';
import type { DigestPeriod, DigestReport, PeriodTotals, UnitFigures } from './digest.types';

/** Ratios and durations as a Vietnamese reader writes them: '87,5%', '1 phút 05 giây'. */
const decimal = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

export const formatCount = (value: number): string => integer.format(value);

export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export function formatShare(value: number | null): string {
  return value === null ? '—' : `${decimal.format(value * 100)}%`;
}

export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return '—';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} giây`;
  const minutes = Math.floor(whole / 60);
  return `${minutes} phút ${String(whole % 60).padStart(2, '0')} giây`;
}

/** '+12 (+15%)', '−3 (−10%)', '0', or '+5 (mới)' when the earlier period had none. */
export function formatChange(now: number, before: number): string {
  const delta = now - before;
  if (delta === 0) return '0';
  const sign = delta > 0 ? '+' : '−';
  const relative = before === 0 ? 'mới' : `${sign}${decimal.format((Math.abs(delta) / before) * 100)}%`;
  return `${sign}${formatCount(Math.abs(delta))} (${relative})`;
}

export function formatDate(at: Date, timeZone: string): string {
  return localDateTime(at, timeZone).toFormat('dd/MM/yyyy');
}

export function formatDateTime(at: Date, timeZone: string): string {
  return localDateTime(at, timeZone).toFormat('HH:mm dd/MM/yyyy');
}

/** 'YYYY-MM-DD' (a local date from SQL) as 'T2 16/11'. */
export function formatDay(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const name = weekday === 0 ? 'CN' : `T${weekday + 1}`;
  return `${name} ${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}`;
}

/** 'tuần 2026-W47 (16/11/2026 – 22/11/2026)' or 'tháng 10/2026'. */
export function describePeriod(period: DigestPeriod, timeZone: string): string {
  if (period.kind === 'monthly') {
    const [year, month] = period.label.split('-');
    return `tháng ${month}/${year}`;
  }
  const last = new Date(period.range.end.getTime() - 1);
  return `tuần ${period.label} (${formatDate(period.range.start, timeZone)} – ${formatDate(last, timeZone)})`;
}

export function previousName(period: DigestPeriod): string {
  return period.kind === 'weekly' ? 'tuần trước' : 'tháng trước';
}

export function digestSubject(report: Pick<DigestReport, 'period' | 'hotlineName'>): string {
  const { period, hotlineName } = report;
  if (period.kind === 'weekly') return `Báo cáo tuần ${period.label} — ${hotlineName}`;
  const [year, month] = period.label.split('-');
  return `Báo cáo tháng ${month}/${year} — ${hotlineName}`;
}

/** The attachment's name: 'nhat-ky-cuoc-goi-2026-W47.xlsx'. */
export function callLogFileName(period: DigestPeriod): string {
  return `nhat-ky-cuoc-goi-${period.label}.xlsx`;
}

export interface HeadlineFigure {
  label: string;
  value: string;
  change: string;
}

/** The headline figures both parts show, in order, with their change against the period before. */
export function headline(current: PeriodTotals, previous: PeriodTotals): HeadlineFigure[] {
  const figure = (label: string, now: number, before: number): HeadlineFigure => ({
    label,
    value: formatCount(now),
    change: formatChange(now, before),
  });
  return [
    figure('Cuộc gọi', current.calls, previous.calls),
    {
      label: GLOSSARY.answerRate.vi,
      value: formatShare(share(current.answered, current.calls)),
      change: `${previous.calls === 0 ? '—' : formatShare(share(previous.answered, previous.calls))} kỳ trước`,
    },
    figure(OUTCOME_TERMS.missed.vi, current.missed, previous.missed),
    figure(GLOSSARY.voicemails.vi, current.voicemails, previous.voicemails),
    figure(OUTCOME_TERMS.abandoned.vi, current.abandoned, previous.abandoned),
    {
      label: 'Thời gian chờ (trung vị)',
      value: formatSeconds(current.medianWaitSeconds),
      change: `${formatSeconds(previous.medianWaitSeconds)} kỳ trước`,
    },
    figure('Lượt đánh giá', current.ratings, previous.ratings),
    {
      label: 'Không hài lòng',
      value: `${formatCount(current.notSatisfied)} (${formatShare(share(current.notSatisfied, current.ratings))})`,
      change: formatChange(current.notSatisfied, previous.notSatisfied),
    },
  ];
}

export const UNCATEGORISED = GLOSSARY.uncategorised.vi;
export const NO_UNIT = 'Chưa chọn đơn vị';

/** A term inside a sentence: 'Cuộc gọi nhỡ' → 'cuộc gọi nhỡ'. */
const inSentence = (term: string) => term.charAt(0).toLowerCase() + term.slice(1);

/** Why a caller waits for a callback: an answered call only needs one after a "not satisfied" rating. */
export function callbackReason(outcome: string | null): string {
  if (outcome === 'answered') return inSentence(RATING_TERMS[3].vi);
  if (outcome === null) return 'chưa rõ';
  const term = OUTCOME_TERMS[outcome as CallOutcome] as Term | undefined;
  return term ? inSentence(term.vi) : outcome;
}

/** The unit's name as both parts head its figures: '1. UBND phường Cổ Nhuế 1'. */
export function unitTitle(unit: Pick<UnitFigures, 'code' | 'name'>): string {
  return (unit.code === null ? unit.name : `${unit.code}. ${unit.name}`).normalize('NFC');
}

/** The share of a unit's ratings that were "not satisfied", or null when nobody rated. */
export function notSatisfiedShare(unit: UnitFigures): number | null {
  const r = unit.ratings;
  return share(r.notSatisfied, r.verySatisfied + r.satisfied + r.notSatisfied);
}

/** What the unit table's columns do not hold, in words: waits, unanswered calls, the ratings. */
export function unitDetails(unit: UnitFigures): string[] {
  const r = unit.ratings;
  const wait =
    unit.medianWaitSeconds === null
      ? 'chưa nghe máy cuộc nào'
      : `chờ trung vị ${formatSeconds(unit.medianWaitSeconds)}, lâu nhất ${formatSeconds(unit.worstWaitSeconds)}`;
  return [
    wait,
    `${inSentence(OUTCOME_TERMS.missed.vi)} ${formatCount(unit.missed)}, lời nhắn ${formatCount(unit.voicemails)}, ${inSentence(OUTCOME_TERMS.abandoned.vi)} ${formatCount(unit.abandoned)}`,
    `đánh giá: ${formatCount(r.verySatisfied)} rất hài lòng, ${formatCount(r.satisfied)} hài lòng, ${formatCount(r.notSatisfied)} không hài lòng`,
  ];
}
