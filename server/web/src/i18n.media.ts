/** Why a recording or a callback is not offered, Vietnamese and English (spread into i18n.vi/en). */
export const mediaVi = {
  'media.notConnected': 'Tổng đài chưa kết nối nên chưa nghe được bản ghi.',
  'media.expired': 'Bản ghi đã bị xoá theo thời hạn lưu (lúc {date}).',
  'callback.notConnected': 'Tổng đài chưa kết nối nên chưa thể gọi lại qua hệ thống.',
};

export const mediaEn: Record<keyof typeof mediaVi, string> = {
  'media.notConnected': 'The switchboard is not connected, so the recording cannot be played.',
  'media.expired': 'The recording was deleted at the end of its retention period (at {date}).',
  'callback.notConnected': 'The switchboard is not connected, so no callback can be placed through it.',
};
