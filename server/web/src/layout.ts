import { type AppContext, isAdmin } from './context';
import { h } from './dom';

const NAV = [
  { hash: '#/dashboard', key: 'nav.dashboard', section: 'dashboard' },
  { hash: '#/calls', key: 'nav.calls', section: 'calls' },
  { hash: '#/live', key: 'nav.live', section: 'live' },
  { hash: '#/units', key: 'nav.units', section: 'units' },
  { hash: '#/categories', key: 'nav.categories', section: 'categories', adminOnly: true },
  { hash: '#/procedures', key: 'nav.procedures', section: 'procedures', adminOnly: true },
  { hash: '#/users', key: 'nav.users', section: 'users', adminOnly: true },
  { hash: '#/open311', key: 'nav.open311', section: 'open311', adminOnly: true },
  { hash: '#/audit', key: 'nav.audit', section: 'audit', adminOnly: true },
] as const;

/** Header (title, menu, user, language, sign-out) around the current screen. */
export function layout(
  ctx: AppContext,
  current: string,
  main: HTMLElement,
  actions: { toggleLang(): void; logout(): void },
): HTMLElement {
  const { t, session } = ctx;
  const nav = h(
    'nav',
    { 'aria-label': t('nav.menu') },
    h(
      'ul',
      {},
      NAV.filter((item) => !('adminOnly' in item) || isAdmin(session)).map((item) =>
        h(
          'li',
          {},
          h('a', { href: item.hash, 'aria-current': current === item.section ? 'page' : null }, t(item.key)),
        ),
      ),
    ),
  );
  const user = session.user;
  const header = h(
    'header',
    { className: 'topbar' },
    h('a', { className: 'brand', href: '#/calls' }, t('app.title')),
    nav,
    h(
      'div',
      { className: 'account' },
      h('span', { className: 'who', title: t(`role.${user.role}`) }, user.displayName ?? user.username),
      h('a', { href: '#/password' }, t('nav.password')),
      h(
        'button',
        {
          type: 'button',
          className: 'link',
          lang: ctx.lang === 'vi' ? 'en' : 'vi',
          'aria-label': t('nav.languageLabel'),
          onclick: actions.toggleLang,
        },
        t('nav.language'),
      ),
      h('button', { type: 'button', className: 'link', onclick: actions.logout }, t('nav.logout')),
    ),
  );
  return h('div', { className: 'shell' }, header, h('main', { id: 'main', tabindex: '-1' }, main));
}
