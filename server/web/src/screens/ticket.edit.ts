import { nextStatuses } from '../../../../core/tickets/ticket-status';
import { type AppContext, isAdmin } from '../context';
import { dateTimeInput, instantOf } from '../date-fields';
import { field, h, options } from '../dom';
import { onSubmit, showFormError } from '../form-errors';
import { dateTime } from '../format';
import type { Status, Ticket, TicketPatch } from '../types';
import { busy } from '../ui';

/** Category, summary, status with its reason, due time and confidentiality; sends only what changed. */
export function editForm(ticket: Ticket, ctx: AppContext, onSaved: (ticket: Ticket) => void): HTMLElement {
  const { t, api } = ctx;
  // The admins' list of categories (#/categories) is offered as the category is typed; should it
  // fail to load, the field still takes the category as text.
  const categoryList = h('datalist', { id: `categories-${ticket.id}` });
  void api.categories().then(
    (list) =>
      categoryList.replaceChildren(
        ...list.filter((c) => c.active).map((c) => h('option', { value: c.name })),
      ),
    () => undefined,
  );
  const category = h('input', {
    name: 'category',
    value: ticket.category ?? '',
    maxlength: 100,
    list: categoryList.id,
  });
  const summary = h('textarea', { name: 'summary', rows: 4, maxlength: 4000 }, ticket.summary ?? '');
  const statuses = [ticket.status, ...nextStatuses(ticket.status)];
  const status = h(
    'select',
    { name: 'status' },
    options(
      statuses.map((s) => ({ value: s, label: t(`status.${s}`) })),
      ticket.status,
    ),
  );
  // The usual reasons to close a call at once, offered as the reason is typed.
  const reasons = h(
    'datalist',
    { id: `reasons-${ticket.id}` },
    (['reason.spam', 'reason.wrongNumber', 'reason.duplicate'] as const).map((key) =>
      h('option', { value: t(key) }),
    ),
  );
  const reason = h('input', { name: 'statusReason', maxlength: 500, list: reasons.id });
  const due = dateTimeInput({ name: 'dueAt', value: ticket.dueAt }, t);
  const confidential = h('input', { type: 'checkbox', name: 'confidential', checked: ticket.confidential });
  const errors = h('div', {});
  const form = h(
    'form',
    { className: 'edit' },
    field(t('ticket.category'), category, t('ticket.categoryHint')),
    categoryList,
    field(t('ticket.summary'), summary),
    h('div', { className: 'row' }, field(t('col.status'), status), field(t('ticket.due'), due)),
    field(t('ticket.statusReason'), reason, t('ticket.statusReasonHint')),
    reasons,
    // Only Home Affairs may change the mark; the API refuses anyone else with a 403.
    isAdmin(ctx.session)
      ? h(
          'div',
          { className: 'field check' },
          h('label', {}, confidential, ` ${t('ticket.confidential')}`),
          h('small', { className: 'hint' }, t('ticket.confidentialHint')),
        )
      : null,
    errors,
    h('button', { type: 'submit', className: 'primary' }, t('ticket.save')),
  );
  onSubmit(form, errors, t, () => {
    const patch: TicketPatch = {};
    if (category.value.trim() !== (ticket.category ?? '')) patch.category = category.value.trim() || null;
    if (summary.value.trim() !== (ticket.summary ?? '')) patch.summary = summary.value.trim() || null;
    if (status.value !== ticket.status) {
      patch.status = status.value as Status;
      if (reason.value.trim()) patch.statusReason = reason.value.trim();
    }
    if (due.value.trim() !== (ticket.dueAt ? dateTime(ticket.dueAt) : '')) patch.dueAt = instantOf(due);
    if (confidential.checked !== ticket.confidential) patch.confidential = confidential.checked;
    if (Object.keys(patch).length === 0) return;
    void busy(form, async () => {
      try {
        onSaved(await api.patchTicket(ticket.id, patch));
        ctx.announce(t('app.saved'));
      } catch (error) {
        showFormError(form, errors, error, t);
      }
    });
  });
  return form;
}

export function noteForm(ticket: Ticket, ctx: AppContext, onAdded: () => void): HTMLElement {
  const { t, api } = ctx;
  const note = h('textarea', { name: 'note', rows: 3, required: true, maxlength: 4000 });
  const errors = h('div', {});
  const form = h(
    'form',
    { className: 'note' },
    field(t('ticket.noteText'), note),
    errors,
    h('button', { type: 'submit' }, t('ticket.addNote')),
  );
  onSubmit(form, errors, t, () => {
    if (!note.value.trim()) return;
    void busy(form, async () => {
      try {
        await api.addNote(ticket.id, note.value.trim());
        onAdded();
      } catch (error) {
        showFormError(form, errors, error, t);
      }
    });
  });
  return form;
}
