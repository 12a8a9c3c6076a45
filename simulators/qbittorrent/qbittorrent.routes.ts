import type { SimRequest, SimResponse } from '../core';
import { hashOfUrl, nameFromUrl, parseMagnet, parseTorrentFile } from '../torrents';
import { hashList, type Form } from './qbittorrent.form';
import { filesOf, infoRow, peersOf, propertiesOf, trackersOf } from './qbittorrent.rows';
import type { QbHandler } from './qbittorrent.simulator';
import { roundLimit, type QbittorrentState, type QbTorrent } from './qbittorrent.state';
import type { MaindataSnapshot } from './qbittorrent.sync';

/** qBittorrent's own headers: `text/plain; charset=UTF-8` and `application/json` without a charset. */
export const plain = (status: number, body: string): SimResponse => ({
  status,
  headers: { 'Content-Type': 'text/plain; charset=UTF-8' },
  body,
});
export const qbJson = (body: unknown): SimResponse => ({
  status: 200,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});
const badRequest = () => plain(400, 'Bad Request');
const notFound = () => plain(404, 'Not Found');

const FILTERS: Record<string, (state: string) => boolean> = {
  all: () => true,
  downloading: (s) => /DL$|^downloading$/.test(s) && s !== 'pausedDL',
  seeding: (s) => /UP$|^uploading$/.test(s) && s !== 'pausedUP',
  completed: (s) => /UP$|^uploading$/.test(s),
  paused: (s) => s.startsWith('paused'),
  resumed: (s) => !s.startsWith('paused'),
  active: () => true,
  inactive: () => true,
  stalled: (s) => s.startsWith('stalled'),
  errored: (s) => s === 'error' || s === 'missingFiles',
};

/**
 * The torrents, sync and transfer actions. Pause, resume, add and delete are accepted at once and
 * applied `applyDelayMs` later, as the real daemon shows them only once libtorrent reports them.
 */
export class TorrentRoutes {
  private pending: { at: number; run: () => void }[] = [];
  /** Added torrents not shown yet: a second add of one is already a duplicate. */
  private readonly arriving = new Map<string, QbTorrent>();

  constructor(
    private readonly state: QbittorrentState,
    private readonly applyDelayMs: number,
  ) {}

  /** Applies every change whose time has come, in the order they were made. */
  flush(): void {
    const now = this.state.now();
    const due = this.pending.filter((p) => p.at <= now);
    this.pending = this.pending.filter((p) => p.at > now);
    for (const p of due) p.run();
  }

  private later(run: () => void): void {
    if (this.applyDelayMs <= 0) run();
    else this.pending.push({ at: this.state.now() + this.applyDelayMs, run });
  }

  handlers(): Record<string, QbHandler> {
    return {
      'torrents/info': (f, req) => this.info(f, req),
      'torrents/properties': (f) =>
        this.withTorrent(f, (t) => qbJson(propertiesOf(this.state, t, this.now()))),
      'torrents/trackers': (f) => this.withTorrent(f, (t) => qbJson(trackersOf(t, this.now()))),
      'torrents/files': (f) => this.withTorrent(f, (t) => qbJson(filesOf(t, this.now()))),
      'sync/torrentPeers': (f) =>
        this.withTorrent(f, (t) =>
          qbJson({ full_update: true, peers: peersOf(t), rid: 1, show_flags: true }),
        ),
      'sync/maindata': (f, req, session) =>
        qbJson(session.maindata.answer(Number(f.fields.get('rid') ?? 0) || 0, this.snapshot(req))),
      'torrents/add': (f) => this.add(f),
      'torrents/pause': (f) => this.each(f, (t) => this.later(() => this.state.setPaused(t, true))),
      'torrents/resume': (f) => this.each(f, (t) => this.later(() => this.state.setPaused(t, false))),
      'torrents/delete': (f) => this.remove(f),
      'torrents/setCategory': (f) => this.setCategory(f),
      'torrents/createCategory': (f) => this.createCategory(f),
      'torrents/removeCategories': (f) => {
        for (const name of (f.fields.get('categories') ?? '').split('\n')) {
          if (!this.state.categories.delete(name)) continue;
          for (const t of this.state.torrents.values()) if (t.category === name) t.category = '';
        }
        return plain(200, '');
      },
      'torrents/categories': () => qbJson(Object.fromEntries(this.state.categories)),
      'torrents/setDownloadLimit': (f) => this.setLimit(f, 'dlLimit'),
      'torrents/setUploadLimit': (f) => this.setLimit(f, 'upLimit'),
      'torrents/downloadLimit': (f) => this.limits(f, 'dlLimit'),
      'torrents/uploadLimit': (f) => this.limits(f, 'upLimit'),
      'torrents/tags': () => qbJson([...this.state.tags]),
      'torrents/createTags': (f) => {
        for (const tag of this.tagList(f)) this.state.tags.add(tag);
        return plain(200, '');
      },
      'torrents/deleteTags': (f) => {
        for (const tag of this.tagList(f)) {
          this.state.tags.delete(tag);
          for (const t of this.state.torrents.values()) t.tags = t.tags.filter((x) => x !== tag);
        }
        return plain(200, '');
      },
    };
  }

