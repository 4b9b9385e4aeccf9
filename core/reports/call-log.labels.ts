import type { CallOutcome } from '../tickets/call-ticket';
import type { TicketStatus } from '../tickets/ticket-status';

/** The words Home Affairs uses in its monthly report for each stored value. */
export const OUTCOME_LABELS: Readonly<Record<CallOutcome, string>> = {
  answered: 'Đã nghe máy',
  voicemail: 'Để lại lời nhắn',
  missed: 'Nhỡ cuộc gọi',
  abandoned: 'Người gọi bỏ máy',
  invalid_input: 'Bấm sai phím',
  failed: 'Lỗi hệ thống',
};

export const STATUS_LABELS: Readonly<Record<TicketStatus, string>> = {
  new: 'Mới',
  in_progress: 'Đang xử lý',
  resolved: 'Đã giải quyết',
  closed: 'Đã đóng',
};

export const RATING_LABELS: Readonly<Record<1 | 2 | 3, string>> = {
  1: 'Rất hài lòng',
  2: 'Hài lòng',
  3: 'Không hài lòng',
};
