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
  type TorrentChangesEventDto,
  type TorrentClientKind,
  type TorrentClientStatusDto,
  type TorrentDto,
  type TorrentPageDto,
  type TorrentStatsDto,
  type TorrentStreamStatusDto,
} from '../../api';
import { describeApiError } from '../../core/api/api-error';
import { type StreamEvent } from '../../core/api/event-stream.service';
import { summarize } from './torrent-query';
import { MAX_PAGE_SIZE, type TorrentsClient } from './torrents-client.service';

export type ReplicaState = 'loading' | 'ready' | 'error';

/** The card's figures that only the server knows (version, overall ratio, limits); null when unread. */
export interface ClientInfo {
  readonly status: TorrentClientStatusDto | null;
  readonly stats: TorrentStatsDto | null;
  readonly bandwidth: BandwidthDto | null;
}

export type TorrentStreamEvent =
  StreamEvent<TorrentStreamStatusDto, 'status'> | StreamEvent<TorrentChangesEventDto, 'changes'>;

type TorrentChange = Partial<TorrentDto> & { hash: string };

/** The pages of one list read did not come from one snapshot (a poll landed in between). */
class TornRead extends Error {}

/**
 * The browser's copy of one client's list: loaded once in pages of a single snapshot revision, then
 * kept current by the client's event stream (`changes` carry consecutive revisions; a gap or a
 * reconnect to a newer revision reloads). Changed torrents are replaced one by one, so a row whose
 * torrent did not change keeps its object and is not re-rendered.
 */
export class TorrentReplica {
  readonly state = signal<ReplicaState>('loading');
  /** Why the list is unavailable, naming the client. */
  readonly error = signal<string | null>(null);
  readonly info = signal<ClientInfo | null>(null);

  private readonly byHash = new Map<string, TorrentDto>();
  private readonly version = signal(0);
  readonly torrents = computed<readonly TorrentDto[]>(() => {
    this.version();
    return [...this.byHash.values()];
  });
  readonly summary = computed(() => summarize(this.torrents()));

  private revision = -1;
  /** The newest revision the stream has mentioned; a load older than it is reloaded. */
  private newestSeen = -1;
  /** Changes that arrived while a load was in flight, applied on top of it. */
  private buffered: TorrentChangesEventDto[] = [];
  private loading: Subscription | null = null;
  private infoRead: Subscription | null = null;

  constructor(
    readonly kind: TorrentClientKind,
    private readonly api: TorrentsClient,
  ) {}

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
      status: orNull(this.api.status(this.kind)),
      stats: orNull(this.api.stats(this.kind)),
      bandwidth: orNull(this.api.bandwidth(this.kind)),
    }).subscribe((info) => this.info.set(info));
  }

  setBandwidth(bandwidth: BandwidthDto): void {
    const info = this.info();
    this.info.set({ status: info?.status ?? null, stats: info?.stats ?? null, bandwidth });
  }

  onEvent(message: TorrentStreamEvent): void {
    if (message.event === 'changes') {
      this.newestSeen = Math.max(this.newestSeen, message.data.revision);
      if (this.loading && !this.loading.closed) {
        this.buffered.push(message.data);
      } else if (this.state() === 'ready') {
        this.apply(message.data);
      } else {
        // The client polls fine again although no status event said so (a failed read of ours).
        this.reload();
      }
      return;
    }
    const status = message.data;
    if (!status.connected) {
      // Before its first poll a client is neither connected nor failed: nothing to say yet.
      if (status.error !== null) {
        this.loading?.unsubscribe();
        this.failed(status.error);
      }
      return;
    }
    this.newestSeen = Math.max(this.newestSeen, status.revision);
    const busy = this.loading !== null && !this.loading.closed;
    if (!busy && (this.state() === 'error' || status.revision !== this.revision)) {
      this.reload();
      this.refreshInfo();
    }
  }

  stop(): void {
    this.loading?.unsubscribe();
    this.infoRead?.unsubscribe();
  }

  private readAll(): Observable<TorrentPageDto[]> {
    return this.api.page(this.kind, 1).pipe(
      switchMap((first) => {
        const count = Math.ceil(first.total / MAX_PAGE_SIZE);
        if (count <= 1) {
          return of([first]);
        }
        const rest = Array.from({ length: count - 1 }, (_, index) => this.api.page(this.kind, index + 2));
        return forkJoin([of(first), ...rest]);
      }),
      map((pages) => {
        if (pages.some((page) => page.revision !== pages[0].revision)) {
          throw new TornRead();
        }
        return pages;
      }),
      retry({
        count: 5,
        delay: (error: unknown) => (error instanceof TornRead ? timer(100) : throwError(() => error)),
      }),
    );
  }

  private loaded(pages: TorrentPageDto[]): void {
    this.byHash.clear();
    for (const page of pages) {
      for (const torrent of page.items) {
        this.byHash.set(torrent.hash, torrent);
      }
    }
    this.revision = pages[0].revision;
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

  private failed(message: string): void {
    this.state.set('error');
    this.error.set(message);
    if (this.byHash.size > 0) {
      this.byHash.clear();
      this.version.update((count) => count + 1);
    }
  }

  /** Applies one poll's changes; false when a revision was missed and a reload began instead. */
  private apply(changes: TorrentChangesEventDto, publish = true): boolean {
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
