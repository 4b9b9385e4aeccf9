import { formatDateTime } from '../../core/digest/digest.format';
import { escapeHtml } from '../../core/digest/digest.html';
import { phoneForDisplay } from '../../core/domain/phone';
import { GLOSSARY } from '../../core/reports/glossary';
import { callerAsSeen, mailSight } from '../../core/tickets/confidentiality';
import { ticketLink } from '../../core/tickets/ticket-link';
import type { NoticeTicket, NotificationKind } from './notifications.repo';

export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
}

export interface NoticeContext {
  publicUrl: string;
  timeZone: string;
}

const FONT = 'font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#1a202c;';

/** A confidential ticket or an anonymous caller shows no digits; others are masked, never in full. */
function callerOf(ticket: NoticeTicket): string {
  if (ticket.callerAnonymous || !ticket.callerNumber) return 'ẩn số';
  return phoneForDisplay(callerAsSeen(ticket.callerNumber, mailSight(ticket.confidential)) ?? 'ẩn số');
}

function page(lines: string[], link?: { href: string; label: string }): string {
  const body = lines.map((line) => `<p style="${FONT}margin:0 0 8px;">${escapeHtml(line)}</p>`).join('');
  const button = link
    ? `<p style="${FONT}margin:12px 0;"><a href="${escapeHtml(link.href)}" style="color:#2b6cb0;font-weight:bold;">${escapeHtml(link.label)}</a></p>`
    : '';
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"></head><body style="margin:0;padding:16px;">${body}${button}</body></html>`;
}

type TicketNoticeKind = 'missed_call' | 'voicemail' | 'not_satisfied' | 'transferred';

const TICKET_NOTICES: Record<TicketNoticeKind, { title: string; ask: string }> = {
  transferred: {
    title: 'Phản ánh được chuyển đến đơn vị',
    ask: 'Phản ánh này vừa được chuyển sang đơn vị để tiếp nhận. Đề nghị xem nội dung và xử lý.',
  },
  missed_call: { title: 'Cuộc gọi nhỡ', ask: 'Chưa ai nghe máy. Đề nghị gọi lại cho người dân.' },
  voicemail: { title: 'Lời nhắn thoại mới', ask: 'Người dân đã để lại lời nhắn. Đề nghị nghe và gọi lại.' },
  not_satisfied: {
    title: 'Người dân không hài lòng',
    ask: 'Người dân đánh giá "không hài lòng". Đề nghị gọi lại, tìm hiểu nguyên nhân và báo cáo bằng văn bản.',
  },
};

export function renderTicketNotice(
  kind: TicketNoticeKind,
  ticket: NoticeTicket,
  context: NoticeContext,
): RenderedNotice {
  const notice = TICKET_NOTICES[kind];
  const unit = ticket.unitName ?? 'Chưa chọn đơn vị';
  const lines = [
    `${notice.title} — phản ánh ${ticket.code}`,
    `Đơn vị: ${unit}`,
    `Thời điểm: ${formatDateTime(ticket.receivedAt, context.timeZone)}`,
    `Số gọi đến: ${callerOf(ticket)}`,
    ...(ticket.dueAt ? [`Hạn xử lý: ${formatDateTime(ticket.dueAt, context.timeZone)}`] : []),
    notice.ask,
  ];
  const href = ticketLink(ticket, context.publicUrl);
  return {
    subject: `[${ticket.code}] ${notice.title} — ${unit}`,
    text: `${[...lines, `Xem phản ánh: ${href}`].join('\n')}\n`,
    html: page(lines, { href, label: `Mở phản ánh ${ticket.code}` }),
  };
}

/**
 * A new confidential complaint to the chairman, for Home Affairs: that one arrived, when, and where
 * to open it (the app shows the text and, to the permission holders, the sender, each view
 * audited). A mail leaves the system, so it carries neither.
 */
export function renderComplaintNotice(ticket: NoticeTicket, context: NoticeContext): RenderedNotice {
  const title = GLOSSARY.leaderComplaint.vi;
  const lines = [
    `${title} mới — phản ánh ${ticket.code}`,
    `Thời điểm: ${formatDateTime(ticket.receivedAt, context.timeZone)}`,
    'Nội dung và người gửi chỉ xem trên hệ thống; mỗi lần xem đều được ghi nhật ký.',
    'Đề nghị báo Chủ tịch hoặc cán bộ được giao đọc phản ánh kín.',
  ];
  const href = ticketLink(ticket, context.publicUrl);
  return {
    subject: `[${ticket.code}] ${title}`,
    text: `${[...lines, `Xem phản ánh: ${href}`].join('\n')}\n`,
    html: page(lines, { href, label: `Mở phản ánh ${ticket.code}` }),
  };
}

function overdueLine(ticket: NoticeTicket, context: NoticeContext): string {
  const due = ticket.dueAt ? formatDateTime(ticket.dueAt, context.timeZone) : '—';
  return `${ticket.code} (${ticket.unitName ?? 'Chưa chọn đơn vị'}) — hạn ${due} — ${ticketLink(ticket, context.publicUrl)}`;
}

export function renderReminder(
  unitName: string,
  tickets: NoticeTicket[],
  context: NoticeContext,
): RenderedNotice {
  const lines = [
    `Nhắc việc: ${unitName} có ${tickets.length} phản ánh đã quá hạn xử lý.`,
    ...tickets.map((ticket) => overdueLine(ticket, context)),
    'Đề nghị xử lý và cập nhật trạng thái phản ánh trên hệ thống.',
  ];
  return {
    subject: `Nhắc việc: ${tickets.length} phản ánh quá hạn — ${unitName}`,
    text: `${lines.join('\n')}\n`,
    html: page(lines),
  };
}

export function renderEscalation(
  tickets: NoticeTicket[],
  days: number,
  context: NoticeContext,
): RenderedNotice {
  const lines = [
    `${tickets.length} phản ánh đã quá hạn hơn ${days} ngày mà chưa được xử lý xong.`,
    ...tickets.map((ticket) => overdueLine(ticket, context)),
  ];
  return {
    subject: `${GLOSSARY.escalation.vi}: ${tickets.length} phản ánh quá hạn hơn ${days} ngày`,
    text: `${lines.join('\n')}\n`,
    html: page(lines),
  };
}

export function isTicketNotice(kind: NotificationKind): kind is TicketNoticeKind {
  return kind === 'missed_call' || kind === 'voicemail' || kind === 'not_satisfied' || kind === 'transferred';
}
