import { escapeHtml } from '../../core/digest/digest.html';
import { formatNational } from '../../core/domain/phone';
import { MAX_PHOTOS } from '../../core/tickets/ticket-photo';
import type { HotlineNumber } from '../../core/units/directory';
import type { PublicDesk, PublicUnit } from './citizen.repo';
import { type Lang, say, type TextKey } from './citizen.text';
import type { FeedbackFormState } from './rating.form';
import { PHOTO_FIELD } from './upload.form';

export const STYLE_PATH = '/p/site.css';

const h = escapeHtml;

/** Where the language switch leads: the same page in the other language. */
function switchHref(path: string, lang: Lang): string {
  return lang === 'vi' ? `${path}?lang=en` : path;
}

const withLang = (path: string, lang: Lang) => (lang === 'vi' ? path : `${path}?lang=en`);

export function layout(lang: Lang, path: string, title: string, main: string): string {
  return `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${h(title)}</title><link rel="stylesheet" href="${STYLE_PATH}"></head><body><header><a href="${withLang('/p/', lang)}">${h(say(lang, 'siteTitle'))}</a><a class="lang" href="${h(switchHref(path, lang))}" hreflang="${lang === 'vi' ? 'en' : 'vi'}">${h(say(lang, 'otherLang'))}</a></header><main>${main}</main></body></html>`;
}

/** The number a unit's page and poster dial: the unit's own when it has one, else the hotline. */
export function dialFor(
  unit: PublicUnit,
  hotline: HotlineNumber | null,
): { tel: string; shown: string } | null {
  if (unit.directNumber) return { tel: unit.directNumber, shown: formatNational(unit.directNumber) };
  if (!hotline) return null;
  return { tel: hotline.e164 ?? hotline.number.replace(/\s/g, ''), shown: hotline.number };
}

function callBlock(lang: Lang, unit: PublicUnit, hotline: HotlineNumber | null): string {
  const dial = dialFor(unit, hotline);
  const label = unit.directNumber ? say(lang, 'callUnit') : say(lang, 'callHotline');
  const call = dial
    ? `<p><a class="call" href="tel:${h(dial.tel)}">${h(label)}: ${h(dial.shown)}</a></p>`
    : '';
  const key = hotline
    ? `<p>${h(say(lang, 'unitKey'))} <strong class="key">${h(unit.code)}</strong> (${h(say(lang, 'hotline'))} ${h(hotline.number)}).</p>`
    : '';
  return call + key;
}

function unitLinks(lang: Lang, units: PublicUnit[], suffix = ''): string {
  return `<ul>${units
    .map((unit) => `<li><a href="${withLang(`/p/u/${unit.code}${suffix}`, lang)}">${h(unit.name)}</a></li>`)
    .join('')}</ul>`;
}

export const COMPLAINT_PATH = '/p/complaint';

export function homePage(lang: Lang, units: PublicUnit[]): string {
  const complaint = `<p><a class="button" href="${withLang(COMPLAINT_PATH, lang)}">${h(say(lang, 'complaint'))}</a></p>`;
  return layout(
    lang,
    '/p/',
    say(lang, 'siteTitle'),
    `<h1>${h(say(lang, 'units'))}</h1>${unitLinks(lang, units)}${complaint}`,
  );
}

/** From the home page: which unit's officials the confidential complaint is about. */
export function complaintPickPage(lang: Lang, units: PublicUnit[]): string {
  const main = `<h1>${h(say(lang, 'complaint'))}</h1><p>${h(say(lang, 'complaintPick'))}</p>${unitLinks(lang, units, '/complaint')}`;
  return layout(lang, COMPLAINT_PATH, say(lang, 'complaint'), main);
}

export function unitPage(
  lang: Lang,
  unit: PublicUnit,
  desks: Array<{ id: number; name: string }>,
  hotline: HotlineNumber | null,
): string {
  const path = `/p/u/${unit.code}`;
  const deskList =
    desks.length > 0
      ? `<h2>${h(say(lang, 'desks'))}</h2><ul>${desks
          .map((desk) => `<li><a href="${withLang(`/p/d/${desk.id}`, lang)}">${h(desk.name)}</a></li>`)
          .join('')}</ul>`
      : '';
  const main = `<h1>${h(unit.name)}</h1>${callBlock(lang, unit, hotline)}<p><a class="button" href="${withLang(`${path}/rate`, lang)}">${h(say(lang, 'rateService'))}</a></p><p><a class="button" href="${withLang(`${path}/feedback`, lang)}">${h(say(lang, 'feedback'))}</a></p><p><a href="${withLang(`${path}/tt`, lang)}">${h(say(lang, 'procedures'))}</a></p>${deskList}<p><a href="${withLang(`${path}/complaint`, lang)}">${h(say(lang, 'complaint'))}</a></p>`;
  return layout(lang, path, unit.name, main);
}

