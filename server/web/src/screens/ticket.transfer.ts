import type { AppContext } from '../context';
import { field, h, options } from '../dom';
import type { Ticket, Unit } from '../types';
import { busy, errorText, showError } from '../ui';

/** "Chuyển đơn vị": sends the ticket to another active unit, which is told by e-mail. */
export function transferForm(
  ticket: Ticket,
  units: Unit[],
  ctx: AppContext,
  done: (stillVisible: boolean) => void,
) {
  const { t } = ctx;
  const targets = units.filter((unit) => unit.active && unit.id !== ticket.unit?.id);
  const unit = h(
    'select',
    { name: 'unitId' },
    options(targets.map((u) => ({ value: String(u.id), label: `${u.code} · ${u.name}` }))),
  );
  const reason = h('input', { name: 'reason', maxlength: 500 });
  const slot = h('div', {});
  const form = h(
    'form',
    { className: 'transfer-form' },
    field(t('transfer.unit'), unit),
    field(t('transfer.reason'), reason),
    slot,
    h('button', { type: 'submit' }, t('transfer.submit')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      try {
        const moved = await ctx.api.transferTicket(ticket.id, {
          unitId: Number(unit.value),
          ...(reason.value.trim() && { reason: reason.value.trim() }),
        });
        showError(slot, '');
        ctx.announce(t('transfer.done', { unit: moved.unit.name }));
        done(moved.stillVisible);
      } catch (error) {
        showError(slot, errorText(error, t));
      }
    });
  });
  return targets.length > 0 ? form : null;
}
