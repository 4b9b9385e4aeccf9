import type { AppContext } from '../context';
import { field, h } from '../dom';
import { onSubmit, showFieldProblem, showFormError } from '../form-errors';
import { busy } from '../ui';

/** Password change; the only screen a user with mustChangePassword may reach. */
export async function passwordScreen(ctx: AppContext): Promise<HTMLElement> {
  const { t, api, session } = ctx;
  const forced = session.user.mustChangePassword;
  const current = h('input', {
    name: 'currentPassword',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const next = h('input', {
    name: 'newPassword',
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    minlength: 10,
  });
  const again = h('input', {
    name: 'confirmPassword',
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    minlength: 10,
  });
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
  onSubmit(form, errors, t, () => {
    if (next.value !== again.value) {
      showFieldProblem(form, errors, 'confirmPassword', t('password.mismatch'), t);
      return;
    }
    void busy(form, async () => {
      try {
        await api.changePassword(current.value, next.value);
        session.user.mustChangePassword = false;
        ctx.announce(t('password.done'));
        ctx.navigate('#/calls');
      } catch (error) {
        showFormError(form, errors, error, t);
      }
    });
  });
  return form;
}
