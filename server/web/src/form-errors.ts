import { ApiError } from './api';
import { h, uid } from './dom';
import type { Translate } from './i18n';
import type { ErrorParams } from './types';
import { codeText, errorText, showError } from './ui';

/**
 * Errors shown where they belong: each field's problem under that field (aria-invalid, and the
 * field described by the note), and a short summary in the form's alert slot. Forms check
 * themselves (novalidate), so the browser's own bubbles, in the browser's language, never show.
 */

const NOTE_CLASS = 'field-error';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

interface FieldProblem {
  path: string;
  message: string;
}

function controlFor(form: HTMLFormElement, path: string): Control | null {
  return form.querySelector<Control>(`[name="${CSS.escape(path)}"]`);
}

function clearFieldNotes(form: HTMLFormElement): void {
  for (const note of form.querySelectorAll(`.${NOTE_CLASS}`)) {
    const control = form.querySelector(`[aria-describedby~="${note.id}"]`);
    const rest = control
      ?.getAttribute('aria-describedby')
      ?.split(' ')
      .filter((id) => id !== note.id);
    if (control && rest && rest.length > 0) control.setAttribute('aria-describedby', rest.join(' '));
    else control?.removeAttribute('aria-describedby');
    control?.removeAttribute('aria-invalid');
    note.remove();
  }
}

function noteField(control: Control, message: string): void {
  const note = h('small', { id: uid('err'), className: NOTE_CLASS }, message);
  const wrapper = control.closest('.field');
  if (wrapper) wrapper.append(note);
  else control.after(note);
  control.setAttribute('aria-invalid', 'true');
  const described = control.getAttribute('aria-describedby');
  control.setAttribute('aria-describedby', described ? `${described} ${note.id}` : note.id);
}

/** Notes each problem at its field and sums up in `slot`; what has no field of this form is said there. */
function showProblems(
  form: HTMLFormElement,
  slot: HTMLElement,
  problems: FieldProblem[],
  t: Translate,
): void {
  clearFieldNotes(form);
  const unplaced: string[] = [];
  let first: Control | null = null;
  for (const problem of problems) {
    const control = controlFor(form, problem.path);
    if (!control) {
      unplaced.push(problem.message);
      continue;
    }
    noteField(control, problem.message);
    first ??= control;
  }
  showError(slot, unplaced.length > 0 ? unplaced.join(' ') : t('error.fieldsBelow'));
  first?.focus();
}

/** One problem of the app's own finding, noted at its field. */
export function showFieldProblem(
  form: HTMLFormElement,
  slot: HTMLElement,
  path: string,
  message: string,
  t: Translate,
): void {
  showProblems(form, slot, [{ path, message }], t);
}

/** The field problems an API error names: each issue of a validation-failed, or the field of another code. */
function problemsOf(error: ApiError, t: Translate): FieldProblem[] {
  if (error.code === 'validation-failed')
    return error.fieldIssues.map((issue) => ({
      path: issue.path,
      message: codeText(issue.code, issue.params, t, issue.message),
    }));
  const field = error.params.field;
  return typeof field === 'string' ? [{ path: field, message: errorText(error, t) }] : [];
}

/** Shows a failed request's error: at the fields it names when this form has them, else in `slot`. */
export function showFormError(form: HTMLFormElement, slot: HTMLElement, error: unknown, t: Translate): void {
  const problems = error instanceof ApiError ? problemsOf(error, t) : [];
  if (problems.some((problem) => controlFor(form, problem.path))) {
    showProblems(form, slot, problems, t);
    return;
  }
  clearFieldNotes(form);
  showError(slot, errorText(error, t));
}

/** A field's own problem in the app's words, from the constraints it was built with. */
function constraintProblem(control: Control, t: Translate): string | undefined {
  const { validity } = control;
  if (validity.valid) return undefined;
  const say = (code: string, params: ErrorParams = {}) => codeText(code, params, t, code);
  if (validity.customError) return control.validationMessage;
  if (validity.valueMissing) return say('required');
  if (validity.typeMismatch) return say(control.type === 'email' ? 'invalid-email' : 'invalid-format');
  if (validity.patternMismatch) return say('invalid-format');
  if (validity.tooShort) return say('too-short', { min: (control as HTMLInputElement).minLength });
  if (validity.tooLong) return say('too-long', { max: (control as HTMLInputElement).maxLength });
  if (validity.rangeUnderflow) return say('too-small', { min: (control as HTMLInputElement).min });
  if (validity.rangeOverflow) return say('too-big', { max: (control as HTMLInputElement).max });
  if (validity.stepMismatch) return say('not-whole-number');
  return say('invalid');
}

/**
 * Runs `submit` when the form's fields meet their constraints; otherwise notes each field at fault
 * in the app's words. The browser's own validation is off (novalidate): its bubbles follow the
 * browser's language, not the one chosen in the app.
 */
export function onSubmit(form: HTMLFormElement, slot: HTMLElement, t: Translate, submit: () => void): void {
  form.noValidate = true;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const problems: FieldProblem[] = [];
    for (const element of form.elements) {
      const control = element as Control;
      if (!control.name || !control.willValidate) continue;
      const message = constraintProblem(control, t);
      if (message) problems.push({ path: control.name, message });
    }
    if (problems.length > 0) {
      showProblems(form, slot, problems, t);
      return;
    }
    clearFieldNotes(form);
    showError(slot, '');
    submit();
  });
}
