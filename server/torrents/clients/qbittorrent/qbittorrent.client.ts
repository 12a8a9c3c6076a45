import { ConflictException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SingleFlight } from '../../../upstream/single-flight';
import { mapAnswer, unexpectedAnswer } from '../../../upstream/unexpected-answer';
import { UpstreamError } from '../../../upstream/upstream-error';
import type { UpstreamHttp } from '../../../upstream/upstream-http.service';
import { magnetHash, pollFor } from '../../magnet';
import { multipartFile } from '../../torrent-multipart';
import { unknownHashOutcome, unknownTorrent } from '../../torrent.errors';
import {
  DEFAULT_ADD_CONFIRM_TIMING,
  type AddConfirmTiming,
  type HashOutcome,
  type TorrentClient,
  type TorrentClientConnection,
} from '../../torrent-client.interface';
import type {
  AddedTorrent,
  AddFileOptions,
  AddUrlOptions,
  Bandwidth,
  BandwidthLimits,
  ClientVersion,
  DataLocation,
  RemoveOutcome,
  Torrent,
  TorrentAction,
  TorrentDetail,
} from '../../torrent.types';
import {
  applyMaindata,
  emptyMaindata,
  qbContentPath,
  qbDetail,
  qbTorrent,
  qbTransfer,
  torrentFileInfo,
  trackerByHash,
  type MaindataCache,
  type QbRow,
} from './qbittorrent.mapper';
import { QbittorrentWebUi, type WebUiCall } from './qbittorrent.webui';

/** qBittorrent 4.5 has only pause and resume: start is resume, stop is pause (as its own WebUI's buttons). */
const ACTION_PATHS: Record<TorrentAction, string> = {
  start: 'torrents/resume',
  resume: 'torrents/resume',
  stop: 'torrents/pause',
  pause: 'torrents/pause',
};
/** Hashes per form post; qBittorrent takes any number, "|"-separated. */
const HASHES_PER_CALL = 500;

/**
 * qBittorrent's WebUI API (`{url}/api/v2`, qbittorrent-nox 4.5.2, API 2.8.19) through QbittorrentWebUi
 * (SID cookie, Referer/Origin, no login retries). The list is `sync/maindata?rid=`: the first answer
 * is complete, later ones carry only what changed and are applied here to the last list.
 */
export class QbittorrentClient implements TorrentClient {
  readonly kind = 'qbittorrent' as const;
  private readonly webui: QbittorrentWebUi;
  private maindata: MaindataCache = emptyMaindata();
  /** The WebUI session the cache's rid belongs to. */
  private maindataSession = -1;
  private torrents = new Map<string, Torrent>();
  /** Concurrent list() calls (the poller, add confirmation, batch checks) share one sync call. */
  private readonly listing = new SingleFlight<Torrent[]>();

  constructor(
    http: UpstreamHttp,
    private readonly connection: () => TorrentClientConnection,
    private readonly timing: AddConfirmTiming = DEFAULT_ADD_CONFIRM_TIMING,
  ) {
    this.webui = new QbittorrentWebUi(http, connection);
  }

  get service(): string {
    return this.connection().service;
  }

  assertConfigured(): void {
    this.webui.target();
  }

  reset(): void {
    this.webui.reset();
    this.maindata = emptyMaindata();
    this.torrents = new Map();
  }

  list(): Promise<Torrent[]> {
    return this.listing.run('list', () => this.sync());
  }

  async version(): Promise<ClientVersion> {
    const [app, api] = await Promise.all([
      this.call<string>({ path: 'app/version', expect: 'text' }),
      this.call<string>({ path: 'app/webapiVersion', expect: 'text' }),
    ]);
    const version = app.trim();
    if (!/^v?\d+\.\d+/.test(version))
      throw unexpectedAnswer(this.service, 'app/version is not a version number');
    return { version: `${version} (WebUI API ${api.trim()})` };
  }

  /** Rates and the limits in force (the alternative ones while those are on), bytes/s with 0 = unlimited. */
  async bandwidth(): Promise<Bandwidth> {
    const body = await this.call<unknown>({ path: 'transfer/info' });
    return mapAnswer(this.service, () => qbTransfer(body));
  }

