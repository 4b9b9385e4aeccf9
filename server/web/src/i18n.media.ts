/**
 * A ticket's recordings and photos, and why one or a callback is not offered, Vietnamese and
 * English (spread into i18n.vi/en).
 */
export const mediaVi = {
  'ticket.photos': 'Ảnh đính kèm',
  'ticket.photoAlt': 'Ảnh {n} người dân gửi kèm phản ánh {code}',
  'ticket.photoOpen': 'Mở ảnh {n} cỡ đầy đủ',
  'photo.expired': 'Ảnh {n} đã bị xoá theo thời hạn lưu (lúc {date}).',
  'event.photos.expired': 'Đã xoá {count} ảnh đính kèm theo thời hạn lưu trữ',
  'media.notConnected': 'Tổng đài chưa kết nối nên chưa nghe được bản ghi.',
  'media.expired': 'Bản ghi đã bị xoá theo thời hạn lưu (lúc {date}).',
  'callback.notConnected': 'Tổng đài chưa kết nối nên chưa thể gọi lại qua hệ thống.',
};

export const mediaEn: Record<keyof typeof mediaVi, string> = {
  'ticket.photos': 'Attached photos',
  'ticket.photoAlt': 'Photo {n} the citizen sent with ticket {code}',
  'ticket.photoOpen': 'Open photo {n} full size',
  'photo.expired': 'Photo {n} was deleted at the end of its retention period (at {date}).',
  'event.photos.expired': '{count} attached photo(s) deleted at the end of their retention period',
  'media.notConnected': 'The switchboard is not connected, so the recording cannot be played.',
  'media.expired': 'The recording was deleted at the end of its retention period (at {date}).',
  'callback.notConnected': 'The switchboard is not connected, so no callback can be placed through it.',
};
