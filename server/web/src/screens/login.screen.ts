import { type Api, ApiError } from '../api';
import { field, h } from '../dom';
import type { Translate } from '../i18n';
import type { Session } from '../types';
import { busy, errorText, showError } from '../ui';

function loginError(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return errorText(error, t);
  if (error.code === 'too-many-attempts') {
    const fromBody = error.params.retryAfterSeconds;
    const seconds = error.retryAfterSeconds ?? (typeof fromBody === 'number' ? fromBody : undefined);
    return seconds ? t('login.rateLimited', { seconds }) : t('login.rateLimitedNoTime');
  }
  return errorText(error, t);
}

/** Sign-in form; the language switch is here too, before anyone is signed in. */
export function loginScreen(
  api: Api,
  t: Translate,
  toggleLang: () => void,
  onSignedIn: (session: Session) => void,
): HTMLElement {
  const username = h('input', {
    name: 'username',
    autocomplete: 'username',
    required: true,
    autocapitalize: 'none',
  });
  const password = h('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const errors = h('div', {});
  const form = h(
    'form',
    { className: 'login card', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, t('login.title')),
    field(t('login.username'), username),
    field(t('login.password'), password),
    errors,
    h('button', { type: 'submit', className: 'primary' }, t('login.submit')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      try {
        const session = await api.login(username.value.trim(), password.value);
        onSignedIn(session);
      } catch (error) {
        password.value = '';
        showError(errors, loginError(error, t));
        password.focus();
      }
    });
  });
  return h(
    'div',
    { className: 'login-page' },
    h(
      'div',
      { className: 'login-head' },
      h('p', { className: 'brand' }, t('app.title')),
      h(
        'button',
        { type: 'button', className: 'link', 'aria-label': t('nav.languageLabel'), onclick: toggleLang },
        t('nav.language'),
      ),
    ),
    form,
  );
}
