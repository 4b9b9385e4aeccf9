import { phoneForDisplay } from '../../../../core/domain/phone';
import type { AppContext } from '../context';
import { field, h } from '../dom';
import { onSubmit, showFormError } from '../form-errors';
import type { Contact, ContactInput, Unit } from '../types';
import { busy, phoneLink } from '../ui';

function contactForm(
  ctx: AppContext,
  contact: Contact | null,
  save: (input: ContactInput) => Promise<unknown>,
  remove: (() => Promise<unknown>) | null,
): HTMLFormElement {
  const { t } = ctx;
  const name = h('input', { name: 'name', value: contact?.name ?? '', required: true, maxlength: 200 });
  const role = h('input', { name: 'role', value: contact?.role ?? '', maxlength: 200 });
  const dial = h('input', {
    name: 'dial',
    value: contact ? phoneForDisplay(contact.dial) : '',
    required: true,
    inputmode: 'tel',
    autocomplete: 'off',
  });
  const confirm = h('input', {
    type: 'checkbox',
    name: 'confirmAnswer',
    checked: contact?.confirmAnswer ?? true,
  });
  const active = h('input', { type: 'checkbox', name: 'active', checked: contact?.active ?? true });
  const errors = h('div', {});
  const form = h(
    'form',
    { className: 'contact' },
    h('div', { className: 'row' }, field(t('contact.name'), name), field(t('contact.role'), role)),
    field(t('contact.dial'), dial, t('contact.dialHint')),
    h(
      'div',
      { className: 'field check' },
      h('label', {}, confirm, ` ${t('contact.confirm')}`),
      h('label', {}, active, ` ${t('contact.active')}`),
    ),
    errors,
    h(
      'div',
      { className: 'actions' },
      h(
        'button',
        { type: 'submit', className: contact ? '' : 'primary' },
        t(contact ? 'contact.save' : 'contact.add'),
      ),
      remove
        ? h(
            'button',
            {
              type: 'button',
              className: 'danger',
              onclick: () => {
                if (!window.confirm(t('contact.confirmDelete', { name: contact?.name ?? '' }))) return;
                void busy(form, () =>
                  remove().catch((error: unknown) => showFormError(form, errors, error, t)),
                );
              },
            },
            t('contact.delete'),
          )
        : null,
    ),
  );
  onSubmit(form, errors, t, () => {
    const input = {
      name: name.value.trim(),
      role: role.value.trim() || null,
      dial: dial.value.trim(),
      confirmAnswer: confirm.checked,
      active: active.checked,
    };
    void busy(form, () => save(input).catch((error: unknown) => showFormError(form, errors, error, t)));
  });
  return form;
}

/** The people a unit rings: editable for admins, a plain list for everyone else. */
export function contactsPanel(
  ctx: AppContext,
  unit: Unit,
  editable: boolean,
  reload: () => void,
): HTMLElement {
  const { t, api } = ctx;
  if (!editable) {
    return h(
      'ul',
      { className: 'contacts' },
      unit.contacts.map((c) =>
        h('li', {}, h('strong', {}, c.name), c.role ? ` · ${c.role}` : '', ' · ', phoneLink(c.dial)),
      ),
    );
  }
  const saved = () => {
    ctx.announce(t('app.saved'));
    reload();
  };
  return h(
    'div',
    { className: 'contacts' },
    unit.contacts.map((c) =>
      contactForm(
        ctx,
        c,
        (input) => api.patchContact(c.id, input).then(saved),
        () => api.deleteContact(c.id).then(saved),
      ),
    ),
    h('h3', {}, t('contact.add')),
    contactForm(ctx, null, (input) => api.createContact(unit.id, input).then(saved), null),
  );
}