  /** qBittorrent keeps limits in whole KiB/s: it floors any value to a multiple of 1024 (at least 1024). */
  async setBandwidth(limits: BandwidthLimits): Promise<void> {
    const bytes = (v: number | null) => String(v && v > 0 ? Math.round(v) : 0);
    if (limits.down_limit !== undefined)
      await this.call({
        path: 'transfer/setDownloadLimit',
        form: { limit: bytes(limits.down_limit) },
        expect: 'none',
      });
    if (limits.up_limit !== undefined)
      await this.call({
        path: 'transfer/setUploadLimit',
        form: { limit: bytes(limits.up_limit) },
        expect: 'none',
      });
  }

  /** qBittorrent skips unknown hashes without a word, so they are checked against the list first. */
  async act(action: TorrentAction, hashes: readonly string[]): Promise<HashOutcome[]> {
    const known = await this.known(hashes);
    await this.eachChunk(ACTION_PATHS[action], known, {});
    return hashes.map((hash) =>
      known.includes(hash) ? { hash, ok: true } : unknownHashOutcome(this.service, hash),
    );
  }

  /** qBittorrent deletes the data itself (`deleteFiles=true`), so nothing is refused beforehand. */
  async remove(hashes: readonly string[], deleteData: boolean): Promise<HashOutcome<RemoveOutcome>[]> {
    const known = await this.known(hashes);
    await this.eachChunk('torrents/delete', known, { deleteFiles: String(deleteData) });
    const message = deleteData
      ? `${this.service} removed the torrent and deleted its data.`
      : `${this.service} removed the torrent; its data stays on disk.`;
    return hashes.map((hash) =>
      known.includes(hash)
        ? { hash, ok: true, data: deleteData ? 'deleted' : 'kept', message }
        : unknownHashOutcome(this.service, hash),
    );
  }

  async dataLocations(): Promise<DataLocation[]> {
    const torrents = await this.list();
    return torrents.map((t) => ({
      hash: t.hash,
      name: t.name,
      path: qbContentPath(this.maindata.rows.get(t.hash.toLowerCase()) ?? {}),
      refusal: null,
    }));
  }

  /**
   * `torrents/add` with `urls=`. A magnet is found again by its hash; an http(s) URL, whose hash is
   * not known before qBittorrent fetches it, by a one-off tag the add sets (deleted afterwards).
   */
  async addUrl(url: string, options: AddUrlOptions): Promise<AddedTorrent> {
    const hash = magnetHash(url);
    if (hash) await this.refuseDuplicate(hash, 'magnet link');
    const tag = hash ? undefined : `seedbox-panel-add-${randomUUID()}`;
    const answer = await this.add({ urls: url, ...(tag ? { tags: tag } : {}) }, options);
    try {
      if (answer === 'Fails.') {
        if (hash) await this.refuseDuplicate(hash, 'magnet link');
        throw new UpstreamError(
          this.service,
          'invalid-response',
          `${this.service} refused the URL ("Fails."): it is neither an http(s) URL nor a magnet link it can read.`,
        );
      }
      return await this.confirm(
        (t) => (hash ? t.hash === hash : this.tagsOf(t).includes(tag as string)),
        `${this.service} accepted the URL but no torrent from it appeared within ${this.timing.addConfirmMs / 1000} s; it could not fetch the URL or rejected the torrent (see its log).`,
      );
    } finally {
      if (tag)
        await this.call({ path: 'torrents/deleteTags', form: { tags: tag }, expect: 'none' }).catch(
          () => undefined,
        );
    }
  }

