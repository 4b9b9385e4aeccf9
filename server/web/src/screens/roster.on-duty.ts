import type { AppContext } from '../context';
import { dateTimeInput, instantOf } from '../date-fields';
import { field, h } from '../dom';
import { onSubmit, showFormError } from '../form-errors';
import { dateTime, phone } from '../format';
import type { Unit } from '../types';
import { busy } from '../ui';

/** "Who is on duty now / at time T", answered by the API with the IVR's own roster rule. */
export function onDutyPanel(ctx: AppContext, unit: Unit): HTMLElement {
  const { t, api } = ctx;
  const at = dateTimeInput({ name: 'at', value: new Date().toISOString() }, t);
  const result = h('div', { 'aria-live': 'polite', className: 'on-duty-result' });
  const show = async () => {
    try {
      const targets = await api.onDuty(unit.id, instantOf(at) ?? undefined);
      result.replaceChildren(
        targets.length === 0
          ? h('p', {}, t('onDuty.nobody'))
          : h(
              'ol',
              { className: 'on-duty' },
              targets.map((target) =>
                h(
                  'li',
                  {},
                  h('strong', {}, target.contactName),
                  ` · ${phone(target.dial)}`,
                  target.isFallback ? h('span', { className: 'badge' }, t('onDuty.fallback')) : null,
                ),
              ),
            ),
      );
    } catch (error) {
      showFormError(form, result, error, t);
    }
  };
  const form = h(
    'form',
    { className: 'on-duty-form' },
    h(
      'div',
      { className: 'row' },
      field(t('onDuty.at'), at),
      h(
        'div',
        { className: 'actions' },
        h('button', { type: 'submit' }, t('onDuty.check')),
        h(
          'button',
          {
            type: 'button',
            onclick: () => {
              at.value = dateTime(new Date().toISOString());
              at.dispatchEvent(new Event('input'));
              void busy(form, show);
            },
          },
          t('onDuty.now'),
        ),
      ),
    ),
  );
  onSubmit(form, result, t, () => {
    void busy(form, show);
  });
  void show();
  return h('div', {}, form, result);
}
