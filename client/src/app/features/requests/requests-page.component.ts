import { DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  linkedSignal,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router } from '@angular/router';
import { type Observable, filter, finalize, map } from 'rxjs';

import { type RequestActionResultDto, type RequestCountsDto, type UserRequestDto } from '../../api';
import { ConfirmDialogComponent, type ConfirmDialogData } from '../../common/confirm-dialog.component';
import { StateMessageComponent } from '../../common/state-message.component';
import { Notifier } from '../../core/notify/notifier.service';
import { remoteState } from '../../core/util/remote-state';
import {
  type RequestFilters,
  filtersFromParams,
  filtersToParams,
  hasFilters,
  queueOf,
} from './request-status';
import { RequestsClient } from './requests-client.service';
import { RequestsFiltersComponent, type UserOption } from './requests-filters.component';
import { RequestsQueueComponent } from './requests-queue.component';

/** The figures of the header, in this order, from Seerr's own counts. */
const COUNTED = ['pending', 'approved', 'declined', 'completed'] as const;

@Component({
  selector: 'sp-requests-page',
  host: { class: 'sp-page' },
  imports: [
    MatCardModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTooltipModule,
    DecimalPipe,
    StateMessageComponent,
    RequestsFiltersComponent,
    RequestsQueueComponent,
  ],
  templateUrl: './requests-page.component.html',
  styleUrl: './requests-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequestsPageComponent {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly client = inject(RequestsClient);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly destroyRef = inject(DestroyRef);

  // A reload (the button, or after a failed action) keeps the queue on screen.
  private readonly fetched = remoteState(() => this.client.list(), { whileReloading: 'value' });
  protected readonly value = this.fetched.value;
  protected readonly error = this.fetched.error;
  protected readonly fetching = this.fetched.fetching;

  /** Every listed request; an action replaces or drops its row in place. */
  private readonly all = linkedSignal<UserRequestDto[]>(() =>
    (this.value()?.users ?? []).flatMap((group) => group.requests),
  );
  /** Seerr's counts (GET /request/count, as the dashboard's pending figure); an action answers new ones. */
  protected readonly counts = linkedSignal<RequestCountsDto | null>(() => this.value()?.counts ?? null);
  protected readonly counted = COUNTED;
  protected readonly busy = signal<ReadonlySet<number>>(new Set());

  /** Search, status, user and order live in the URL, so a filtered view can be bookmarked. */
  protected readonly filters = toSignal(this.route.queryParamMap.pipe(map(filtersFromParams)), {
    requireSync: true,
  });
  protected readonly filtered = computed(() => hasFilters(this.filters()));
  protected readonly queue = computed(() => queueOf(this.all(), this.filters()));
  protected readonly listed = computed(() => this.all().length);

  protected readonly users = computed((): UserOption[] =>
    (this.value()?.users ?? [])
      .map((group) => ({ id: String(group.user_id), name: group.display_name }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  );

  protected reload(): void {
    this.fetched.reload();
  }

  protected onFilters(filters: RequestFilters): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: filtersToParams(filters),
      replaceUrl: true,
    });
  }

  protected approve(request: UserRequestDto): void {
    this.act(request, this.client.approve(request.id));
  }

  protected decline(request: UserRequestDto): void {
    this.act(request, this.client.decline(request.id));
  }

  protected remove(request: UserRequestDto): void {
    const name = request.title ?? `TMDB #${request.tmdb_id}`;
    this.dialog
      .open<ConfirmDialogComponent, ConfirmDialogData, boolean>(ConfirmDialogComponent, {
        data: {
          title: `Delete the request for ${name}?`,
          message: `Seerr forgets that ${request.display_name} asked for it. Media already downloaded stays in the library.`,
          confirm: 'Delete',
          destructive: true,
        },
        maxWidth: 'calc(100vw - 24px)',
        width: '440px',
      })
      .afterClosed()
      .pipe(
        filter((confirmed) => confirmed === true),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => this.act(request, this.client.remove(request.id)));
  }

  /** Runs one action on a row; the answer updates that row and the counts, without reloading the list. */
  private act(request: UserRequestDto, call: Observable<RequestActionResultDto>): void {
    this.busy.update((busy) => new Set(busy).add(request.id));
    call
      .pipe(
        finalize(() => this.unbusy(request.id)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (result) => {
          const saved = result.request;
          this.all.update((rows) =>
            saved
              ? rows.map((row) => (row.id === saved.id ? saved : row))
              : rows.filter((row) => row.id !== request.id),
          );
          if (result.counts) {
            this.counts.set(result.counts);
          }
          this.notifier.success(result.message);
        },
        // The error snackbar says why; the list is read again in case the request changed in Seerr.
        error: () => this.reload(),
      });
  }

  private unbusy(id: number): void {
    this.busy.update((busy) => {
      const next = new Set(busy);
      next.delete(id);
      return next;
    });
  }
}