  /** `torrents/add` with the file as a multipart part; "Fails." is a duplicate, 415 a file it refuses. */
  async addFile(torrent: Buffer, options: AddFileOptions): Promise<AddedTorrent> {
    const meta = torrentFileInfo(torrent);
    if (!meta) throw unexpectedAnswer(this.service, 'the file is not a torrent the panel can read');
    await this.refuseDuplicate(meta.hash, 'torrent');
    const answer = await this.add({}, options, { name: meta.name || meta.hash, bytes: torrent });
    if (answer === 'Fails.') {
      await this.refuseDuplicate(meta.hash, 'torrent');
      throw new ConflictException(`${this.service} already has the torrent "${meta.name}" (${meta.hash}).`);
    }
    return this.confirm(
      (t) => t.hash === meta.hash,
      `${this.service} accepted the torrent "${meta.name}" but it did not appear within ${this.timing.addConfirmMs / 1000} s (see its log).`,
    );
  }

  /**
   * `torrents/info` says whether the torrent exists; the four per-torrent reads answer an unknown hash
   * with 404 and a plain-text "Not Found", so they are read as text and parsed only when they are 200
   * (a torrent removed between the calls is a 404 as well).
   */
  async detail(hash: string): Promise<TorrentDetail> {
    const h = hash.toLowerCase();
    const missing = () => unknownTorrent(this.service, hash);
    const info = await this.call<unknown>({ path: 'torrents/info', query: { hashes: h } });
    const row = Array.isArray(info) ? (info[0] as QbRow | undefined) : undefined;
    if (!row) throw missing();
    const paths = ['torrents/properties', 'torrents/files', 'torrents/trackers', 'sync/torrentPeers'];
    const answers = await Promise.all(
      paths.map((path) =>
        this.raw<string>({
          path,
          query: path.startsWith('sync/') ? { hash: h, rid: 0 } : { hash: h },
          expect: 'text',
          acceptStatus: [404],
        }),
      ),
    );
    if (answers.some((r) => r.status === 404)) throw missing();
    const [properties, files, trackers, peers] = answers.map((r, i) => this.json(r.data, paths[i]));
    return mapAnswer(this.service, () =>
      qbDetail(hash, typeof row.state === 'string' ? row.state : '', properties, files, trackers, peers),
    );
  }

  /**
   * The label is qBittorrent's category. setCategory answers 409 for a category that does not exist, so
   * it is created first (createCategory answers 409 when it already exists, which is fine).
   */
  async setLabel(hashes: readonly string[], label: string): Promise<HashOutcome[]> {
    const known = await this.known(hashes);
    if (label && known.length) {
      await this.call({
        path: 'torrents/createCategory',
        form: { category: label },
        expect: 'none',
        acceptStatus: [409],
      });
    }
    for (let i = 0; i < known.length; i += HASHES_PER_CALL) {
      const res = await this.raw({
        path: 'torrents/setCategory',
        form: { hashes: this.joined(known.slice(i, i + HASHES_PER_CALL)), category: label },
        expect: 'text',
        acceptStatus: [409],
      });
      if (res.status === 409) {
        const error = `${this.service} refused the category "${label}" (HTTP 409: ${String(res.data).trim() || 'incorrect category name'}).`;
        return hashes.map((hash) =>
          known.includes(hash)
            ? { hash, ok: false, error, notFound: false }
            : unknownHashOutcome(this.service, hash),
        );
      }
    }
    return hashes.map((hash) =>
      known.includes(hash) ? { hash, ok: true } : unknownHashOutcome(this.service, hash),
    );
  }

  private async sync(): Promise<Torrent[]> {
    if (this.maindataSession !== this.webui.generation) this.maindata = emptyMaindata();
    const body = await this.call<unknown>({ path: 'sync/maindata', query: { rid: this.maindata.rid } });
    const session = this.webui.generation;
    return mapAnswer(this.service, () => {
      const { cache, changed, full } = applyMaindata(this.maindata, body);
      const trackers = trackerByHash(cache.trackers);
      const torrents = full ? new Map<string, Torrent>() : new Map(this.torrents);
      for (const hash of torrents.keys()) if (!cache.rows.has(hash.toLowerCase())) torrents.delete(hash);
      // Only changed rows are mapped again; the others keep their torrent objects.
      for (const hash of changed) {
        const row = cache.rows.get(hash);
        if (row) torrents.set(hash.toUpperCase(), qbTorrent(hash, row, trackers.get(hash)));
      }
      // A tracker that appears later changes no row: fill in the host where the row had none.
      for (const [hash, t] of torrents) {
        if (!t.tracker && trackers.has(hash.toLowerCase())) {
          torrents.set(
            hash,
            qbTorrent(hash, cache.rows.get(hash.toLowerCase()) ?? {}, trackers.get(hash.toLowerCase())),
          );
        }
      }
      this.maindata = cache;
      this.maindataSession = session;
      this.torrents = torrents;
      return [...torrents.values()];
    });
  }

