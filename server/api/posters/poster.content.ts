import { formatNational } from '../../../core/domain/phone';
import type { HotlineNumber } from '../../../core/units/directory';

export const POSTER_SIZES = ['A4', 'A5'] as const;
export type PosterSize = (typeof POSTER_SIZES)[number];

export interface PosterSubject {
  unit: { code: string; name: string; directNumber: string | null };
  desk: { id: number; name: string } | null;
}

/** A procedure of the catalogue, with the name of the unit that handles it (null: every ward). */
export interface ProcedurePosterSubject {
  code: string;
  name: string;
  unitName: string | null;
}

/** Everything a poster says, in Vietnamese; the PDF only lays it out. */
export interface PosterContent {
  heading: string;
  /** The unit's name, or the procedure's. */
  title: string;
  /** The desk's name, or where the procedure is handled. */
  subtitle: string | null;
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

/** The hotline as a poster dials it: its number printed, its E.164 form dialled. */
function hotlineCall(hotline: HotlineNumber | null): PosterContent['call'] {
  const tel = hotline ? (hotline.e164 ?? hotline.number.replace(/\s/g, '')) : null;
  return hotline && tel ? { label: 'Gọi đường dây nóng', shown: hotline.number, tel } : null;
}

export function posterContent(
  subject: PosterSubject,
  hotline: HotlineNumber | null,
  publicUrl: string,
): PosterContent {
  const { unit, desk } = subject;
  const call = unit.directNumber
    ? { label: 'Gọi thẳng cho đơn vị', shown: formatNational(unit.directNumber), tel: unit.directNumber }
    : hotlineCall(hotline);
  return {
    heading: hotline?.name ? hotline.name.toLocaleUpperCase('vi') : 'ĐƯỜNG DÂY NÓNG',
    title: unit.name,
    subtitle: desk?.name ?? null,
    hotlineLine: hotline ? `Gọi ${hotline.number}, bấm phím ${unit.code}` : null,
    call,
    qrUrl: posterUrl(publicUrl, subject),
    qrCaption: desk
      ? 'Quét mã để đánh giá sự phục vụ tại quầy'
      : 'Quét mã để đánh giá sự phục vụ và gửi phản ánh',
  };
}

/** The citizen-site page of a procedure, which its poster's QR opens. */
export function procedureUrl(publicUrl: string, code: string): string {
  return `${publicUrl}/p/tt/${code}`;
}

/** A procedure's poster: its name, where it is handled, a QR to its page and the hotline to call. */
export function procedurePosterContent(
  procedure: ProcedurePosterSubject,
  hotline: HotlineNumber | null,
  publicUrl: string,
): PosterContent {
  return {
    heading: 'THỦ TỤC HÀNH CHÍNH',
    title: procedure.name,
    subtitle: procedure.unitName ? `Nơi giải quyết: ${procedure.unitName}` : 'Giải quyết tại mọi phường, xã',
    hotlineLine: null,
    call: hotlineCall(hotline),
    qrUrl: procedureUrl(publicUrl, procedure.code),
    qrCaption: 'Quét mã để xem hồ sơ cần nộp, lệ phí, thời hạn, căn cứ pháp lý và gửi phản ánh về thủ tục',
  };
}
