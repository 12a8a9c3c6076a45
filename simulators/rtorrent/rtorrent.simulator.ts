import { Simulator, type SimRequest, type SimResponse } from '../core';
import { hasBasicAuth } from '../torrents';
import type { Ctx } from './rtorrent.commands';
import { callThrough, httprpcForm, RUTORRENT_THROTTLE_MAX } from './rtorrent.httprpc';
import { nginxPage } from './rtorrent.nginx';
import { dispatch } from './rtorrent.rpc';
import { RtorrentState } from './rtorrent.state';
import { faultXml, parseCall, responseXml, RpcFault } from './xmlrpc';

export const RTORRENT_USERNAME = 'rtorrent';
export const RTORRENT_PASSWORD = 'rtorrent';

export interface RtorrentSimulatorOptions {
  seed?: number;
  /** Number of generated torrents (default 40; 5,000 for benchmarks). */
  torrents?: number;
  username?: string;
  password?: string;
  /** Where the web server mounts the SCGI socket (ruTorrent's `$XMLRPCMountPoint`); null for no mount. */
  rpcPath?: string | null;
  /**
   * Where ruTorrent's httprpc plugin answers, e.g. `/rutorrent/plugins/httprpc/action.php`; ruTorrent's
   * page is then served at its folder (`/rutorrent/`), and loading it runs the throttle plugin.
   */
  httprpcPath?: string;
  /** How long ruTorrent takes to delete the files of a `removewithdata` (its erasedata timer). */
  eraseDelayMs?: number;
  downloadDir?: string;
  labels?: string[];
  hostname?: string;
  /** Basic-auth realm of the fronting web server. */
  realm?: string;
  /** Clock (epoch ms); tests pass a controllable one. */
  now?: () => number;
}

const METHOD_NAME = /<methodName>\s*([^<]*?)\s*<\/methodName>/;

/** rTorrent 0.9.8 XML-RPC behind nginx with Basic auth, as ruTorrent seedboxes expose it. */
export class RtorrentSimulator extends Simulator {
  readonly state: RtorrentState;
  private readonly inner = new Map<string, number>();
  private readonly username: string;
  private readonly password: string;
  private readonly realm: string;

  constructor(options: RtorrentSimulatorOptions = {}) {
    const seed = options.seed ?? 98;
    super({
      name: 'rtorrent',
      seed,
      notFound: () => nginxPage(404),
      errorResponse: (status) => nginxPage(status),
    });
    this.username = options.username ?? RTORRENT_USERNAME;
    this.password = options.password ?? RTORRENT_PASSWORD;
    this.realm = options.realm ?? 'rtorrent';
    this.state = new RtorrentState({
      seed,
      torrents: options.torrents ?? 40,
      labels: options.labels,
      downloadDir: options.downloadDir ?? '/home/rtorrent/downloads',
      hostname: options.hostname ?? 'seedbox',
      now: options.now ?? Date.now,
    });
    this.eraseDelayMs = options.eraseDelayMs ?? 500;
    const rpcPath = options.rpcPath === undefined ? '/RPC2' : options.rpcPath;
    const key = (req: SimRequest) =>
      METHOD_NAME.exec(req.body.toString('utf8', 0, 4096))?.[1] || 'unparsable';
    if (rpcPath !== null) {
      this.route('POST', rpcPath, (req) => this.rpc(req), { key });
      // nginx hands a GET to the SCGI backend, which drops it: 502 (verified).
      this.route('GET', rpcPath, (req) => this.guard(req) ?? nginxPage(502));
    }
    if (options.httprpcPath) {
      const httprpc = options.httprpcPath;
      const formKey = (req: SimRequest) =>
        isForm(req)
          ? `httprpc:${new URLSearchParams(req.body.toString('utf8')).get('mode') ?? ''}`
          : key(req);
      this.route('POST', httprpc, (req) => this.httprpc(req), { key: formKey });
      const page = httprpc.replace(/plugins\/httprpc\/action\.php$/, '');
      this.route('GET', page, (req) => this.rutorrentPage(req));
    }
  }

  private readonly eraseDelayMs: number;

  /** ruTorrent's page: loading it runs the throttle plugin, which writes its "unlimited" into rTorrent. */
  private rutorrentPage(req: SimRequest): SimResponse {
    const refused = this.guard(req, false);
    if (refused) return refused;
    this.openRutorrentPage();
    return {
      status: 200,
      headers: { 'Content-Type': 'text/html' },
      body: '<!DOCTYPE html><title>ruTorrent</title>',
    };
  }

