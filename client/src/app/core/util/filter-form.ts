import { DestroyRef, type Signal, effect, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type FormControl, type FormGroup } from '@angular/forms';
import { NavigationStart, Router } from '@angular/router';
import { debounceTime, filter, map, merge } from 'rxjs';

/** How long typing pauses before a text filter applies. */
export const TEXT_FILTER_DEBOUNCE_MS = 300;

/** A page's filters as the URL holds them: every one a string, '' when unset. */
export type StringFilters<T> = { readonly [K in keyof T]: string };

const NAVIGATED = Symbol('navigated');

export type FilterFormGroup<T> = FormGroup<{ [K in keyof T]: FormControl<T[K]> }>;

/**
 * Binds a filter form to filters kept in the URL. The URL is the source of truth: its filters are
 * mirrored into the form without echoing back, and a change in the form is emitted, the `typed`
 * (text) fields trimmed and after a pause. A value that differs from the URL's only in surrounding
 * spaces is not mirrored, so a pause after typing a space does not eat it. Text still waiting for
 * its pause is dropped when a navigation starts, so it cannot pull the user back to a page just left.
 * Call it in an injection context; it stops with the component.
 */
export function bindFilterForm<T extends StringFilters<T>>(
  form: FilterFormGroup<T>,
  filters: Signal<T>,
  typed: readonly (keyof T & string)[],
  emit: (filters: T) => void,
): void {
  const controls = form.controls as unknown as Readonly<Record<string, FormControl<string>>>;
  // The URL may hold more than the form (paging, sorting): only the form's fields are compared.
  const keys = Object.keys(form.controls) as (keyof T & string)[];
  const current = (): T => {
    const value = { ...form.getRawValue() } as Record<string, string>;
    for (const key of typed) value[key] = value[key].trim();
    return value as T;
  };
  const same = (a: T, b: T) => keys.every((key) => a[key] === b[key]);

  effect(() => {
    const next = filters();
    if (!same(current(), next)) {
      form.setValue(Object.fromEntries(keys.map((key) => [key, next[key]])) as never, { emitEvent: false });
    }
  });

  const changes = (names: readonly string[]) => names.map((key) => controls[key].valueChanges);
  const navigating = inject(Router).events.pipe(
    filter((event) => event instanceof NavigationStart),
    map(() => NAVIGATED),
  );
  merge(
    merge(...changes(typed), navigating).pipe(
      debounceTime(TEXT_FILTER_DEBOUNCE_MS),
      filter((value) => value !== NAVIGATED),
    ),
    ...changes(keys.filter((key) => !typed.includes(key))),
  )
    .pipe(
      map(current),
      filter((next) => !same(next, filters())),
      takeUntilDestroyed(inject(DestroyRef)),
    )
    .subscribe(emit);
}
