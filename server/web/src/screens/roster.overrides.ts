import type { AppContext } from '../context';
import { dateTimeInput, instantOf } from '../date-fields';
import { field, h, options } from '../dom';
import { onSubmit, showFormError } from '../form-errors';
import { dateTime } from '../format';
import type { Override, Unit } from '../types';
import { busy } from '../ui';

/** Dated exceptions to the weekly plan (holidays, Tết, leave); "nobody" closes the unit for a window. */
export function overridesPanel(
  ctx: AppContext,
  unit: Unit,
  overrides: Override[],
  editable: boolean,
  reload: () => void,
): HTMLElement {
  const { t, api } = ctx;
  const names = new Map(unit.contacts.map((c) => [c.id, c.name]));
  const errors = h('div', {});
  const list =
    overrides.length === 0
      ? h('p', {}, t('overrides.empty'))
      : h(
          'ul',
          { className: 'overrides' },
          overrides.map((o) =>
            h(
              'li',
              {},
              h(
                'strong',
                {},
                o.contactId === null ? t('overrides.nobody') : (names.get(o.contactId) ?? `#${o.contactId}`),
              ),
              ` ${dateTime(o.startsAt)} → ${dateTime(o.endsAt)}`,
              o.reason ? h('q', {}, o.reason) : null,
              editable
                ? h(
                    'button',
                    {
                      type: 'button',
                      className: 'link danger',
                      onclick: (event: Event) =>
                        void busy(event.target as HTMLElement, () =>
                          api
                            .deleteOverride(o.id)
                            .then(reload, (error: unknown) => showFormError(form, errors, error, t)),
                        ),
                    },
                    t('contact.delete'),
                  )
                : null,
            ),
          ),
        );
  if (!editable) return h('div', {}, list);

  const contact = h(
    'select',
    { name: 'contactId' },
    options([
      { value: '', label: t('overrides.nobody') },
      ...unit.contacts.map((c) => ({ value: String(c.id), label: c.name })),
    ]),
  );
  const startsAt = dateTimeInput({ name: 'startsAt', value: null, required: true }, t);
  const endsAt = dateTimeInput({ name: 'endsAt', value: null, required: true }, t);
  const priority = h('input', {
    type: 'number',
    name: 'priority',
    min: 1,
    max: 99,
    value: '1',
    required: true,
  });
  const reason = h('input', { name: 'reason', maxlength: 200 });
  const form = h(
    'form',
    { className: 'override-form' },
    field(t('overrides.contact'), contact),
    h(
      'div',
      { className: 'row' },
      field(t('overrides.startsAt'), startsAt),
      field(t('overrides.endsAt'), endsAt),
    ),
    h(
      'div',
      { className: 'row' },
      field(t('overrides.priority'), priority),
      field(t('overrides.reason'), reason),
    ),
    errors,
    h('button', { type: 'submit' }, t('overrides.add')),
  );
  onSubmit(form, errors, t, () => {
    void busy(form, async () => {
      try {
        await api.createOverride(unit.id, {
          contactId: contact.value ? Number(contact.value) : null,
          startsAt: instantOf(startsAt) ?? '',
          endsAt: instantOf(endsAt) ?? '',
          priority: Number(priority.value),
          reason: reason.value.trim() || null,
        });
        reload();
      } catch (error) {
        showFormError(form, errors, error, t);
      }
    });
  });
  return h('div', {}, list, form);
}
