import { formatDateTime } from '../../core/digest/digest.format';
import { escapeHtml as h } from '../../core/digest/digest.html';
import { layout } from './citizen.pages';
import { type Lang, say, type TextKey } from './citizen.text';
import type { PublicStep, TrackedTicket } from './tracking.repo';

export const TRACK_PATH = '/p/t';

const credentials = (code: string, secret: string) =>
  `<input type="hidden" name="code" value="${h(code)}"><input type="hidden" name="secret" value="${h(secret)}">`;

export function trackFormPage(lang: Lang, state: { code?: string; error?: TextKey } = {}): string {
  const error = state.error ? `<p role="alert" id="track-error">${h(say(lang, state.error))}</p>` : '';
  const invalid = state.error ? ' aria-invalid="true" aria-describedby="track-error"' : '';
  const main = `<h1>${h(say(lang, 'track'))}</h1>${error}<form method="post" action="${TRACK_PATH}"><input type="hidden" name="lang" value="${lang}"><label for="code">${h(say(lang, 'ticketCode'))}</label><input id="code" name="code" type="text" autocapitalize="characters" maxlength="20" value="${h(state.code ?? '')}"${invalid} required><label for="secret">${h(say(lang, 'secret'))}</label><input id="secret" name="secret" type="text" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="off"${invalid} required><button type="submit">${h(say(lang, 'lookUp'))}</button></form>`;
  return layout(lang, TRACK_PATH, say(lang, 'track'), main);
}

export function trackedPage(
  lang: Lang,
  ticket: TrackedTicket,
  steps: PublicStep[],
  view: { secret: string; timeZone: string; notice?: TextKey; replyError?: TextKey },
): string {
  const when = (at: Date) => formatDateTime(at, view.timeZone);
  const stepItems = steps
    .map((step) =>
      step.kind === 'status'
        ? `<li>${h(when(step.at))}: ${h(say(lang, `status.${step.status}`))}</li>`
        : `<li>${h(when(step.at))}: ${h(say(lang, 'yourReply'))}: «${h(step.text)}»</li>`,
    )
    .join('');
  const notice = view.notice ? `<p role="status">${h(say(lang, view.notice))}</p>` : '';
  const replyError = view.replyError
    ? `<p class="error" id="reply-error">${h(say(lang, view.replyError))}</p>`
    : '';
  const main = `<h1>${h(ticket.code)}</h1>${notice}<dl><dt>${h(say(lang, 'status'))}</dt><dd class="status">${h(say(lang, `status.${ticket.status}`))}</dd><dt>${h(say(lang, 'receivedAt'))}</dt><dd>${h(when(ticket.receivedAt))}</dd>${ticket.unitName && !ticket.leaderOnly ? `<dt>${h(say(lang, 'unit'))}</dt><dd>${h(ticket.unitName)}</dd>` : ''}</dl>${ticket.photoCount > 0 ? `<p class="photos">${h(say(lang, 'photosAttached', { count: ticket.photoCount }))}</p>` : ''}<h2>${h(say(lang, ticket.leaderOnly ? 'answerLeader' : 'answer'))}</h2><p class="answer">${h(ticket.publicAnswer ?? say(lang, 'noAnswer'))}</p>${stepItems ? `<h2>${h(say(lang, 'steps'))}</h2><ul>${stepItems}</ul>` : ''}<form method="post" action="${TRACK_PATH}/reply"><input type="hidden" name="lang" value="${lang}">${credentials(ticket.code, view.secret)}<label for="reply">${h(say(lang, 'reply'))}</label><textarea id="reply" name="reply" rows="3" maxlength="1000"${view.replyError ? ' aria-invalid="true" aria-describedby="reply-error"' : ''}></textarea>${replyError}<button type="submit">${h(say(lang, 'sendReply'))}</button></form>`;
  return layout(lang, TRACK_PATH, ticket.code, main);
}
