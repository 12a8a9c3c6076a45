import { type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { type AbstractControl, PristineChangeEvent } from '@angular/forms';
import { filter, map } from 'rxjs';

/** Whether the user changed anything since the form was filled or saved (reset and markAsPristine clear it). */
export function formDirty(form: AbstractControl): Signal<boolean> {
  return toSignal(
    form.events.pipe(
      filter((event) => event instanceof PristineChangeEvent),
      map(() => form.dirty),
    ),
    { initialValue: form.dirty },
  );
}
