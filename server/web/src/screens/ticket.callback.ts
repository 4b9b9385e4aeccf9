import type { AppContext } from '../context';
import { field, h, options } from '../dom';
import type { Ticket, Unit } from '../types';
import { busy, errorText, showError } from '../ui';

/** Whether the ticket asks for a callback: missed, voicemail, or a caller not satisfied. */
export function wantsCallback(ticket: Ticket): boolean {
  return (
    ticket.needsCallback ||
    ticket.outcome === 'missed' ||
    ticket.outcome === 'voicemail' ||
    ticket.rating === 3
  );
}

/** "Gọi lại": rings the chosen official's phone, then the citizen; the result lands on the timeline. */
export function callbackForm(ticket: Ticket, units: Unit[], ctx: AppContext, done: () => void): HTMLElement {
  const { t } = ctx;
  const contacts = units.find((unit) => unit.id === ticket.unit?.id)?.contacts.filter((c) => c.active) ?? [];
  const contact = h(
    'select',
    {},
    options([
      { value: '', label: t('ticket.callbackOnDuty') },
      ...contacts.map((c) => ({ value: String(c.id), label: c.name })),
    ]),
  );
  const keepOpen = h('input', { type: 'checkbox' });
  const slot = h('div', {});
  const form = h(
    'form',
    { className: 'callback-form' },
    h('p', { className: 'hint' }, t('ticket.callbackHint')),
    field(t('ticket.callbackContact'), contact),
    h('label', { className: 'check' }, keepOpen, ` ${t('ticket.callbackKeepOpen')}`),
    slot,
    h('button', { type: 'submit' }, t('ticket.callback')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      try {
        const started = await ctx.api.callback(ticket.id, {
          ...(contact.value ? { contactId: Number(contact.value) } : {}),
          closeFollowUp: !keepOpen.checked,
        });
        showError(slot, '');
        ctx.announce(t('ticket.callbackStarted', { name: started.official.name }));
        done();
      } catch (error) {
        showError(slot, errorText(error, t));
      }
    });
  });
  return form;
}