export interface RatingFormState {
  rating?: string;
  comment?: string;
  phone?: string;
  /** Problems to show, by field ('rating', 'comment', 'phone', 'form'). */
  errors: Partial<Record<'rating' | 'comment' | 'phone' | 'form', TextKey>>;
}

export function ratingPage(
  lang: Lang,
  target: { path: string; unit: PublicUnit; desk: PublicDesk | null },
  state: RatingFormState = { errors: {} },
): string {
  const { errors } = state;
  const title = `${say(lang, 'rateAt')} ${target.desk ? `${target.desk.name} — ` : ''}${target.unit.name}`;
  const fieldError = (field: keyof RatingFormState['errors']) => {
    const key = errors[field];
    return key ? `<p class="error" id="${field}-error">${h(say(lang, key))}</p>` : '';
  };
  const invalid = (field: keyof RatingFormState['errors']) =>
    errors[field] ? ` aria-invalid="true" aria-describedby="${field}-error"` : '';
  const summary =
    Object.keys(errors).length > 0
      ? `<div role="alert"><h2>${h(say(lang, 'errorTitle'))}</h2>${fieldError('form')}</div>`
      : '';
  const choices = ([1, 2, 3] as const)
    .map(
      (value) =>
        `<label class="choice r${value}"><input type="radio" name="rating" value="${value}"${state.rating === String(value) ? ' checked' : ''} required> ${h(say(lang, `rating${value}`))}</label>`,
    )
    .join('');
  const main = `<h1>${h(title)}</h1>${summary}<form method="post" action="${h(target.path)}"><input type="hidden" name="lang" value="${lang}"><fieldset${invalid('rating')}><legend>${h(say(lang, 'question'))}</legend>${choices}${fieldError('rating')}</fieldset><label for="comment">${h(say(lang, 'comment'))}</label><textarea id="comment" name="comment" rows="4" maxlength="1000"${invalid('comment')}>${h(state.comment ?? '')}</textarea>${fieldError('comment')}<label for="phone">${h(say(lang, 'phone'))}</label><input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="40" value="${h(state.phone ?? '')}"${invalid('phone')}>${fieldError('phone')}<div class="hp" aria-hidden="true"><label for="website">${h(say(lang, 'honeypot'))}</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div><button type="submit">${h(say(lang, 'send'))}</button></form>`;
  return layout(lang, target.path, title, main);
}

/** The words of a form that sends a text and an optional phone number. */
interface TextFormWords {
  title: TextKey;
  text: TextKey;
  phone: TextKey;
  send: TextKey;
}

const FEEDBACK_WORDS: TextFormWords = {
  title: 'feedbackTo',
  text: 'feedbackText',
  phone: 'feedbackPhone',
  send: 'sendFeedback',
};

const COMPLAINT_WORDS: TextFormWords = {
  title: 'complaintAbout',
  text: 'complaintText',
  phone: 'complaintPhone',
  send: 'sendComplaint',
};

export function feedbackPage(
  lang: Lang,
  unit: PublicUnit,
  state: FeedbackFormState = { errors: {} },
): string {
  return textFormPage(lang, unit, `/p/u/${unit.code}/feedback`, FEEDBACK_WORDS, '', state);
}

/**
 * A confidential complaint about the unit's own officials, to the chairman. It says plainly who
 * reads it and who does not: people do not yet trust such a channel (CONTEXT.md).
 */
export function complaintPage(
  lang: Lang,
  unit: PublicUnit,
  state: FeedbackFormState = { errors: {} },
): string {
  const who = `<div class="who"><p>${h(say(lang, 'complaintWho', { unit: unit.name }))}</p><p>${h(say(lang, 'complaintLog'))}</p><p>${h(say(lang, 'complaintContactNote'))}</p></div>`;
  return textFormPage(lang, unit, `/p/u/${unit.code}/complaint`, COMPLAINT_WORDS, who, state);
}

