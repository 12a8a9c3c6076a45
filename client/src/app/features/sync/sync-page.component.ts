import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router } from '@angular/router';

import { DateTimePipe } from '../../common/format/format.pipes';
import {
  EMPTY,
  type Observable,
  Subject,
  catchError,
  filter,
  interval,
  map,
  of,
  switchMap,
  take,
} from 'rxjs';

import { type SyncOptionsDto, type SyncPlanDto, type SyncProgressDto, type SyncRunDto } from '../../api';
import { SyncEventsService } from '../../core/api/sync-events.service';
import { mediaQuery } from '../../core/util/media-query';
import { LOADING, type Remote, remoteError, remoteValue, toRemote } from '../../core/util/remote';
import { remoteState } from '../../core/util/remote-state';
import { ConfirmDialogComponent, type ConfirmDialogData } from '../../common/confirm-dialog.component';
import { StateMessageComponent } from '../../common/state-message.component';
import { SeerrClient } from '../seerr/seerr-client.service';
import { SyncApproval } from './sync-approval.service';
import { SyncClient } from './sync-client.service';
import { HISTORY_PAGE_SIZES, type HistoryPage, SyncHistoryComponent } from './sync-history.component';
import { applyQuestion } from './sync-apply';
import { FINAL_PHASES, SYNC_STATUS_POLL_MS } from './sync-labels';
import { SyncLastRunComponent } from './sync-last-run.component';
import { SyncOptionsComponent } from './sync-options.component';
import { SyncPlanListsComponent } from './sync-plan-lists.component';
import { SyncPlanSummaryComponent } from './sync-plan-summary.component';
import { SyncProgressComponent } from './sync-progress.component';

const DEFAULT_HISTORY: HistoryPage = { page: 1, pageSize: 10 };

interface ShownPlan {
  readonly options: SyncOptionsDto;
  readonly plan: Remote<SyncPlanDto>;
}

