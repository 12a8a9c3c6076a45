import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatDialog } from '@angular/material/dialog';
import { EMPTY, type Observable, Subject, catchError, filter, interval, map, of, switchMap } from 'rxjs';

import { type SyncOptionsDto, type SyncPlanDto, type SyncProgressDto } from '../../api';
import { ConfirmDialogComponent, type ConfirmDialogData } from '../../common/confirm-dialog.component';
import { SyncEventsService } from '../../core/api/sync-events.service';
import { LOADING, type Remote, toRemote } from '../../core/util/remote';
import { SyncClient } from '../sync/sync-client.service';
import { applyQuestion } from '../sync/sync-apply';
import { FINAL_PHASES } from '../sync/sync-labels';

/** While a run goes, how often the status is read in case the event stream missed its end. */
const STATUS_POLL_MS = 5000;

/** The plan the dashboard shows, with the options it was made with (what Apply runs). */
export interface DashboardPlan {
  readonly options: SyncOptionsDto;
  readonly plan: Remote<SyncPlanDto>;
}

/**
 * The dashboard's "Sync now": previews in place, then applies that same plan and follows the run, the
 * way the Sync page does (same preview, same confirmation before deletions, same progress events).
 * Provided by the dashboard page, so it lives as long as the page.
 */
@Injectable()
export class SyncNowFlow {
  private readonly sync = inject(SyncClient);
  private readonly dialog = inject(MatDialog);
  private readonly previews = new Subject<SyncOptionsDto>();
  private readonly ended = new Subject<void>();

  readonly shown = signal<DashboardPlan | null>(null);
  readonly progress = signal<SyncProgressDto | null>(null);
  readonly running = computed(() => this.progress() !== null);
  /** Emits when a run started here ends: the page reloads the sync status and the activity. */
  readonly finished: Observable<void> = this.ended.asObservable();

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.previews
      .pipe(
        switchMap((options) => toRemote(this.sync.preview(options)).pipe(map((plan) => ({ options, plan })))),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((shown) => this.shown.set(shown));

    // The event stream is open only while a run started here goes.
    const events = inject(SyncEventsService);
    toObservable(this.running)
      .pipe(
        switchMap((running) => (running ? events.progress() : EMPTY)),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((progress) =>
        FINAL_PHASES.includes(progress.phase) ? this.end() : this.progress.set(progress),
      );

    toObservable(this.running)
      .pipe(
        switchMap((running) => (running ? interval(STATUS_POLL_MS) : EMPTY)),
        switchMap(() => this.sync.status().pipe(catchError(() => EMPTY))),
        filter((status) => !status.running),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe(() => this.end());
  }

  /** `removeMissing`: the saved setting, as the Sync page starts with it. */
  preview(removeMissing: boolean): void {
    const options: SyncOptionsDto = { remove_missing: removeMissing, force: false };
    this.shown.set({ options, plan: LOADING });
    this.previews.next(options);
  }

  cancel(): void {
    this.shown.set(null);
  }

  /** Runs the plan on screen, after asking when it deletes users. */
  apply(): void {
    const shown = this.shown();
    if (shown?.plan.state !== 'ok') {
      return;
    }
    const question = applyQuestion(shown.plan.value);
    (question ? this.confirm(question) : of(true))
      .pipe(
        filter(Boolean),
        switchMap(() => this.sync.start(shown.options)),
      )
      .subscribe({
        next: (runId) => {
          this.shown.set(null);
          this.progress.set({ run_id: runId, phase: 'reading', done: 0, total: 0 });
        },
        // A run started elsewhere (409): the snackbar says so; the card shows the status.
        error: () => this.end(),
      });
  }

  private end(): void {
    this.progress.set(null);
    this.ended.next();
  }

  private confirm(data: ConfirmDialogData): Observable<boolean> {
    return this.dialog
      .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, { data })
      .afterClosed()
      .pipe(map((result) => result === true));
  }
}
