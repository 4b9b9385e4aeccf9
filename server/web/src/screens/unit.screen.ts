import { type AppContext, isAdmin, type Route } from '../context';
import { h } from '../dom';
import { section } from '../ui';
import { rosterGrid } from './roster.grid';
import { onDutyPanel } from './roster.on-duty';
import { overridesPanel } from './roster.overrides';
import { contactsPanel } from './unit.contacts';
import { unitForm } from './unit.form';

/** One unit: its settings, the people it rings, the weekly grid, dated overrides and who is on duty. */
export async function unitScreen(ctx: AppContext, route: Route): Promise<HTMLElement> {
  const { t, api } = ctx;
  const id = Number(route.path[1]);
  const [units, shifts, overrides] = await Promise.all([api.units(), api.shifts(id), api.overrides(id)]);
  const unit = units.find((u) => u.id === id);
  if (!unit) return h('p', {}, t('app.notFound'));
  const editable = isAdmin(ctx.session);
  const reload = () => ctx.navigate(location.hash);

  return h(
    'div',
    { className: 'unit-page' },
    h('a', { href: '#/units', className: 'back' }, t('units.back')),
    h('h1', {}, `${unit.code} · ${unit.name}`),
    section(t('onDuty.title'), onDutyPanel(ctx, unit)),
    section(t('roster.title'), rosterGrid(ctx, unit, shifts, editable)),
    section(t('overrides.title'), overridesPanel(ctx, unit, overrides, editable, reload)),
    section(t('units.contacts'), contactsPanel(ctx, unit, editable, reload)),
    editable ? section(t('units.settings'), unitForm(ctx, units, unit, reload)) : null,
  );
}
