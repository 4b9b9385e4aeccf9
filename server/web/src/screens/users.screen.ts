import type { AppContext } from '../context';
import { h } from '../dom';
import { dateTime } from '../format';
import type { Account } from '../types';
import { section } from '../ui';
import { accountForm } from './user.form';

export function unitsText(ctx: AppContext, account: Account): string {
  return account.role === 'ward_official'
    ? account.units.map((unit) => unit.name).join(', ')
    : ctx.t('users.allUnits');
}

export function stateText(ctx: AppContext, account: Account): string {
  const { t } = ctx;
  const parts = [t(account.active ? 'users.active' : 'users.inactive')];
  if (account.readsComplaints) parts.push(t('users.readsComplaints'));
  if (account.failedSignIns > 0) parts.push(t('users.failed', { count: account.failedSignIns }));
  return parts.join(' · ');
}

/** Every user (admins only), and a form to add one. */
export async function usersScreen(ctx: AppContext): Promise<HTMLElement> {
  const { t, api } = ctx;
  const [accounts, units] = await Promise.all([api.users(), api.units()]);
  const cell = (label: string, ...content: (Node | string)[]) => h('td', { 'data-label': label }, ...content);
  const rows = accounts.map((account) =>
    h(
      'tr',
      { className: account.active ? null : 'inactive' },
      h(
        'th',
        { scope: 'row', 'data-label': t('users.username') },
        h('a', { href: `#/users/${account.id}` }, account.username),
      ),
      cell(t('users.displayName'), account.displayName ?? '—'),
      cell(t('users.role'), t(`role.${account.role}`)),
      cell(t('users.units'), unitsText(ctx, account)),
      cell(t('users.state'), stateText(ctx, account)),
      cell(t('users.lastLogin'), account.lastLoginAt ? dateTime(account.lastLoginAt) : t('users.never')),
    ),
  );
  const heads = [
    'users.username',
    'users.displayName',
    'users.role',
    'users.units',
    'users.state',
    'users.lastLogin',
  ] as const;
  return h(
    'div',
    { className: 'users-page' },
    h('h1', {}, t('users.title')),
    h(
      'div',
      { className: 'table-wrap' },
      h(
        'table',
        { className: 'users' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            heads.map((key) => h('th', { scope: 'col' }, t(key))),
          ),
        ),
        h('tbody', {}, rows),
      ),
    ),
    section(
      t('users.add'),
      accountForm(ctx, units, null, (created) => ctx.navigate(`#/users/${created.id}`)),
    ),
  );
}
