import { json, Simulator, text, type SimRequest, type SimResponse } from '../core';
import { hasBasicAuth, parseTorrentFile } from '../torrents';
import { ACTIONS } from './utorrent.actions';
import { cookie, TokenStore, tokenWellPlaced } from './utorrent.auth';
import { TorrentLister, UTORRENT_BUILD } from './utorrent.list';
import { multipartField } from './utorrent.multipart';
import { UtorrentState } from './utorrent.state';
import { announceTiers, trackerText } from './utorrent.trackers';

export const UTORRENT_USERNAME = 'admin';
export const UTORRENT_PASSWORD = 'utorrent';

export interface UtorrentSimulatorOptions {
  seed?: number;
  /** Number of generated torrents (default 40; 5,000 for benchmarks). */
  torrents?: number;
  username?: string;
  password?: string;
  /** Label pool for generated torrents ("" = no label). */
  labels?: string[];
  /** Windows-style download root shown in save paths and settings. */
  downloadDir?: string;
  /** Clock (epoch ms); tests pass a controllable one. */
  now?: () => number;
}

// uTorrent answers every malformed, unauthorised-token or unknown request with 400 and this body.
const invalid = (): SimResponse => text(400, 'invalid request');

/** uTorrent / BitTorrent WebUI (`/gui/`): Basic auth, token + GUID cookie, `list=1` and `action=`. */
export class UtorrentSimulator extends Simulator {
  readonly state: UtorrentState;
  readonly tokens: TokenStore;
  private readonly lister: TorrentLister;
  private readonly username: string;
  private readonly password: string;

  constructor(options: UtorrentSimulatorOptions = {}) {
    const seed = options.seed ?? 46206;
    super({
      name: 'utorrent',
      seed,
      notFound: invalid,
      errorResponse: (status) => text(status, 'invalid request'),
    });
    const now = options.now ?? Date.now;
    this.username = options.username ?? UTORRENT_USERNAME;
    this.password = options.password ?? UTORRENT_PASSWORD;
    this.state = new UtorrentState({
      seed,
      torrents: options.torrents ?? 40,
      labels: options.labels,
      downloadDir: options.downloadDir ?? 'D:\\Downloads',
      now,
    });
    this.tokens = new TokenStore(this.state.rng, now);
    this.lister = new TorrentLister(this.state);
    this.route('GET', '/gui/token.html', (req) => this.token(req));
    const key = (req: SimRequest) => {
      const action = req.query.get('action');
      if (action) return `action=${action}`;
      return req.query.get('list') === '1' ? 'list=1' : `${req.method} /gui/`;
    };
    this.route('GET', '/gui/', (req) => this.gui(req), { key });
    this.route('POST', '/gui/', (req) => this.gui(req), { key });
  }

  /** What a uTorrent restart does to the WebUI: every token and GUID cookie stops working. */
  restart(): void {
    this.tokens.clear();
  }

  private authorized(req: SimRequest): boolean {
    return !req.faults.badAuth && hasBasicAuth(req.headers, this.username, this.password);
  }

  private unauthorized(): SimResponse {
    return text(401, 'invalid request', { 'WWW-Authenticate': 'Basic realm="uTorrent"' });
  }

  private token(req: SimRequest): SimResponse {
    if (!this.authorized(req)) return this.unauthorized();
    const { token, guid } = this.tokens.issue(cookie(req.headers, 'GUID'));
    return {
      status: 200,
      headers: { 'Content-Type': 'text/html', 'Set-Cookie': `GUID=${guid}; path=/` },
      body: `<html><div id='token' style='display:none;'>${token}</div></html>`,
    };
  }

  private gui(req: SimRequest): SimResponse {
    if (!this.authorized(req)) return this.unauthorized();
    const { query } = req;
    if (!tokenWellPlaced(query) || !this.tokens.valid(query.get('token'), cookie(req.headers, 'GUID'))) {
      return invalid();
    }
    const action = query.get('action');
    const list = query.get('list') === '1';
    let extra: Record<string, unknown> | undefined;
    if (req.method === 'POST') {
      if (action !== 'add-file') return invalid();
      extra = this.addFile(req);
    } else if (action) {
      const run = ACTIONS[action];
      if (!run) return invalid();
      // Several hashes run in order; unknown ones are skipped.
      const torrents = query.getAll('hash').flatMap((h) => this.state.get(h) ?? []);
      extra = run(this.state, torrents, query, req.faults.emptyLists);
    } else if (!list) {
      return invalid();
    }
    if (!list) return json(200, { build: UTORRENT_BUILD, ...extra });
    const body = this.lister.list(query.get('cid'), req.faults.emptyLists);
    const members = extra ? `,${JSON.stringify(extra).slice(1, -1)}` : '';
    return { ...json(200, null), body: members ? `${body.slice(0, -1)}${members}}` : body };
  }

  private addFile(req: SimRequest): Record<string, unknown> | undefined {
    const file = multipartField(req.headers['content-type'], req.body, 'torrent_file');
    const meta = file && parseTorrentFile(file);
    if (!meta) return { error: "Can't add torrent: torrent is not valid bencoding!" };
    if (this.state.torrents.has(meta.hash)) return undefined;
    // Metainfo paths of a multi-file torrent are inside its folder; the state keeps the folder in front.
    const files = meta.multiFile
      ? meta.files.map((f) => ({ ...f, path: `${meta.name}/${f.path}` }))
      : meta.files;
    const t = this.state.added({ hash: meta.hash, name: meta.name, size: meta.size, files });
    t.props.trackers = trackerText(announceTiers(file, meta));
    const path = req.query.get('path');
    if (path) t.savePath = `${this.state.options.downloadDir}\\${path}\\${t.name}`;
    this.state.add(t);
    return undefined;
  }
}

export function createUtorrentSimulator(options: UtorrentSimulatorOptions = {}): UtorrentSimulator {
  return new UtorrentSimulator(options);
}