function textFormPage(
  lang: Lang,
  unit: PublicUnit,
  path: string,
  words: TextFormWords,
  intro: string,
  state: FeedbackFormState,
): string {
  const title = `${say(lang, words.title)} ${unit.name}`;
  const { errors } = state;
  const fieldError = (field: 'text' | 'phone' | 'photo') => {
    const key = errors[field];
    return key ? `<p class="error" id="${field}-error">${h(say(lang, key))}</p>` : '';
  };
  const invalid = (field: 'text' | 'phone' | 'photo') =>
    errors[field] ? ` aria-invalid="true" aria-describedby="${field}-error"` : '';
  const summary =
    Object.keys(errors).length > 0 ? `<div role="alert"><h2>${h(say(lang, 'errorTitle'))}</h2></div>` : '';
  // Multipart, with the photo inputs after the text fields, so the text is read even when a photo is refused.
  const form = `<form method="post" action="${withLang(path, lang)}" enctype="multipart/form-data">`;
  const photos = `${photoInputs(lang, invalid('photo'))}${state.hadPhotos ? `<p class="error">${h(say(lang, 'photosAgain'))}</p>` : ''}${fieldError('photo')}`;
  const main = `<h1>${h(title)}</h1>${intro}${summary}${form}<input type="hidden" name="lang" value="${lang}"><label for="text">${h(say(lang, words.text))}</label><textarea id="text" name="text" rows="6" maxlength="1000" required${invalid('text')}>${h(state.text ?? '')}</textarea>${fieldError('text')}<label for="phone">${h(say(lang, words.phone))}</label><input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="40" value="${h(state.phone ?? '')}"${invalid('phone')}>${fieldError('phone')}${photos}<div class="hp" aria-hidden="true"><label for="website">${h(say(lang, 'honeypot'))}</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div><button type="submit">${h(say(lang, words.send))}</button></form>`;
  return layout(lang, path, title, main);
}

/**
 * One plain file input per photo, which works without script. No `capture`: a phone then offers
 * its camera and its gallery, for a photo taken before the citizen found the form.
 */
function photoInputs(lang: Lang, invalid: string): string {
  const inputs = Array.from(
    { length: MAX_PHOTOS },
    (_, i) =>
      `<label for="photo${i + 1}">${h(say(lang, 'photoN', { n: i + 1 }))}</label><input id="photo${i + 1}" name="${PHOTO_FIELD}" type="file" accept="image/*">`,
  ).join('');
  return `<fieldset${invalid}><legend>${h(say(lang, 'photos'))}</legend>${inputs}</fieldset>`;
}

/** Where a thanks page leads back to: the unit's page, or the procedure's the feedback was about. */
export interface BackLink {
  path: string;
  label: TextKey;
}

export const unitBack = (unit: PublicUnit): BackLink => ({ path: `/p/u/${unit.code}`, label: 'back' });

export function thanksPage(
  lang: Lang,
  back: BackLink,
  ticket: { code: string; trackingSecret: string; needsCallback: boolean; leftPhone: boolean },
  title: TextKey = 'thanks',
): string {
  const callback = ticket.needsCallback
    ? `<p>${h(say(lang, ticket.leftPhone ? 'callbackPromise' : 'callbackNoPhone'))}</p>`
    : '';
  const main = `<h1>${h(say(lang, title))}</h1><p>${h(say(lang, 'yourCode'))}: <strong class="code">${h(ticket.code)}</strong></p><p>${h(say(lang, 'yourSecret'))}: <strong class="secret">${h(ticket.trackingSecret)}</strong></p><p>${h(say(lang, 'keepSecret'))} <a href="${withLang('/p/t', lang)}">${h(say(lang, 'track'))}</a></p>${callback}<p><a href="${withLang(back.path, lang)}">${h(say(lang, back.label))}</a></p>`;
  return layout(lang, back.path, say(lang, title), main);
}

export function messagePage(lang: Lang, path: string, title: TextKey, text: string): string {
  return layout(
    lang,
    path,
    say(lang, title),
    `<h1>${h(say(lang, title))}</h1><p role="alert">${h(text)}</p>`,
  );
}

/** Large type and targets for a cheap phone: one column, readable at 320 px, no web fonts. */
export const SITE_CSS = `*{box-sizing:border-box}body{margin:0;font:18px/1.5 system-ui,sans-serif;color:#111;background:#fff}header{display:flex;justify-content:space-between;gap:8px;padding:8px 12px;background:#0b3d91}header a{color:#fff}main{max-width:40rem;margin:0 auto;padding:12px}h1{font-size:1.4rem;line-height:1.3}a{color:#0b3d91}.call,.button,button{display:block;width:100%;padding:14px;margin:8px 0;border:0;border-radius:6px;background:#0b3d91;color:#fff;font-size:1.1rem;text-align:center;text-decoration:none}fieldset{border:1px solid #999;margin:0 0 12px;padding:8px}.choice{display:block;padding:12px;margin:6px 0;border:2px solid #999;border-radius:6px}.choice input{width:1.3rem;height:1.3rem;vertical-align:middle}label{display:block;margin-top:12px}textarea,input[type=tel],input[type=file]{display:block;width:100%;font:inherit;padding:8px;border:1px solid #666}.error,[role=alert]{color:#a00000}.hp{position:absolute;left:-10000px}.key,.code,.secret{font-size:1.3rem}.who{border-left:4px solid #0b3d91;padding:0 12px;background:#eef2fa}input[type=text]{display:block;width:100%;font:inherit;padding:8px;border:1px solid #666}select{display:block;width:100%;font:inherit;padding:8px}main{overflow-wrap:break-word}.procedures li{margin:8px 0}h2{font-size:1.15rem;margin:1.2em 0 .3em}`;
