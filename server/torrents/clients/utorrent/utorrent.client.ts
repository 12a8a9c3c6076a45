import { ConflictException, Logger } from '@nestjs/common';
import { magnetHash, pollFor } from '../../magnet';
import {
  DEFAULT_ADD_CONFIRM_TIMING,
  type AddConfirmTiming,
  type HashOutcome,
  type TorrentClient,
  type TorrentClientConnection,
} from '../../torrent-client.interface';
import { readTorrentFile } from '../../torrent-file';
import {
  credentialsRefused,
  notConfigured,
  unknownHashOutcome,
  unknownTorrent,
  withCredentialHint,
} from '../../torrent.errors';
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
import { SingleFlight } from '../../../upstream/single-flight';
import { mapAnswer, unexpectedAnswer } from '../../../upstream/unexpected-answer';
import { UpstreamError } from '../../../upstream/upstream-error';
import type { UpstreamHttp } from '../../../upstream/upstream-http.service';
import {
  addFileRefusal,
  guidFromSetCookie,
  kibLimit,
  tokenFromHtml,
  utorrentDownloadUrl,
  utorrentListReply,
  utorrentSavePath,
  utorrentSettings,
  utorrentStatus,
  utorrentTorrent,
  UtStatus,
} from './utorrent.mapper';
import { utorrentError, utorrentFiles, utorrentPeers, utorrentTrackers } from './utorrent.detail';
import { multipartFile } from '../../torrent-multipart';

/** A token lasts 30 minutes off the keep-alive connection that fetched it; renew before that. */
const TOKEN_MAX_AGE_MS = 25 * 60_000;
/** Hashes per action call: uTorrent takes many `hash=` but URLs have practical length limits. */
const HASHES_PER_CALL = 50;
const ACTION_NAMES: Record<TorrentAction, string> = {
  start: 'start',
  stop: 'stop',
  pause: 'pause',
  resume: 'unpause',
};

type Query = Array<[string, string]>;
/** A POST body (add-file's multipart form). */
interface Upload {
  body: Buffer;
  contentType: string;
}
interface Session {
  token: string;
  guid?: string;
  at: number;
}
interface Row {
  raw: unknown[];
  torrent: Torrent;
}

/**
 * uTorrent / BitTorrent WebUI (`{url}/gui/`): Basic auth on every call, a CSRF token from token.html bound
 * to its GUID cookie (renewed once on 400/401, then the call is retried once), and `list=1` with `cid=`
 * so each poll carries only what changed, applied here to the last full list.
 */
export class UtorrentClient implements TorrentClient {
  readonly kind = 'utorrent' as const;
  private readonly logger = new Logger(UtorrentClient.name);
  private session?: Session;
  private identity = '';
  private cid = '';
  private rows = new Map<string, Row>();
  /** Concurrent calls share one token fetch and one list call (the poller and add-url both list). */
  private readonly listing = new SingleFlight<Torrent[]>();
  private readonly login = new SingleFlight<Session>();

  constructor(
    private readonly http: UpstreamHttp,
    private readonly settings: () => TorrentClientConnection,
    private readonly timing: AddConfirmTiming = DEFAULT_ADD_CONFIRM_TIMING,
  ) {}

  get service(): string {
    return this.settings().service;
  }

  assertConfigured(): void {
    this.connection();
  }

  reset(): void {
    this.session = undefined;
    this.cid = '';
    this.rows = new Map();
  }

  async list(): Promise<Torrent[]> {
    return this.listing.run('list', () => this.fetchList());
  }

  async version(): Promise<ClientVersion> {
    const body = await this.call([['action', 'getsettings']]);
    const build = (body as { build?: unknown } | null)?.build;
    if (typeof build !== 'number') throw unexpectedAnswer(this.service, 'no "build" in the answer');
    return { version: `build ${build}` };
  }

  async bandwidth(latest: () => Promise<readonly Torrent[]>): Promise<Bandwidth> {
    const [body, torrents] = await Promise.all([this.call([['action', 'getsettings']]), latest()]);
    const values = mapAnswer(this.service, () => utorrentSettings(body));
    // uTorrent has no global-rate call; its own WebUI sums the torrents' rates for the status bar.
    let down = 0;
    let up = 0;
    for (const t of torrents) {
      down += t.down_rate;
      up += t.up_rate;
    }
    return {
      down_rate: down,
      up_rate: up,
      down_limit: kibLimit(values.get('max_dl_rate')),
      up_limit: kibLimit(values.get('max_ul_rate')),
    };
  }

