import { GLOSSARY } from '../reports/glossary';
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
import {
  CELL,
  COLOURS,
  escapeHtml,
  FONT,
  heading,
  muted,
  NUM,
  TABLE,
  unitNameRow,
} from './digest.html-style';
import { ratingsTableHtml } from './digest.ratings';
import type { DigestReport, TicketRef, UnitFigures } from './digest.types';

export { escapeHtml } from './digest.html-style';

/**
 * The digest as an HTML e-mail: tables and inline styles only (what Outlook, Gmail and phone
 * clients agree on), bars drawn as coloured table cells, no script, no external image.
 */
function bar(value: number, max: number, colour: string = COLOURS.bar): string {
  const percent = max === 0 ? 0 : Math.max(1, Math.round((value / max) * 100));
  if (value === 0) return '&nbsp;';
  const rest = 100 - percent;
  return (
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>` +
    `<td width="${percent}%" height="12" bgcolor="${colour}" style="background:${colour};height:12px;font-size:0;line-height:0;">&nbsp;</td>` +
    (rest > 0 ? `<td width="${rest}%" style="font-size:0;line-height:0;">&nbsp;</td>` : '') +
    `</tr></table>`
  );
}

function table(headers: string[], rows: string[][], numericFrom = 1): string {
  const head = headers
    .map(
      (h, i) =>
        `<th style="${i >= numericFrom ? NUM : CELL}background:${COLOURS.head};font-weight:bold;">${escapeHtml(h)}</th>`,
    )
    .join('');
  const body = rows
    .map(
      (cells) =>
        `<tr>${cells.map((c, i) => `<td style="${i >= numericFrom ? NUM : CELL}">${c}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table ${TABLE}><tr>${head}</tr>${body}</table>`;
}

function detailRow(html: string, span: number): string {
  return `<tr><td colspan="${span}" style="${CELL}font-size:12px;color:${COLOURS.muted};padding-top:2px;">${html}</td></tr>`;
}

function ticketLinks(tickets: TicketRef[], publicUrl: string): string {
  return tickets
    .map(
      (t) =>
        `<a href="${escapeHtml(ticketLink(t, publicUrl))}" style="color:${COLOURS.bar};white-space:nowrap;">${escapeHtml(t.code)}</a>`,
    )
    .join(', ');
}

const UNIT_COLUMNS = ['Cuộc gọi', 'Nghe máy', 'Đang mở', 'Quá hạn', 'Không hài lòng'];

/** Per unit: its name, its five key figures under shared headings, then the rest in words. */
function unitTable(units: UnitFigures[]): string {
  const span = UNIT_COLUMNS.length;
  const head = UNIT_COLUMNS.map(
    (h) =>
      `<th style="${NUM}white-space:normal;background:${COLOURS.head};font-weight:bold;">${escapeHtml(h)}</th>`,
  ).join('');
  const body = units
    .map((unit) => {
      const overdue =
        unit.overdueTickets > 0
          ? `<span style="color:${COLOURS.warn};font-weight:bold;">${formatCount(unit.overdueTickets)}</span>`
          : '0';
      const figures = [
        formatCount(unit.calls),
        formatShare(share(unit.answered, unit.calls)),
        formatCount(unit.openTickets),
        overdue,
        formatShare(notSatisfiedShare(unit)),
      ];
      return (
        unitNameRow(unitTitle(unit), span) +
        `<tr>${figures.map((f) => `<td style="${NUM}border-bottom:0;">${f}</td>`).join('')}</tr>` +
        detailRow(unitDetails(unit).map(escapeHtml).join(' · '), span)
      );
    })
    .join('');
  return `<table ${TABLE}><tr>${head}</tr>${body}</table>`;
}

function callbackTable(report: DigestReport): string {
  const tz = report.timeZone;
  const rows = report.callbacks.items.map((c) => {
    const when = `gọi lúc ${formatDateTime(c.receivedAt, tz)}${c.dueAt ? `, hạn ${formatDateTime(c.dueAt, tz)}` : ''}`;
    return (
      `<tr><td style="${CELL}white-space:nowrap;vertical-align:top;">${ticketLinks([c], report.publicUrl)}</td>` +
      `<td style="${CELL}"><span class="unit">${escapeHtml(c.unitName ?? NO_UNIT)}</span><br>` +
      `${escapeHtml(`${c.caller} · ${callbackReason(c.outcome)}`)}<br>` +
      `<span style="color:${COLOURS.muted};">${escapeHtml(when)}</span></td></tr>`
    );
  });
  return `<table ${TABLE}>${rows.join('')}</table>`;
}

function overdueTable(report: DigestReport): string {
  const rows = report.overdue.byUnit.map(
    (o) =>
      unitNameRow(o.unitName ?? NO_UNIT, 1) +
      detailRow(
        `${escapeHtml(`${formatCount(o.count)} phản ánh, quá hạn từ ${formatDateTime(o.oldestDueAt, report.timeZone)}:`)} ${ticketLinks(o.tickets, report.publicUrl)}`,
        1,
      ),
  );
  return `<table ${TABLE}>${rows.join('')}</table>`;
}

function sections(report: DigestReport): string[] {
  const out: string[] = [];
  const figures = headline(report.current, report.previous);
  out.push(heading(`Tổng quan (so với ${previousName(report.period)})`));
  out.push(
    table(
      ['Chỉ số', 'Kỳ này', 'Thay đổi'],
      figures.map((f) => [escapeHtml(f.label), escapeHtml(f.value), escapeHtml(f.change)]),
    ),
  );

  const maxDay = Math.max(0, ...report.days.map((d) => d.calls));
  out.push(heading('Cuộc gọi theo ngày'));
  out.push(
    table(
      ['Ngày', 'Cuộc gọi', 'Nghe máy', ''],
      report.days.map((d) => [
        escapeHtml(formatDay(d.date)),
        formatCount(d.calls),
        formatCount(d.answered),
        bar(d.calls, maxDay),
      ]),
    ),
  );

  const maxUnit = Math.max(0, ...report.units.map((u) => u.calls));
  out.push(heading('Theo đơn vị'));
  out.push(unitTable(report.units));
  out.push(muted('"Đang mở" và "Quá hạn" tính đến lúc gửi báo cáo, không chỉ trong kỳ.'));
  out.push(heading('Số cuộc gọi theo đơn vị'));
  out.push(
    `<table ${TABLE}>${report.units
      .filter((u) => u.calls > 0)
      .map(
        (u) =>
          `<tr><td class="unit" width="55%" style="${CELL}">${escapeHtml(u.name)}</td>` +
          `<td style="${NUM}">${formatCount(u.calls)}</td><td width="35%" style="${CELL}">${bar(u.calls, maxUnit)}</td></tr>`,
      )
      .join('')}</table>`,
  );

  const maxCategory = Math.max(0, ...report.categories.map((c) => c.count));
  out.push(heading('Lĩnh vực được phản ánh nhiều nhất'));
  out.push(
    report.categories.length === 0
      ? muted('Không có phản ánh nào trong kỳ.')
      : table(
          [GLOSSARY.category.vi, GLOSSARY.tickets.vi, ''],
          report.categories.map((c) => [
            escapeHtml(c.category ?? UNCATEGORISED),
            formatCount(c.count),
            bar(c.count, maxCategory),
          ]),
        ),
  );

  out.push(heading(`Người dân đang chờ gọi lại (${formatCount(report.callbacks.total)})`));
  out.push(report.callbacks.total === 0 ? muted('Không còn ai chờ gọi lại.') : callbackTable(report));
  if (report.callbacks.total > report.callbacks.items.length) {
    out.push(muted(`Danh sách chỉ nêu ${report.callbacks.items.length} trường hợp chờ lâu nhất.`));
  }

  out.push(heading(`Phản ánh quá hạn theo đơn vị (${formatCount(report.overdue.total)})`));
  out.push(report.overdue.total === 0 ? muted('Không có phản ánh quá hạn.') : overdueTable(report));
  if (report.ratings) {
    out.push(heading('Đánh giá theo đơn vị và quầy'));
    out.push(ratingsTableHtml(report.ratings));
  }
  return out;
}

export function renderDigestHtml(report: DigestReport): string {
  const title = digestSubject(report);
  const intro = `Báo cáo ${describePeriod(report.period, report.timeZone)}, lập lúc ${formatDateTime(report.asOf, report.timeZone)}.`;
  return [
    '<!DOCTYPE html>',
    '<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f7fafc;">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f7fafc"><tr><td align="center" style="padding:8px;">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#ffffff" style="max-width:900px;background:#ffffff;"><tr><td style="padding:12px;">`,
    `<h1 style="${FONT}font-size:20px;color:${COLOURS.ink};margin:0 0 4px;">${escapeHtml(title)}</h1>`,
    muted(intro),
    ...sections(report),
    muted(
      'Thư này do hệ thống đường dây nóng gửi tự động; tệp Excel đính kèm là nhật ký cuộc gọi của kỳ báo cáo.',
    ),
    '</td></tr></table>',
    '</td></tr></table>',
    '</body></html>',
  ].join('\n');
}
