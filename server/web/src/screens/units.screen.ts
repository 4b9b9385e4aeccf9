import { type AppContext, isAdmin } from '../context';
import { h } from '../dom';
import type { Unit } from '../types';
import { section } from '../ui';
import { unitForm } from './unit.form';

/** Every unit the user may see, and (for admins) a form to add one. */
export async function unitsScreen(ctx: AppContext): Promise<HTMLElement> {
  const { t } = ctx;
  const units = await ctx.api.units();
  const byId = new Map(units.map((u) => [u.id, u]));
  const cell = (label: string, ...content: (Node | string)[]) => h('td', { 'data-label': label }, ...content);
  const rows = units.map((unit: Unit) =>
    h(
      'tr',
      { className: unit.active ? null : 'inactive' },
      h('th', { scope: 'row', 'data-label': t('units.code') }, unit.code),
      cell(t('units.name'), h('a', { href: `#/units/${unit.id}` }, unit.name)),
      cell(t('units.kind'), t(`kind.${unit.kind as 'ward'}`)),
      cell(
        t('units.fallback'),
        unit.fallback ? (byId.get(unit.fallback.id)?.name ?? unit.fallback.name) : '—',
      ),
      cell(t('units.contacts'), String(unit.contacts.filter((c) => c.active).length)),
      cell(t('units.active'), unit.active ? t('units.active') : t('units.inactive')),
    ),
  );
  const heads = [
    'units.code',
    'units.name',
    'units.kind',
    'units.fallback',
    'units.contacts',
    'units.active',
  ] as const;
  return h(
    'div',
    { className: 'units-page' },
    h('h1', {}, t('units.title')),
    h(
      'div',
      { className: 'table-wrap' },
      h(
        'table',
        { className: 'units' },
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
    isAdmin(ctx.session)
      ? section(
          t('units.add'),
          unitForm(ctx, units, null, (created) => ctx.navigate(`#/units/${created.id}`)),
        )
      : null,
  );
}
