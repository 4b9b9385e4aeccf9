/** Strings of working a ticket (calling back by hand), Vietnamese and English side by side. */
export const ticketWorkVi = {
  'calledBack.title': 'Đã gọi lại',
  'calledBack.hint': 'Ghi lại cuộc gọi lại bạn đã gọi bằng máy riêng, để phiếu không còn chờ gọi lại.',
  'calledBack.result': 'Kết quả',
  'calledBack.note': 'Nội dung trao đổi',
  'calledBack.close': 'Không cần gọi lại nữa',
  'calledBack.submit': 'Ghi nhận đã gọi lại',
  'calledBack.done': 'Đã ghi nhận cuộc gọi lại.',
  'calledback.reached': 'đã nói chuyện với người dân',
  'calledback.no-answer': 'người dân không nghe máy',
  'calledback.busy': 'máy người dân bận',
  'calledback.wrong-number': 'sai số điện thoại',
  'event.callback.manual': 'Cán bộ đã gọi lại bằng máy riêng: {result}',
  'ticket.print': 'In phiếu',
  'reason.spam': 'Cuộc gọi rác, quấy rối',
  'reason.wrongNumber': 'Gọi nhầm số',
  'reason.duplicate': 'Trùng với phản ánh khác',
};

export const ticketWorkEn: Record<keyof typeof ticketWorkVi, string> = {
  'calledBack.title': 'Called back',
  'calledBack.hint':
    'Record a callback you placed from your own phone, so the ticket no longer waits for one.',
  'calledBack.result': 'Result',
  'calledBack.note': 'What was said',
  'calledBack.close': 'No further callback needed',
  'calledBack.submit': 'Record the callback',
  'calledBack.done': 'Callback recorded.',
  'calledback.reached': 'talked with the citizen',
  'calledback.no-answer': 'the citizen did not answer',
  'calledback.busy': "the citizen's line was busy",
  'calledback.wrong-number': 'wrong number',
  'event.callback.manual': 'The official called back from their own phone: {result}',
  'ticket.print': 'Print',
  'reason.spam': 'Spam or nuisance call',
  'reason.wrongNumber': 'Wrong number',
  'reason.duplicate': 'Duplicate of another report',
};
