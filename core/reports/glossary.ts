import type { CallOutcome } from '../tickets/call-ticket';
import type { RatingSource } from '../tickets/ratings-table';
import type { TicketChannel } from '../tickets/ticket-channel';
import type { TicketStatus } from '../tickets/ticket-status';

/** One term in both languages, and the variants it replaces (they must not appear anywhere). */
export interface Term {
  vi: string;
  en: string;
  replaces?: readonly string[];
}

/**
 * The hotline's words, once, in the administrative register Home Affairs writes in: the screens
 * (the web dictionaries take these), the call-log exports (CSV/XLSX), the digest and the notices.
 * test/reports/glossary.test.ts fails when a replaced variant turns up again.
 */
export const GLOSSARY = {
  ticket: { vi: 'phản ánh', en: 'ticket', replaces: ['phiếu', 'Phiếu'] },
  ticketCode: { vi: 'Mã phản ánh', en: 'Ticket code', replaces: ['Mã phiếu'] },
  trackingSecret: { vi: 'Mã tra cứu', en: 'Tracking secret', replaces: ['Mã bí mật', 'mã bí mật'] },
  tickets: { vi: 'Số phản ánh', en: 'Tickets', replaces: ['Số phiếu'] },
  category: { vi: 'Lĩnh vực', en: 'Category', replaces: ['Phân loại'] },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  uncategorised: { vi: 'Chưa xác định lĩnh vực', en: 'No category', replaces: ['Chưa phân loại'] },
  receivedAt: { vi: 'Thời điểm gọi', en: 'Received' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  unitCode: { vi: 'Mã đơn vị', en: 'Unit code' },
  caller: { vi: 'Số gọi đến', en: 'Caller number' },
  outcome: { vi: 'Kết quả', en: 'Outcome' },
  wait: { vi: 'Thời gian chờ', en: 'Wait' },
  talk: { vi: 'Thời gian đàm thoại', en: 'Talk time', replaces: ['Nói chuyện', 'nói chuyện'] },
  answeredBy: { vi: 'Người nghe máy', en: 'Answered by' },
  rating: { vi: 'Đánh giá', en: 'Rating' },
  status: { vi: 'Trạng thái', en: 'Status' },
  needsCallback: { vi: 'Cần gọi lại', en: 'Needs a callback' },
  summary: { vi: 'Nội dung', en: 'Summary' },
  dueAt: { vi: 'Hạn xử lý', en: 'Due' },
  answerRate: { vi: 'Tỷ lệ nghe máy', en: 'Answer rate', replaces: ['Tỉ lệ'] },
  voicemails: { vi: 'Lời nhắn thoại', en: 'Voice messages' },
  leaderComplaint: { vi: 'Phản ánh kín gửi Chủ tịch', en: 'Confidential complaint to the chairman' },
  escalation: { vi: 'Báo cáo lên cấp trên', en: 'Escalation', replaces: ['vượt cấp'] },
  desk: { vi: 'Quầy', en: 'Desk' },
  ratingSource: { vi: 'Kênh đánh giá', en: 'Rated through' },
  channel: { vi: 'Kênh tiếp nhận', en: 'Channel' },
  satisfiedShare: { vi: 'Tỷ lệ hài lòng', en: 'Satisfied' },
  visitors: { vi: 'Lượt khách', en: 'Visitors' },
  ratedShare: { vi: 'Tỷ lệ khách đánh giá', en: 'Visitors who rated' },
  noVisitorCount: { vi: 'chưa ghi số lượt khách', en: 'no visitor count recorded' },
  targetMet: { vi: 'đạt', en: 'met' },
  targetNotMet: { vi: 'chưa đạt', en: 'not met' },
} as const satisfies Record<string, Term>;

/** What became of a call, as Home Affairs names it in its monthly report. */
export const OUTCOME_TERMS: Readonly<Record<CallOutcome, Term>> = {
  answered: { vi: 'Đã nghe máy', en: 'Answered' },
  voicemail: { vi: 'Để lại lời nhắn', en: 'Voice message' },
  missed: { vi: 'Cuộc gọi nhỡ', en: 'Missed', replaces: ['Nhỡ cuộc gọi', 'Gọi nhỡ'] },
  abandoned: { vi: 'Người gọi bỏ máy', en: 'Caller hung up', replaces: ['Bỏ dở'] },
  invalid_input: { vi: 'Bấm sai phím', en: 'Wrong keys' },
  failed: { vi: 'Lỗi hệ thống', en: 'System error' },
};

export const STATUS_TERMS: Readonly<Record<TicketStatus, Term>> = {
  new: { vi: 'Mới', en: 'New' },
  in_progress: { vi: 'Đang xử lý', en: 'In progress' },
  resolved: { vi: 'Đã giải quyết', en: 'Resolved' },
  closed: { vi: 'Đã đóng', en: 'Closed' },
};

export const RATING_TERMS: Readonly<Record<1 | 2 | 3, Term>> = {
  1: { vi: 'Rất hài lòng', en: 'Very satisfied' },
  2: { vi: 'Hài lòng', en: 'Satisfied' },
  3: { vi: 'Không hài lòng', en: 'Not satisfied' },
};

/** The channels a rating comes through (core/tickets/ratings-table.ts). */
export const RATING_SOURCE_TERMS: Readonly<Record<RatingSource, Term>> = {
  phone: { vi: 'Khảo sát sau cuộc gọi', en: 'Survey after a call' },
  'unit-qr': { vi: 'Mã QR của đơn vị', en: "The unit's QR code" },
  'desk-qr': { vi: 'Mã QR tại quầy', en: 'QR codes at the desks' },
};

/** Where a ticket came from (core/tickets/ticket-channel.ts). */
export const CHANNEL_TERMS: Readonly<Record<TicketChannel, Term>> = {
  phone: { vi: 'Cuộc gọi', en: 'Call' },
  'web-feedback': { vi: 'Phản ánh qua trang web', en: 'Feedback on the website' },
  'web-rating': { vi: 'Đánh giá qua mã QR', en: 'Rating through a QR code' },
  open311: { vi: 'Yêu cầu qua Open311', en: 'Request through Open311' },
};

/** Every term with its replaced variants, for the test that keeps them out. */
export const ALL_TERMS: readonly Term[] = [
  ...Object.values(GLOSSARY),
  ...Object.values(OUTCOME_TERMS),
  ...Object.values(STATUS_TERMS),
  ...Object.values(RATING_TERMS),
  ...Object.values(RATING_SOURCE_TERMS),
  ...Object.values(CHANNEL_TERMS),
];
