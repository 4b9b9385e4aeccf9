import type { AppContext, Route } from '../context';
import { h } from '../dom';
import { busy, errorText, section, showError } from '../ui';
import { accountForm, passwordResetForm } from './user.form';
import { stateText } from './users.screen';

/** One user: their account settings, a password reset and, when sign-in is held back, an unlock. */
export async function userScreen(ctx: AppContext, route: Route): Promise<HTMLElement> {
  const { t, api } = ctx;
  const id = Number(route.path[1]);
  const [accounts, units] = await Promise.all([api.users(), api.units()]);
  const account = accounts.find((a) => a.id === id);
  if (!account) return h('p', {}, t('app.notFound'));
  const reload = () => ctx.navigate(location.hash);

  const unlockErrors = h('div', {});
  const unlock = h('button', { type: 'button' }, t('users.unlock'));
  const unlockPanel = h(
    'div',
    { className: 'unlock' },
    h('p', { className: 'hint' }, account.failedSignIns > 0 ? t('users.unlockHint') : t('users.notLocked')),
    unlockErrors,
    account.failedSignIns > 0 ? unlock : null,
  );
  unlock.addEventListener('click', () => {
    void busy(unlockPanel, async () => {
      try {
        await api.unlockUser(account.id);
        ctx.announce(t('users.unlockDone'));
        reload();
      } catch (error) {
        showError(unlockErrors, errorText(error, t));
      }
    });
  });

  return h(
    'div',
    { className: 'user-page' },
    h('a', { href: '#/users', className: 'back' }, t('users.back')),
    h('h1', {}, account.displayName ? `${account.displayName} (${account.username})` : account.username),
    h('p', { className: 'hint' }, stateText(ctx, account)),
    section(t('users.settings'), accountForm(ctx, units, account, reload)),
    section(t('users.reset'), passwordResetForm(ctx, account, reload)),
    section(t('users.unlock'), unlockPanel),
  );
}
