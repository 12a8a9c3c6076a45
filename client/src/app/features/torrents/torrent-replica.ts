import { computed, signal } from '@angular/core';
import {
  type Observable,
  type Subscription,
  catchError,
  forkJoin,
  map,
  of,
  retry,
  switchMap,
  throwError,
  timer,
} from 'rxjs';

import {
  type BandwidthDto,
  type MergedChangesEventDto,
  type MergedClientStateDto,
  type MergedClientsEventDto,
  type MergedTorrentPageDto,
  type TorrentClientKind,
  type TorrentClientStatusDto,
  type TorrentDto,
  type TorrentStatsDto,
} from '../../api';
import { describeApiError } from '../../core/api/api-error';
import { type StreamEvent } from '../../core/api/event-stream.service';
import { type TorrentRow, summarize } from './torrent-query';
import { MAX_PAGE_SIZE, type TorrentsClient } from './torrents-client.service';

export type ReplicaState = 'loading' | 'ready' | 'error';

/** The card's figures that only the server knows (version, overall ratio, limits); null when unread. */
export interface ClientInfo {
  readonly status: TorrentClientStatusDto | null;
  readonly stats: TorrentStatsDto | null;
  readonly bandwidth: BandwidthDto | null;
}

/** An event of the merged stream. */
export type TorrentStreamEvent =
  StreamEvent<MergedClientsEventDto, 'clients'> | StreamEvent<MergedChangesEventDto, 'changes'>;

/** Which client instance a replica copies. */
export interface ReplicaClient {
  readonly id: string;
  readonly name: string;
  readonly kind: TorrentClientKind;
}

type TorrentChange = Partial<TorrentDto> & { hash: string };

/** The pages of one list read did not come from one snapshot (a poll landed in between). */
class TornRead extends Error {
  constructor(name: string) {
    super(`The list of ${name} kept changing while it was read; it is read again at its next change.`);
  }
}

/**
 * The browser's copy of one client's rows of the merged list: loaded once in pages of a single snapshot
 * revision, then kept current by the merged event stream (`changes` of this client carry consecutive
 * revisions; a gap or a reconnect to a newer revision reloads). Changed torrents are replaced one by
 * one, so a row whose torrent did not change keeps its object and is not re-rendered. When the client
 * becomes unreachable its rows stay, marked stale, with the reason.
 */
export class TorrentReplica {
  readonly state = signal<ReplicaState>('loading');
  /** Why the list is unavailable, naming the client. */
  readonly error = signal<string | null>(null);
  readonly info = signal<ClientInfo | null>(null);
  readonly id: string;
  readonly name: string;
  readonly kind: TorrentClientKind;

  private readonly byHash = new Map<string, TorrentRow>();
  private readonly version = signal(0);
  readonly torrents = computed<readonly TorrentRow[]>(() => {
    this.version();
    return [...this.byHash.values()];
  });
  readonly summary = computed(() => summarize(this.torrents()));

  private revision = -1;
  /** The newest revision the stream has mentioned; a load older than it is reloaded. */
  private newestSeen = -1;
  /** Changes that arrived while a load was in flight, applied on top of it. */
  private buffered: MergedChangesEventDto[] = [];
  private loading: Subscription | null = null;
  private infoRead: Subscription | null = null;

  constructor(
    client: ReplicaClient,
    private readonly api: TorrentsClient,
  ) {
    this.id = client.id;
    this.name = client.name;
    this.kind = client.kind;
  }

  /** Loads the list (keeping the rows shown while a ready list reloads). */
  reload(): void {
    this.loading?.unsubscribe();
    this.buffered = [];
    // Only what the stream says during this load counts (after a panel restart revisions start over).
    this.newestSeen = -1;
    if (this.state() !== 'ready') {
      this.state.set('loading');
    }
    this.loading = this.readAll().subscribe({
      next: (pages) => this.loaded(pages),
      error: (error: unknown) => this.failed(describeApiError(error)),
    });
  }

  /** Re-reads the card's status, stats and limits; each may fail alone. */
  refreshInfo(): void {
    const orNull = <T>(source: Observable<T>): Observable<T | null> =>
      source.pipe(catchError(() => of(null)));
    this.infoRead?.unsubscribe();
    this.infoRead = forkJoin({
      status: orNull(this.api.status(this.id)),
      stats: orNull(this.api.stats(this.id)),
      bandwidth: orNull(this.api.bandwidth(this.id)),
    }).subscribe((info) => this.info.set(info));
  }

