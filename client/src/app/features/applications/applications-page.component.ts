import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router } from '@angular/router';

import { DateTimePipe } from '../../common/format/format.pipes';
import { filter, finalize, fromEvent, interval, map, merge } from 'rxjs';

import { type ContainerDto, type ContainerFilterDto } from '../../api';
import { Notifier } from '../../core/notify/notifier.service';
import { bindFilterForm } from '../../core/util/filter-form';
import { mediaQuery } from '../../core/util/media-query';
import { remoteState } from '../../core/util/remote-state';
import { StateMessageComponent } from '../../common/state-message.component';
import {
  type ApplicationsQuery,
  type ShowFilter,
  applicationsQueryFromParams,
  applicationsQueryToParams,
  matchesQuery,
} from './applications-query';
import { ContainerActions } from './container-actions.service';
import { ContainerFilterDialogComponent } from './container-filter-dialog.component';
import { type ContainerAction, type LinkedService } from './container-labels';
import { ContainerLogsDialogComponent, type ContainerLogsData } from './container-logs-dialog.component';
import { ContainersClient } from './containers-client.service';
import { type ContainerActionRequest, ContainersTableComponent } from './containers-table.component';
import { DockerErrorComponent } from './docker-error.component';

/**
 * How often the list is read while the page is visible. The server reads Docker once for every viewer
 * within its own short cache, so several open tabs cost Docker one read.
 */
export const REFRESH_MS = 5000;

/**
 * The Docker containers of the seedbox: state, health and stats, refreshed while the page is visible,
 * with start, stop and restart after a question naming what stops, their logs, and which to show.
 */
@Component({
  selector: 'sp-applications-page',
  host: { class: 'sp-page' },
  imports: [
    DateTimePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    MatTooltipModule,
    StateMessageComponent,
    ContainersTableComponent,
    DockerErrorComponent,
  ],
  templateUrl: './applications-page.component.html',
  styleUrl: './applications-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApplicationsPageComponent {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly client = inject(ContainersClient);
  private readonly actions = inject(ContainerActions);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly doc = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly compact = mediaQuery('(max-width: 1199.98px)');
  protected readonly query = toSignal(this.route.queryParamMap.pipe(map(applicationsQueryFromParams)), {
    requireSync: true,
  });
  protected readonly form = new FormGroup({
    q: new FormControl('', { nonNullable: true }),
    show: new FormControl<ShowFilter>('', { nonNullable: true }),
  });

  protected readonly list = remoteState(() => this.client.list(), { whileReloading: 'shown' });
  protected readonly busy = signal<ReadonlyMap<string, ContainerAction>>(new Map());

  protected readonly all = computed(() => this.list.value()?.containers ?? []);
  protected readonly visible = computed(() => this.all().filter((c) => matchesQuery(c, this.query())));
  protected readonly filtered = computed(() => Boolean(this.query().q || this.query().show));
  protected readonly highlighted = computed(() =>
    this.all().some((c) => c.name === this.query().q) ? this.query().q : '',
  );
  protected readonly summary = computed(() => {
    const all = this.all().length;
    const shown = this.visible().length;
    const running = this.all().filter((c) => c.state === 'running').length;
    if (this.filtered()) return `${shown} of ${all} containers match`;
    return `${all} container${all === 1 ? '' : 's'} · ${running} running`;
  });
  /** Which containers the server lists, in words. */
  protected readonly filterText = computed(() => {
    const current = this.list.value()?.filter;
    switch (current?.mode) {
      case 'named':
        return `Named: ${current.names.join(', ')}`;
      case 'label':
        return `Label ${current.label}`;
      default:
        return 'Every container';
    }
  });

  constructor() {
    bindFilterForm(this.form, this.query, ['q'], (next) => this.navigate(next));
    // Refreshed while visible; at once when the tab shows again.
    const visible = (): boolean => this.doc.visibilityState === 'visible';
    merge(
      interval(REFRESH_MS).pipe(filter(visible)),
      fromEvent(this.doc, 'visibilitychange').pipe(filter(visible)),
    )
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.list.reload());
  }

  protected reload(): void {
    this.list.reload();
  }

  protected act({ container, action }: ContainerActionRequest): void {
    const name = container.name;
    const service = (container.service as LinkedService | null | undefined) ?? null;
    this.actions
      .confirmAndRun({ name, service }, action, {
        started: () => this.busy.update((busy) => new Map(busy).set(name, action)),
      })
      .pipe(
        finalize(() =>
          this.busy.update((busy) => {
            const rest = new Map(busy);
            rest.delete(name);
            return rest;
          }),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      // The error interceptor reports a failure.
      .subscribe({ next: () => this.list.reload(), error: () => this.list.reload() });
  }

  protected openLogs(container: ContainerDto): void {
    this.dialog.open<ContainerLogsDialogComponent, ContainerLogsData>(ContainerLogsDialogComponent, {
      data: { name: container.name },
      width: '1000px',
      maxWidth: 'calc(100vw - 16px)',
      autoFocus: 'dialog',
    });
  }

  protected editFilter(): void {
    const current = this.list.value()?.filter ?? { mode: 'all', names: [], label: '' };
    this.dialog
      .open<ContainerFilterDialogComponent, ContainerFilterDto, ContainerFilterDto>(
        ContainerFilterDialogComponent,
        { data: current, width: '480px', maxWidth: 'calc(100vw - 24px)' },
      )
      .afterClosed()
      .pipe(
        filter((saved): saved is ContainerFilterDto => saved !== undefined),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe(() => {
        this.notifier.success('Saved which containers to show.');
        this.list.reload();
      });
  }

  protected clearFilters(): void {
    this.navigate({ q: '', show: '' });
  }

  private navigate(query: ApplicationsQuery): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: applicationsQueryToParams(query),
      replaceUrl: true,
    });
  }
}
