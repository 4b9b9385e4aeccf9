import { GLOSSARY, RATING_SOURCE_TERMS } from '../../../core/reports/glossary';

/** The dashboard's ratings per unit and desk, and the call log's channel and desk filters (spread into i18n.vi/en). */
export const ratingsVi = {
  'ratings.title': 'Đánh giá theo đơn vị và quầy',
  'ratings.line': 'Đơn vị, kênh, quầy',
  'ratings.satisfiedShare': GLOSSARY.satisfiedShare.vi,
  'ratings.ratedShare': `${GLOSSARY.ratedShare.vi} (mục tiêu {target})`,
  'ratings.source.phone': RATING_SOURCE_TERMS.phone.vi,
  'ratings.source.unit-qr': RATING_SOURCE_TERMS['unit-qr'].vi,
  'ratings.deskInactive': '{name} (ngừng hoạt động)',
  'ratings.unitTotal': 'Cả đơn vị',
  'ratings.noVisitorCount': GLOSSARY.noVisitorCount.vi,
  'ratings.share': '{share} trên {visitors} lượt khách',
  'ratings.met': 'Đạt mục tiêu',
  'ratings.notMet': 'Chưa đạt mục tiêu',
  'ratings.none': 'Chưa có lượt đánh giá nào trong kỳ.',
  'ratings.howShare':
    'Tỷ lệ khách đánh giá: số lượt đánh giá qua mã QR tại các quầy đã ghi số lượt khách, chia cho số lượt khách của tháng {months}; mục tiêu {target}.',
  'ratings.weekNoShare':
    'Số lượt khách được ghi theo tháng: xem theo tháng để thấy tỷ lệ khách đánh giá so với mục tiêu {target}.',
  'calls.channel': 'Kênh tiếp nhận',
  'calls.desk': GLOSSARY.desk.vi,
  'calls.anyDesk': 'Mọi quầy',
  'calls.noDesk': 'Không qua quầy',
  'channel.phone': 'Cuộc gọi',
  'channel.web-feedback': 'Phản ánh qua trang web',
  'channel.web-rating': 'Đánh giá qua mã QR',
  'channel.open311': 'Yêu cầu qua Open311',
};

export const ratingsEn: Record<keyof typeof ratingsVi, string> = {
  'ratings.title': 'Ratings by unit and desk',
  'ratings.line': 'Unit, channel, desk',
  'ratings.satisfiedShare': GLOSSARY.satisfiedShare.en,
  'ratings.ratedShare': `${GLOSSARY.ratedShare.en} (target {target})`,
  'ratings.source.phone': RATING_SOURCE_TERMS.phone.en,
  'ratings.source.unit-qr': RATING_SOURCE_TERMS['unit-qr'].en,
  'ratings.deskInactive': '{name} (closed)',
  'ratings.unitTotal': 'Whole unit',
  'ratings.noVisitorCount': GLOSSARY.noVisitorCount.en,
  'ratings.share': '{share} of {visitors} visitors',
  'ratings.met': 'Target met',
  'ratings.notMet': 'Target not met',
  'ratings.none': 'No ratings in this period yet.',
  'ratings.howShare':
    'Visitors who rated: ratings through the QR codes of the desks that recorded their visitors, over the visitors of {months}; target {target}.',
  'ratings.weekNoShare':
    'Visitors are counted per month: view a month to see the share who rated against the {target} target.',
  'calls.channel': 'Channel',
  'calls.desk': GLOSSARY.desk.en,
  'calls.anyDesk': 'Any desk',
  'calls.noDesk': 'Not at a desk',
  'channel.phone': 'Call',
  'channel.web-feedback': 'Feedback on the website',
  'channel.web-rating': 'Rating through a QR code',
  'channel.open311': 'Request through Open311',
};
