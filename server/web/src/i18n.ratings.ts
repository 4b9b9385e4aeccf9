import { CHANNEL_TERMS, GLOSSARY, RATING_SOURCE_TERMS } from '../../../core/reports/glossary';

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
  'calls.channel': GLOSSARY.channel.vi,
  'calls.desk': GLOSSARY.desk.vi,
  'calls.anyDesk': 'Mọi quầy',
  'calls.noDesk': 'Không qua quầy',
  'channel.phone': CHANNEL_TERMS.phone.vi,
  'channel.web-feedback': CHANNEL_TERMS['web-feedback'].vi,
  'channel.web-rating': CHANNEL_TERMS['web-rating'].vi,
  'channel.open311': CHANNEL_TERMS.open311.vi,
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
  'calls.channel': GLOSSARY.channel.en,
  'calls.desk': GLOSSARY.desk.en,
  'calls.anyDesk': 'Any desk',
  'calls.noDesk': 'Not at a desk',
  'channel.phone': CHANNEL_TERMS.phone.en,
  'channel.web-feedback': CHANNEL_TERMS['web-feedback'].en,
  'channel.web-rating': CHANNEL_TERMS['web-rating'].en,
  'channel.open311': CHANNEL_TERMS.open311.en,
};
