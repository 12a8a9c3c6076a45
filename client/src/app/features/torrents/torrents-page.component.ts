import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router } from '@angular/router';
import { type Observable, finalize, map } from 'rxjs';

import {
  type TorrentBulkAction,
  type TorrentClientKind,
  type TorrentDto,
  type TorrentSortField,
  restartRutorrent,
} from '../../api';
import { ApiCaller } from '../../core/api/api-caller.service';
import { mediaQuery } from '../../core/util/media-query';
import { StateMessageComponent } from '../../common/state-message.component';
import { ContainerActions } from '../applications/container-actions.service';
import { linkedContainers } from '../applications/linked-containers';
import { TorrentActions } from './torrent-actions.service';
import { TorrentBandwidthCardComponent } from './torrent-bandwidth-card.component';
import { TorrentBulkBarComponent } from './torrent-bulk-bar.component';
import { TorrentClientCardComponent } from './torrent-client-card.component';
import { TorrentFiltersComponent } from './torrent-filters.component';
import { type TorrentActionRequest, TorrentListComponent } from './torrent-list.component';
import {
  DESCENDING_FIRST,
  type TorrentQuery,
  countStates,
  matchesClientAndText,
  sortTorrents,
  torrentKey,
  torrentQueryFromParams,
  torrentQueryToParams,
} from './torrent-query';
import { type TorrentReplica } from './torrent-replica';
import { TorrentsStore } from './torrents.store';

/**
 * Both torrent clients in one live list. The page owns the view (URL), the selection and what is in
 * flight; the store keeps the lists current over the event streams; TorrentActions talks to the API.
 */
