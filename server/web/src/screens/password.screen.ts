import { ApiError } from '../api';
import type { AppContext } from '../context';
import { field, h } from '../dom';
import type { Key, Translate } from '../i18n';
import { busy, errorText, showError } from '../ui';

const WEAK_REASONS = new Set([
  'too-short',
  'surrounding-spaces',
  'common',
  'predictable',
  'digits-only',
  'personal',
]);

/** The server's refusal in the user's language: which password is at fault and why. */
export function passwordError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return errorText(error, t);
  const reason = error.params.reason;
  if (error.code === 'weak-password' && typeof reason === 'string' && WEAK_REASONS.has(reason))
    return t(`password.weak.${reason}` as Key);
  if (error.code === 'too-many-attempts') {
    const seconds = error.retryAfterSeconds;
    return seconds ? t('login.rateLimited', { seconds }) : t('login.rateLimitedNoTime');
  }
  return errorText(error, t);
}

/** Password change; the only screen a user with mustChangePassword may reach. */
export async function passwordScreen(ctx: AppContext): Promise<HTMLElement> {
  const { t, api, session } = ctx;
  const forced = session.user.mustChangePassword;
  const current = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const next = h('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: 10 });
  const again = h('input', { type: 'password', autocomplete: 'new-password', required: true, minlength: 10 });
  const errors = h('div', {});
  const form = h(
    'form',
    { className: 'card narrow' },
    h('h1', {}, t('password.title')),
    forced ? h('p', { className: 'notice' }, t('password.forced')) : null,
    field(t('password.current'), current),
    field(t('password.new'), next, t('password.hint')),
    field(t('password.confirm'), again),
    errors,
    h('button', { type: 'submit', className: 'primary' }, t('password.submit')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (next.value !== again.value) {
      showError(errors, t('password.mismatch'));
      return;
    }
    void busy(form, async () => {
      try {
        await api.changePassword(current.value, next.value);
        session.user.mustChangePassword = false;
        ctx.announce(t('password.done'));
        ctx.navigate('#/calls');
      } catch (error) {
        showError(errors, passwordError(error, t));
      }
    });
  });
  return form;
}