  async setBandwidth(limits: BandwidthLimits): Promise<void> {
    const query: Query = [['action', 'setsetting']];
    const kib = (bytes: number | null) => (bytes ? String(Math.max(1, Math.round(bytes / 1024))) : '0');
    if (limits.down_limit !== undefined) query.push(['s', 'max_dl_rate'], ['v', kib(limits.down_limit)]);
    if (limits.up_limit !== undefined) query.push(['s', 'max_ul_rate'], ['v', kib(limits.up_limit)]);
    if (query.length > 1) await this.call(query, false);
  }

  async act(action: TorrentAction, hashes: readonly string[]): Promise<HashOutcome[]> {
    await this.forEachChunk(ACTION_NAMES[action], hashes);
    // uTorrent skips unknown hashes without a word; the service checks them against the list first.
    return hashes.map((hash) => ({ hash, ok: true }));
  }

  async remove(hashes: readonly string[], deleteData: boolean): Promise<HashOutcome<RemoveOutcome>[]> {
    await this.forEachChunk(deleteData ? 'removedata' : 'remove', hashes);
    const message = deleteData
      ? 'uTorrent removed the torrent and deleted its data.'
      : 'uTorrent removed the torrent; its data stays on disk.';
    return hashes.map((hash) => ({ hash, ok: true, data: deleteData ? 'deleted' : 'kept', message }));
  }

  /**
   * uTorrent deletes its own data (removedata), so only the paths matter: list column 26, the save path.
   * A magnet still fetching its metadata has no name and no data; its save path is the download folder
   * itself, which would seem to hold every other torrent's data.
   */
  async dataLocations(): Promise<DataLocation[]> {
    await this.list();
    return [...this.rows.values()].map(({ raw, torrent }) => ({
      hash: torrent.hash,
      name: torrent.name,
      path: torrent.name ? utorrentSavePath(raw) : '',
      refusal: null,
    }));
  }

  async addUrl(url: string, options: AddUrlOptions): Promise<AddedTorrent> {
    const hash = magnetHash(url);
    await this.call(
      [
        ['action', 'add-url'],
        ['s', url],
      ],
      false,
    );
    // add-url answers {"build"} whatever happens; the torrent shows up in the list once fetched.
    const found = await pollFor(
      async () => {
        await this.list();
        for (const row of this.rows.values()) {
          if (hash ? row.torrent.hash === hash : utorrentDownloadUrl(row.raw) === url) return row.torrent;
        }
        return undefined;
      },
      this.timing.addConfirmMs,
      this.timing.addPollMs,
    );
    if (!found) {
      throw new UpstreamError(
        this.service,
        'invalid-response',
        `uTorrent accepted the URL but no torrent from it appeared within ${this.timing.addConfirmMs / 1000} s; ` +
          'it could not fetch the URL or rejected the torrent (see uTorrent’s log).',
      );
    }
    return this.finishAdd(found, options);
  }

  /**
   * add-file: a multipart POST of the bytes in `torrent_file`. uTorrent answers `{"build"}` for a
   * torrent it already has and adds nothing, so a duplicate is told from the list before the upload; a
   * file it cannot read comes back as `{"error": "Can't add torrent: …"}`.
   */
  async addFile(torrent: Buffer, options: AddFileOptions): Promise<AddedTorrent> {
    const { hash, name } = readTorrentFile(torrent);
    await this.list();
    const existing = this.rows.get(hash);
    if (existing) {
      throw new ConflictException(
        `${this.service} already has this torrent ("${existing.torrent.name || name}", ${hash}); nothing was added.`,
      );
    }
    const answer = await this.call(
      [['action', 'add-file']],
      false,
      multipartFile('torrent_file', `${name || hash}.torrent`, torrent),
    );
    const refusal = mapAnswer(this.service, () => addFileRefusal(answer));
    if (refusal)
      throw new UpstreamError(
        this.service,
        'invalid-response',
        `${this.service} refused the file: ${refusal}`,
      );
    const found = await pollFor(
      async () => {
        await this.list();
        return this.rows.get(hash)?.torrent;
      },
      this.timing.addConfirmMs,
      this.timing.addPollMs,
    );
    if (!found) {
      throw new UpstreamError(
        this.service,
        'invalid-response',
        `${this.service} accepted the file but the torrent did not appear within ${this.timing.addConfirmMs / 1000} s; ` +
          'see uTorrent’s log.',
      );
    }
    return this.finishAdd(found, options);
  }