  private tagsOf(t: Torrent): string[] {
    const tags = this.maindata.rows.get(t.hash.toLowerCase())?.tags;
    return typeof tags === 'string' ? tags.split(',').map((x) => x.trim()) : [];
  }

  private async refuseDuplicate(hash: string, what: string): Promise<void> {
    const existing = (await this.list()).find((t) => t.hash === hash);
    if (existing)
      throw new ConflictException(`${this.service} already has this ${what}: "${existing.name}" (${hash}).`);
  }

  private async add(
    fields: Record<string, string>,
    options: AddUrlOptions,
    file?: { name: string; bytes: Buffer },
  ): Promise<string> {
    const all: Record<string, string> = { ...fields };
    // An unknown category given to torrents/add is created by qBittorrent itself.
    if (options.label) all.category = options.label;
    if (options.start === false) all.paused = 'true';
    const call: WebUiCall = { path: 'torrents/add', expect: 'text', acceptStatus: [415] };
    if (file) call.multipart = multipartFile('torrents', `${file.name}.torrent`, file.bytes, undefined, all);
    else call.form = all;
    const res = await this.raw<string>(call);
    if (res.status === 415) {
      // 4.5.2: "Error: 'NAME.torrent' is not a valid torrent file."
      const reason = String(res.data)
        .trim()
        .replace(/^Error:\s*/, '')
        .replace(/\.$/, '');
      throw new UpstreamError(
        this.service,
        'invalid-response',
        `${this.service} refused the file: ${reason || 'it is not a valid torrent file'}.`,
        415,
      );
    }
    const answer = String(res.data).trim();
    if (answer !== 'Ok.' && answer !== 'Fails.')
      throw unexpectedAnswer(this.service, 'torrents/add answered neither "Ok." nor "Fails."');
    return answer;
  }

  /** Waits for the added torrent: qBittorrent shows it (and any change) up to ~1.5 s after the call. */
  private async confirm(match: (t: Torrent) => boolean, failure: string): Promise<AddedTorrent> {
    const found = await pollFor(
      async () => (await this.list()).find(match),
      this.timing.addConfirmMs,
      this.timing.addPollMs,
    );
    if (!found) throw new UpstreamError(this.service, 'invalid-response', failure);
    return { hash: found.hash, name: found.name };
  }

  private async known(hashes: readonly string[]): Promise<string[]> {
    const listed = new Set((await this.list()).map((t) => t.hash));
    return hashes.filter((h) => listed.has(h.toUpperCase()));
  }

  private joined(hashes: readonly string[]): string {
    return hashes.map((h) => h.toLowerCase()).join('|');
  }

  private async eachChunk(
    path: string,
    hashes: readonly string[],
    extra: Record<string, string>,
  ): Promise<void> {
    for (let i = 0; i < hashes.length; i += HASHES_PER_CALL) {
      await this.call({
        path,
        form: { hashes: this.joined(hashes.slice(i, i + HASHES_PER_CALL)), ...extra },
        expect: 'none',
      });
    }
  }

  private async call<T>(call: WebUiCall): Promise<T> {
    return (await this.webui.call<T>(call)).data;
  }

  /** JSON read from a text answer: the 502 sentence when it is not JSON. */
  private json(text: string, what: string): unknown {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw unexpectedAnswer(this.service, `${what} is not JSON`);
    }
  }

  private raw<T>(call: WebUiCall): Promise<{ status: number; data: T }> {
    return this.webui.call<T>(call);
  }
}
