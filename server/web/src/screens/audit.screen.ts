import type { Query } from '../api';
import type { AppContext, Route } from '../context';
import { dateInput, dayOf } from '../date-fields';
import { field, h, options } from '../dom';
import { onSubmit } from '../form-errors';
import { dateTime, dayStart } from '../format';
import type { Key } from '../i18n';
import { auditVi } from '../i18n.audit';
import type { AuditEntry } from '../types';
import { busy, errorText, showError } from '../ui';

const FILTERS = ['actor', 'action', 'ticket', 'from', 'to'] as const;
const ACTIONS = Object.keys(auditVi)
  .filter((key) => key.startsWith('auditAction.'))
  .map((key) => key.slice('auditAction.'.length));

function apiQuery(filters: URLSearchParams): Query {
  const get = (key: string) => filters.get(key) || undefined;
  const from = get('from');
  const to = get('to');
  return {
    actor: get('actor'),
    action: get('action'),
    ticket: get('ticket'),
    from: from ? dayStart(from) : undefined,
    to: to ? dayStart(to, 1) : undefined,
  };
}

function objectOf(entry: AuditEntry, ctx: AppContext): Node | string {
  const { t } = ctx;
  const kind = t(`audit.entity.${entry.entity}` as Key);
  const named = kind.startsWith('audit.entity.') ? entry.entity : kind;
  if (entry.entity === 'ticket' && entry.entityId)
    return h(
      'a',
      { href: `#/tickets/${entry.entityId}`, className: 'nowrap' },
      entry.ticketCode ?? entry.entityId,
    );
  if (entry.entity === 'user' && entry.entityId)
    return h('a', { href: `#/users/${entry.entityId}` }, `${named} ${entry.entityId}`);
  if (entry.entity === 'unit' && entry.entityId)
    return h('a', { href: `#/units/${entry.entityId}` }, `${named} ${entry.entityId}`);
  return entry.entityId ? `${named} ${entry.entityId}` : named;
}

function row(entry: AuditEntry, ctx: AppContext): HTMLElement {
  const { t } = ctx;
  const cell = (label: string, ...content: (Node | string)[]) => h('td', { 'data-label': label }, ...content);
  const action = t(`auditAction.${entry.action}` as Key);
  const details = Object.keys(entry.details).length > 0 ? JSON.stringify(entry.details) : '—';
  return h(
    'tr',
    {},
    h('th', { scope: 'row', 'data-label': t('audit.at') }, dateTime(entry.at)),
    cell(
      t('audit.actor'),
      entry.actor ? (entry.actor.displayName ?? entry.actor.username) : t('audit.system'),
    ),
    cell(t('audit.action'), action.startsWith('auditAction.') ? entry.action : action),
    cell(t('audit.object'), objectOf(entry, ctx)),
    cell(t('audit.details'), h('code', { className: 'audit-details' }, details)),
    cell(t('audit.ip'), entry.ip ?? '—'),
  );
}

/** The audit log (admins): who saw which number, who changed what; filtered through the URL. */
export async function auditScreen(ctx: AppContext, route: Route): Promise<HTMLElement> {
  const { t, api } = ctx;
  const filters = route.query;
  const [first, users] = await Promise.all([api.audit(apiQuery(filters)), api.users()]);
  const actor = h(
    'select',
    { name: 'actor' },
    options(
      [
        { value: '', label: t('audit.anyone') },
        ...users.map((u) => ({
          value: u.username,
          label: u.displayName ? `${u.displayName} (${u.username})` : u.username,
        })),
      ],
      filters.get('actor') ?? '',
    ),
  );
  const action = h(
    'select',
    { name: 'action' },
    options(
      [
        { value: '', label: t('audit.anyAction') },
        ...ACTIONS.map((a) => ({ value: a, label: t(`auditAction.${a}` as Key) })),
      ],
      filters.get('action') ?? '',
    ),
  );
  const ticket = h('input', {
    name: 'ticket',
    maxlength: 32,
    value: filters.get('ticket') ?? '',
    autocapitalize: 'characters',
  });
  const from = dateInput({ name: 'from', value: filters.get('from') ?? '' }, t);
  const to = dateInput({ name: 'to', value: filters.get('to') ?? '' }, t);
  const problems = h('div', {});
  const form = h(
    'form',
    { className: 'filters card', role: 'search', 'aria-label': t('audit.title') },
    field(t('audit.actor'), actor),
    field(t('audit.action'), action),
    field(t('audit.ticket'), ticket),
    field(t('audit.from'), from),
    field(t('audit.to'), to),
    problems,
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'submit', className: 'primary' }, t('audit.apply')),
      h('a', { href: '#/audit', className: 'button' }, t('audit.reset')),
    ),
  );
  onSubmit(form, problems, t, () => {
    const values: Record<string, string> = {
      actor: actor.value,
      action: action.value,
      ticket: ticket.value.trim(),
      from: dayOf(from) ?? '',
      to: dayOf(to) ?? '',
    };
    const next = new URLSearchParams();
    for (const key of FILTERS) if (values[key]) next.set(key, values[key]);
    const text = next.toString();
    ctx.navigate(text ? `#/audit?${text}` : '#/audit');
  });

  const body = h(
    'tbody',
    {},
    first.items.map((entry) => row(entry, ctx)),
  );
  const errors = h('div', {});
  const more = h('button', { type: 'button' }, t('audit.more'));
  let cursor = first.nextCursor;
  more.hidden = cursor === null;
  more.addEventListener('click', () => {
    void busy(more.parentElement ?? more, async () => {
      try {
        const next = await api.audit({ ...apiQuery(filters), cursor: cursor ?? undefined });
        body.append(...next.items.map((entry) => row(entry, ctx)));
        cursor = next.nextCursor;
        more.hidden = cursor === null;
      } catch (error) {
        showError(errors, errorText(error, t));
      }
    });
  });
  const heads = [
    'audit.at',
    'audit.actor',
    'audit.action',
    'audit.object',
    'audit.details',
    'audit.ip',
  ] as const;
  return h(
    'div',
    { className: 'audit-page' },
    h('h1', {}, t('audit.title')),
    h('p', { className: 'hint' }, t('audit.hint')),
    form,
    first.items.length === 0
      ? h('p', { className: 'notice' }, t('audit.empty'))
      : h(
          'div',
          { className: 'table-wrap' },
          h(
            'table',
            { className: 'audit' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                heads.map((key) => h('th', { scope: 'col' }, t(key))),
              ),
            ),
            body,
          ),
        ),
    errors,
    h('div', { className: 'actions' }, more),
  );
}
