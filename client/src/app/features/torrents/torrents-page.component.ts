import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router } from '@angular/router';
import { type Observable, finalize, map } from 'rxjs';

import { type TorrentBulkAction, type TorrentSortField } from '../../api';
import { mediaQuery } from '../../core/util/media-query';
import { StateMessageComponent } from '../../common/state-message.component';
import { ContainerActions } from '../applications/container-actions.service';
import { type LinkedService } from '../applications/container-labels';
import { linkedContainers } from '../applications/linked-containers';
import { type AddTorrentTarget } from './add-torrent-dialog.component';
import { TorrentActions } from './torrent-actions.service';
import { TorrentBandwidthCardComponent } from './torrent-bandwidth-card.component';
import { TorrentBulkBarComponent } from './torrent-bulk-bar.component';
import { TorrentClientCardComponent } from './torrent-client-card.component';
import { TorrentClientStripComponent } from './torrent-client-strip.component';
import { TORRENT_COLUMNS, TorrentColumnsPreference } from './torrent-columns';
import { TorrentDetailComponent } from './torrent-detail.component';
import { TorrentFiltersComponent } from './torrent-filters.component';
import { type TorrentActionRequest, TorrentListComponent } from './torrent-list.component';
import {
  DESCENDING_FIRST,
  type TorrentQuery,
  type TorrentRow,
  countStates,
  matchesClientAndText,
  sortTorrents,
  torrentKey,
  torrentQueryFromParams,
  torrentQueryToParams,
} from './torrent-query';
import { type TorrentReplica } from './torrent-replica';
import { TorrentsStore } from './torrents.store';

const EXPANDED_KEY = 'sp.torrents.clients-open';
const SEED_SERVICES: ReadonlySet<string> = new Set(['utorrent', 'rutorrent']);

/**
 * Every torrent client in one live list. The list comes first and takes the page; the clients are a
 * summary strip that opens into their cards. The page owns the view (URL), the selection, the detail
 * drawer and what is in flight; the store keeps the lists current over the merged event stream;
 * TorrentActions talks to the API.
 */
