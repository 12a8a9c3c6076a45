import { ConflictException, Logger, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { NamedCache } from '../upstream/named-cache';
import { SingleFlight } from '../upstream/single-flight';
import { UpstreamError } from '../upstream/upstream-error';
import type { HashOutcome, TorrentClient } from './torrent-client.interface';
import type { TorrentClientInstanceConfig } from './torrent-client-connections';
import { dataRefusalSentence, refusedRemoval } from './data-refusal';
import { checkDataRemoval, dataRefusals } from './data-removal-check';
import { sentenceOf } from './torrent.errors';
import { TorrentEventHub } from './torrent-events';
import { TorrentPoller, type Snapshot } from './torrent-poller';
import { NameIndex } from './torrent-name-order';
import { queryTorrents, torrentTotals, type TorrentTotals } from './torrent-query';
import type { AddFileOptions, BulkAction, RemoveOutcome, Torrent, TorrentAction } from './torrent.types';
import type {
  AddedTorrentDto,
  AddTorrentUrlDto,
  BandwidthDto,
  BulkResultDto,
  SetBandwidthDto,
  TorrentActionResultDto,
  TorrentClientStatusDto,
  TorrentDataCheckResultDto,
  TorrentDetailDto,
  TorrentHealthDto,
  TorrentLabelResultDto,
  TorrentListQueryDto,
  TorrentPageDto,
  TorrentRemoveResultDto,
  TorrentStatsDto,
} from './torrents.dto';

const WATCHED_POLL_MS = 2000;

/**
 * Everything the routes of one torrent client instance do, on top of its `TorrentClient`: reads come
 * from the poller's snapshot (never a fresh upstream call per browser), actions check the hash against
 * it, act, and refresh it so the change shows at once. The registry makes one per configured instance.
 */
export class TorrentClientService {
  protected readonly logger: Logger;
  readonly poller: TorrentPoller;
  readonly events: TorrentEventHub;
  /** Pages kept serialized: every browser asks for the same few between two polls. */
  private readonly names = new NameIndex();
  /** The last snapshot's torrents in name order. */
  private ordered?: { torrents: readonly Torrent[]; rows: Torrent[] };
  private readonly pages: NamedCache<string>;
  private readonly bodies: NamedCache<Buffer>;
  private readonly totals: NamedCache<TorrentTotals>;
  private readonly versions: NamedCache<string>;
  private readonly bandwidths: NamedCache<BandwidthDto>;
  /** Health asks the client every time, but concurrent checks share one call. */
  private readonly healthChecks = new SingleFlight<string>();

  constructor(
    readonly client: TorrentClient,
    /** The instance's configuration as it is now (the registry swaps it on a settings change). */
    readonly instance: () => TorrentClientInstanceConfig,
  ) {
    const id = instance().id;
    this.logger = new Logger(`TorrentClientService(${id})`);
    this.events = new TorrentEventHub((count) => this.poller.setWatchers(count));
    this.poller = new TorrentPoller(client, this.events, () => this.intervals());
    this.pages = new NamedCache(
      `${id}-torrent-pages`,
      60_000,
      64,
      'filtering and sorting 5,000 torrents takes milliseconds; browsers repeat the same few queries between polls (the key holds the snapshot revision)',
    );
    this.bodies = new NamedCache(
      `${id}-torrent-bodies`,
      60_000,
      64,
      'every polling browser gets the same encoded page until the next poll (the key holds the poll time)',
    );
    this.totals = new NamedCache(
      `${id}-torrent-totals`,
      60_000,
      4,
      'stats and status of one snapshot revision are computed once',
    );
    this.versions = new NamedCache(
      `${id}-version`,
      60_000,
      1,
      'the version changes only on upgrade, and every browser asks for the status',
    );
    this.bandwidths = new NamedCache(
      `${id}-bandwidth`,
      2000,
      1,
      'every browser polls the bandwidth; rates move only every poll anyway',
    );
  }

  get id(): string {
    return this.instance().id;
  }

  /** Ends the event streams and the poller (the instance was removed, or the panel stops). */
  async close(): Promise<void> {
    this.events.closeAll();
    await this.poller.stop();
  }

  /** Drops sessions and cached reads, e.g. after a settings change or a restart. */
  forget(): void {
    this.client.reset();
    this.poller.reset();
    this.versions.invalidate();
    this.bandwidths.invalidate();
  }

  async health(): Promise<TorrentHealthDto> {
    this.client.assertConfigured();
    const started = Date.now();
    const version = await this.healthChecks.run('health', async () => (await this.client.version()).version);
    return { status: 'ok', version, latency_ms: Date.now() - started };
  }

  /** Always 200: whether it is configured and connected, and why not, with the counts of the last poll. */
  async status(): Promise<TorrentClientStatusDto> {
    const base = { client: this.client.kind, version: null, total: null, counts: null, updated_at: null };
    try {
      this.client.assertConfigured();
    } catch (err) {
      return { ...base, configured: false, connected: false, error: sentenceOf(err) };
    }
    let snapshot: Snapshot;
    try {
      snapshot = await this.poller.read();
    } catch (err) {
      return { ...base, configured: true, connected: false, error: sentenceOf(err) };
    }
    const totals = await this.totalsOf(snapshot);
    let version: string | null = null;
    let error: string | null = null;
    try {
      version = await this.versions.get('version', async () => (await this.client.version()).version);
    } catch (err) {
      error = sentenceOf(err);
    }
    return {
      ...base,
      configured: true,
      connected: true,
      version,
      error,
      total: totals.total,
      counts: totals.by_state,
      updated_at: snapshot.updatedAt.toISOString(),
    };
  }

  /**
   * A TorrentPageDto, encoded. The page of one snapshot revision and query is serialized once and
   * shared by every browser asking for it; the body with the poll time once per poll and query.
   */
  async listBody(query: TorrentListQueryDto): Promise<Buffer> {
    const snapshot = await this.poller.read();
    const key = `${snapshot.revision}\n${JSON.stringify(query)}`;
    const polled = snapshot.updatedAt.toISOString();
    return this.bodies.get(`${polled}\n${key}`, async () => {
      const json = await this.pages.get(key, () =>
        Promise.resolve(
          JSON.stringify({
            ...queryTorrents(this.inNameOrder(snapshot), query),
            revision: snapshot.revision,
          }),
        ),
      );
      return Buffer.from(`{"updated_at":${JSON.stringify(polled)},${json.slice(1)}`);
    });
  }

  private inNameOrder(snapshot: Snapshot): readonly Torrent[] {
    if (this.ordered?.torrents !== snapshot.torrents) {
      const entries = this.names.update([{ id: this.id, rows: snapshot.torrents }]);
      const rows = entries.map((e) => snapshot.byHash.get(e.hash) as Torrent);
      this.ordered = { torrents: snapshot.torrents, rows };
    }
    return this.ordered.rows;
  }

  async list(query: TorrentListQueryDto): Promise<TorrentPageDto> {
    return JSON.parse((await this.listBody(query)).toString()) as TorrentPageDto;
  }

  async stats(): Promise<TorrentStatsDto> {
    const snapshot = await this.poller.read();
    const t = await this.totalsOf(snapshot);
    return {
      total: t.total,
      active: t.active,
      seeding: t.by_state.seeding,
      downloading: t.by_state.downloading,
      paused: t.by_state.paused,
      by_state: t.by_state,
      total_size: t.total_size,
      overall_ratio: t.overall_ratio,
      down_rate: t.down_rate,
      up_rate: t.up_rate,
      revision: snapshot.revision,
      updated_at: snapshot.updatedAt.toISOString(),
    };
  }

  bandwidth(): Promise<BandwidthDto> {
    this.client.assertConfigured();
    return this.bandwidths.get('bandwidth', () =>
      this.client.bandwidth(async () => (await this.poller.read()).torrents),
    );
  }

  async setBandwidth(dto: SetBandwidthDto): Promise<BandwidthDto> {
    this.client.assertConfigured();
    await this.client.setBandwidth(dto);
    this.bandwidths.invalidate();
    return this.bandwidth();
  }

  async act(action: TorrentAction, hash: string): Promise<TorrentActionResultDto> {
    const torrent = await this.find(hash);
    const [outcome] = await this.client.act(action, [torrent.hash]);
    this.assertOk(outcome);
    const after = await this.refreshed();
    return {
      hash: torrent.hash,
      name: torrent.name,
      action,
      state: after?.byHash.get(torrent.hash)?.state ?? null,
    };
  }

  async remove(hash: string, deleteData = false, force = false): Promise<TorrentRemoveResultDto> {
    const torrent = await this.find(hash);
    if (deleteData) {
      const refused = (await dataRefusals(this.client, [torrent.hash], force)).get(torrent.hash);
      if (refused) {
        throw new ConflictException(dataRefusalSentence(this.client.service, torrent.name, refused.refusal));
      }
    }
    const [outcome] = await this.client.remove([torrent.hash], deleteData);
    if (outcome && !outcome.ok && outcome.refusal) throw new ConflictException(outcome.error);
    this.assertOk(outcome);
    await this.refreshed();
    const { data, message } = outcome as HashOutcome<RemoveOutcome> & RemoveOutcome;
    return { hash: torrent.hash, name: torrent.name, data, message };
  }

  async bulk(
    action: BulkAction,
    hashes: string[],
    deleteData = false,
    force = false,
  ): Promise<BulkResultDto> {
    const wanted = hashes.map((h) => h.toUpperCase());
    let snapshot = await this.poller.read();
    if (wanted.some((h) => !snapshot.byHash.has(h))) snapshot = await this.poller.refresh();
    let known = wanted.filter((h) => snapshot.byHash.has(h));
    const outcomes = new Map<string, HashOutcome<Partial<RemoveOutcome>>>();
    if (action === 'remove' && deleteData && known.length) {
      // Torrents whose data must stay are left as they are; the others go ahead.
      for (const [hash, { name, refusal }] of await dataRefusals(this.client, known, force))
        outcomes.set(hash, refusedRemoval(this.client.service, hash, name, refusal));
      known = known.filter((h) => !outcomes.has(h));
    }
    if (known.length) {
      const done =
        action === 'remove'
          ? await this.client.remove(known, deleteData)
          : await this.client.act(action, known);
      for (const o of done) outcomes.set(o.hash, o);
      await this.refreshed();
    }
    const results = wanted.map((hash) => {
      const name = snapshot.byHash.get(hash)?.name ?? null;
      const o = outcomes.get(hash);
      if (!o)
        return { hash, name, ok: false, error: `${this.client.service} has no torrent with hash ${hash}.` };
      if (!o.ok) return { hash, name, ok: false, error: o.error };
      return { hash, name, ok: true, error: null, ...(o.data ? { data: o.data, message: o.message } : {}) };
    });
    const succeeded = results.filter((r) => r.ok).length;
    return {
      action,
      succeeded,
      failed: results.length - succeeded,
      results: results.map((r) => ({ ...r, error: r.error ?? null })),
    };
  }

  /** What removing with data would do to each torrent, read before the user is asked. */
  async checkData(hashes: string[]): Promise<TorrentDataCheckResultDto> {
    this.client.assertConfigured();
    return {
      items: await checkDataRemoval(
        this.client,
        hashes.map((h) => h.toUpperCase()),
      ),
    };
  }

  async addUrl(dto: AddTorrentUrlDto): Promise<AddedTorrentDto> {
    this.client.assertConfigured();
    const added = await this.client.addUrl(dto.url, { label: dto.label, start: dto.start });
    const after = await this.refreshed();
    return { ...added, state: after?.byHash.get(added.hash)?.state ?? null };
  }

  async addFile(file: Buffer, options: AddFileOptions): Promise<AddedTorrentDto> {
    this.client.assertConfigured();
    const added = await this.client.addFile(file, options);
    const after = await this.refreshed();
    return { ...added, state: after?.byHash.get(added.hash)?.state ?? null };
  }

  /** Files, peers, trackers and the error of one torrent, asked of the client now. */
  async detail(hash: string): Promise<TorrentDetailDto> {
    const torrent = await this.find(hash);
    return { ...(await this.client.detail(torrent.hash)), name: torrent.name };
  }

  async setLabel(hash: string, label: string): Promise<TorrentLabelResultDto> {
    const torrent = await this.find(hash);
    const [outcome] = await this.client.setLabel([torrent.hash], label);
    this.assertOk(outcome);
    await this.refreshed();
    return { hash: torrent.hash, name: torrent.name, label };
  }

  /** `GET …/events`: the current status at once, then changes as polls find them. */
  subscribe(req: Request, res: Response): void {
    this.events.attach(req, res, [{ event: 'status', data: this.poller.status() }]);
    // The first watcher may find no list yet; load it so the stream has something to report.
    this.poller.read().catch(() => undefined);
  }

  /** The torrent of a hash, from the snapshot, polling once more before answering 404. */
  async find(hash: string): Promise<Torrent> {
    const wanted = hash.toUpperCase();
    const found =
      (await this.poller.read()).byHash.get(wanted) ?? (await this.poller.refresh()).byHash.get(wanted);
    if (!found) throw new NotFoundException(`${this.client.service} has no torrent with hash ${wanted}.`);
    return found;
  }

  private assertOk(outcome: HashOutcome | undefined): void {
    if (!outcome)
      throw new UpstreamError(
        this.client.service,
        'invalid-response',
        `${this.client.service} gave no outcome.`,
      );
    if (outcome.ok) return;
    if (outcome.notFound) throw new NotFoundException(outcome.error);
    throw new UpstreamError(this.client.service, 'status', outcome.error);
  }

  /** After an action: a fresh snapshot, or undefined when the poll fails (the action itself succeeded). */
  private async refreshed(): Promise<Snapshot | undefined> {
    this.bandwidths.invalidate();
    try {
      return await this.poller.refresh();
    } catch (err) {
      this.logger.warn(`The list could not be refreshed after an action: ${sentenceOf(err)}`);
      return undefined;
    }
  }

  private totalsOf(snapshot: Snapshot): Promise<TorrentTotals> {
    return this.totals.get(String(snapshot.revision), () =>
      Promise.resolve(torrentTotals(snapshot.torrents)),
    );
  }

  private intervals(): { idleMs: number; watchedMs: number } {
    return { idleMs: this.instance().poll_seconds * 1000, watchedMs: WATCHED_POLL_MS };
  }
}
