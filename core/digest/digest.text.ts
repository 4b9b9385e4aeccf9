import { ticketLink } from '../tickets/ticket-link';
import {
  callbackReason,
  describePeriod,
  digestSubject,
  formatCount,
  formatDateTime,
  formatDay,
  formatShare,
  headline,
  NO_UNIT,
  notSatisfiedShare,
  previousName,
  share,
  UNCATEGORISED,
  unitDetails,
  unitTitle,
} from './digest.format';
import { ratingsTableText } from './digest.ratings';
import type { DigestReport } from './digest.types';

/** The plain-text part: the same facts as the HTML, readable in any client and in a terminal. */
function columns(rows: string[][], leftAligned: readonly number[] = [0]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) =>
        leftAligned.includes(i) ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
}

function section(title: string): string[] {
  return ['', title, '-'.repeat(title.length)];
}

function textBar(value: number, max: number): string {
  return max === 0 || value === 0 ? '' : '#'.repeat(Math.max(1, Math.round((value / max) * 30)));
}

export function renderDigestText(report: DigestReport): string {
  const tz = report.timeZone;
  const lines: string[] = [
    digestSubject(report),
    `Báo cáo ${describePeriod(report.period, tz)}, lập lúc ${formatDateTime(report.asOf, tz)}.`,
  ];

  lines.push(...section(`Tổng quan (so với ${previousName(report.period)})`));
  lines.push(...columns(headline(report.current, report.previous).map((f) => [f.label, f.value, f.change])));

  const maxDay = Math.max(0, ...report.days.map((d) => d.calls));
  lines.push(...section('Cuộc gọi theo ngày (gọi / nghe máy)'));
  lines.push(
    ...columns(
      report.days.map((d) => [
        formatDay(d.date),
        formatCount(d.calls),
        formatCount(d.answered),
        textBar(d.calls, maxDay),
      ]),
    ),
  );

  lines.push(...section('Theo đơn vị'));
  for (const u of report.units) {
    lines.push(
      unitTitle(u),
      `  ${formatCount(u.calls)} cuộc gọi, nghe máy ${formatShare(share(u.answered, u.calls))}; đang mở ${formatCount(u.openTickets)}, quá hạn ${formatCount(u.overdueTickets)}; không hài lòng ${formatShare(notSatisfiedShare(u))}`,
      ...unitDetails(u).map((detail) => `  ${detail}`),
    );
  }
  lines.push('"Đang mở" và "quá hạn" tính đến lúc gửi báo cáo, không chỉ trong kỳ.');

  lines.push(...section('Lĩnh vực được phản ánh nhiều nhất'));
  if (report.categories.length === 0) lines.push('Không có phản ánh nào trong kỳ.');
  else
    lines.push(...columns(report.categories.map((c) => [c.category ?? UNCATEGORISED, formatCount(c.count)])));

  lines.push(...section(`Người dân đang chờ gọi lại (${formatCount(report.callbacks.total)})`));
  if (report.callbacks.total === 0) lines.push('Không còn ai chờ gọi lại.');
  for (const c of report.callbacks.items) {
    const due = c.dueAt ? `, hạn ${formatDateTime(c.dueAt, tz)}` : '';
    lines.push(
      `- ${c.code} · ${c.unitName ?? NO_UNIT} · ${c.caller} · ${callbackReason(c.outcome)} · gọi lúc ${formatDateTime(c.receivedAt, tz)}${due}`,
      `  ${ticketLink(c, report.publicUrl)}`,
    );
  }

  lines.push(...section(`Phản ánh quá hạn theo đơn vị (${formatCount(report.overdue.total)})`));
  if (report.overdue.total === 0) lines.push('Không có phản ánh quá hạn.');
  for (const o of report.overdue.byUnit) {
    lines.push(
      `- ${o.unitName ?? NO_UNIT}: ${formatCount(o.count)} phản ánh, quá hạn từ ${formatDateTime(o.oldestDueAt, tz)}`,
      ...o.tickets.map((t) => `  ${t.code}: ${ticketLink(t, report.publicUrl)}`),
    );
  }
  if (report.ratings) {
    lines.push(...section('Đánh giá theo đơn vị và quầy'), ...ratingsTableText(report.ratings));
  }
  lines.push('', 'Thư này do hệ thống đường dây nóng gửi tự động.');
  return `${lines.join('\n').normalize('NFC')}\n`;
}
