import { DestroyRef, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatDialog, type MatDialogRef } from '@angular/material/dialog';
import { type CanDeactivateFn } from '@angular/router';
import { type Observable, filter, map } from 'rxjs';

import { ConfirmDialogComponent, type ConfirmDialogData } from '../confirm-dialog.component';

/** A routed page holding a form: the guard asks before leaving it with changes not saved. */
export interface HasUnsavedChanges {
  hasUnsavedChanges(): boolean;
}

const DISCARD: ConfirmDialogData = {
  title: 'Discard your changes?',
  message: 'You changed settings that are not saved yet. Leave and they are lost.',
  confirm: 'Discard',
  destructive: true,
};

/** Asks whether to throw away unsaved changes; emits true when the user agrees. */
export function confirmDiscard(dialog: MatDialog): Observable<boolean> {
  return dialog
    .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, {
      data: DISCARD,
      width: '400px',
      maxWidth: 'calc(100vw - 24px)',
    })
    .afterClosed()
    .pipe(map((discard) => discard === true));
}

export const unsavedChangesGuard: CanDeactivateFn<HasUnsavedChanges> = (page) =>
  !page.hasUnsavedChanges() || confirmDiscard(inject(MatDialog));

/**
 * The browser's own "Leave site?" question while `dirty()` holds, when the tab is closed or reloaded.
 * Call it in an injection context; the listener goes with the view.
 */
export function warnBeforeUnload(dirty: () => boolean): void {
  const ask = (event: BeforeUnloadEvent) => {
    if (dirty()) event.preventDefault();
  };
  window.addEventListener('beforeunload', ask);
  inject(DestroyRef).onDestroy(() => window.removeEventListener('beforeunload', ask));
}

/**
 * Closes a form dialog with `result()`; with unsaved changes only once the user agrees to discard them.
 * Escape and the backdrop go through it too. Call it in an injection context; returns the close action.
 */
export function guardedClose<R>(
  ref: MatDialogRef<unknown, R>,
  dirty: () => boolean,
  result: () => R,
): () => void {
  const dialog = inject(MatDialog);
  ref.disableClose = true;
  const close = () => {
    if (!dirty()) {
      ref.close(result());
      return;
    }
    confirmDiscard(dialog)
      .pipe(filter(Boolean))
      .subscribe(() => ref.close(result()));
  };
  ref.backdropClick().pipe(takeUntilDestroyed()).subscribe(close);
  ref
    .keydownEvents()
    .pipe(
      filter((event) => event.key === 'Escape'),
      takeUntilDestroyed(),
    )
    .subscribe(close);
  warnBeforeUnload(dirty);
  return close;
}
