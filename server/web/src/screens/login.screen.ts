import type { Api } from '../api';
import { field, h } from '../dom';
import { onSubmit, showFormError } from '../form-errors';
import type { Translate } from '../i18n';
import type { Session } from '../types';
import { busy } from '../ui';

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
  onSubmit(form, errors, t, () => {
    void busy(form, async () => {
      try {
        const session = await api.login(username.value.trim(), password.value);
        onSignedIn(session);
      } catch (error) {
        password.value = '';
        showFormError(form, errors, error, t);
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