  /**
   * getfiles, getpeers and getprops of one torrent (the WebUI's Files, Peers and Trackers tabs); the
   * save path and the error come from its list row. uTorrent answers an empty array for a hash it does
   * not know, so a torrent removed since the list is a 404.
   */
  async detail(hash: string): Promise<TorrentDetail> {
    const id = hash.toUpperCase();
    const missing = () => unknownTorrent(this.service, id);
    await this.list();
    const row = this.rows.get(id);
    if (!row) throw missing();
    const ask = (action: string) =>
      this.call([
        ['action', action],
        ['hash', id],
      ]);
    const [filesBody, peersBody, propsBody] = await Promise.all([
      ask('getfiles'),
      ask('getpeers'),
      ask('getprops'),
    ]);
    const { bits, message } = utorrentStatus(row.raw);
    const files = mapAnswer(this.service, () => utorrentFiles(filesBody, row.torrent.name));
    const peers = mapAnswer(this.service, () => utorrentPeers(peersBody));
    const trackers = mapAnswer(this.service, () =>
      utorrentTrackers(propsBody, (bits & UtStatus.STARTED) !== 0),
    );
    if (!files || !peers || !trackers) throw missing();
    return {
      hash: id,
      save_path: row.torrent.name ? utorrentSavePath(row.raw) : '',
      error: utorrentError((bits & UtStatus.ERROR) !== 0, message),
      files,
      peers,
      trackers,
    };
  }

  /**
   * setprops with `hash=H&s=label&v=L` once per torrent in one call (each s/v pair applies to the hash
   * before it). uTorrent skips unknown hashes without a word, so they are told from the list first.
   */
  async setLabel(hashes: readonly string[], label: string): Promise<HashOutcome[]> {
    await this.list();
    const known = hashes.filter((h) => this.rows.has(h.toUpperCase()));
    for (let i = 0; i < known.length; i += HASHES_PER_CALL) {
      const query: Query = [['action', 'setprops']];
      for (const hash of known.slice(i, i + HASHES_PER_CALL))
        query.push(['hash', hash.toUpperCase()], ['s', 'label'], ['v', label]);
      await this.call(query, false);
    }
    return hashes.map((hash) =>
      this.rows.has(hash.toUpperCase()) ? { hash, ok: true } : unknownHashOutcome(this.service, hash),
    );
  }

  /** The label and start=false of an add, once the torrent is in the list. */
  private async finishAdd(found: Torrent, options: AddUrlOptions): Promise<AddedTorrent> {
    if (options.label)
      await this.call(
        [
          ['action', 'setprops'],
          ['hash', found.hash],
          ['s', 'label'],
          ['v', options.label],
        ],
        false,
      );
    if (options.start === false)
      await this.call(
        [
          ['action', 'stop'],
          ['hash', found.hash],
        ],
        false,
      );
    return { hash: found.hash, name: found.name };
  }

  private async fetchList(): Promise<Torrent[]> {
    const query: Query = [['list', '1']];
    if (this.cid) query.push(['cid', this.cid]);
    const sentCid = this.cid;
    const body = await this.call(query);
    const reply = mapAnswer(this.service, () => utorrentListReply(body));
    const rows = reply.kind === 'full' || !sentCid ? new Map<string, Row>() : this.rows;
    mapAnswer(this.service, () => {
      if (reply.kind === 'full') {
        for (const raw of reply.rows)
          rows.set(String(raw[0]).toUpperCase(), { raw, torrent: utorrentTorrent(raw) });
      } else {
        // Only changed rows are mapped again; the others keep their torrent objects.
        for (const raw of reply.changed) {
          const torrent = utorrentTorrent(raw);
          rows.set(torrent.hash, { raw, torrent });
        }
        for (const hash of reply.removed) rows.delete(hash);
      }
    });
    this.rows = rows;
    this.cid = reply.cid;
    return [...rows.values()].map((r) => r.torrent);
  }

