/**
 * Every phrase the caller or the official hears, one audio file each under ivr/sounds/vi/<id>.wav,
 * played as `sound:hotline/vi/<id>`. Wording from PROMPTS.md.
 *
 * A sentence that names a unit or reads digits is split so it plays as several files in a row
 * (ARI plays a list of media URIs back to back):
 *
 *   menu-entry        to-reach + unit-<code> + press + digits/…        "Để gặp {unit}, bấm {digits}."
 *   menu              menu + menu-complaint + digits/…                 "… Để nghe lại, bấm phím sao. Để gửi phản ánh kín về cán bộ tới Chủ tịch, bấm {digits}."
 *   transferring      transferring + unit-<code> + please-hold         "Đang chuyển cuộc gọi tới {unit}. Vui lòng giữ máy."
 *   confirm-official  confirm-official + unit-<code> + press-one-to-accept
 *                     "Có cuộc gọi của người dân qua đường dây nóng, về {unit}. Bấm phím một để nhận cuộc gọi."
 *   ticket-code       ticket-code + digits/…                           "Mã phản ánh của quý vị là {digits}."
 *   tracking          ticket-code + digits/… + tracking-secret + digits/… + tracking-where
 *                     "Mã phản ánh của quý vị là {digits}. Mã tra cứu là {digits}. Quý vị dùng hai mã này …"
 *
 * The *Uris helpers below build these sequences, so the IVR never spells a split by hand.
 * `sorry-unavailable` is not in PROMPTS.md: the dialplan plays it when Asterisk rings the district
 * office itself (our app is down) and nobody answers. Nor are the confidential complaint's
 * `menu-complaint`, `complaint-notice` and `complaint-saved` (issue 13, item 4).
 */

export interface PromptText {
  /** What is spoken, in Vietnamese. */
  vi: string;
  /** The meaning, for people who maintain the call flow. */
  en: string;
}

export const PROMPTS = {
  welcome: {
    vi: 'Xin chào. Đây là đường dây nóng tiếp nhận phản ánh, kiến nghị của người dân về giải quyết thủ tục hành chính.',
    en: 'Hello. This is the hotline for citizens’ feedback and requests about administrative procedures.',
  },
  'recording-notice': {
    vi: 'Cuộc gọi có thể được ghi âm để phục vụ việc giải quyết phản ánh.',
    en: 'The call may be recorded to help resolve your feedback.',
  },
  menu: {
    vi: 'Vui lòng nhập mã phường hoặc mã đơn vị cần liên hệ, rồi bấm phím thăng. Để gặp tổng đài viên, bấm phím không. Để nghe lại, bấm phím sao.',
    en: 'Enter the code of the ward or office you want, then press hash. For the operator, press zero. To hear this again, press star.',
  },
  'menu-complaint': {
    vi: 'Để gửi phản ánh kín về cán bộ tới Chủ tịch, bấm',
    en: 'To send a confidential complaint about officials to the chairman, press (… digits)',
  },
  'complaint-notice': {
    vi: 'Chỉ Chủ tịch và Phòng Nội vụ được nghe phản ánh kín; đơn vị bị phản ánh sẽ không được biết. Sau tiếng bíp, xin nói rõ đơn vị hoặc phường, cán bộ và sự việc, rồi bấm phím thăng.',
    en: 'Only the chairman and the Home Affairs office hear a confidential complaint; the unit complained about is not told. After the beep, please say which office or ward, which official and what happened, then press hash.',
  },
  'complaint-saved': {
    vi: 'Phản ánh kín của quý vị đã được gửi tới Chủ tịch.',
    en: 'Your confidential complaint has been sent to the chairman.',
  },
  'to-reach': { vi: 'Để gặp', en: 'To reach (… unit …)' },
  press: { vi: 'bấm', en: 'press (… digits)' },
  invalid: { vi: 'Mã vừa nhập không đúng.', en: 'The code you entered is not valid.' },
  'no-input': {
    vi: 'Chúng tôi chưa nhận được phím bấm của quý vị.',
    en: 'We did not receive a key press from you.',
  },
  'to-operator': {
    vi: 'Cuộc gọi của quý vị sẽ được chuyển tới tổng đài viên.',
    en: 'Your call will be transferred to the operator.',
  },
  transferring: { vi: 'Đang chuyển cuộc gọi tới', en: 'Transferring your call to (… unit)' },
  'please-hold': { vi: 'Vui lòng giữ máy.', en: 'Please hold.' },
  'confirm-official': {
    vi: 'Có cuộc gọi của người dân qua đường dây nóng, về',
    en: 'A citizen is calling through the hotline, about (… unit)',
  },
  'press-one-to-accept': {
    vi: 'Bấm phím một để nhận cuộc gọi.',
    en: 'Press one to take the call.',
  },
  'leave-message': {
    vi: 'Hiện lãnh đạo đơn vị chưa thể nghe máy. Vui lòng để lại lời nhắn sau tiếng bíp, bấm phím thăng khi nói xong. Chúng tôi sẽ gọi lại cho quý vị sớm nhất.',
    en: 'The unit’s leaders cannot answer right now. Please leave a message after the beep and press hash when done. We will call you back as soon as possible.',
  },
  'message-saved': {
    vi: 'Lời nhắn của quý vị đã được ghi nhận.',
    en: 'Your message has been recorded.',
  },
  'ticket-code': { vi: 'Mã phản ánh của quý vị là', en: 'Your feedback number is (… digits)' },
  'tracking-secret': { vi: 'Mã tra cứu là', en: 'The tracking secret is (… digits)' },
  'tracking-where': {
    vi: 'Quý vị dùng hai mã này để theo dõi trên trang phản ánh của quận.',
    en: 'Use these two numbers to follow it on the district’s feedback site.',
  },
  survey: {
    vi: 'Xin quý vị đánh giá cuộc gọi vừa rồi. Rất hài lòng, bấm phím một. Hài lòng, bấm phím hai. Không hài lòng, bấm phím ba.',
    en: 'Please rate this call. Very satisfied, press one. Satisfied, press two. Not satisfied, press three.',
  },
  'survey-thanks': { vi: 'Cảm ơn quý vị đã đánh giá.', en: 'Thank you for your rating.' },
  'callback-promise': {
    vi: 'Chúng tôi sẽ liên hệ lại với quý vị.',
    en: 'We will get back to you.',
  },
  goodbye: { vi: 'Xin cảm ơn quý vị. Xin chào.', en: 'Thank you. Goodbye.' },
  'sorry-error': {
    vi: 'Xin lỗi, hệ thống đang gặp sự cố. Cuộc gọi của quý vị sẽ được chuyển tới tổng đài viên.',
    en: 'Sorry, the system has a problem. Your call will be transferred to the operator.',
  },
  'sorry-unavailable': {
    vi: 'Xin lỗi, hiện chưa có cán bộ nghe máy. Vui lòng gọi lại sau.',
    en: 'Sorry, no official can answer right now. Please call again later.',
  },
  'callback-intro': {
    vi: 'Đây là cuộc gọi lại từ đường dây nóng, về phản ánh của quý vị. Xin vui lòng giữ máy.',
    en: 'This is a call back from the hotline about your feedback. Please hold.',
  },
} as const satisfies Record<string, PromptText>;