@Component({
  selector: 'sp-torrents-page',
  host: { class: 'sp-page' },
  imports: [
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatProgressBarModule,
    StateMessageComponent,
    TorrentBandwidthCardComponent,
    TorrentBulkBarComponent,
    TorrentClientCardComponent,
    TorrentFiltersComponent,
    TorrentListComponent,
  ],
  providers: [TorrentsStore, TorrentActions],
  templateUrl: './torrents-page.component.html',
  styleUrl: './torrents-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TorrentsPageComponent {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly actions = inject(TorrentActions);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly store = inject(TorrentsStore);
  private readonly api = inject(ApiCaller);
  private readonly containerActions = inject(ContainerActions);

  private readonly linked = linkedContainers();
  /** Each client's container in Applications, when Docker links one. */
  protected readonly containers = {
    utorrent: this.linked.of('utorrent'),
    rutorrent: this.linked.of('rutorrent'),
  };
  protected readonly restarting = signal<ReadonlySet<TorrentClientKind>>(new Set());

  protected readonly compact = mediaQuery('(max-width: 1199.98px)');
  protected readonly query = toSignal(this.route.queryParamMap.pipe(map(torrentQueryFromParams)), {
    requireSync: true,
  });

  /** Client and text filters, before the state filter: the chips count these. */
  private readonly matching = computed(() => {
    const { client, q } = this.query();
    const needle = q.toLowerCase();
    return client || needle
      ? this.store.all().filter((t) => matchesClientAndText(t, client, needle))
      : this.store.all();
  });
  protected readonly counts = computed(() => countStates(this.matching()));
  protected readonly visible = computed(() => {
    const { state, sort, order } = this.query();
    const shown = state ? this.matching().filter((t) => t.state === state) : this.matching();
    return sortTorrents(shown, sort, order);
  });
  protected readonly filtered = computed(() => {
    const { client, state, q } = this.query();
    return Boolean(client || state || q);
  });

  protected readonly summary = computed(() => {
    const all = this.store.all().length;
    if (all === 0 && this.store.loading()) return 'uTorrent and rTorrent, live';
    const shown = this.visible().length.toLocaleString('en');
    if (this.filtered()) return `${shown} of ${all.toLocaleString('en')} torrents match`;
    return `${shown} torrent${all === 1 ? '' : 's'}`;
  });

  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  /** The selected torrents that still exist (a removed one drops out of the selection by itself). */
  protected readonly selection = computed(() => {
    const keys = this.selected();
    return keys.size === 0 ? [] : this.store.all().filter((t) => keys.has(torrentKey(t)));
  });
  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  protected readonly bulkBusy = signal(false);
  /** Clients that can take a new torrent now. */
  protected readonly ready = computed(() =>
    this.store.replicas.filter((r) => r.state() === 'ready').map((r) => r.kind),
  );

  constructor() {
    this.store.start();
  }

  protected onFilters(patch: Partial<TorrentQuery>): void {
    // A new view starts a new selection, so a bulk action never reaches rows the user cannot see.
    this.selected.set(new Set());
    this.navigate(patch);
  }

  protected onSort(field: TorrentSortField): void {
    const { sort, order } = this.query();
    const next =
      field === sort ? (order === 'asc' ? 'desc' : 'asc') : DESCENDING_FIRST.has(field) ? 'desc' : 'asc';
    this.navigate({ sort: field, order: next });
  }

  protected toggle(torrent: TorrentDto): void {
    const key = torrentKey(torrent);
    const next = new Set(this.selected());
    if (!next.delete(key)) next.add(key);
    this.selected.set(next);
  }

  protected clearSelection(): void {
    this.selected.set(new Set());
  }

  protected selectAll(checked: boolean): void {
    this.selected.set(checked ? new Set(this.visible().map(torrentKey)) : new Set());
  }

  protected act({ torrent, action }: TorrentActionRequest): void {
    if (action === 'remove') {
      // The row leaves the list once removed; while the dialog is open nothing is in flight.
      this.actions
        .remove([torrent])
        .pipe(takeUntilDestroyed(this.destroyRef))
        .subscribe({ error: () => undefined });
    } else {
      this.track([torrentKey(torrent)], this.actions.act(torrent, action));
    }
  }

  protected bulk(action: TorrentBulkAction): void {
    const torrents = this.selection();
    const work = action === 'remove' ? this.actions.remove(torrents) : this.actions.bulk(torrents, action);
    this.bulkBusy.set(true);
    work
      .pipe(
        finalize(() => this.bulkBusy.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => {
          if (action === 'remove') this.selected.set(new Set());
        },
        error: () => undefined,
      });
  }

  protected add(): void {
    this.actions.add(this.ready()).pipe(takeUntilDestroyed(this.destroyRef)).subscribe();
  }

  protected limits(replica: TorrentReplica): void {
    const bandwidth = replica.info()?.bandwidth;
    if (!bandwidth) return;
    this.actions
      .limits(replica.kind, bandwidth)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((result) => replica.setBandwidth(result));
  }

  /**
   * Restarts a client's container after naming its active torrents. rTorrent keeps its own route
   * (it restarts `rutorrent.container`, and explains how to set that up when none is); uTorrent has
   * only its linked container.
   */
  protected restart(replica: TorrentReplica): void {
    const kind = replica.kind;
    const name = this.containers[kind]()?.name ?? '';
    const run = kind === 'rutorrent' ? () => this.api.call(restartRutorrent, undefined) : undefined;
    this.containerActions
      .confirmAndRun({ name, service: kind }, 'restart', {
        run,
        started: () => this.restarting.update((kinds) => new Set(kinds).add(kind)),
      })
      .pipe(
        finalize(() =>
          this.restarting.update((kinds) => new Set([...kinds].filter((other) => other !== kind))),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: () => {
          this.linked.reload();
          this.retry(replica);
        },
        error: () => undefined,
      });
  }

  protected retry(replica: TorrentReplica): void {
    replica.reload();
    replica.refreshInfo();
  }

  /** Marks rows busy while their call runs; errors were already reported by the interceptor. */
  private track(keys: readonly string[], work: Observable<unknown>): void {
    this.busy.update((busy) => new Set([...busy, ...keys]));
    work
      .pipe(
        finalize(() => this.busy.update((busy) => new Set([...busy].filter((key) => !keys.includes(key))))),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({ error: () => undefined });
  }

  private navigate(patch: Partial<TorrentQuery>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: torrentQueryToParams({ ...this.query(), ...patch }),
      replaceUrl: true,
    });
  }
}
