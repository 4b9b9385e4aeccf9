import {
  callbackReason,
  describePeriod,
  digestSubject,
  formatCount,
  formatDateTime,
  formatDay,
  formatSeconds,
  formatShare,
  headline,
  NO_UNIT,
  previousName,
  share,
  UNCATEGORISED,
} from './digest.format';
import type { DigestReport, UnitFigures } from './digest.types';

/**
 * The digest as an HTML e-mail: tables and inline styles only (what Outlook, Gmail and phone
 * clients agree on), bars drawn as coloured table cells, no script, no external image.
 */
const COLOURS = {
  ink: '#1a202c',
  muted: '#4a5568',
  line: '#e2e8f0',
  head: '#edf2f7',
  bar: '#2b6cb0',
  warn: '#c53030',
};
const FONT = 'font-family:Arial,Helvetica,sans-serif;';
const CELL = `padding:6px 8px;border-bottom:1px solid ${COLOURS.line};${FONT}font-size:13px;color:${COLOURS.ink};`;
const NUM = `${CELL}text-align:right;white-space:nowrap;`;

export function escapeHtml(text: string): string {
  return text
    .normalize('NFC')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

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

function heading(text: string): string {
  return `<h2 style="${FONT}font-size:16px;color:${COLOURS.ink};margin:24px 0 8px;">${escapeHtml(text)}</h2>`;
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
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">${`<tr>${head}</tr>`}${body}</table>`;
}

function muted(text: string): string {
  return `<p style="${FONT}font-size:13px;color:${COLOURS.muted};margin:4px 0;">${escapeHtml(text)}</p>`;
}

function unitRow(unit: UnitFigures): string[] {
  const ratings = unit.ratings;
  const rated = ratings.verySatisfied + ratings.satisfied + ratings.notSatisfied;
  const notSatisfied = formatShare(share(ratings.notSatisfied, rated));
  const overdue =
    unit.overdueTickets > 0
      ? `<span style="color:${COLOURS.warn};font-weight:bold;">${formatCount(unit.overdueTickets)}</span>`
      : '0';
  return [
    escapeHtml(unit.code === null ? unit.name : `${unit.code}. ${unit.name}`),
    formatCount(unit.calls),
    formatShare(share(unit.answered, unit.calls)),
    formatSeconds(unit.medianWaitSeconds),
    formatSeconds(unit.worstWaitSeconds),
    formatCount(unit.missed),
    formatCount(unit.voicemails),
    formatCount(unit.abandoned),
    formatCount(unit.openTickets),
    overdue,
    `${ratings.verySatisfied}/${ratings.satisfied}/${ratings.notSatisfied}`,
    notSatisfied,
  ];
}

function sections(report: DigestReport): string[] {
  const tz = report.timeZone;
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
  out.push(
    table(
      [
        'Đơn vị',
        'Cuộc gọi',
        'Nghe máy',
        'Chờ (trung vị)',
        'Chờ lâu nhất',
        'Nhỡ',
        'Lời nhắn',
        'Bỏ dở',
        'Đang mở',
        'Quá hạn',
        'Đánh giá 1/2/3',
        'Không hài lòng',
      ],
      report.units.map(unitRow),
    ),
  );
  out.push(
    table(
      ['Số cuộc gọi theo đơn vị', ''],
      report.units.filter((u) => u.calls > 0).map((u) => [escapeHtml(u.name), bar(u.calls, maxUnit)]),
      2,
    ),
  );
  out.push(
    muted(
      'Đánh giá: 1 = rất hài lòng, 2 = hài lòng, 3 = không hài lòng. "Đang mở" và "Quá hạn" tính đến lúc gửi báo cáo.',
    ),
  );

  const maxCategory = Math.max(0, ...report.categories.map((c) => c.count));
  out.push(heading('Lĩnh vực được phản ánh nhiều nhất'));
  out.push(
    report.categories.length === 0
      ? muted('Không có phản ánh nào trong kỳ.')
      : table(
          ['Lĩnh vực', 'Số phiếu', ''],
          report.categories.map((c) => [
            escapeHtml(c.category ?? UNCATEGORISED),
            formatCount(c.count),
            bar(c.count, maxCategory),
          ]),
        ),
  );

  out.push(heading(`Người dân đang chờ gọi lại (${formatCount(report.callbacks.total)})`));
  out.push(
    report.callbacks.total === 0
      ? muted('Không còn ai chờ gọi lại.')
      : table(
          ['Phiếu', 'Đơn vị', 'Số gọi', 'Lý do', 'Gọi lúc', 'Hạn xử lý'],
          report.callbacks.items.map((c) => [
            escapeHtml(c.code),
            escapeHtml(c.unitName ?? NO_UNIT),
            escapeHtml(c.caller),
            escapeHtml(callbackReason(c.outcome)),
            escapeHtml(formatDateTime(c.receivedAt, tz)),
            escapeHtml(c.dueAt ? formatDateTime(c.dueAt, tz) : '—'),
          ]),
          6,
        ),
  );
  if (report.callbacks.total > report.callbacks.items.length) {
    out.push(muted(`Danh sách chỉ nêu ${report.callbacks.items.length} trường hợp chờ lâu nhất.`));
  }

  out.push(heading(`Phiếu quá hạn theo đơn vị (${formatCount(report.overdue.total)})`));
  out.push(
    report.overdue.total === 0
      ? muted('Không có phiếu quá hạn.')
      : table(
          ['Đơn vị', 'Số phiếu', 'Quá hạn từ', 'Phiếu quá hạn lâu nhất'],
          report.overdue.byUnit.map((o) => [
            escapeHtml(o.unitName ?? NO_UNIT),
            formatCount(o.count),
            escapeHtml(formatDateTime(o.oldestDueAt, tz)),
            escapeHtml(o.codes.join(', ')),
          ]),
          1,
        ),
  );
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
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#f7fafc"><tr><td align="center" style="padding:16px;">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" bgcolor="#ffffff" style="max-width:900px;background:#ffffff;"><tr><td style="padding:16px 20px;">`,
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
