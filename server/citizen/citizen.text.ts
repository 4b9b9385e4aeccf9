/** The citizen site's words: Vietnamese first, English on the switch. */
export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const vi = {
  siteTitle: 'Đường dây nóng — Cổng người dân',
  otherLang: 'English',
  hotline: 'Đường dây nóng',
  callUnit: 'Gọi cho đơn vị',
  callHotline: 'Gọi đường dây nóng',
  unitKey: 'Khi gọi đường dây nóng, bấm phím',
  units: 'Các đơn vị',
  rateService: 'Đánh giá sự phục vụ',
  rateAt: 'Đánh giá tại',
  desks: 'Các quầy tiếp nhận',
  question: 'Bạn có hài lòng với sự phục vụ hôm nay?',
  rating1: 'Rất hài lòng',
  rating2: 'Hài lòng',
  rating3: 'Không hài lòng',
  comment: 'Góp ý (không bắt buộc)',
  phone: 'Số điện thoại để cán bộ gọi lại (không bắt buộc)',
  honeypot: 'Để trống ô này',
  send: 'Gửi đánh giá',
  thanks: 'Cảm ơn bạn đã đánh giá',
  yourCode: 'Mã phiếu của bạn',
  callbackPromise: 'Cán bộ sẽ gọi lại cho bạn để tìm hiểu và khắc phục.',
  callbackNoPhone: 'Bạn không để lại số điện thoại; có thể gọi đường dây nóng và đọc mã phiếu.',
  back: 'Quay lại trang đơn vị',
  notFound: 'Không tìm thấy trang này',
  notFoundHint: 'Đơn vị hoặc quầy này không có hoặc đã ngừng hoạt động.',
  errorTitle: 'Chưa gửi được',
  'error.rating-required': 'Hãy chọn một mức đánh giá.',
  'error.comment-too-long': 'Góp ý dài quá 1000 ký tự; hãy rút ngắn.',
  'error.phone-invalid': 'Số điện thoại không hợp lệ (ví dụ 0912 345 678).',
  'error.text-invalid': 'Nội dung có ký tự không hợp lệ.',
  'error.honeypot': 'Biểu mẫu bị từ chối: ô phải để trống đã có nội dung.',
  'error.too-many': 'Bạn đã gửi quá nhiều lần. Hãy thử lại sau {minutes} phút.',
  'error.too-large': 'Nội dung gửi quá lớn (tối đa 16 KB).',
  'error.bad-form': 'Biểu mẫu không đọc được. Hãy tải lại trang và gửi lại.',
  'error.internal': 'Hệ thống đang gặp lỗi. Hãy thử lại sau hoặc gọi đường dây nóng.',
};

export type TextKey = keyof typeof vi;

const en: Record<TextKey, string> = {
  siteTitle: 'Hotline — citizen portal',
  otherLang: 'Tiếng Việt',
  hotline: 'Hotline',
  callUnit: 'Call the unit',
  callHotline: 'Call the hotline',
  unitKey: 'When calling the hotline, press',
  units: 'Units',
  rateService: 'Rate the service',
  rateAt: 'Rate the service at',
  desks: 'Service desks',
  question: 'Were you satisfied with the service today?',
  rating1: 'Very satisfied',
  rating2: 'Satisfied',
  rating3: 'Not satisfied',
  comment: 'Comment (optional)',
  phone: 'Phone number for a call back (optional)',
  honeypot: 'Leave this field empty',
  send: 'Send rating',
  thanks: 'Thank you for your rating',
  yourCode: 'Your ticket code',
  callbackPromise: 'An official will call you back to find out what went wrong.',
  callbackNoPhone: 'You left no phone number; you may call the hotline and give the ticket code.',
  back: "Back to the unit's page",
  notFound: 'Page not found',
  notFoundHint: 'This unit or desk does not exist or no longer takes ratings.',
  errorTitle: 'Not sent yet',
  'error.rating-required': 'Choose a rating.',
  'error.comment-too-long': 'The comment is longer than 1000 characters; please shorten it.',
  'error.phone-invalid': 'Not a valid phone number (e.g. 0912 345 678).',
  'error.text-invalid': 'The text holds characters that cannot be stored.',
  'error.honeypot': 'Form refused: a field that must stay empty was filled in.',
  'error.too-many': 'Too many submissions. Try again in {minutes} minutes.',
  'error.too-large': 'What was sent is too large (16 KB at most).',
  'error.bad-form': 'The form could not be read. Reload the page and send it again.',
  'error.internal': 'Something went wrong. Try again later or call the hotline.',
};

const TEXTS: Record<Lang, Record<TextKey, string>> = { vi, en };

/** The words for `key` in `lang`, with {name} placeholders filled from `params`. */
export function say(lang: Lang, key: TextKey, params: Record<string, string | number> = {}): string {
  return TEXTS[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}

export function langOf(query: unknown): Lang {
  return query === 'en' ? 'en' : 'vi';
}