  transferInfo(): Record<string, unknown> {
    let down = 0;
    let up = 0;
    const now = this.now();
    for (const t of this.state.torrents.values()) {
      const row = infoRow(this.state, t, now);
      down += Number(row.dlspeed);
      up += Number(row.upspeed);
    }
    const l = this.state.limits;
    return {
      connection_status: 'firewalled',
      dht_nodes: 0,
      dl_info_data: 0,
      dl_info_speed: down,
      dl_rate_limit: l.alt ? l.altDl : l.dl,
      up_info_data: 0,
      up_info_speed: up,
      up_rate_limit: l.alt ? l.altUp : l.up,
    };
  }

  private now(): number {
    return this.state.now();
  }

  private visible(req: SimRequest): QbTorrent[] {
    return req.faults.emptyLists ? [] : [...this.state.torrents.values()];
  }

  private info(f: Form, req: SimRequest): SimResponse {
    const now = this.now();
    const hashes = f.fields.has('hashes') ? hashList(f.fields.get('hashes')) : 'all';
    const filter = FILTERS[f.fields.get('filter') ?? 'all'] ?? FILTERS.all;
    const category = f.fields.get('category');
    const tag = f.fields.get('tag');
    const rows = this.visible(req)
      .filter((t) => hashes === 'all' || hashes.includes(t.hash))
      .filter((t) => category === undefined || t.category === category)
      .filter((t) => tag === undefined || t.tags.includes(tag))
      .map((t) => infoRow(this.state, t, now))
      .filter((row) => filter(String(row.state)));
    return qbJson(rows);
  }

  private snapshot(req: SimRequest): MaindataSnapshot {
    const now = this.now();
    const torrents: MaindataSnapshot['torrents'] = {};
    const trackers: MaindataSnapshot['trackers'] = {};
    for (const t of this.visible(req)) {
      const { hash, ...row } = infoRow(this.state, t, now);
      torrents[String(hash)] = row;
      for (const tr of t.trackers) (trackers[tr.url] ??= []).push(t.hash);
    }
    const info = this.transferInfo();
    return {
      torrents,
      categories: Object.fromEntries(this.state.categories),
      tags: [...this.state.tags],
      trackers,
      // The full set of 4.5.2's server_state fields; the disk-cache ones are strings there, and the
      // global ratio is "-" until something was downloaded.
      server_state: {
        ...info,
        alltime_dl: 0,
        alltime_ul: 0,
        average_time_queue: 0,
        free_space_on_disk: 82_192_932_864,
        global_ratio: '-',
        queued_io_jobs: 0,
        queueing: false,
        read_cache_hits: '0',
        read_cache_overload: '0',
        refresh_interval: 1500,
        total_buffers_size: 0,
        total_peer_connections: [...this.state.torrents.values()].reduce(
          (sum, t) => sum + (t.paused ? 0 : t.peers.length),
          0,
        ),
        total_queued_size: 0,
        total_wasted_session: 0,
        use_alt_speed_limits: this.state.limits.alt,
        write_cache_overload: '0',
      },
    };
  }

  private withTorrent(f: Form, answer: (t: QbTorrent) => SimResponse): SimResponse {
    const hash = f.fields.get('hash');
    if (!hash) return badRequest();
    const t = this.state.get(hash);
    return t ? answer(t) : notFound();
  }

  /** A `hashes=` action: unknown hashes are skipped without a word, as qBittorrent does. */
  private each(f: Form, run: (t: QbTorrent) => void): SimResponse {
    const raw = f.fields.get('hashes');
    if (raw === undefined) return badRequest();
    const hashes = hashList(raw);
    const torrents =
      hashes === 'all' ? [...this.state.torrents.values()] : hashes.flatMap((h) => this.state.get(h) ?? []);
    for (const t of torrents) run(t);
    return plain(200, '');
  }

  private remove(f: Form): SimResponse {
    const deleteFiles = f.fields.get('deleteFiles');
    if (deleteFiles === undefined) return badRequest();
    return this.each(f, (t) =>
      this.later(() => {
        if (!this.state.torrents.delete(t.hash)) return;
        if (deleteFiles === 'true') this.state.deletedData.push(t.hash);
      }),
    );
  }

  private setCategory(f: Form): SimResponse {
    const category = f.fields.get('category');
    if (category === undefined || !f.fields.has('hashes')) return badRequest();
    if (category !== '' && !this.state.categories.has(category)) return plain(409, 'Incorrect category name');
    return this.each(f, (t) => {
      t.category = category;
    });
  }