@Component({
  selector: 'sp-sync-page',
  host: { class: 'sp-page' },
  imports: [
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTooltipModule,
    DateTimePipe,
    StateMessageComponent,
    SyncOptionsComponent,
    SyncLastRunComponent,
    SyncProgressComponent,
    SyncPlanSummaryComponent,
    SyncPlanListsComponent,
    SyncHistoryComponent,
  ],
  templateUrl: './sync-page.component.html',
  styleUrl: './sync-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SyncPageComponent {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly sync = inject(SyncClient);
  private readonly dialog = inject(MatDialog);
  private readonly approval = inject(SyncApproval);

  protected readonly compact = mediaQuery('(max-width: 719.98px)');

  // Options: the toggle starts at the saved setting; `null` means "not touched".
  private readonly savedRemoveMissing = toSignal(
    inject(SeerrClient)
      .overview()
      .pipe(
        map((seerr) => seerr.config.remove_missing),
        catchError(() => [null]),
      ),
  );
  private readonly removeMissingChoice = signal<boolean | null>(null);
  protected readonly removeMissing = computed(
    () => this.removeMissingChoice() ?? this.savedRemoveMissing() ?? false,
  );
  protected readonly removeMissingIsSetting = computed(
    () => (this.savedRemoveMissing() ?? null) === null || this.removeMissing() === this.savedRemoveMissing(),
  );
  protected readonly force = signal(false);
  private readonly options = computed((): SyncOptionsDto => ({
    remove_missing: this.removeMissing(),
    force: this.removeMissing() && this.force(),
  }));

  // The plan preview.
  private readonly previews = new Subject<SyncOptionsDto>();
  protected readonly shown = signal<ShownPlan | null>(null);
  protected readonly plan = computed(() => this.shown()?.plan ?? null);
  protected readonly planValue = computed(() => remoteValue(this.plan() ?? LOADING));
  protected readonly planError = computed(() => remoteError(this.plan() ?? LOADING));
  protected readonly previewing = computed(() => this.plan()?.state === 'loading');
  protected readonly canApply = computed(() => {
    const shown = this.shown();
    return shown?.plan.state === 'ok' && sameOptions(shown.options, this.options());
  });

  // Status, live progress and the latest run.
  protected readonly status = remoteState(() => this.sync.status());
  protected readonly schedule = this.status.value;
  protected readonly statusError = this.status.error;
  protected readonly lastRun = computed(() => this.schedule()?.last_run ?? null);
  protected readonly progress = signal<SyncProgressDto | null>(null);
  protected readonly running = computed(() => this.progress() !== null);
  protected readonly approving = signal(false);

  // History, paged in the URL.
  protected readonly history = toSignal(this.route.queryParamMap.pipe(map(historyFromParams)), {
    requireSync: true,
  });
  protected readonly runs = remoteState(this.history, (page) => this.sync.runs(page.page, page.pageSize), {
    whileReloading: 'shown',
  });
  protected readonly historyLoading = this.runs.fetching;
  protected readonly runsPage = this.runs.value;
  protected readonly runsError = this.runs.error;

  constructor() {
    this.previews
      .pipe(
        switchMap((options) => toRemote(this.sync.preview(options)).pipe(map((plan) => ({ options, plan })))),
        takeUntilDestroyed(),
      )
      .subscribe((shown) => this.shown.set(shown));

    // A run already going when the page opens.
    toObservable(this.status.state)
      .pipe(takeUntilDestroyed())
      .subscribe((status) => {
        if (status.state === 'ok' && status.value.running && status.value.progress && !this.progress()) {
          this.progress.set(status.value.progress);
        }
      });

    inject(SyncEventsService)
      .progress()
      .pipe(takeUntilDestroyed())
      .subscribe((progress) => this.onProgress(progress));

    toObservable(this.running)
      .pipe(
        switchMap((running) => (running ? interval(SYNC_STATUS_POLL_MS) : EMPTY)),
        switchMap(() => this.sync.status().pipe(catchError(() => EMPTY))),
        filter((status) => !status.running),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.finished());

    // The dashboard's "Sync now" opens the page with ?preview=1.
    if (this.route.snapshot.queryParamMap.get('preview') === '1') {
      toObservable(this.savedRemoveMissing)
        .pipe(
          filter((saved) => saved !== undefined),
          take(1),
          takeUntilDestroyed(),
        )
        .subscribe(() => this.preview());
    }
  }

  protected preview(): void {
    const options = this.options();
    this.shown.set({ options, plan: LOADING });
    this.previews.next(options);
  }

  protected setRemoveMissing(value: boolean): void {
    this.removeMissingChoice.set(value);
    this.refreshShownPlan();
  }

  protected setForce(value: boolean): void {
    this.force.set(value);
    this.refreshShownPlan();
  }

  protected apply(): void {
    const shown = this.shown();
    if (shown?.plan.state !== 'ok') {
      return;
    }
    const question = applyQuestion(shown.plan.value);
    const confirmed: Observable<boolean> = question ? this.confirm(question) : of(true);
    confirmed
      .pipe(
        filter(Boolean),
        switchMap(() => this.sync.start(shown.options)),
      )
      .subscribe({
        next: (runId) => {
          this.shown.set(null);
          this.progress.set({ run_id: runId, phase: 'reading', done: 0, total: 0 });
        },
        // A run started elsewhere (409): the snackbar says so; show that run instead.
        error: () => this.status.reload(),
      });
  }

  protected approve(run: SyncRunDto): void {
    this.approval.confirmAndApprove(run.id, this.approving).subscribe({
      next: ({ runId, deletions }) =>
        this.progress.set({ run_id: runId, phase: 'deleting', done: 0, total: deletions }),
      error: () => this.status.reload(),
    });
  }

  protected refresh(): void {
    this.status.reload();
    this.runs.reload();
  }

  protected reloadHistory(): void {
    this.runs.reload();
  }

  protected onHistoryPage(page: HistoryPage): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: {
        page: page.page === DEFAULT_HISTORY.page ? null : page.page,
        page_size: page.pageSize === DEFAULT_HISTORY.pageSize ? null : page.pageSize,
      },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  private onProgress(progress: SyncProgressDto): void {
    if (FINAL_PHASES.includes(progress.phase)) {
      this.finished();
    } else {
      this.progress.set(progress);
    }
  }

  private finished(): void {
    this.progress.set(null);
    this.refresh();
  }

  /** A plan on screen follows the options, so what Apply runs is always what was previewed. */
  private refreshShownPlan(): void {
    if (this.shown() !== null) {
      this.preview();
    }
  }

  private confirm(data: ConfirmDialogData): Observable<boolean> {
    return this.dialog
      .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, { data })
      .afterClosed()
      .pipe(map((result) => result === true));
  }
}

function sameOptions(a: SyncOptionsDto, b: SyncOptionsDto): boolean {
  return a.remove_missing === b.remove_missing && a.force === b.force;
}

function historyFromParams(params: { get(name: string): string | null }): HistoryPage {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('page_size'));
  return {
    page: Number.isInteger(page) && page >= 1 ? page : DEFAULT_HISTORY.page,
    pageSize: (HISTORY_PAGE_SIZES as readonly number[]).includes(pageSize)
      ? pageSize
      : DEFAULT_HISTORY.pageSize,
  };
}
