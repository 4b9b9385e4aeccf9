import type { AppContext } from '../context';
import { field, h, options } from '../dom';
import { onSubmit, showFormError } from '../form-errors';
import type { Account, Role, Unit } from '../types';
import { busy } from '../ui';

const ROLES: readonly Role[] = ['admin', 'ward_official', 'viewer'];

/**
 * Create (no `account`) or edit an account: display name, role, the units a ward official sees,
 * and whether they may sign in; a new one also gets a temporary password.
 */
export function accountForm(
  ctx: AppContext,
  units: Unit[],
  account: Account | null,
  onSaved: (account: Account) => void,
): HTMLFormElement {
  const { t, api } = ctx;
  const username = h('input', {
    name: 'username',
    required: true,
    autocomplete: 'off',
    autocapitalize: 'none',
    spellcheck: 'false',
    maxlength: 64,
  });
  const displayName = h('input', {
    name: 'displayName',
    // Accounts made by create-admin may have none; a new one always gets one.
    required: account === null || account.displayName !== null,
    maxlength: 200,
    value: account?.displayName ?? '',
  });
  const role = h(
    'select',
    { name: 'role' },
    options(
      ROLES.map((r) => ({ value: r, label: t(`role.${r}`) })),
      account?.role ?? 'ward_official',
    ),
  );
  const chosen = new Set(account?.units.map((unit) => unit.id) ?? []);
  const unitBoxes = units.map((unit) =>
    h('input', { type: 'checkbox', name: 'unitIds', value: String(unit.id), checked: chosen.has(unit.id) }),
  );
  const unitList = h(
    'fieldset',
    { className: 'unit-choice' },
    h('legend', {}, t('users.units')),
    h('small', { className: 'hint' }, t('users.unitsHint')),
    units.map((unit, i) => h('label', {}, unitBoxes[i], ` ${unit.code} · ${unit.name}`)),
  );
  const showUnits = () => {
    unitList.hidden = role.value !== 'ward_official';
  };
  role.addEventListener('change', showUnits);
  showUnits();
  const password = h('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'new-password',
    required: true,
  });
  const active = h('input', { type: 'checkbox', name: 'active', checked: account?.active ?? true });
  const readsComplaints = h('input', {
    type: 'checkbox',
    name: 'readsComplaints',
    checked: account?.readsComplaints ?? false,
  });
  const complaintsField = h(
    'div',
    { className: 'field check' },
    h('label', {}, readsComplaints, ` ${t('users.readsComplaintsLabel')}`),
    h('small', { className: 'hint' }, t('users.readsComplaintsHint')),
  );
  // A unit's staff never read complaints about their unit (the API refuses it too).
  const showComplaints = () => {
    complaintsField.hidden = role.value === 'ward_official';
  };
  role.addEventListener('change', showComplaints);
  showComplaints();
  const errors = h('div', {});
  const form = h(
    'form',
    { className: 'account-form' },
    account ? null : field(t('users.username'), username),
    field(t('users.displayName'), displayName),
    field(t('users.role'), role),
    unitList,
    account ? null : field(t('users.password'), password, t('users.passwordHint')),
    account
      ? h(
          'div',
          { className: 'field check' },
          h('label', {}, active, ` ${t('users.activeLabel')}`),
          h('small', { className: 'hint' }, t('users.deactivateHint')),
        )
      : null,
    account ? complaintsField : null,
    errors,
    h('button', { type: 'submit', className: 'primary' }, t(account ? 'users.save' : 'users.create')),
  );
  onSubmit(form, errors, t, () => {
    const unitIds =
      role.value === 'ward_official'
        ? unitBoxes.filter((box) => box.checked).map((box) => Number(box.value))
        : [];
    const name = displayName.value.trim();
    const fields = { ...(name && { displayName: name }), role: role.value as Role, unitIds };
    void busy(form, async () => {
      try {
        onSaved(
          account
            ? await api.patchUser(account.id, {
                ...fields,
                active: active.checked,
                readsComplaints: role.value !== 'ward_official' && readsComplaints.checked,
              })
            : await api.createUser({
                ...fields,
                displayName: name,
                username: username.value.trim(),
                password: password.value,
              }),
        );
        ctx.announce(t('app.saved'));
      } catch (error) {
        showFormError(form, errors, error, t);
      }
    });
  });
  return form;
}

/** Sets a temporary password for someone else; their sessions end. */
export function passwordResetForm(ctx: AppContext, account: Account, onDone: () => void): HTMLFormElement {
  const { t, api } = ctx;
  const password = h('input', { type: 'password', autocomplete: 'new-password', required: true });
  const errors = h('div', {});
  const form = h(
    'form',
    { className: 'reset-form' },
    h('p', { className: 'hint' }, t('users.resetHint')),
    field(t('users.password'), password),
    errors,
    h('button', { type: 'submit' }, t('users.resetSubmit')),
  );
  onSubmit(form, errors, t, () => {
    void busy(form, async () => {
      try {
        await api.resetUserPassword(account.id, password.value);
        ctx.announce(t('users.resetDone'));
        onDone();
      } catch (error) {
        showFormError(form, errors, error, t);
      }
    });
  });
  return form;
}
