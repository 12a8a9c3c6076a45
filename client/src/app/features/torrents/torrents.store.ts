import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { interval, map } from 'rxjs';

import { describeApiError } from '../../core/api/api-error';
import { type TorrentClientSummaryDto } from '../../api';
import { EventStreamService } from '../../core/api/event-stream.service';
import { type RateSample } from './torrent-bandwidth-card.component';
import { type TorrentRow } from './torrent-query';
import { TorrentReplica, type TorrentStreamEvent } from './torrent-replica';
import { TorrentsClient } from './torrents-client.service';

const SAMPLE_MS = 2_000;
/** The chart's window: five minutes of samples. */
const HISTORY_MS = 5 * 60_000;
/** Version, overall ratio and limits change rarely; the list and rates are live over the stream. */
const INFO_REFRESH_MS = 30_000;

/**
 * The Torrents page's data: one live replica per active client instance, their union, and a rolling
 * history of the total rates for the chart. One merged event stream feeds every replica. Provided by
 * the page, so it lives (and streams) only while the page is open.
 */
@Injectable()
export class TorrentsStore {
  private readonly api = inject(TorrentsClient);
  private readonly streams = inject(EventStreamService);
  private readonly destroyRef = inject(DestroyRef);

  readonly replicas = signal<readonly TorrentReplica[]>([]);
  /** Whether the list of client instances has been read (until then the page says "loading"). */
  readonly known = signal(false);
  /** Why the list of client instances could not be read. */
  readonly clientsError = signal<string | null>(null);
  /** Every instance, active or not, for the upload and add dialogs' container lookups. */
  readonly instances = signal<readonly TorrentClientSummaryDto[]>([]);
  readonly all = computed<readonly TorrentRow[]>(() =>
    this.replicas().flatMap((replica) => replica.torrents()),
  );
  readonly loading = computed(
    () => !this.known() || this.replicas().some((replica) => replica.state() === 'loading'),
  );
  readonly history = signal<readonly RateSample[]>([]);

  constructor() {
    this.destroyRef.onDestroy(() => this.replicas().forEach((replica) => replica.stop()));
  }

  /** Reads the instances, opens the merged event stream and starts sampling the rates. */
  start(): void {
    this.loadClients();
    this.streams
      .events<TorrentStreamEvent['data'], TorrentStreamEvent['event']>(this.api.eventsPath(), [
        'clients',
        'changes',
      ])
      .pipe(
        map((message) => message as TorrentStreamEvent),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((message) => this.onEvent(message));
    interval(SAMPLE_MS)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.sample());
    interval(INFO_REFRESH_MS)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.replicas().forEach((replica) => replica.refreshInfo()));
  }

  replica(id: string): TorrentReplica | undefined {
    return this.replicas().find((replica) => replica.id === id);
  }

  /** Reloads every client's list and card (the Refresh button; the stream keeps running). */
  refresh(): void {
    this.loadClients();
  }

  private loadClients(): void {
    this.api
      .clients()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (clients) => {
          this.instances.set(clients);
          this.clientsError.set(null);
          this.adopt(clients.filter((client) => client.active));
          this.known.set(true);
        },
        error: (error: unknown) => {
          this.clientsError.set(describeApiError(error));
          this.known.set(true);
        },
      });
  }

  /** Keeps the replicas of the instances still active, adds new ones and (re)loads each. */
  private adopt(active: readonly TorrentClientSummaryDto[]): void {
    const current = new Map(this.replicas().map((replica) => [replica.id, replica]));
    const next = active.map((client) => {
      const kept = current.get(client.id);
      if (kept && kept.kind === client.kind && kept.name === client.name) {
        current.delete(client.id);
        return kept;
      }
      return new TorrentReplica(client, this.api);
    });
    current.forEach((gone) => gone.stop());
    this.replicas.set(next);
    for (const replica of next) {
      replica.reload();
      replica.refreshInfo();
    }
  }

  private onEvent(message: TorrentStreamEvent): void {
    if (message.event === 'changes') {
      this.replica(message.data.client_id)?.onChanges(message.data);
      return;
    }
    const states = message.data.clients;
    const ids = new Set(states.map((client) => client.id));
    const known = this.replicas();
    if (known.length !== ids.size || known.some((replica) => !ids.has(replica.id))) {
      // An instance was added, removed or renamed in Settings: read the list of instances again.
      this.loadClients();
      return;
    }
    for (const state of states) {
      this.replica(state.id)?.onState(state);
    }
  }

  private sample(): void {
    const replicas = this.replicas();
    if (!replicas.some((replica) => replica.state() === 'ready')) {
      return;
    }
    const now = Date.now();
    let down = 0;
    let up = 0;
    for (const replica of replicas) {
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
