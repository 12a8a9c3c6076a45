import { type AbstractControl, type ValidationErrors, type ValidatorFn, Validators } from '@angular/forms';

// Wrapped so they can be passed around without an unbound `this` (Validators' static methods).
export const required: ValidatorFn = (control) => Validators.required(control);
export const email: ValidatorFn = (control) => Validators.email(control);

/** A pattern checked on the trimmed value (empty passes; pair with `required`), as the server trims too. */
export function trimmedPattern(pattern: RegExp): ValidatorFn {
  return (control: AbstractControl<string | null>) => {
    const value = (control.value ?? '').trim();
    return value === '' || pattern.test(value) ? null : { pattern: true };
  };
}

/** Whole numbers only; an empty number field (null) passes. */
export const integerValidator: ValidatorFn = (control: AbstractControl<number | null>) =>
  control.value === null || Number.isInteger(control.value) ? null : { integer: true };

/**
 * The sentence to show under a field for its first error; `server` holds a message the API gave for it.
 * `pattern` says what a pattern error means for this field.
 */
export function fieldMessage(
  errors: ValidationErrors | null | undefined,
  pattern = 'Invalid format.',
): string | null {
  if (!errors) return null;
  const limit = (key: string, prop: string): number => (errors[key] as Record<string, number>)[prop];
  if (errors['server']) return String(errors['server']);
  if (errors['required']) return 'Required.';
  if (errors['minlength']) return `At least ${limit('minlength', 'requiredLength')} characters.`;
  if (errors['maxlength']) return `At most ${limit('maxlength', 'requiredLength')} characters.`;
  if (errors['integer']) return 'A whole number.';
  if (errors['min']) return `At least ${limit('min', 'min')}.`;
  if (errors['max']) return `At most ${limit('max', 'max').toLocaleString('en')}.`;
  if (errors['email']) return 'Not an e-mail address.';
  if (errors['pattern']) return pattern;
  return 'Invalid value.';
}
