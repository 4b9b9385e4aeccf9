import { escapeHtml } from '../../core/digest/digest.html';
import type { Procedure } from '../../core/procedures/procedure';
import { layout } from './citizen.pages';
import type { PublicUnit } from './citizen.repo';
import { type Lang, say, type TextKey } from './citizen.text';
import type { FeedbackFormState } from './rating.form';

const h = escapeHtml;

const withLang = (path: string, lang: Lang) => (lang === 'vi' ? path : `${path}?lang=en`);

export const procedurePath = (code: string) => `/p/tt/${code}`;

/** What a procedure's feedback form shows again after a problem: the text, phone, and the ward chosen. */
export interface ProcedureFeedbackState extends FeedbackFormState {
  unitCode?: string;
  unitError?: TextKey;
}

/** A list of procedures, each a link to its page; `unit` keeps the ward the citizen came from. */
export function procedureListPage(
  lang: Lang,
  path: string,
  title: string,
  procedures: Procedure[],
  unit: PublicUnit | null,
): string {
  const items = procedures
    .map((p) => {
      const href = unit
        ? `${procedurePath(p.code)}?u=${encodeURIComponent(unit.code)}`
        : procedurePath(p.code);
      return `<li><a href="${h(lang === 'vi' ? href : `${href}${unit ? '&' : '?'}lang=en`)}">${h(p.name)}</a></li>`;
    })
    .join('');
  const list = items ? `<ul class="procedures">${items}</ul>` : `<p>${h(say(lang, 'noProcedures'))}</p>`;
  const back = unit
    ? `<p><a href="${withLang(`/p/u/${unit.code}`, lang)}">${h(say(lang, 'back'))}</a></p>`
    : '';
  return layout(lang, path, title, `<h1>${h(title)}</h1>${list}${back}`);
}

function section(title: string, body: string): string {
  return `<h2>${h(title)}</h2>${body}`;
}

const list = (tag: 'ol' | 'ul', items: string[]) =>
  `<${tag}>${items.map((i) => `<li>${h(i)}</li>`).join('')}</${tag}>`;

/**
 * A procedure's sheet: what to bring, pay and wait, the instruments it rests on, where it is handled,
 * the national portal, and a feedback form whose ticket names the procedure. The sheet's own texts
 * are the catalogue's, in Vietnamese, whichever language the labels are in.
 */
export function procedurePage(
  lang: Lang,
  procedure: Procedure,
  handledBy: PublicUnit | null,
  units: PublicUnit[],
  state: ProcedureFeedbackState = { errors: {} },
): string {
  const path = procedurePath(procedure.code);
  const action = `${path}/feedback`;
  const { errors } = state;
  const fieldError = (field: string, key: TextKey | undefined) =>
    key ? `<p class="error" id="${field}-error">${h(say(lang, key))}</p>` : '';
  const invalid = (field: string, key: TextKey | undefined) =>
    key ? ` aria-invalid="true" aria-describedby="${field}-error"` : '';
  const summary =
    Object.keys(errors).length > 0 || state.unitError
      ? `<div role="alert"><h2>${h(say(lang, 'errorTitle'))}</h2></div>`
      : '';
  const unitChoice = handledBy
    ? ''
    : `<label for="unit">${h(say(lang, 'procedureFeedbackUnit'))}</label><select id="unit" name="unit"${invalid('unit', state.unitError)}><option value="">${h(say(lang, 'procedureFeedbackNoUnit'))}</option>${units
        .map(
          (u) =>
            `<option value="${h(u.code)}"${state.unitCode === u.code ? ' selected' : ''}>${h(u.name)}</option>`,
        )
        .join('')}</select>${fieldError('unit', state.unitError)}`;
  const sheet = [
    section(say(lang, 'procedureUnit'), `<p>${h(handledBy ? handledBy.name : say(lang, 'everyWard'))}</p>`),
    procedure.documents.length > 0
      ? section(say(lang, 'procedureDocuments'), list('ol', procedure.documents))
      : '',
    section(say(lang, 'procedureFees'), `<p>${h(procedure.fees)}</p>`),
    section(say(lang, 'procedureTime'), `<p>${h(procedure.processingTime)}</p>`),
    section(say(lang, 'procedureBasis'), list('ul', procedure.legalBasis)),
    procedure.notes ? section(say(lang, 'procedureNotes'), `<p>${h(procedure.notes)}</p>`) : '',
    procedure.portalUrl
      ? `<p><a class="button" href="${h(procedure.portalUrl)}" rel="noopener">${h(say(lang, 'procedurePortal'))}</a></p>`
      : '',
  ].join('');
  const form = `<h2 id="feedback">${h(say(lang, 'procedureFeedback'))}</h2><p>${h(say(lang, 'procedureFeedbackHint'))}</p>${summary}<form method="post" action="${h(action)}" aria-labelledby="feedback"><input type="hidden" name="lang" value="${lang}">${unitChoice}<label for="text">${h(say(lang, 'feedbackText'))}</label><textarea id="text" name="text" rows="5" maxlength="1000" required${invalid('text', errors.text)}>${h(state.text ?? '')}</textarea>${fieldError('text', errors.text)}<label for="phone">${h(say(lang, 'feedbackPhone'))}</label><input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="40" value="${h(state.phone ?? '')}"${invalid('phone', errors.phone)}>${fieldError('phone', errors.phone)}<div class="hp" aria-hidden="true"><label for="website">${h(say(lang, 'honeypot'))}</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div><button type="submit">${h(say(lang, 'sendFeedback'))}</button></form>`;
  return layout(lang, path, procedure.name, `<h1>${h(procedure.name)}</h1>${sheet}${form}`);
}
