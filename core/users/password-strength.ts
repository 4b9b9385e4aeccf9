/**
 * What makes a password easy to guess, after NIST SP 800-63B §5.1.1.2: no composition rules, but
 * a refusal of values attackers try first: the most used passwords (and their l33t and
 * digit-suffixed forms), keyboard walks, sequences and repeats, digits alone (phone numbers,
 * dates), and the account's own name.
 */
export type WeakPasswordReason = 'common' | 'predictable' | 'digits-only' | 'personal';

export interface WeakPassword {
  reason: WeakPasswordReason;
  message: string;
}

const MESSAGES: Record<WeakPasswordReason, string> = {
  common: 'is one of the most commonly used passwords',
  predictable: 'is a keyboard pattern, sequence or repetition (like qwertyuiop, 1234567890 or aaaaaaaaaa)',
  'digits-only': 'is only digits (like a phone number or a date)',
  personal: 'contains the user name or the person’s name',
};

/** Words that lead the public lists of leaked passwords, English and Vietnamese, and this product's own. */
const COMMON_WORDS = new Set(
  `password passwd pass admin administrator root login changeme default welcome letmein secret guest
  user test demo qwerty iloveyou princess sunshine football baseball soccer monkey dragon master shadow
  superman batman trustno whatever michael jennifer jordan hunter starwars freedom computer internet
  hello abc abcd love lovely flower angel killer charlie maggie summer winter pokemon samsung google
  facebook matkhau anhyeuem emyeuanh yeuem yeuanh iloveu vietnam hanoi saigon hochiminh danang haiphong
  hotline chutich ubnd phuong quan xinchao tongdai noivu`.split(/\s+/),
);

/** Keyboard rows and columns, and the alphabet and digits: any stretch of one of these is a guess. */
const WALKS = [
  '1234567890',
  '0123456789',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p',
  '1q2w3e4r5t6y7u8i9o0p',
  'qazwsxedcrfvtgbyhnujmikolp',
  '!@#$%^&*()',
].flatMap((walk) => [walk, [...walk].reverse().join('')]);

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
};

const MIN_PIECE = 3;

/** Lower case without diacritics (đ as d), so "Mật Khẩu" and "matkhau" are one guess. */
function folded(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();
}

function unleeted(text: string): string {
  return [...text].map((char) => LEET[char] ?? char).join('');
}

function isCommon(password: string): boolean {
  const letters = folded(password).replace(/[^\p{L}\p{N}@$]/gu, '');
  // The word with digits or symbols around it: "password123", "P@ssw0rd!", "2026matkhau".
  const word = letters.replace(/^[\d@$]+|[\d@$]+$/g, '');
  return [letters, word, unleeted(letters), unleeted(word)].some((candidate) => COMMON_WORDS.has(candidate));
}

/** A stretch of a walk, or one character repeated, at least MIN_PIECE long. */
function isPredictablePiece(piece: string): boolean {
  if (new Set(piece).size === 1) return true;
  return WALKS.some((walk) => walk.includes(piece));
}

/** Whether the text is only predictable pieces one after another ("qwerty123456", "aaaa1111bbbb"). */
function isPredictable(text: string): boolean {
  if (new Set(text).size <= 3) return true;
  const coverable = new Array<boolean>(text.length + 1).fill(false);
  coverable[0] = true;
  for (let end = MIN_PIECE; end <= text.length; end += 1) {
    for (let start = 0; start <= end - MIN_PIECE && !coverable[end]; start += 1) {
      if (coverable[start] && isPredictablePiece(text.slice(start, end))) coverable[end] = true;
    }
  }
  return coverable[text.length] === true;
}

/**
 * A name is searched for inside the password whole, and by its parts of at least this many letters:
 * shorter parts of Vietnamese names ("Lan", "Anh") are inside too many ordinary words.
 */
const MIN_NAME_PART = 4;

function containsName(password: string, names: readonly string[]): boolean {
  const compact = folded(password).replace(/[^\p{L}\p{N}]/gu, '');
  return names.some((name) => {
    const parts = folded(name).split(/[^\p{L}\p{N}]+/u);
    const whole = parts.join('');
    return (
      (whole.length >= 3 && compact.includes(whole)) ||
      parts.some((part) => part.length >= MIN_NAME_PART && compact.includes(part))
    );
  });
}

/** Why a password is easy to guess, or null; `names` are the account's user name and display name. */
export function weakPassword(password: string, names: readonly string[] = []): WeakPassword | null {
  const reason = weakReason(password, names);
  return reason ? { reason, message: MESSAGES[reason] } : null;
}

function weakReason(password: string, names: readonly string[]): WeakPasswordReason | null {
  const compact = folded(password).replace(/\s+/g, '');
  if (containsName(password, names)) return 'personal';
  if (isCommon(password)) return 'common';
  if (/^\d+$/.test(compact)) return isPredictable(compact) ? 'predictable' : 'digits-only';
  if (isPredictable(compact)) return 'predictable';
  return null;
}
