import { Simulator, type SimRequest, type SimResponse } from '../core';
import { WebAuth, BANNED_MESSAGE, type WebSession } from './qbittorrent.auth';
import { readForm, type Form } from './qbittorrent.form';
import { plain as text, qbJson, TorrentRoutes } from './qbittorrent.routes';
import { QbittorrentState, roundLimit } from './qbittorrent.state';

export const QBITTORRENT_USERNAME = 'admin';
export const QBITTORRENT_PASSWORD = 'adminadmin';
export const QBITTORRENT_VERSION = 'v4.5.2';
export const QBITTORRENT_API_VERSION = '2.8.19';

export interface QbittorrentSimulatorOptions {
  seed?: number;
  /** Number of generated torrents (default 40; 5,000 for benchmarks). */
  torrents?: number;
  username?: string;
  password?: string;
  /** Category pool for generated torrents ("" = none). */
  labels?: string[];
  /** The default save path. */
  downloadDir?: string;
  /** Clock (epoch ms); tests pass a controllable one. */
  now?: () => number;
  /**
   * How long pause, resume, add and delete take to show in the lists (qBittorrent applies them
   * through libtorrent's alerts; the real one shows them up to ~1.5 s later). Default 1000 ms.
   */
  applyDelayMs?: number;
}

export type QbHandler = (form: Form, req: SimRequest, session: WebSession) => SimResponse;

/** The actions that answer 405 to anything but POST (4.5.2); the readers take GET or POST. */
const POST_ONLY = new Set([
  'auth/login',
  'auth/logout',
  'transfer/setDownloadLimit',
  'transfer/setUploadLimit',
  'transfer/toggleSpeedLimitsMode',
  'transfer/setSpeedLimitsMode',
  'torrents/add',
  'torrents/pause',
  'torrents/resume',
  'torrents/delete',
  'torrents/setCategory',
  'torrents/createCategory',
  'torrents/removeCategories',
  'torrents/setDownloadLimit',
  'torrents/setUploadLimit',
  'torrents/createTags',
  'torrents/deleteTags',
  'torrents/addTags',
  'torrents/removeTags',
]);

/** All simulated clients share one address: the simulator listens on loopback only. */
const CLIENT_ADDRESS = '127.0.0.1';

/**
 * qBittorrent's WebUI API (`/api/v2`, qbittorrent-nox 4.5.2, API 2.8.19): a form login that answers
 * 200 "Ok." or 200 "Fails." and sets the `SID` cookie, 403 without a session, 401 for a Host header
 * with another port or a foreign Origin/Referer, a ban after 5 failed logins, incremental
 * `sync/maindata`, and the torrents, transfer and category actions with qBittorrent's answers.
 */
export class QbittorrentSimulator extends Simulator {
  readonly state: QbittorrentState;
  readonly auth: WebAuth;
  private readonly torrentRoutes: TorrentRoutes;
  private readonly username: string;
  private readonly password: string;

