import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { interval, map } from 'rxjs';

import {
  type TorrentChangesEventDto,
  type TorrentClientKind,
  type TorrentDto,
  type TorrentStreamStatusDto,
} from '../../api';
import { TORRENT_CLIENT_KIND } from '../../api/models/torrent-client-kind-array';
import { EventStreamService } from '../../core/api/event-stream.service';
import { type RateSample } from './torrent-bandwidth-card.component';
import { TorrentReplica, type TorrentStreamEvent } from './torrent-replica';
import { TorrentsClient } from './torrents-client.service';

const SAMPLE_MS = 2_000;
/** The chart's window: five minutes of samples. */
const HISTORY_MS = 5 * 60_000;
/** Version, overall ratio and limits change rarely; the list and rates are live over the streams. */
const INFO_REFRESH_MS = 30_000;

/**
 * The Torrents page's data: one live replica per client, their union, and a rolling history of the
 * total rates for the chart. Provided by the page, so it lives (and streams) only while the page is open.
 */
@Injectable()
export class TorrentsStore {
  private readonly api = inject(TorrentsClient);
  private readonly streams = inject(EventStreamService);
  private readonly destroyRef = inject(DestroyRef);

  readonly replicas: readonly TorrentReplica[] = TORRENT_CLIENT_KIND.map(
    (kind) => new TorrentReplica(kind, this.api),
  );
  readonly all = computed<readonly TorrentDto[]>(() =>
    this.replicas.flatMap((replica) => replica.torrents()),
  );
  readonly loading = computed(() => this.replicas.some((replica) => replica.state() === 'loading'));
  readonly history = signal<readonly RateSample[]>([]);

  constructor() {
    this.destroyRef.onDestroy(() => this.replicas.forEach((replica) => replica.stop()));
  }

  /** Opens each client's event stream, loads its list and starts sampling the rates. */
  start(): void {
    for (const replica of this.replicas) {
      this.streams
        .events<TorrentStreamStatusDto | TorrentChangesEventDto, 'status' | 'changes'>(
          this.api.eventsPath(replica.kind),
          ['status', 'changes'],
        )
        .pipe(
          map((message) => message as TorrentStreamEvent),
          takeUntilDestroyed(this.destroyRef),
        )
        .subscribe((message) => replica.onEvent(message));
      replica.reload();
      replica.refreshInfo();
    }
    interval(SAMPLE_MS)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.sample());
    interval(INFO_REFRESH_MS)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.replicas.forEach((replica) => replica.refreshInfo()));
  }

  replica(kind: TorrentClientKind): TorrentReplica {
    return this.replicas.find((replica) => replica.kind === kind)!;
  }

  /** Reloads every client's list and card (the Refresh button; the streams keep running). */
  refresh(): void {
    for (const replica of this.replicas) {
      replica.reload();
      replica.refreshInfo();
    }
  }

  private sample(): void {
    if (!this.replicas.some((replica) => replica.state() === 'ready')) {
      return;
    }
    const now = Date.now();
    let down = 0;
    let up = 0;
    for (const replica of this.replicas) {
      const summary = replica.summary();
      down += summary.downRate;
      up += summary.upRate;
    }
    this.history.update((samples) => [
      ...samples.filter((sample) => sample.at >= now - HISTORY_MS),
      { at: now, down, up },
    ]);
  }
}
