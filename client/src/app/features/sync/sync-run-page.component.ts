import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';

import { DateTimePipe } from '../../common/format/format.pipes';
import {
  EMPTY,
  catchError,
  filter,
  finalize,
  first,
  map,
  merge,
  switchMap,
  tap,
  throwError,
  timer,
} from 'rxjs';

import { type SyncAction, type SyncProgressDto, type SyncUserOutcome } from '../../api';
import { SyncEventsService } from '../../core/api/sync-events.service';
import { SYNC_ACTION } from '../../api/models/sync-action-array';
import { SYNC_USER_OUTCOME } from '../../api/models/sync-user-outcome-array';
import { mediaQuery } from '../../core/util/media-query';
import { saveBlob } from '../../core/util/save-blob';
import { remoteState } from '../../core/util/remote-state';
import { StateMessageComponent } from '../../common/state-message.component';
import { StatusChipComponent } from '../../common/status-chip.component';
import { printCredentialsSheet } from './credentials-sheet';
import { SyncApproval } from './sync-approval.service';
import { SyncClient } from './sync-client.service';
import { SyncCountsComponent } from './sync-counts.component';
import { RUN_STATUS, SYNC_STATUS_POLL_MS, TRIGGER_LABEL, runDuration } from './sync-labels';
import { type RunUserFilters, SyncRunUsersComponent } from './sync-run-users.component';

const RUN_ID = /^[1-9]\d{0,15}$/;

/** One run: its summary, server errors, and the outcome for every user (filters in the URL). */
@Component({
  selector: 'sp-sync-run-page',
  host: { class: 'sp-page' },
  imports: [
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    RouterLink,
    DateTimePipe,
    StateMessageComponent,
    StatusChipComponent,
    SyncCountsComponent,
    SyncRunUsersComponent,
  ],
  templateUrl: './sync-run-page.component.html',
  styleUrl: './sync-run-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SyncRunPageComponent {
  private readonly sync = inject(SyncClient);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly doc = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);
  private readonly approval = inject(SyncApproval);
  private readonly events = inject(SyncEventsService);

  /** The `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly compact = mediaQuery('(max-width: 719.98px)');
  protected readonly idValid = computed(() => RUN_ID.test(this.id()));
  /** A run id that cannot name a run is said once, here, without asking the server. */
  private readonly fetched = remoteState(this.id, (id) =>
    RUN_ID.test(id)
      ? this.sync.run(Number(id))
      : throwError(() => new Error(`There is no sync run "${id}": runs are numbered 1, 2, 3…`)),
  );
  protected readonly run = this.fetched.state;
  protected readonly value = this.fetched.value;
  protected readonly error = this.fetched.error;
  protected readonly look = computed(() => {
    const run = this.value();
    return run ? RUN_STATUS[run.status] : null;
  });
  protected readonly trigger = TRIGGER_LABEL;
  protected readonly duration = computed(() => {
    const run = this.value();
    return run ? runDuration(run) : null;
  });
  protected readonly filters = toSignal(this.route.queryParamMap.pipe(map(filtersFromParams)), {
    requireSync: true,
  });

  /** Accounts the run created (also those created but not finished): they get a credentials sheet. */
  protected readonly createdAccounts = computed(
    () => this.value()?.users.filter((u) => u.action === 'create' && u.seerr_id !== null).length ?? 0,
  );
  protected readonly exporting = signal(false);

  protected readonly approving = signal(false);
  /** Deletions since Approve was confirmed here, until the run ends; null otherwise. */
  protected readonly deleting = signal<SyncProgressDto | null>(null);

  protected reload(): void {
    this.fetched.reload();
  }

  /** Approves the held-back deletions, then follows the run until it ends and shows it again. */
  protected approve(): void {
    const id = Number(this.id());
    this.approval
      .confirmAndApprove(id, this.approving)
      .pipe(
        tap(({ deletions }) =>
          this.deleting.set({ run_id: id, phase: 'deleting', done: 0, total: deletions }),
        ),
        switchMap(() =>
          merge(
            this.events.progress().pipe(
              filter((progress) => progress.run_id === id),
              tap((progress) => progress.phase === 'deleting' && this.deleting.set(progress)),
              // The stream opens with the phase it last sent, "awaiting_approval": only an end counts.
              filter((progress) => progress.phase === 'done' || progress.phase === 'failed'),
            ),
            // The run may end before the progress stream is open: its own status says so too.
            timer(SYNC_STATUS_POLL_MS / 5, SYNC_STATUS_POLL_MS).pipe(
              switchMap(() => this.sync.run(id).pipe(catchError(() => EMPTY))),
              filter((run) => run.status === 'completed' || run.status === 'failed'),
            ),
          ),
        ),
        first(),
        finalize(() => this.deleting.set(null)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({ next: () => this.reload(), error: () => this.reload() });
  }

  protected downloadCredentials(): void {
    const id = Number(this.id());
    this.exporting.set(true);
    this.sync
      .credentialsCsv(id)
      .pipe(
        finalize(() => this.exporting.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (csv) =>
          saveBlob(
            new Blob([csv], { type: 'text/csv;charset=utf-8' }),
            `sync-run-${id}-credentials.csv`,
            this.doc,
          ),
        // The error interceptor has already shown what went wrong.
        error: () => undefined,
      });
  }

  /** Opens the window at once (inside the click, so no pop-up blocker stops it), then fills and prints it. */
  protected printCredentials(): void {
    const win = this.doc.defaultView?.open('', '_blank');
    if (!win) return;
    this.exporting.set(true);
    this.sync
      .credentials(Number(this.id()))
      .pipe(
        finalize(() => this.exporting.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (sheet) => printCredentialsSheet(win, sheet),
        error: () => win.close(),
      });
  }

  protected onFilters(filters: RunUserFilters): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: {
        q: filters.q || null,
        outcome: filters.outcome || null,
        action: filters.action || null,
      },
      replaceUrl: true,
    });
  }
}

function filtersFromParams(params: { get(name: string): string | null }): RunUserFilters {
  const outcome = params.get('outcome') ?? '';
  const action = params.get('action') ?? '';
  return {
    q: params.get('q') ?? '',
    outcome: (SYNC_USER_OUTCOME as string[]).includes(outcome) ? (outcome as SyncUserOutcome) : '',
    action: (SYNC_ACTION as string[]).includes(action) ? (action as SyncAction) : '',
  };
}
