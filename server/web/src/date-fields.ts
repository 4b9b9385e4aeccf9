import { h } from './dom';
import { dateTime, fieldDate, parseFieldDate, parseFieldDateTime, parseFieldTime } from './format';
import type { Key, Translate } from './translate';

/**
 * The app's own date and time fields: text in dd/mm/yyyy and 24-hour hh:mm, read as Vietnam
 * time. The browser's date pickers follow its locale ("12/02/2026, 03:33 PM" in an en-US
 * Chromium), so they are not used. A value that is no date or time marks the field invalid with
 * the app's words, which the form's own check (form-errors.ts) shows at the field.
 */

interface FieldSpec {
  name: string;
  value: string;
  required?: boolean;
  label?: string;
}

function textField(
  spec: FieldSpec,
  shape: { placeholder: string; maxlength: number; parses: (text: string) => boolean; problem: Key },
  t: Translate,
): HTMLInputElement {
  const input = h('input', {
    type: 'text',
    name: spec.name,
    value: spec.value,
    required: spec.required ?? false,
    inputmode: 'numeric',
    autocomplete: 'off',
    placeholder: shape.placeholder,
    maxlength: shape.maxlength,
    'aria-label': spec.label,
  });
  const check = () => {
    const text = input.value.trim();
    input.setCustomValidity(text && !shape.parses(text) ? t(shape.problem) : '');
  };
  input.addEventListener('input', check);
  check();
  return input;
}

/** A day, dd/mm/yyyy; its value for the API is `dayOf(input)` (yyyy-mm-dd). */
export function dateInput(spec: FieldSpec & { value: string }, t: Translate): HTMLInputElement {
  return textField(
    { ...spec, value: spec.value ? fieldDate(spec.value) : '' },
    {
      placeholder: 'dd/mm/yyyy',
      maxlength: 10,
      parses: (text) => parseFieldDate(text) !== null,
      problem: 'dates.invalidDate',
    },
    t,
  );
}

/** An instant, dd/mm/yyyy hh:mm in Vietnam; its value for the API is `instantOf(input)`. */
export function dateTimeInput(
  spec: Omit<FieldSpec, 'value'> & { value: string | null },
  t: Translate,
): HTMLInputElement {
  return textField(
    { ...spec, value: spec.value ? dateTime(spec.value) : '' },
    {
      placeholder: 'dd/mm/yyyy hh:mm',
      maxlength: 17,
      parses: (text) => parseFieldDateTime(text) !== null,
      problem: 'error.invalid-date-time',
    },
    t,
  );
}

/** A time of day, hh:mm on the 24-hour clock. */
export function timeInput(spec: FieldSpec, t: Translate): HTMLInputElement {
  return textField(
    spec,
    {
      placeholder: 'hh:mm',
      maxlength: 5,
      parses: (text) => parseFieldTime(text) !== null,
      problem: 'error.invalid-time',
    },
    t,
  );
}

/** The day a date field holds (yyyy-mm-dd), or null when it is empty or no day. */
export const dayOf = (input: HTMLInputElement): string | null => parseFieldDate(input.value);
/** The instant a date-time field holds (ISO), or null when it is empty or no instant. */
export const instantOf = (input: HTMLInputElement): string | null => parseFieldDateTime(input.value);
/** The time a time field holds (hh:mm), or null. */
export const clockOf = (input: HTMLInputElement): string | null => parseFieldTime(input.value);
