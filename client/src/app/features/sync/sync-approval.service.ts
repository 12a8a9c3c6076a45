import { Injectable, type WritableSignal, inject } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { type Observable, filter, finalize, map, switchMap, tap } from 'rxjs';

import { type SyncApprovalPreviewDto } from '../../api';
import { ConfirmDialogComponent, type ConfirmDialogData } from '../../common/confirm-dialog.component';
import { SyncClient } from './sync-client.service';

/** An approved run: its id and how many deletions it now makes. */
export interface ApprovedRun {
  readonly runId: number;
  readonly deletions: number;
}

/** Approving a run held at the deletion cap, from the Sync page or the run's own page. */
@Injectable({ providedIn: 'root' })
export class SyncApproval {
  private readonly sync = inject(SyncClient);
  private readonly dialog = inject(MatDialog);

  /**
   * Asks first, with whom approving deletes now (the count the run held back may be stale: people
   * unblocked or back on a server since), then approves. Emits once approved, nothing when declined;
   * `busy` is on while the panel is asked. Failures go to the snackbar and end the stream with an error.
   */
  confirmAndApprove(runId: number, busy: WritableSignal<boolean>): Observable<ApprovedRun> {
    busy.set(true);
    let deletions = 0;
    return this.sync.approvalPreview(runId).pipe(
      finalize(() => busy.set(false)),
      switchMap((preview) => {
        deletions = preview.deletions.length;
        return this.dialog
          .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, {
            data: approvalQuestion(runId, preview),
          })
          .afterClosed();
      }),
      filter((confirmed) => confirmed === true),
      tap(() => busy.set(true)),
      switchMap(() => this.sync.approve(runId).pipe(finalize(() => busy.set(false)))),
      map((id) => ({ runId: id, deletions })),
    );
  }
}

const NAMED = 8;

function someNames(names: readonly string[]): string {
  const more = names.length - NAMED;
  return names.slice(0, NAMED).join(', ') + (more > 0 ? ` and ${more} more` : '');
}

function approvalQuestion(runId: number, preview: SyncApprovalPreviewDto): ConfirmDialogData {
  const count = preview.deletions.length;
  const users = (n: number) => `${n} Seerr ${n === 1 ? 'user' : 'users'}`;
  const dropped = preview.no_longer.length
    ? ` ${preview.no_longer.length} of those it held back ${preview.no_longer.length === 1 ? 'is' : 'are'} no longer to be deleted (${someNames(preview.no_longer)}).`
    : '';
  if (count === 0) {
    return {
      title: 'Nobody is left to delete',
      message: `Run #${runId} stopped at the deletion cap, but everyone it held back is now kept.${dropped} Approving closes the run.`,
      confirm: 'Close the run',
    };
  }
  return {
    title: `Delete ${users(count)}?`,
    message:
      `Run #${runId} stopped at the deletion cap. Approving deletes ${users(count)} still on no media server ` +
      `(${someNames(preview.deletions.map((d) => d.username))}), and their requests.${dropped}`,
    confirm: 'Approve and delete',
    destructive: true,
  };
}
