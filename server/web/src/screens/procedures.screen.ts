import type { AppContext, Route } from '../context';
import { h } from '../dom';
import { dateTime } from '../format';
import type { Procedure, Unit } from '../types';
import { busy, errorText, section, showError } from '../ui';
import { procedureForm } from './procedure.form';

const unitText = (ctx: AppContext, units: Unit[], procedure: Procedure): string =>
  procedure.unitId === null
    ? ctx.t('procedures.everyWard')
    : (units.find((u) => u.id === procedure.unitId)?.name ?? String(procedure.unitId));

/** The catalogue (admins): every procedure, active first, and a form to add one. */
export async function proceduresScreen(ctx: AppContext): Promise<HTMLElement> {
  const { t, api } = ctx;
  const [procedures, units] = await Promise.all([api.procedures(), api.units()]);
  const cell = (label: string, ...content: (Node | string)[]) => h('td', { 'data-label': label }, ...content);
  const ordered = [...procedures].sort((a, b) => Number(b.active) - Number(a.active));
  const rows = ordered.map((p) =>
    h(
      'tr',
      { className: p.active ? null : 'inactive' },
      h(
        'th',
        { scope: 'row', 'data-label': t('procedures.name') },
        h('a', { href: `#/procedures/${p.id}` }, p.name),
      ),
      cell(t('procedures.code'), p.code),
      cell(t('procedures.unit'), unitText(ctx, units, p)),
      cell(t('procedures.state'), t(p.active ? 'procedures.active' : 'procedures.inactive')),
      cell(t('procedures.updatedAt'), dateTime(p.updatedAt)),
    ),
  );
  const heads = [
    'procedures.name',
    'procedures.code',
    'procedures.unit',
    'procedures.state',
    'procedures.updatedAt',
  ] as const;
  return h(
    'div',
    { className: 'procedures-page' },
    h('h1', {}, t('procedures.title')),
    h('p', { className: 'hint' }, t('procedures.hint')),
    rows.length === 0
      ? h('p', {}, t('procedures.none'))
      : h(
          'div',
          { className: 'table-wrap' },
          h(
            'table',
            { className: 'procedures' },
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
      t('procedures.add'),
      procedureForm(ctx, units, null, (created) => ctx.navigate(`#/procedures/${created.id}`)),
    ),
  );
}

/** The poster of a procedure in each size and its QR alone, as the API prints them. */
function posterLinks(ctx: AppContext, procedure: Procedure): HTMLElement {
  const base = `/api/v1/procedures/${procedure.id}`;
  const link = (href: string, label: string) =>
    h('li', {}, h('a', { href, target: '_blank', rel: 'noopener' }, label));
  return h(
    'ul',
    { className: 'poster-links' },
    link(`${base}/poster.pdf?size=A4`, 'PDF A4'),
    link(`${base}/poster.pdf?size=A5`, 'PDF A5'),
    link(`${base}/qr.svg`, 'QR SVG'),
    link(`${base}/qr.png`, 'QR PNG'),
    h(
      'li',
      {},
      h(
        'a',
        { href: `/p/tt/${procedure.code}`, target: '_blank', rel: 'noopener' },
        ctx.t('procedures.page'),
      ),
    ),
  );
}

/** One procedure (admins): edit it, print its posters, or withdraw it. */
export async function procedureScreen(ctx: AppContext, route: Route): Promise<HTMLElement> {
  const { t, api } = ctx;
  const id = Number(route.path[1]);
  const [procedures, units] = await Promise.all([api.procedures(), api.units()]);
  const procedure = procedures.find((p) => p.id === id);
  if (!procedure) return h('p', {}, t('app.notFound'));
  const reload = () => ctx.navigate(`#/procedures/${id}`);
  const errors = h('div', {});
  const withdraw = h('button', { type: 'button', className: 'danger' }, t('procedures.deactivate'));
  const actions = h('div', { className: 'actions' }, withdraw, errors);
  withdraw.addEventListener('click', () => {
    void busy(actions, async () => {
      try {
        await api.deactivateProcedure(id);
        ctx.announce(t('procedures.deactivated'));
        reload();
      } catch (error) {
        showError(errors, errorText(error, t));
      }
    });
  });
  return h(
    'div',
    { className: 'procedure-page' },
    h('a', { href: '#/procedures', className: 'back' }, t('procedures.back')),
    h('h1', {}, procedure.name),
    h('p', { className: 'hint' }, `${t('procedures.updatedAt')}: ${dateTime(procedure.updatedAt)}`),
    procedure.active ? section(t('procedures.posters'), posterLinks(ctx, procedure)) : null,
    section(t('procedures.edit'), procedureForm(ctx, units, procedure, reload)),
    procedure.active ? actions : null,
  );
}