@Component({
  selector: 'sp-torrents-page',
  host: {
    class: 'sp-page',
    '(document:keydown.escape)': 'closeDetail()',
  },
  imports: [
    MatButtonModule,
    MatCardModule,
    MatCheckboxModule,
    MatIconModule,
    MatMenuModule,
    MatProgressBarModule,
    StateMessageComponent,
    TorrentBandwidthCardComponent,
    TorrentBulkBarComponent,
    TorrentClientCardComponent,
    TorrentClientStripComponent,
    TorrentDetailComponent,
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
  private readonly storage = inject(DOCUMENT).defaultView?.localStorage ?? null;
  protected readonly store = inject(TorrentsStore);
  protected readonly columnsPreference = inject(TorrentColumnsPreference);
  private readonly containerActions = inject(ContainerActions);

  private readonly linked = linkedContainers();
  private readonly seedContainers = {
    utorrent: this.linked.of('utorrent'),
    rutorrent: this.linked.of('rutorrent'),
  };
  protected readonly restarting = signal<ReadonlySet<string>>(new Set());

  protected readonly compact = mediaQuery('(max-width: 1199.98px)');
  protected readonly query = toSignal(this.route.queryParamMap.pipe(map(torrentQueryFromParams)), {
    requireSync: true,
  });
  protected readonly allColumns = TORRENT_COLUMNS;
  protected readonly columns = computed(() => this.columnsPreference.columns());
  protected readonly expanded = signal(this.storage?.getItem(EXPANDED_KEY) === 'true');
  protected readonly dropping = signal(false);

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
  protected readonly clientChoices = computed(() =>
    this.store.replicas().map((replica) => ({ id: replica.id, name: replica.name })),
  );

  protected readonly summary = computed(() => {
    const all = this.store.all().length;
    const replicas = this.store.replicas();
    if (all === 0 && this.store.loading()) {
      return replicas.length ? `${replicas.map((r) => r.name).join(', ')}, live` : 'Loading…';
    }
    const shown = this.visible().length.toLocaleString('en');
    if (this.filtered()) return `${shown} of ${all.toLocaleString('en')} torrents match`;
    return `${shown} torrent${all === 1 ? '' : 's'}`;
  });

  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  /** The selected torrents that are shown (a removed or filtered-out one leaves the selection). */
  protected readonly selection = computed(() => {
    const keys = this.selected();
    return keys.size === 0 ? [] : this.visible().filter((t) => keys.has(torrentKey(t)));
  });
  protected readonly busy = signal<ReadonlySet<string>>(new Set());
  protected readonly bulkBusy = signal(false);
  /** Clients that can take a new torrent now. */
  protected readonly ready = computed<AddTorrentTarget[]>(() =>
    this.store
      .replicas()
      .filter((r) => r.state() === 'ready')
      .map((r) => ({ id: r.id, name: r.name })),
  );

  /** The torrent in the drawer, kept current by the stream (by key). */
  private readonly detailKey = signal<string | null>(null);
  protected readonly detail = computed(() => {
    const key = this.detailKey();
    return key === null ? null : (this.store.all().find((t) => torrentKey(t) === key) ?? null);
  });

  constructor() {
    this.store.start();
    // A bulk action never reaches rows the user cannot see: keys that left the view leave the selection.
    effect(() => {
      const shown = this.selection();
      const keys = untracked(this.selected);
      if (keys.size !== shown.length) this.selected.set(new Set(shown.map(torrentKey)));
    });
    // The drawer closes when its torrent is removed.
    effect(() => {
      if (
        this.detailKey() !== null &&
        this.store.known() &&
        this.detail() === null &&
        !this.store.loading()
      ) {
        untracked(() => this.detailKey.set(null));
      }
    });
  }

  protected toggleClients(): void {
    const next = !this.expanded();
    this.expanded.set(next);
    this.storage?.setItem(EXPANDED_KEY, String(next));
  }

  protected onFilters(patch: Partial<TorrentQuery>): void {
    this.navigate(patch);
  }

  protected onSort(field: TorrentSortField): void {
    const { sort, order } = this.query();
    const next =
      field === sort ? (order === 'asc' ? 'desc' : 'asc') : DESCENDING_FIRST.has(field) ? 'desc' : 'asc';
    this.navigate({ sort: field, order: next });
  }

  protected toggle(torrent: TorrentRow): void {
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

  protected openDetail(torrent: TorrentRow): void {
    this.detailKey.set(torrentKey(torrent));
  }

  protected closeDetail(): void {
    this.detailKey.set(null);
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
    const torrents = this.selection().filter((t) => !t.stale);
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

  protected add(file?: File): void {
    this.actions.add(this.ready(), file).pipe(takeUntilDestroyed(this.destroyRef)).subscribe();
  }

  protected onDragOver(event: DragEvent): void {
    if (!event.dataTransfer?.types.includes('Files') || this.ready().length === 0) return;
    event.preventDefault();
    this.dropping.set(true);
  }

  protected onDragLeave(event: DragEvent): void {
    const to = event.relatedTarget as Node | null;
    if (!to || !(event.currentTarget as Node).contains(to)) this.dropping.set(false);
  }

  /** A .torrent dropped on the list opens the add dialog with it. */
  protected onDrop(event: DragEvent): void {
    this.dropping.set(false);
    const file = event.dataTransfer?.files?.[0];
    if (!file || this.ready().length === 0) return;
    event.preventDefault();
    this.add(file);
  }

  protected limits(replica: TorrentReplica): void {
    const bandwidth = replica.info()?.bandwidth;
    if (!bandwidth) return;
    this.actions
      .limits({ id: replica.id, name: replica.name }, bandwidth)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((result) => replica.setBandwidth(result));
  }

  /** The linked container of a seed client (its card links it in Applications). */
  protected containerOf(replica: TorrentReplica) {
    return SEED_SERVICES.has(replica.id)
      ? this.seedContainers[replica.id as 'utorrent' | 'rutorrent']()
      : null;
  }

  /** Whether a client can be restarted: rTorrent's own route, a linked container, or a configured one. */
  protected restartable(replica: TorrentReplica): boolean {
    const summary = this.store.instances().find((client) => client.id === replica.id);
    return replica.kind === 'rutorrent' || this.containerOf(replica) !== null || Boolean(summary?.container);
  }

  /** Restarts a client's container after naming its active torrents (the server picks the container). */
  protected restart(replica: TorrentReplica): void {
    const id = replica.id;
    const summary = this.store.instances().find((client) => client.id === id);
    const name = this.containerOf(replica)?.name ?? summary?.container ?? '';
    const service = SEED_SERVICES.has(id) ? (id as LinkedService) : null;
    this.containerActions
      .confirmAndRun({ name: name || replica.name, service }, 'restart', {
        run: () => this.actions.restart(id),
        started: () => this.restarting.update((ids) => new Set(ids).add(id)),
      })
      .pipe(
        finalize(() => this.restarting.update((ids) => new Set([...ids].filter((other) => other !== id)))),
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
