import { ApiError } from './api';
import { h } from './dom';
import { phone } from './format';
import type { Key, Translate } from './i18n';
import type { ErrorParams, Outcome, Status, TicketChannel } from './types';

/** The dictionary key of an API error or field-issue code (test/web/ui-errors.test.ts: every code has one). */
export function errorKey(code: string): Key {
  return `error.${code}` as Key;
}

/** Params as a person reads them: a status by its name, not its code. */
function wordedParams(params: ErrorParams, t: Translate): ErrorParams {
  const worded: ErrorParams = { ...params };
  for (const name of ['from', 'to'] as const) {
    const status = params[name];
    if (typeof status === 'string') worded[name] = t(`status.${status}` as Key);
  }
  return worded;
}

/** One code worded in the user's language, or the server's words for a code this build does not know. */
export function codeText(code: string, params: ErrorParams, t: Translate, fallback: string): string {
  const reason = params.reason;
  // A weak password says why, in the words the password screen's hint uses.
  const key =
    code === 'weak-password' && typeof reason === 'string'
      ? (`password.weak.${reason}` as Key)
      : errorKey(code);
  const text = t(key, wordedParams(params, t));
  return text === key ? fallback : text;
}

/** A message for a person: the error's code in their language, worded with its params. */
export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    const issues = error.fieldIssues.map((issue) => codeText(issue.code, issue.params, t, issue.message));
    if (error.code === 'validation-failed' && issues.length > 0) return issues.join(' ');
    return codeText(error.code, error.params, t, error.message);
  }
  if (error instanceof TypeError) return t('error.network');
  return t('app.error', { message: error instanceof Error ? error.message : String(error) });
}

/** An error shown next to the form that caused it; role=alert so it is read out at once. */
export function errorBox(message: string): HTMLElement {
  return h('p', { className: 'error', role: 'alert' }, message);
}

/** Replaces the children of `slot` with an error, or clears it when `message` is empty. */
export function showError(slot: HTMLElement, message: string): void {
  slot.replaceChildren(...(message ? [errorBox(message)] : []));
}

export function statusBadge(status: Status, t: Translate): HTMLElement {
  return h('span', { className: `badge status-${status}` }, t(`status.${status}`));
}

export function outcomeBadge(outcome: Outcome | null, t: Translate): HTMLElement {
  return h(
    'span',
    { className: `badge outcome-${outcome ?? 'pending'}` },
    t(outcome ? `outcome.${outcome}` : 'outcome.pending'),
  );
}

/**
 * What came of a ticket as the call log shows it: a call's outcome, or for a ticket from the citizen
 * site or Open311 (which has no call, so no outcome) the channel it came through.
 */
export function outcomeOrChannel(
  ticket: { channel: TicketChannel; outcome: Outcome | null },
  t: Translate,
): HTMLElement {
  if (ticket.channel === 'phone') return outcomeBadge(ticket.outcome, t);
  return h('span', { className: `badge channel-${ticket.channel}` }, t(`channel.${ticket.channel}`));
}

export function ratingText(rating: 1 | 2 | 3 | null, t: Translate): string {
  return rating ? t(`rating.${rating}`) : '—';
}

/** Disables a form's controls while `work` runs, so a double tap on a phone sends one request. */
export async function busy<T>(form: HTMLElement, work: () => Promise<T>): Promise<T> {
  const controls = [
    ...form.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button, input, select, textarea'),
  ];
  const wasDisabled = controls.map((control) => control.disabled);
  for (const control of controls) control.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    controls.forEach((control, i) => {
      control.disabled = wasDisabled[i] ?? false;
    });
    form.removeAttribute('aria-busy');
  }
}

export function section(title: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { className: 'card' }, h('h2', {}, title), ...children);
}

/**
 * A phone number as people write it, one tap to call on a phone (tel:), never broken across lines;
 * a masked number (+84***78) or an endpoint (PJSIP/ward1) is shown as it is, without a link.
 */
export function phoneLink(number: string): HTMLElement {
  return /^\+\d{8,15}$/.test(number)
    ? h('a', { href: `tel:${number}`, className: 'tel nowrap' }, phone(number))
    : h('span', { className: 'nowrap' }, phone(number));
}
