import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Request, Response } from 'express';
import { NamedCache } from '../upstream/named-cache';
import type { MergedClientStateDto, MergedTorrentDto, TorrentClientSummaryDto } from './merged-torrents.dto';
import type {
  MergedClientRatesDto,
  MergedTorrentListQueryDto,
  MergedTorrentStatsDto,
} from './merged-torrents.dto';
import { seedAliasOf, SEED_CLIENT_KINDS } from './torrent-client-connections';
import { TorrentClientRegistry } from './torrent-client.registry';
import type { TorrentClientService } from './torrent-client.service';
import { sentenceOf } from './torrent.errors';
import { TorrentEventHub, type StreamEvent } from './torrent-events';
import { NameIndex } from './torrent-name-order';
import { queryTorrents, torrentTotals, type TorrentTotals } from './torrent-query';
import type { Torrent } from './torrent.types';

interface Gathered {
  /** Which revision of which client, and whether stale: the rows change only when this does. */
  key: string;
  /** Every client's rows, in name order. */
  rows: MergedTorrentDto[];
}

/** One client's rows of the merged list, rebuilt only when its list, staleness or name changes. */
interface ClientRows {
  torrents: readonly Torrent[];
  stale: boolean;
  name: string;
  rows: MergedTorrentDto[];
  byHash: Map<string, MergedTorrentDto>;
}

interface Subscription {
  service: TorrentClientService;
  stop: () => void;
}

/**
 * One list across every active torrent client. Each client keeps its own poller (one list call per
 * refresh whatever the number of viewers); this reads their snapshots, keeps the rows of a client that
 * went down (marked stale, with the reason) instead of dropping them, and serves pages serialized once
 * per set of revisions and query. Its event stream carries each client's changes, tagged with the client.
 */
@Injectable()
export class MergedTorrentsService implements OnModuleDestroy {
  private readonly hub = new TorrentEventHub((count) => this.watch(count > 0));
  private readonly subscriptions = new Map<string, Subscription>();
  private gathered?: Gathered;
  private readonly clientRows = new Map<string, ClientRows>();
  private readonly names = new NameIndex();
  private readonly pages = new NamedCache<string>(
    'merged-torrent-pages',
    60_000,
    64,
    'browsers repeat the same few queries of the merged list between polls (the key holds every revision)',
  );
  private readonly bodies = new NamedCache<Buffer>(
    'merged-torrent-bodies',
    60_000,
    64,
    'the same few pages, with the clients as of the last poll, are sent to every polling browser',
  );
  /** The clients' states as of their pollers' generations. */
  private states_?: { key: string; states: MergedClientStateDto[] };
  private readonly totals = new NamedCache<TorrentTotals>(
    'merged-torrent-totals',
    60_000,
    4,
    'the totals of one set of revisions are computed once',
  );
  private readonly stopListening: () => void;

  constructor(private readonly registry: TorrentClientRegistry) {
    this.stopListening = registry.onChange(() => {
      if (this.hub.count > 0) this.watch(true);
      this.hub.broadcast({ event: 'clients', data: { clients: this.states() } });
    });
  }

  onModuleDestroy(): void {
    this.stopListening();
    this.watch(false);
    this.hub.closeAll();
  }

  /** Every instance, configured or not, with whether the seed's routes speak for it. */
  clients(): TorrentClientSummaryDto[] {
    const configs = this.registry.all().map((s) => s.instance());
    const aliases = new Set(SEED_CLIENT_KINDS.map((kind) => seedAliasOf(configs, kind).id));
    return configs.map((c) => ({
      id: c.id,
      name: c.service,
      kind: c.kind,
      seed: c.seed,
      active: c.active,
      seed_alias: aliases.has(c.id),
      container: c.container?.trim() || null,
    }));
  }

  /**
   * A MergedTorrentPageDto, encoded: the page is serialized once per set of revisions and query, and
   * the whole body once per poll and query, so a browser polling it costs a lookup.
   */
  async listBody(query: MergedTorrentListQueryDto): Promise<Buffer> {
    const { key, rows } = await this.gather();
    const [clientsKey, clients] = this.clientStates();
    const queryKey = JSON.stringify(query);
    return this.bodies.get(`${key}\n${clientsKey}\n${queryKey}`, async () => {
      const { client, ...rest } = query;
      const json = await this.pages.get(`${key}\n${queryKey}`, () =>
        Promise.resolve(
          JSON.stringify(queryTorrents(client ? rows.filter((r) => r.client_id === client) : rows, rest)),
        ),
      );
      return Buffer.from(`{"clients":${JSON.stringify(clients)},${json.slice(1)}`);
    });
  }

  async stats(): Promise<MergedTorrentStatsDto> {
    const { key, rows } = await this.gather();
    const [, clients] = this.clientStates();
    const t = await this.totals.get(key, () => Promise.resolve(torrentTotals(rows)));
    return {
      total: t.total,
      active: t.active,
      by_state: t.by_state,
      total_size: t.total_size,
      overall_ratio: t.overall_ratio,
      down_rate: t.down_rate,
      up_rate: t.up_rate,
      clients,
      client_rates: clients.map(({ id }) => this.ratesOf(id)),
    };
  }