  setBandwidth(bandwidth: BandwidthDto): void {
    const info = this.info();
    this.info.set({ status: info?.status ?? null, stats: info?.stats ?? null, bandwidth });
  }

  /** One poll's changes of this client, from the merged stream. */
  onChanges(changes: MergedChangesEventDto): void {
    this.newestSeen = Math.max(this.newestSeen, changes.revision);
    if (this.loading && !this.loading.closed) {
      this.buffered.push(changes);
    } else if (this.state() === 'ready') {
      this.apply(changes);
    } else {
      // The client polls fine again although no state event said so (a failed read of ours).
      this.reload();
    }
  }

  /** This client's state from the merged stream's `clients` event. */
  onState(client: MergedClientStateDto): void {
    if (!client.connected) {
      // Before its first poll a client is neither connected nor failed: nothing to say yet.
      if (client.error !== null) {
        this.loading?.unsubscribe();
        this.failed(client.error);
      }
      return;
    }
    this.newestSeen = Math.max(this.newestSeen, client.revision);
    const busy = this.loading !== null && !this.loading.closed;
    if (!busy && (this.state() === 'error' || client.revision !== this.revision)) {
      this.reload();
      this.refreshInfo();
    }
  }

  stop(): void {
    this.loading?.unsubscribe();
    this.infoRead?.unsubscribe();
  }

  private revisionOf(page: MergedTorrentPageDto): number {
    return page.clients.find((client) => client.id === this.id)?.revision ?? -1;
  }

  private readAll(): Observable<MergedTorrentPageDto[]> {
    return this.api.page(this.id, 1).pipe(
      switchMap((first) => {
        const count = Math.ceil(first.total / MAX_PAGE_SIZE);
        if (count <= 1) {
          return of([first]);
        }
        const rest = Array.from({ length: count - 1 }, (_, index) => this.api.page(this.id, index + 2));
        return forkJoin([of(first), ...rest]);
      }),
      map((pages) => {
        const revision = this.revisionOf(pages[0]);
        if (pages.some((page) => this.revisionOf(page) !== revision)) {
          throw new TornRead(this.name);
        }
        return pages;
      }),
      retry({
        count: 5,
        delay: (error: unknown) => (error instanceof TornRead ? timer(100) : throwError(() => error)),
      }),
    );
  }

  private loaded(pages: MergedTorrentPageDto[]): void {
    this.byHash.clear();
    for (const page of pages) {
      for (const torrent of page.items) {
        this.byHash.set(torrent.hash, torrent);
      }
    }
    this.revision = this.revisionOf(pages[0]);
    const state = pages[0].clients.find((client) => client.id === this.id);
    if (state && !state.connected && state.error !== null) {
      // The server answered the rows it read last, marked stale: the client is down.
      this.state.set('error');
      this.error.set(state.error);
      this.buffered = [];
      this.version.update((count) => count + 1);
      return;
    }
    this.state.set('ready');
    this.error.set(null);
    const buffered = this.buffered;
    this.buffered = [];
    const complete = buffered.every((changes) => this.apply(changes, false));
    this.version.update((count) => count + 1);
    if (complete && this.newestSeen > this.revision) {
      // The stream is ahead of the snapshot and the changes in between were missed.
      this.reload();
    }
  }

  /** The list is unavailable: the rows read last stay, marked stale, until the client answers again. */
  private failed(message: string): void {
    this.state.set('error');
    this.error.set(message);
    let changed = false;
    for (const [hash, torrent] of this.byHash) {
      if (!torrent.stale) {
        this.byHash.set(hash, { ...torrent, stale: true });
        changed = true;
      }
    }
    if (changed) {
      this.version.update((count) => count + 1);
    }
  }

  /** Applies one poll's changes; false when a revision was missed and a reload began instead. */
  private apply(changes: MergedChangesEventDto, publish = true): boolean {
    if (changes.revision <= this.revision) {
      return true;
    }
    if (changes.revision !== this.revision + 1) {
      this.reload();
      return false;
    }
    for (const torrent of changes.added) {
      this.byHash.set(torrent.hash, torrent);
    }
    for (const change of changes.changed as TorrentChange[]) {
      const current = this.byHash.get(change.hash);
      if (current) {
        this.byHash.set(change.hash, { ...current, ...change });
      }
    }
    for (const hash of changes.removed) {
      this.byHash.delete(hash);
    }
    this.revision = changes.revision;
    if (publish) {
      this.version.update((count) => count + 1);
    }
    return true;
  }
}