  constructor(options: QbittorrentSimulatorOptions = {}) {
    const seed = options.seed ?? 4520;
    super({
      name: 'qbittorrent',
      seed,
      errorResponse: (status) => text(status, status === 500 ? 'Internal Server Error' : 'Error'),
      notFound: () => text(404, 'Not Found'),
    });
    const now = options.now ?? Date.now;
    this.username = options.username ?? QBITTORRENT_USERNAME;
    this.password = options.password ?? QBITTORRENT_PASSWORD;
    this.state = new QbittorrentState({
      seed,
      torrents: options.torrents ?? 40,
      labels: options.labels,
      downloadDir: options.downloadDir ?? '/downloads',
      now,
    });
    this.auth = new WebAuth(this.state.rng, now);
    this.torrentRoutes = new TorrentRoutes(this.state, options.applyDelayMs ?? 1000);
    const actions: Record<string, QbHandler> = {
      'auth/logout': (_f, _r, session) => {
        this.auth.logout(session);
        return text(200, '');
      },
      'app/version': () => text(200, QBITTORRENT_VERSION),
      'app/webapiVersion': () => text(200, QBITTORRENT_API_VERSION),
      'app/preferences': () => qbJson(this.preferences()),
      'transfer/info': () => qbJson(this.torrentRoutes.transferInfo()),
      'transfer/downloadLimit': () => text(200, String(this.currentLimits().dl)),
      'transfer/uploadLimit': () => text(200, String(this.currentLimits().up)),
      'transfer/setDownloadLimit': (f) => this.setGlobalLimit(f, 'dl'),
      'transfer/setUploadLimit': (f) => this.setGlobalLimit(f, 'up'),
      'transfer/speedLimitsMode': () => text(200, this.state.limits.alt ? '1' : '0'),
      'transfer/toggleSpeedLimitsMode': () => {
        this.state.limits.alt = !this.state.limits.alt;
        return text(200, '');
      },
      ...this.torrentRoutes.handlers(),
    };
    const key = (req: SimRequest) => req.path.replace(/^\/api\/v2\//, '');
    this.route('POST', '/api/v2/auth/login', (req) => this.login(req), { key });
    this.route(
      'GET',
      '/api/v2/auth/login',
      (req) => this.guarded(req, () => text(405, 'Method Not Allowed')),
      {
        key,
      },
    );
    for (const [action, handler] of Object.entries(actions)) {
      for (const method of ['GET', 'POST']) {
        this.route(method, `/api/v2/${action}`, (req) => this.call(req, action, handler), { key });
      }
    }
  }

  override async start(port = 0, host = '127.0.0.1'): Promise<string> {
    const url = await super.start(port, host);
    this.auth.port = Number(new URL(url).port);
    return url;
  }

  /** What a qBittorrent restart does to the WebUI: every session (and every ban) is forgotten. */
  restart(): void {
    this.auth.clear();
  }

  private guarded(req: SimRequest, then: () => SimResponse): SimResponse {
    if (!this.auth.allowed(req.headers)) return text(401, 'Unauthorized');
    return then();
  }

  private login(req: SimRequest): SimResponse {
    return this.guarded(req, () => {
      if (this.auth.isBanned(CLIENT_ADDRESS)) return text(403, BANNED_MESSAGE);
      const form = readForm(req);
      const ok =
        !req.faults.badAuth &&
        form.fields.get('username') === this.username &&
        form.fields.get('password') === this.password;
      if (!ok) {
        this.auth.failedLogin(CLIENT_ADDRESS);
        return text(200, 'Fails.');
      }
      const session = this.auth.login(CLIENT_ADDRESS);
      const answer = text(200, 'Ok.');
      return {
        ...answer,
        headers: { ...answer.headers, 'Set-Cookie': `SID=${session.sid}; HttpOnly; path=/; SameSite=Strict` },
      };
    });
  }

  private call(req: SimRequest, action: string, handler: QbHandler): SimResponse {
    return this.guarded(req, () => {
      const session = req.faults.badAuth ? undefined : this.auth.session(req.headers);
      if (!session) return text(403, 'Forbidden');
      if (POST_ONLY.has(action) && req.method !== 'POST') return text(405, 'Method Not Allowed');
      this.torrentRoutes.flush();
      return handler(readForm(req), req, session);
    });
  }

  private currentLimits(): { dl: number; up: number } {
    const l = this.state.limits;
    return l.alt ? { dl: l.altDl, up: l.altUp } : { dl: l.dl, up: l.up };
  }

  private setGlobalLimit(form: Form, which: 'dl' | 'up'): SimResponse {
    const raw = form.fields.get('limit');
    if (raw === undefined || !/^-?\d+$/.test(raw.trim())) return text(400, 'Bad Request');
    const value = roundLimit(Number(raw));
    const l = this.state.limits;
    // The setters change the limits in force: the alternative ones while those are on.
    if (l.alt) l[which === 'dl' ? 'altDl' : 'altUp'] = value;
    else l[which] = value;
    return text(200, '');
  }

  private preferences(): Record<string, unknown> {
    const l = this.state.limits;
    return {
      alt_dl_limit: l.altDl,
      alt_up_limit: l.altUp,
      bittorrent_protocol: 1,
      current_network_interface: 'lo',
      dht: false,
      dl_limit: l.dl,
      lsd: false,
      pex: false,
      queueing_enabled: false,
      save_path: this.state.options.downloadDir,
      up_limit: l.up,
      upnp: false,
      web_ui_upnp: false,
    };
  }
}

export function createQbittorrentSimulator(options: QbittorrentSimulatorOptions = {}): QbittorrentSimulator {
  return new QbittorrentSimulator(options);
}
