import { ApiError } from './api';
import { h } from './dom';
import type { Key, Translate } from './i18n';
import type { Outcome, Status } from './types';

const CODE_KEYS: Record<string, Key> = {
  forbidden: 'error.forbidden',
  'csrf-failed': 'error.csrf',
  'ari-unavailable': 'error.ari',
  'not-found': 'app.notFound',
};

/** A message for a person: known error codes in their language, the server's words otherwise. */
export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    const key = CODE_KEYS[error.code];
    if (key) return t(key);
    const issues = error.fieldIssues.map((issue) => `${issue.path}: ${issue.message}`);
    return issues.length > 0 ? `${t('error.validation')}: ${issues.join('; ')}` : error.message;
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