  private createCategory(f: Form): SimResponse {
    const category = f.fields.get('category') ?? '';
    if (!category) return plain(400, 'Category cannot be empty');
    if (this.state.categories.has(category) || /(^|\/)\/|\/$|\\/.test(category))
      return plain(409, 'Unable to create category');
    this.state.ensureCategory(category);
    return plain(200, '');
  }

  private setLimit(f: Form, field: 'dlLimit' | 'upLimit'): SimResponse {
    const raw = f.fields.get('limit');
    if (raw === undefined || !/^-?\d+$/.test(raw.trim())) return badRequest();
    return this.each(f, (t) => {
      t[field] = roundLimit(Number(raw));
    });
  }

  private limits(f: Form, field: 'dlLimit' | 'upLimit'): SimResponse {
    const out: Record<string, number> = {};
    const hashes = hashList(f.fields.get('hashes'));
    const torrents =
      hashes === 'all' ? [...this.state.torrents.values()] : hashes.flatMap((h) => this.state.get(h) ?? []);
    for (const t of torrents) out[t.hash] = t[field];
    return qbJson(out);
  }

  private tagList(f: Form): string[] {
    return (f.fields.get('tags') ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
  }

  private known(hash: string): boolean {
    return this.state.torrents.has(hash) || this.arriving.has(hash);
  }

  /**
   * `torrents/add`: .torrent parts named `torrents` and/or `urls` (one per line). A file that is not a
   * torrent answers 415 at once; otherwise "Ok." when at least one was added, 200 "Fails." when none
   * was (every one a duplicate or unreadable). An unknown category is created.
   */
  private add(f: Form): SimResponse {
    const category = f.fields.get('category') ?? '';
    const paused = f.fields.get('paused') === 'true';
    const savePath = f.fields.get('savepath') || undefined;
    const tags = (f.fields.get('tags') ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const common = { category, paused, savePath, tags };
    const metas = [];
    for (const file of f.files.filter((x) => x.name === 'torrents')) {
      const meta = parseTorrentFile(file.data);
      if (!meta) return plain(415, `Error: '${file.filename}' is not a valid torrent file.`);
      metas.push(meta);
    }
    let added = 0;
    for (const meta of metas) {
      const hash = meta.hash.toLowerCase();
      if (this.known(hash)) continue;
      added++;
      this.arrive(
        this.state.added({
          ...common,
          hash,
          name: meta.name,
          files: meta.files,
          multiFile: meta.multiFile,
          pieceSize: meta.pieceLength,
          announce: meta.announce ? [meta.announce] : [],
          hasMetadata: true,
          // The simulator has no disk: a torrent added by file is taken to find its data.
          complete: true,
        }),
      );
    }
    for (const url of (f.fields.get('urls') ?? '').split('\n').map((u) => u.trim())) {
      if (!url) continue;
      const magnet = parseMagnet(url);
      if (magnet) {
        const hash = magnet.hash.toLowerCase();
        if (this.known(hash)) continue;
        added++;
        this.arrive(
          this.state.added({
            ...common,
            hash,
            name: magnet.name ?? hash,
            files: [],
            multiFile: false,
            announce: new URLSearchParams(url.slice(url.indexOf('?') + 1)).getAll('tr'),
            hasMetadata: false,
            magnetUri: url,
          }),
        );
      } else if (/^https?:\/\//i.test(url)) {
        added++;
        // A download that fails (a host under .invalid) is dropped later without a word, as qBittorrent does.
        if (/^https?:\/\/[^/]*\.invalid(?::\d+)?\//i.test(url)) continue;
        const hash = hashOfUrl(url).toLowerCase();
        if (this.known(hash)) continue;
        const name = nameFromUrl(url);
        this.arrive(
          this.state.added({
            ...common,
            hash,
            name,
            files: [{ path: name, size: 64 * 2 ** 20 }],
            multiFile: false,
            announce: [`http://tracker.example.test/announce`],
            hasMetadata: true,
          }),
        );
      }
    }
    return plain(200, added ? 'Ok.' : 'Fails.');
  }

  private arrive(t: QbTorrent): void {
    if (t.category) this.state.ensureCategory(t.category);
    for (const tag of t.tags) this.state.tags.add(tag);
    this.arriving.set(t.hash, t);
    this.later(() => {
      this.arriving.delete(t.hash);
      // The transfer starts when the torrent shows, not when the add was asked.
      t.transfer.since = this.now();
      t.addedOn = Math.floor(this.now() / 1000);
      if (t.announceAt) t.announceAt = this.now() + 1000;
      this.state.torrents.set(t.hash, t);
    });
  }
}
