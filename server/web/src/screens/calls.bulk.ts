import type { AppContext } from '../context';
import { field, h, options } from '../dom';
import { onSubmit, showFormError } from '../form-errors';
import type { Key } from '../i18n';
import type { BulkInput, BulkResult, TicketSummary, UnitRef } from '../types';
import { busy } from '../ui';

/** The selected rows of the call log's page and the bar that closes or assigns them together. */
export interface Selection {
  /** The row's checkbox, first in its row; on a phone the top of its card. */
  checkboxFor(ticket: TicketSummary): HTMLElement;
  /** Forgets the rows of a page about to be replaced. */
  clear(): void;
  bar: HTMLElement;
}

function resultPanel(result: BulkResult, codes: ReadonlyMap<number, string>, ctx: AppContext): HTMLElement {
  const { t } = ctx;
  const refused = result.results.filter((item) => item.outcome === 'refused');
  return h(
    'div',
    { className: result.refused > 0 ? 'bulk-result warn' : 'bulk-result' },
    h('p', {}, t('bulk.result', { done: result.done, refused: result.refused })),
    refused.length > 0
      ? h(
          'ul',
          {},
          refused.map((item) =>
            h(
              'li',
              {},
              t('bulk.refusedItem', {
                code: codes.get(item.id) ?? `#${item.id}`,
                reason: t(`error.${item.code}` as Key),
              }),
            ),
          ),
        )
      : null,
  );
}

/**
 * Checkboxes per row and one for the page, then "close" with a reason (editors) or "assign to a
 * unit" (admins, `targets` given): POST /tickets/bulk, its result per ticket shown until the next
 * action, and `reload` shows the list as it now is.
 */
export function selection(
  ctx: AppContext,
  targets: UnitRef[] | null,
  reload: () => Promise<void>,
): Selection {
  const { t } = ctx;
  const chosen = new Map<number, string>();
  const boxes = new Map<number, HTMLInputElement>();
  const pageBox = h('input', { type: 'checkbox', className: 'select-page' });
  const count = h('p', { className: 'bulk-count', 'aria-live': 'polite' });
  const result = h('div', { role: 'status' });
  const closeButton = h('button', { type: 'submit' });
  const assignButton = h('button', { type: 'submit' });

  const reason = h('input', { name: 'reason', required: true, maxlength: 1000 });
  const closeErrors = h('div', {});
  const closeForm = h(
    'form',
    { className: 'bulk-close' },
    field(t('bulk.closeReason'), reason),
    closeErrors,
    closeButton,
  );
  const unit = h(
    'select',
    { name: 'unitId', required: true },
    options([
      { value: '', label: '—' },
      ...(targets ?? []).map((u) => ({ value: String(u.id), label: `${u.code} · ${u.name}` })),
    ]),
  );
  const assignReason = h('input', { name: 'reason', maxlength: 500 });
  const assignErrors = h('div', {});
  const assignForm = h(
    'form',
    { className: 'bulk-assign' },
    field(t('bulk.assignUnit'), unit),
    field(t('bulk.assignReason'), assignReason),
    assignErrors,
    assignButton,
  );
  const actions = h(
    'div',
    { className: 'bulk-actions' },
    h('div', {}, h('h2', { className: 'bulk-title' }, t('bulk.close')), closeForm),
    targets ? h('div', {}, h('h2', { className: 'bulk-title' }, t('bulk.assign')), assignForm) : null,
  );

  const refresh = () => {
    const n = chosen.size;
    count.textContent = t('bulk.selected', { n });
    closeButton.textContent = t('bulk.closeSubmit', { n });
    assignButton.textContent = t('bulk.assignSubmit', { n });
    actions.hidden = n === 0;
    pageBox.checked = boxes.size > 0 && n === boxes.size;
    pageBox.indeterminate = n > 0 && n < boxes.size;
  };
  const toggle = (id: number, code: string, on: boolean) => {
    if (on) chosen.set(id, code);
    else chosen.delete(id);
  };
  pageBox.addEventListener('change', () => {
    for (const [id, box] of boxes) {
      box.checked = pageBox.checked;
      toggle(id, box.dataset.code ?? '', pageBox.checked);
    }
    refresh();
  });

  const send = (form: HTMLFormElement, errors: HTMLElement, input: () => BulkInput) =>
    onSubmit(form, errors, t, () => {
      void busy(form, async () => {
        try {
          const codes = new Map(chosen);
          const answer = await ctx.api.bulkTickets(input());
          errors.replaceChildren();
          form.reset();
          await reload();
          result.replaceChildren(resultPanel(answer, codes, ctx));
          ctx.announce(t('bulk.result', { done: answer.done, refused: answer.refused }));
        } catch (error) {
          showFormError(form, errors, error, t);
        }
      });
    });
  send(closeForm, closeErrors, () => ({
    action: 'close',
    ids: [...chosen.keys()],
    reason: reason.value.trim(),
  }));
  send(assignForm, assignErrors, () => ({
    action: 'transfer',
    ids: [...chosen.keys()],
    unitId: Number(unit.value),
    ...(assignReason.value.trim() && { reason: assignReason.value.trim() }),
  }));

  const bar = h(
    'section',
    { className: 'bulk card', 'aria-label': t('bulk.select') },
    h('label', { className: 'check select-all' }, pageBox, ` ${t('bulk.selectPage')}`),
    count,
    actions,
    result,
  );
  refresh();

  return {
    bar,
    checkboxFor(ticket) {
      const box = h('input', {
        type: 'checkbox',
        className: 'select-row',
        'aria-label': t('bulk.selectRow', { code: ticket.code }),
        'data-code': ticket.code,
      });
      box.addEventListener('change', () => {
        toggle(ticket.id, ticket.code, box.checked);
        refresh();
      });
      boxes.set(ticket.id, box);
      return h('label', { className: 'select-cell' }, box);
    },
    clear() {
      chosen.clear();
      boxes.clear();
      refresh();
    },
  };
}
