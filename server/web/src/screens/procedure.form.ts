import type { AppContext } from '../context';
import { field, h, options } from '../dom';
import { onSubmit, showFormError } from '../form-errors';
import type { Procedure, ProcedureInput, Unit } from '../types';
import { busy } from '../ui';

/** A textarea's lines, one list item each; blank lines dropped. */
const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** Create (no `procedure`) or edit a procedure; each field's problem is shown at that field. */
export function procedureForm(
  ctx: AppContext,
  units: Unit[],
  procedure: Procedure | null,
  onSaved: (procedure: Procedure) => void,
): HTMLFormElement {
  const { t, api } = ctx;
  const text = (name: string, value: string, maxlength: number) =>
    h('input', { name, value, required: true, maxlength });
  const area = (name: string, value: string, rows: number) => h('textarea', { name, rows, value });
  const code = h('input', {
    name: 'code',
    value: procedure?.code ?? '',
    required: true,
    maxlength: 40,
    autocapitalize: 'none',
    spellcheck: 'false',
  });
  const name = text('name', procedure?.name ?? '', 300);
  const documents = area('documents', procedure?.documents.join('\n') ?? '', 5);
  const fees = area('fees', procedure?.fees ?? '', 2);
  const processingTime = area('processingTime', procedure?.processingTime ?? '', 2);
  const legalBasis = area('legalBasis', procedure?.legalBasis.join('\n') ?? '', 4);
  const unit = h(
    'select',
    { name: 'unitId' },
    options(
      [
        { value: '', label: t('procedures.everyWard') },
        ...units.map((u) => ({ value: String(u.id), label: `${u.code} · ${u.name}` })),
      ],
      procedure?.unitId ? String(procedure.unitId) : '',
    ),
  );
  const portalUrl = h('input', {
    name: 'portalUrl',
    type: 'url',
    inputmode: 'url',
    value: procedure?.portalUrl ?? '',
    maxlength: 500,
  });
  const notes = area('notes', procedure?.notes ?? '', 3);
  const active = h('input', { type: 'checkbox', name: 'active', checked: procedure?.active ?? true });
  const errors = h('div', {});
  const form = h(
    'form',
    { className: 'procedure-form' },
    field(t('procedures.name'), name),
    h(
      'div',
      { className: 'row' },
      field(t('procedures.code'), code, t('procedures.codeHint')),
      field(t('procedures.unit'), unit),
    ),
    field(t('procedures.documents'), documents, t('procedures.documentsHint')),
    field(t('procedures.fees'), fees),
    field(t('procedures.processingTime'), processingTime),
    field(t('procedures.legalBasis'), legalBasis, t('procedures.legalBasisHint')),
    field(t('procedures.portalUrl'), portalUrl),
    field(t('procedures.notes'), notes),
    procedure
      ? h('div', { className: 'field check' }, h('label', {}, active, ` ${t('procedures.active')}`))
      : null,
    errors,
    h(
      'button',
      { type: 'submit', className: 'primary' },
      t(procedure ? 'procedures.save' : 'procedures.create'),
    ),
  );
  onSubmit(form, errors, t, () => {
    const input: ProcedureInput = {
      code: code.value.trim(),
      name: name.value.trim(),
      documents: lines(documents.value),
      fees: fees.value.trim(),
      processingTime: processingTime.value.trim(),
      legalBasis: lines(legalBasis.value),
      unitId: unit.value ? Number(unit.value) : null,
      portalUrl: portalUrl.value.trim() || null,
      notes: notes.value.trim() || null,
    };
    void busy(form, async () => {
      try {
        onSaved(
          procedure
            ? await api.patchProcedure(procedure.id, { ...input, active: active.checked })
            : await api.createProcedure(input),
        );
        ctx.announce(t('app.saved'));
      } catch (error) {
        showFormError(form, errors, error, t);
      }
    });
  });
  return form;
}
