import type { AppContext } from '../context';
import { field, h, options } from '../dom';
import { onSubmit, showFormError } from '../form-errors';
import { CALLED_BACK_RESULTS, type CalledBackResult, type Ticket, type Unit } from '../types';
import { busy, showError } from '../ui';

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
  onSubmit(form, slot, t, () => {
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
        showFormError(form, slot, error, t);
      }
    });
  });
  return form;
}

/** "Đã gọi lại": the official called from their own phone and records the result; the flag clears. */
export function calledBackForm(ticket: Ticket, ctx: AppContext, done: () => void): HTMLElement {
  const { t } = ctx;
  const result = h(
    'select',
    { name: 'result' },
    options(CALLED_BACK_RESULTS.map((r) => ({ value: r, label: t(`calledback.${r}`) }))),
  );
  const note = h('textarea', { name: 'note', rows: 2, maxlength: 2000 });
  const close = h('input', { type: 'checkbox', name: 'closeFollowUp', checked: true });
  // Only reaching the citizen ends the need to call, unless the official says otherwise.
  result.addEventListener('change', () => {
    close.checked = result.value === 'reached';
  });
  const slot = h('div', {});
  const form = h(
    'form',
    { className: 'called-back-form' },
    h('p', { className: 'hint' }, t('calledBack.hint')),
    field(t('calledBack.result'), result),
    field(t('calledBack.note'), note),
    h('label', { className: 'check' }, close, ` ${t('calledBack.close')}`),
    slot,
    h('button', { type: 'submit' }, t('calledBack.submit')),
  );
  onSubmit(form, slot, t, () => {
    void busy(form, async () => {
      try {
        await ctx.api.calledBack(ticket.id, {
          result: result.value as CalledBackResult,
          ...(note.value.trim() && { note: note.value.trim() }),
          closeFollowUp: close.checked,
        });
        showError(slot, '');
        ctx.announce(t('calledBack.done'));
        done();
      } catch (error) {
        showFormError(form, slot, error, t);
      }
    });
  });
  return form;
}
