import type { AppContext } from '../context';
import { field, h, options } from '../dom';
import { onSubmit, showFormError } from '../form-errors';
import { UNIT_KINDS, type Unit, type UnitInput } from '../types';
import { busy } from '../ui';

/** Create (no `unit`) or edit a unit; a duplicate code is shown as such, at the code field. */
export function unitForm(
  ctx: AppContext,
  units: Unit[],
  unit: Unit | null,
  onSaved: (unit: Unit) => void,
): HTMLFormElement {
  const { t, api } = ctx;
  const code = h('input', {
    name: 'code',
    value: unit?.code ?? '',
    required: true,
    inputmode: 'numeric',
    pattern: '[0-9]{1,6}',
    maxlength: 6,
  });
  const name = h('input', { name: 'name', value: unit?.name ?? '', required: true, maxlength: 200 });
  const kind = h(
    'select',
    { name: 'kind' },
    options(
      UNIT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) })),
      unit?.kind ?? 'ward',
    ),
  );
  const active = h('input', { type: 'checkbox', name: 'active', checked: unit?.active ?? true });
  const fallback = h(
    'select',
    { name: 'fallbackCode' },
    options(
      [
        { value: '', label: t('units.noFallback') },
        ...units
          .filter((u) => u.id !== unit?.id)
          .map((u) => ({ value: u.code, label: `${u.code} · ${u.name}` })),
      ],
      unit?.fallback?.code ?? '',
    ),
  );
  const emails = h('input', {
    name: 'notifyEmails',
    type: 'text',
    inputmode: 'email',
    value: unit?.notifyEmails.join(', ') ?? '',
  });
  const errors = h('div', {});
  const form = h(
    'form',
    { className: 'unit-form' },
    h('div', { className: 'row' }, field(t('units.code'), code), field(t('units.kind'), kind)),
    field(t('units.name'), name),
    field(t('units.fallback'), fallback),
    field(t('units.emails'), emails, t('units.emailsHint')),
    h('div', { className: 'field check' }, h('label', {}, active, ` ${t('units.active')}`)),
    errors,
    h('button', { type: 'submit', className: 'primary' }, t(unit ? 'units.save' : 'units.create')),
  );
  onSubmit(form, errors, t, () => {
    const input: UnitInput = {
      code: code.value.trim(),
      name: name.value.trim(),
      kind: kind.value as UnitInput['kind'],
      active: active.checked,
      fallbackCode: fallback.value || null,
      notifyEmails: emails.value
        .split(/[,;\s]+/)
        .map((e) => e.trim())
        .filter(Boolean),
    };
    void busy(form, async () => {
      try {
        onSaved(unit ? await api.patchUnit(unit.id, input) : await api.createUnit(input));
        ctx.announce(t('app.saved'));
      } catch (error) {
        showFormError(form, errors, error, t);
      }
    });
  });
  return form;
}