  /** What ruTorrent's throttle plugin does when its page loads: "unlimited" (0) becomes its maximum. */
  openRutorrentPage(): void {
    if (this.state.throttle.downMax === 0) this.state.throttle.downMax = RUTORRENT_THROTTLE_MAX;
    if (this.state.throttle.upMax === 0) this.state.throttle.upMax = RUTORRENT_THROTTLE_MAX;
  }

  /** ruTorrent's httprpc plugin: forms in JSON, other bodies passed to rTorrent as raw XML-RPC. */
  private async httprpc(req: SimRequest): Promise<SimResponse> {
    const refused = this.guard(req, false);
    if (refused) return refused;
    // PHP cannot reach rTorrent's SCGI socket: the plugin answers `false` (verified).
    if (!this.state.running)
      return { status: 200, headers: { 'Content-Type': 'application/json' }, body: 'false' };
    if (!isForm(req)) return this.xmlRpc(req);
    return httprpcForm(this.context(), new URLSearchParams(req.body.toString('utf8')), {
      call: callThrough,
      deleteDataLater: (hash) => {
        setTimeout(() => this.state.deletedData.push(hash), this.eraseDelayMs).unref();
      },
    });
  }

  /** What a supervisor does after system.shutdown.*: rtorrent answers again (with a new pid). */
  restartDaemon(): void {
    this.state.running = true;
    this.state.pid = this.state.rng.int(1000, 60000);
  }

  /** Counts include each member of a system.multicall under its own method name. */
  override counters(): Record<string, number> {
    const merged = new Map(Object.entries(super.counters()));
    for (const [k, n] of this.inner) merged.set(k, (merged.get(k) ?? 0) + n);
    return Object.fromEntries([...merged].sort(([a], [b]) => a.localeCompare(b)));
  }

  override count(key: string): number {
    return super.count(key) + (this.inner.get(key) ?? 0);
  }

  override resetCounters(): void {
    super.resetCounters();
    this.inner?.clear();
  }

  /** Basic auth, then (for the SCGI mount) whether rTorrent listens at all. */
  private guard(req: SimRequest, needsRtorrent = true): SimResponse | undefined {
    if (req.faults.badAuth || !hasBasicAuth(req.headers, this.username, this.password)) {
      return nginxPage(401, { 'WWW-Authenticate': `Basic realm="${this.realm}"` });
    }
    // After system.shutdown.*, nothing listens on the SCGI socket.
    if (needsRtorrent && !this.state.running) return nginxPage(502);
    return undefined;
  }

  private async rpc(req: SimRequest): Promise<SimResponse> {
    const refused = this.guard(req);
    if (refused) return refused;
    return this.xmlRpc(req);
  }

  private async xmlRpc(req: SimRequest): Promise<SimResponse> {
    // rtorrent drops an empty request without answering; nginx turns that into 502 (verified).
    if (req.body.length === 0) return nginxPage(502);
    let xml: string;
    try {
      if (req.body.length > this.state.sizeLimit) {
        throw new RpcFault(
          -503,
          `Call XML not a proper XML-RPC call.  XML-RPC request too large.  Max allowed is ${this.state.sizeLimit} bytes`,
        );
      }
      const call = await parseCall(req.body.toString('utf8'));
      const ctx = this.context();
      const bump = (m: string) => this.inner.set(m, (this.inner.get(m) ?? 0) + 1);
      xml = responseXml(dispatch(ctx, call.method, call.params, req.faults.emptyLists, bump));
    } catch (err) {
      if (!(err instanceof RpcFault)) throw err;
      xml = faultXml(err);
    }
    // Faults are HTTP 200 too; no charset in the content type.
    return { status: 200, headers: { 'Content-Type': 'text/xml' }, body: xml };
  }

  /** Global max rates scale every shown rate so the sums stay under them. */
  private context(): Ctx {
    const now = this.state.now();
    const scale = { down: 1, up: 1 };
    const { downMax, upMax } = this.state.throttle;
    if (downMax || upMax) {
      let down = 0;
      let up = 0;
      for (const t of this.state.torrents.values()) {
        const r = t.transfer.ratesAt(now);
        down += r.down;
        up += r.up;
      }
      if (downMax && down > downMax) scale.down = downMax / down;
      if (upMax && up > upMax) scale.up = upMax / up;
    }
    return { state: this.state, now, scale };
  }
}

function isForm(req: SimRequest): boolean {
  return /application\/x-www-form-urlencoded/i.test(String(req.headers['content-type'] ?? ''));
}

export function createRtorrentSimulator(options: RtorrentSimulatorOptions = {}): RtorrentSimulator {
  return new RtorrentSimulator(options);
}
