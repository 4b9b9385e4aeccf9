/** The ticket page's quick entry after a call, Vietnamese and English (spread into i18n.vi/en). */
export const quickEntryVi = {
  'quick.title': 'Ghi nhanh sau cuộc gọi',
  'quick.about': 'Người dân phản ánh việc gì',
  'quick.done': 'Đã xử lý thế nào',
  'quick.save': 'Lưu ghi nhanh',
  'quick.doneNote': 'Đã xử lý: {text}',
};

export const quickEntryEn: Record<keyof typeof quickEntryVi, string> = {
  'quick.title': 'Quick note after the call',
  'quick.about': 'What the citizen raised',
  'quick.done': 'What was done',
  'quick.save': 'Save the note',
  'quick.doneNote': 'Done: {text}',
};