  private ratesOf(id: string): MergedClientRatesDto {
    const own = this.clientRows.get(id);
    let down = 0;
    let up = 0;
    if (own && !own.stale)
      for (const t of own.torrents) {
        down += t.down_rate;
        up += t.up_rate;
      }
    return { id, down_rate: down, up_rate: up };
  }

  /** `GET /api/torrents/events`: every client's state at once, then each client's changes. */
  subscribe(req: Request, res: Response): void {
    this.hub.attach(req, res, [{ event: 'clients', data: { clients: this.states() } }]);
    // Clients nobody asked for yet have no list: load them so the stream has something to report.
    this.gather().catch(() => undefined);
  }

  private async gather(): Promise<Gathered> {
    const reads = await Promise.all(
      this.registry.active().map(async (service) => {
        try {
          return { service, snapshot: await service.poller.read(), error: null };
        } catch (err) {
          return { service, snapshot: service.poller.lastSnapshot(), error: sentenceOf(err) };
        }
      }),
    );
    const key = reads
      .map(
        ({ service, snapshot, error }) =>
          `${service.id}:${snapshot?.revision ?? '-'}:${error ? 'stale' : 'ok'}`,
      )
      .join(',');
    if (this.gathered?.key === key) return this.gathered;
    for (const { service, snapshot, error } of reads) {
      const name = service.instance().service;
      const stale = error !== null;
      const cached = this.clientRows.get(service.id);
      const torrents = snapshot?.torrents ?? [];
      if (!cached || cached.torrents !== torrents || cached.stale !== stale || cached.name !== name) {
        const own = torrents.map((t) => merged(t, service.id, name, stale));
        const byHash = new Map(own.map((row) => [row.hash, row]));
        this.clientRows.set(service.id, { torrents, stale, name, rows: own, byHash });
      }
    }
    for (const id of this.clientRows.keys()) {
      if (!reads.some((read) => read.service.id === id)) this.clientRows.delete(id);
    }
    const entries = this.names.update([...this.clientRows].map(([id, own]) => ({ id, rows: own.rows })));
    const rows = entries.map((e) => this.clientRows.get(e.part)?.byHash.get(e.hash) as MergedTorrentDto);
    this.gathered = { key, rows };
    return this.gathered;
  }

  /** The states and what they were computed from; recomputed only after a poll or a settings change. */
  private clientStates(): [string, MergedClientStateDto[]] {
    const key = this.registry
      .active()
      .map((s) => `${s.id}:${s.client.kind}:${s.poller.generation}:${s.instance().service}`)
      .join('\n');
    if (this.states_?.key !== key) this.states_ = { key, states: this.states() };
    return [key, this.states_.states];
  }

  private states(): MergedClientStateDto[] {
    return this.registry.active().map((service) => {
      const status = service.poller.status();
      const last = service.poller.lastSnapshot();
      return {
        id: service.id,
        name: service.instance().service,
        kind: service.client.kind,
        connected: status.connected,
        error: status.error,
        stale: !status.connected && status.error !== null && last !== undefined,
        revision: status.revision,
        total: last?.torrents.length ?? 0,
        updated_at: last?.updatedAt.toISOString() ?? null,
      };
    });
  }

  /** Listens to every active client's stream while someone watches the merged one. */
  private watch(on: boolean): void {
    const wanted = on ? this.registry.active() : [];
    for (const [id, sub] of this.subscriptions) {
      if (!wanted.includes(sub.service)) {
        sub.stop();
        this.subscriptions.delete(id);
      }
    }
    for (const service of wanted) {
      if (this.subscriptions.get(service.id)?.service === service) continue;
      this.subscriptions.get(service.id)?.stop();
      const stop = service.events.listen((e) => this.forward(service, e));
      this.subscriptions.set(service.id, { service, stop });
    }
  }

  private forward(service: TorrentClientService, e: StreamEvent): void {
    if (e.event === 'status') {
      this.hub.broadcast({ event: 'clients', data: { clients: this.states() } });
    } else if (e.event === 'changes') {
      const changes = e.data as { revision: number; added: Torrent[]; changed: unknown[]; removed: string[] };
      const name = service.instance().service;
      this.hub.broadcast({
        event: 'changes',
        data: {
          client_id: service.id,
          revision: changes.revision,
          added: changes.added.map((t) => merged(t, service.id, name, false)),
          changed: changes.changed,
          removed: changes.removed,
        },
      });
    }
  }
}

/**
 * A merged row, written out field by field: rows built by spreading a torrent each got a hidden class
 * of their own in V8 (15,000 rows, 6 MB of shapes, and every filter and sort over them megamorphic).
 */
function merged(t: Torrent, clientId: string, clientName: string, stale: boolean): MergedTorrentDto {
  return {
    hash: t.hash,
    name: t.name,
    size: t.size,
    progress: t.progress,
    state: t.state,
    down_rate: t.down_rate,
    up_rate: t.up_rate,
    ratio: t.ratio,
    label: t.label,
    eta: t.eta,
    added: t.added,
    tracker: t.tracker,
    client: t.client,
    client_id: clientId,
    client_name: clientName,
    stale,
  } satisfies Required<MergedTorrentDto>;
}
