import type { AppContext } from '../context';
import { field, h } from '../dom';
import { dateTime } from '../format';
import type { Open311Key, Open311KeyCreated } from '../types';
import { busy, errorText, section, showError } from '../ui';

function keyRow(ctx: AppContext, key: Open311Key, reload: () => void): HTMLElement {
  const { t, api } = ctx;
  const cell = (label: string, ...content: (Node | string)[]) => h('td', { 'data-label': label }, ...content);
  const errors = h('div', {});
  const revoke = h('button', { type: 'button' }, t('open311.revoke'));
  revoke.addEventListener('click', () => {
    if (!window.confirm(t('open311.confirmRevoke', { name: key.name }))) return;
    void busy(revoke, async () => {
      try {
        await api.revokeOpen311Key(key.id);
        ctx.announce(t('open311.revoked'));
        reload();
      } catch (error) {
        showError(errors, errorText(error, t));
      }
    });
  });
  const state = key.revokedAt
    ? t('open311.revokedAt', { at: dateTime(key.revokedAt) })
    : h('span', {}, t('open311.active'), ' ', revoke, errors);
  return h(
    'tr',
    { className: key.revokedAt ? 'inactive' : null },
    h('th', { scope: 'row', 'data-label': t('open311.name') }, key.name),
    cell(t('open311.createdBy'), key.createdBy ?? '—'),
    cell(t('open311.createdAt'), dateTime(key.createdAt)),
    cell(t('open311.lastUsed'), key.lastUsedAt ? dateTime(key.lastUsedAt) : t('open311.neverUsed')),
    cell(t('users.state'), state),
  );
}

/** The key just issued, with the warning that it is not shown again. */
function issuedKey(ctx: AppContext, created: Open311KeyCreated): HTMLElement {
  const { t } = ctx;
  const input = h('input', { value: created.key, readOnly: true, name: 'key' });
  input.addEventListener('focus', () => input.select());
  return h(
    'div',
    { className: 'open311-issued', role: 'status' },
    h('h2', {}, t('open311.issued', { name: created.name })),
    h('p', { className: 'hint' }, t('open311.keyOnce')),
    field(t('open311.key'), input),
  );
}

const HEADS = [
  'open311.name',
  'open311.createdBy',
  'open311.createdAt',
  'open311.lastUsed',
  'users.state',
] as const;

function keysTable(ctx: AppContext, keys: readonly Open311Key[], reload: () => void): HTMLElement {
  const { t } = ctx;
  if (keys.length === 0) return h('p', { className: 'hint' }, t('open311.none'));
  return h(
    'div',
    { className: 'table-wrap' },
    h(
      'table',
      { className: 'open311-keys' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          HEADS.map((key) => h('th', { scope: 'col' }, t(key))),
        ),
      ),
      h(
        'tbody',
        {},
        keys.map((key) => keyRow(ctx, key, reload)),
      ),
    ),
  );
}

/** The Open311 API keys (admins): issue one (shown once), see their use, revoke. */
export async function open311Screen(ctx: AppContext): Promise<HTMLElement> {
  const { t, api } = ctx;
  const reload = () => ctx.navigate(location.hash);
  const list = h('div', {}, keysTable(ctx, await api.open311Keys(), reload));
  const name = h('input', { name: 'name', required: true, maxlength: 100 });
  const errors = h('div', {});
  const issued = h('div', {});
  const add = h(
    'form',
    { className: 'open311-add' },
    field(t('open311.name'), name),
    errors,
    h('button', { type: 'submit', className: 'primary' }, t('open311.issue')),
  );
  add.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(add, async () => {
      try {
        const created = await api.createOpen311Key(name.value.trim());
        name.value = '';
        issued.replaceChildren(issuedKey(ctx, created));
        list.replaceChildren(keysTable(ctx, await api.open311Keys(), reload));
      } catch (error) {
        showError(errors, errorText(error, t));
      }
    });
  });
  return h(
    'div',
    { className: 'open311-page' },
    h('h1', {}, t('open311.title')),
    h('p', { className: 'hint' }, t('open311.hint', { url: `${location.origin}/open311/v2` })),
    section(t('open311.issue'), add, issued),
    section(t('open311.keys'), list),
  );
}