/** A fixed phrase; the type stops the IVR from naming a prompt that has no file. */
export type PromptId = keyof typeof PROMPTS;
export const PROMPT_IDS = Object.keys(PROMPTS) as PromptId[];

export type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';
export type DigitPromptId = `digits/${Digit}`;
export const DIGIT_WORDS: Readonly<Record<Digit, string>> = {
  '0': 'không',
  '1': 'một',
  '2': 'hai',
  '3': 'ba',
  '4': 'bốn',
  '5': 'năm',
  '6': 'sáu',
  '7': 'bảy',
  '8': 'tám',
  '9': 'chín',
};
export const DIGIT_PROMPT_IDS = (Object.keys(DIGIT_WORDS) as Digit[]).map(
  (digit): DigitPromptId => `digits/${digit}`,
);

/** A unit's spoken name, one file per unit in the database. */
export type UnitPromptId = `unit-${string}`;

export type AnyPromptId = PromptId | DigitPromptId | UnitPromptId;
export type SoundUri = `sound:hotline/vi/${string}`;

export const SOUND_DIR_IN_ASTERISK = 'hotline/vi';

export function promptUri(id: AnyPromptId): SoundUri {
  return `sound:${SOUND_DIR_IN_ASTERISK}/${id}`;
}

export function unitPromptId(code: string): UnitPromptId {
  if (!/^\d{1,6}$/.test(code)) throw new Error(`unit code "${code}" is not 1 to 6 digits`);
  return `unit-${code}`;
}

export function digitUris(digits: string): SoundUri[] {
  if (!/^\d*$/.test(digits)) throw new Error(`"${digits}" must contain only the digits 0-9`);
  return [...digits].map((digit) => promptUri(`digits/${digit as Digit}`));
}

export function transferringUris(unitCode: string): SoundUri[] {
  return [promptUri('transferring'), promptUri(unitPromptId(unitCode)), promptUri('please-hold')];
}

export function confirmOfficialUris(unitCode: string): SoundUri[] {
  return [promptUri('confirm-official'), promptUri(unitPromptId(unitCode)), promptUri('press-one-to-accept')];
}

/** The menu, then the confidential complaint's key when the menu offers one. */
export function menuUris(confidentialCode: string | null): SoundUri[] {
  const menu = promptUri('menu');
  return confidentialCode === null
    ? [menu]
    : [menu, promptUri('menu-complaint'), ...digitUris(confidentialCode)];
}

export function menuEntryUris(unitCode: string): SoundUri[] {
  return [
    promptUri('to-reach'),
    promptUri(unitPromptId(unitCode)),
    promptUri('press'),
    ...digitUris(unitCode),
  ];
}

export function ticketCodeUris(spokenDigits: string): SoundUri[] {
  return [promptUri('ticket-code'), ...digitUris(spokenDigits)];
}

/** The ticket's number, then its tracking secret and where to use the two. */
export function trackingUris(spokenDigits: string, secret: string): SoundUri[] {
  return [
    ...ticketCodeUris(spokenDigits),
    promptUri('tracking-secret'),
    ...digitUris(secret),
    promptUri('tracking-where'),
  ];
}

// A synthetic voice spells abbreviations letter by letter; callers expect the words.
const SPOKEN_ABBREVIATIONS: ReadonlyArray<[RegExp, string]> = [
  [/\bUBND\b/g, 'Ủy ban nhân dân'],
  [/\bHĐND\b/g, 'Hội đồng nhân dân'],
];

/** How a unit's name is spoken: abbreviations expanded, dashes and brackets read as pauses. */
export function spokenUnitName(name: string): string {
  const expanded = SPOKEN_ABBREVIATIONS.reduce(
    (text, [pattern, words]) => text.replace(pattern, words),
    name,
  );
  return expanded
    .replace(/\s+-\s+/g, ', ')
    .replace(/[()]/g, ', ')
    .replace(/\s*,\s*(,\s*)*/g, ', ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,]+|[\s,]+$/g, '');
}
