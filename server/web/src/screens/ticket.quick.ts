import type { AppContext } from '../context';
import { field, h } from '../dom';
import type { Ticket } from '../types';
import { busy, errorText, showError } from '../ui';

/**
 * The chairman's entry right after a call, at the top of the ticket on a phone: what the citizen
 * raised (the ticket's summary) and what was done about it (a note on the timeline; a new ticket
 * moves to in progress). Sends only what was written.
 */
export function quickEntry(ticket: Ticket, ctx: AppContext, onSaved: () => void): HTMLElement {
  const { t, api } = ctx;
  const about = h('textarea', { name: 'about', rows: 2, maxlength: 4000 }, ticket.summary ?? '');
  const done = h('textarea', { name: 'done', rows: 2, maxlength: 4000 });
  const errors = h('div', {});
  const form = h(
    'form',
    { className: 'quick-entry card', 'aria-label': t('quick.title') },
    h('h2', {}, t('quick.title')),
    field(t('quick.about'), about),
    field(t('quick.done'), done),
    errors,
    h('button', { type: 'submit', className: 'primary' }, t('quick.save')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const summary = about.value.trim();
    const action = done.value.trim();
    const summaryChanged = summary !== (ticket.summary ?? '');
    if (!summaryChanged && !action) return;
    void busy(form, async () => {
      try {
        if (summaryChanged || (action && ticket.status === 'new')) {
          await api.patchTicket(ticket.id, {
            ...(summaryChanged ? { summary: summary || null } : {}),
            ...(action && ticket.status === 'new' ? { status: 'in_progress' as const } : {}),
          });
        }
        if (action) await api.addNote(ticket.id, t('quick.doneNote', { text: action }));
        ctx.announce(t('app.saved'));
        onSaved();
      } catch (error) {
        showError(errors, errorText(error, t));
      }
    });
  });
  return form;
}
