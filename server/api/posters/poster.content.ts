import { formatNational } from '../../../core/domain/phone';
import type { HotlineNumber } from '../../../core/units/directory';

export const POSTER_SIZES = ['A4', 'A5'] as const;
export type PosterSize = (typeof POSTER_SIZES)[number];

export interface PosterSubject {
  unit: { code: string; name: string; directNumber: string | null };
  desk: { id: number; name: string } | null;
}

/** Everything a poster says, in Vietnamese; the PDF only lays it out. */
export interface PosterContent {
  heading: string;
  unitName: string;
  deskName: string | null;
  /** "Gọi 0243 838 9999, bấm phím 1" — the hotline's way in. */
  hotlineLine: string | null;
  /** The number the tel: link dials, as printed and as dialled. */
  call: { label: string; shown: string; tel: string } | null;
  qrUrl: string;
  qrCaption: string;
}

/** The citizen-site page a poster's QR opens: a desk's rating form, or the unit's page. */
export function posterUrl(publicUrl: string, subject: PosterSubject): string {
  return subject.desk ? `${publicUrl}/p/d/${subject.desk.id}` : `${publicUrl}/p/u/${subject.unit.code}`;
}

export function posterContent(
  subject: PosterSubject,
  hotline: HotlineNumber | null,
  publicUrl: string,
): PosterContent {
  const { unit, desk } = subject;
  const hotlineTel = hotline ? (hotline.e164 ?? hotline.number.replace(/\s/g, '')) : null;
  const call = unit.directNumber
    ? { label: 'Gọi thẳng cho đơn vị', shown: formatNational(unit.directNumber), tel: unit.directNumber }
    : hotline && hotlineTel
      ? { label: 'Gọi đường dây nóng', shown: hotline.number, tel: hotlineTel }
      : null;
  return {
    heading: hotline?.name ? hotline.name.toLocaleUpperCase('vi') : 'ĐƯỜNG DÂY NÓNG',
    unitName: unit.name,
    deskName: desk?.name ?? null,
    hotlineLine: hotline ? `Gọi ${hotline.number}, bấm phím ${unit.code}` : null,
    call,
    qrUrl: posterUrl(publicUrl, subject),
    qrCaption: desk
      ? 'Quét mã để đánh giá sự phục vụ tại quầy'
      : 'Quét mã để đánh giá sự phục vụ và gửi phản ánh',
  };
}