  private async forEachChunk(action: string, hashes: readonly string[]): Promise<void> {
    for (let i = 0; i < hashes.length; i += HASHES_PER_CALL) {
      const query: Query = [['action', action]];
      for (const hash of hashes.slice(i, i + HASHES_PER_CALL)) query.push(['hash', hash]);
      await this.call(query, false);
    }
  }

  private connection(): { baseUrl: string; username: string; password: string } {
    const c = this.settings();
    if (!c.url.trim() || !c.username) throw notConfigured(c.service, c.setupHint);
    // The WebUI lives under /gui/; accept the URL with or without it.
    const baseUrl = c.url
      .trim()
      .replace(/\/+$/, '')
      .replace(/\/gui$/i, '');
    const identity = `${baseUrl}\n${c.username}\n${c.password}`;
    if (identity !== this.identity) {
      this.identity = identity;
      this.reset();
    }
    return { baseUrl, username: c.username, password: c.password };
  }

  /**
   * One WebUI call with the token first in the query (uTorrent ignores a token after `hash=`). A 400
   * (bad or expired token, lost cookie) or 401 gets one new token and one retry.
   */
  private async call(query: Query, retry = true, upload?: Upload): Promise<unknown> {
    try {
      return await this.send(query, await this.currentSession(), retry, upload);
    } catch (err) {
      if (!(err instanceof UpstreamError) || ![400, 401].includes(err.upstreamStatus ?? 0)) throw err;
      this.logger.debug(
        `uTorrent answered ${err.upstreamStatus}; fetching a new WebUI token and retrying once.`,
      );
      this.session = undefined;
      try {
        return await this.send(query, await this.currentSession(), retry, upload);
      } catch (again) {
        if (again instanceof UpstreamError && again.upstreamStatus === 400) {
          throw new UpstreamError(
            this.service,
            'unauthorized',
            'uTorrent refused the call even with a new WebUI token (HTTP 400 "invalid request"); check that the ' +
              'account is not the Guest account and that the WebUI is enabled.',
            400,
          );
        }
        throw withCredentialHint(again, this.settings());
      }
    }
  }

  private async send(query: Query, session: Session, retry: boolean, upload?: Upload): Promise<unknown> {
    const { baseUrl, username, password } = this.connection();
    const rest = query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    const res = await this.http.request<unknown>({
      service: this.service,
      baseUrl,
      // The token is URL-safe and must come first.
      path: `gui/?token=${session.token}&${rest}`,
      auth: { username, password },
      headers: {
        ...(session.guid ? { Cookie: `GUID=${session.guid}` } : {}),
        ...(upload ? { 'Content-Type': upload.contentType } : {}),
      },
      ...(upload ? { method: 'POST' as const, body: upload.body } : {}),
      expect: 'json',
      retry,
    });
    return res.data;
  }

  private async currentSession(): Promise<Session> {
    if (this.session && Date.now() - this.session.at < TOKEN_MAX_AGE_MS) return this.session;
    const session = await this.login.run('token', () => this.fetchToken());
    this.session = session;
    return session;
  }

  private async fetchToken(): Promise<Session> {
    const { baseUrl, username, password } = this.connection();
    let res;
    try {
      res = await this.http.request<string>({
        service: this.service,
        baseUrl,
        path: 'gui/token.html',
        auth: { username, password },
        expect: 'text',
      });
    } catch (err) {
      if (err instanceof UpstreamError && err.upstreamStatus === 401)
        throw credentialsRefused(this.settings(), 401);
      throw withCredentialHint(err, this.settings());
    }
    const token = tokenFromHtml(res.data);
    if (!token) {
      throw unexpectedAnswer(
        this.service,
        'token.html holds no token; is the URL the WebUI’s, e.g. http://host:8080/gui/?',
      );
    }
    return { token, guid: guidFromSetCookie(res.headers['set-cookie']), at: Date.now() };
  }
}
