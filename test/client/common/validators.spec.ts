import { FormControl } from '@angular/forms';

import {
  email,
  fieldMessage,
  integerValidator,
  required,
  trimmedPattern,
} from '../../../client/src/app/common/validators';

describe('validators', () => {
  const digits = trimmedPattern(/^\d+$/);

  it.each([
    ['', null],
    ['   ', null],
    [' 42 ', null],
    ['4 2', { pattern: true }],
    ['x', { pattern: true }],
  ])('trimmedPattern(/^\\d+$/) on %j gives %j', (value, errors) => {
    expect(digits(new FormControl(value))).toEqual(errors);
  });

  it('lets a null value pass the pattern', () => {
    expect(digits(new FormControl<string | null>(null))).toBeNull();
  });

  it.each([
    [null, null],
    [0, null],
    [12, null],
    [-3, null],
    [1.5, { integer: true }],
    [Number.NaN, { integer: true }],
  ])('integerValidator on %s gives %j', (value, errors) => {
    expect(integerValidator(new FormControl<number | null>(value))).toEqual(errors);
  });

  it.each([
    [required, '', { required: true }],
    [required, 'x', null],
    [email, 'not-an-address', { email: true }],
    [email, 'a@example.com', null],
  ])('the wrapped Angular validators work unbound (%#)', (validator, value, errors) => {
    expect(validator(new FormControl(value))).toEqual(errors);
  });
});

describe('fieldMessage', () => {
  it.each([
    [null, undefined, null],
    [undefined, undefined, null],
    [
      { server: 'url must be an http:// or https:// URL', required: true },
      undefined,
      'url must be an http:// or https:// URL',
    ],
    [{ required: true, minlength: { requiredLength: 8 } }, undefined, 'Required.'],
    [{ minlength: { requiredLength: 8, actualLength: 3 } }, undefined, 'At least 8 characters.'],
    [{ maxlength: { requiredLength: 100, actualLength: 101 } }, undefined, 'At most 100 characters.'],
    [{ integer: true, min: { min: 0 } }, undefined, 'A whole number.'],
    [{ min: { min: 1, actual: 0 } }, undefined, 'At least 1.'],
    [{ max: { max: 2147483647, actual: 1e10 } }, undefined, 'At most 2,147,483,647.'],
    [{ email: true }, undefined, 'Not an e-mail address.'],
    [{ pattern: true }, undefined, 'Invalid format.'],
    [{ pattern: true }, 'Letters and digits only.', 'Letters and digits only.'],
    [{ somethingElse: true }, undefined, 'Invalid value.'],
  ])('%j (pattern text %j) reads %j', (errors, pattern, message) => {
    expect(fieldMessage(errors, pattern)).toBe(message);
  });
});
