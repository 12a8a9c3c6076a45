import { type Signal, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type AbstractControl } from '@angular/forms';

import { describeApiError, fieldErrorsOf } from '../../core/api/api-error';

export const FIX_MARKED_FIELDS = 'Please fix the marked fields.';

/**
 * The banner above a form after Save failed. One about the marked fields ("Please fix the marked
 * fields.", a name clash) goes away by itself once they are fixed; any other sentence stays until the next Save.
 * Create it in an injection context (a field initializer): it watches the form until the view is destroyed.
 */
export class SaveError {
  private readonly text = signal<string | null>(null);
  private onlyFields = false;
  readonly message: Signal<string | null> = this.text.asReadonly();

  constructor(private readonly form: AbstractControl) {
    form.statusChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      if (this.onlyFields && form.valid) this.clear();
    });
  }

  /** Marks every field touched; true (with the banner) when some are invalid. */
  refusesInvalid(): boolean {
    this.clear();
    this.form.markAllAsTouched();
    if (this.form.valid) return false;
    this.markFields();
    return true;
  }

  set(message: string): void {
    this.onlyFields = false;
    this.text.set(message);
  }

  clear(): void {
    this.onlyFields = false;
    this.text.set(null);
  }

  /**
   * Shows a refused Save: the server's field errors go on their controls (the banner then asks to fix
   * them); otherwise its sentence, also put on `sentenceField` when `belongs` says it is about that field.
   */
  fromResponse(
    error: unknown,
    sentenceField?: { name: string; belongs: (sentence: string) => boolean },
    /** The API's field names that the form calls otherwise (`{ token: 'secret' }`). */
    aliases: Readonly<Record<string, string>> = {},
  ): void {
    let placed = false;
    for (const [field, message] of Object.entries(fieldErrorsOf(error))) {
      const control = this.form.get(aliases[field] ?? field);
      if (control) {
        control.setErrors({ server: message });
        control.markAsTouched();
        placed = true;
      }
    }
    if (placed) {
      this.markFields();
      return;
    }
    const sentence = describeApiError(error);
    const control = sentenceField && this.form.get(sentenceField.name);
    if (control && sentenceField.belongs(sentence)) {
      control.setErrors({ server: sentence });
      control.markAsTouched();
      this.markFields(sentence);
      return;
    }
    this.set(sentence);
  }

  private markFields(message = FIX_MARKED_FIELDS): void {
    this.onlyFields = true;
    this.text.set(message);
  }
}
