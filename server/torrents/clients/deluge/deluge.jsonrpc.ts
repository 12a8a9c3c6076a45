import { Logger } from '@nestjs/common';
import { SingleFlight } from '../../../upstream/single-flight';
import { mapAnswer, unexpectedAnswer } from '../../../upstream/unexpected-answer';
import { UpstreamError } from '../../../upstream/upstream-error';
import type { UpstreamHttp, UpstreamResponse } from '../../../upstream/upstream-http.service';
import type { TorrentClientConnection } from '../../torrent-client.interface';
import { credentialsRefused, notConfigured } from '../../torrent.errors';
import { type DelugeFailure, type DelugeReply, delugeReply, hostIds, onlineHosts } from './deluge.mapper';

/** deluge-web's error codes: 1 not authenticated, 2 unknown method (also "no daemon connected"). */
const NOT_AUTHENTICATED = 1;
const UNKNOWN_METHOD = 2;
const COOKIE = '_session_id';

export interface DelugeTarget {
  c: TorrentClientConnection;
  /** deluge-web's address without a trailing slash (its JSON-RPC is `{base}/json`). */
  base: string;
}

/**
 * deluge-web's JSON-RPC (`POST {url}/json`, `{method, params, id}`), the session and the daemon link.
 *
 * - `auth.login [password]` answers `true` with a `_session_id` cookie, or `false` for a wrong password
 *   (both HTTP 200; deluge-web has no user name). A call with an expired or unknown cookie answers error
 *   code 1 "Not authenticated": the panel logs in again and sends it once more.
 * - deluge-web is only a front for deluged: until it is connected to a daemon every `core.*` and
 *   `label.*` call answers error code 2 "Unknown method". So a new session asks `web.connected` and, when
 *   it is false, connects to the first daemon of `web.get_hosts` that `web.get_host_status` says is
 *   online. A code 2 later (deluged restarted) gets one reconnect and one resend.
 * - After a `web.disconnect` (someone pressed Disconnect in the web UI) deluge-web keeps the daemon's
 *   methods registered but never answers them: the call times out (504), and the next call asks
 *   `web.connected` again before anything else.
 * - Every answer is gzip-compressed; the transport inflates it.
 */
/** The session was refused while connecting deluge-web to its daemon: log in again once. */
class SessionLost extends Error {}

export class DelugeJsonRpc {
  private readonly logger = new Logger(DelugeJsonRpc.name);
  private session?: string;
  /** Whether this session has seen deluge-web connected to a daemon. */
  private linked = false;
  private identity = '';
  private nextId = 1;
  private readonly login = new SingleFlight<string>();
  private readonly link = new SingleFlight<void>();

  constructor(
    private readonly http: UpstreamHttp,
    private readonly connection: () => TorrentClientConnection,
  ) {}

  reset(): void {
    this.session = undefined;
    this.linked = false;
  }

  /** The connection and deluge-web's base address; the 503 sentence when no URL is set. */
  target(): DelugeTarget {
    const c = this.connection();
    const url = c.url?.trim() ?? '';
    if (!url) throw notConfigured(c.service, c.setupHint);
    try {
      new URL(url);
    } catch {
      throw notConfigured(
        c.service,
        'its URL is not an http:// or https:// address; fix it on the Torrent clients page.',
      );
    }
    // The web UI's address is what an admin copies; a URL ending in the endpoint itself is taken too.
    const base = url.replace(/\/+$/, '').replace(/\/json$/i, '');
    const identity = `${base}\n${c.password}`;
    if (identity !== this.identity) {
      this.identity = identity;
      this.reset();
    }
    return { c, base };
  }

  /** One call whose error is thrown as a sentence; resolves to its `result`. */
  async call(method: string, params: unknown[], read: boolean): Promise<unknown> {
    const reply = await this.send(method, params, read);
    if (reply.error) throw this.refusal(method, reply.error);
    return reply.result;
  }

  /** One call on a logged-in session linked to a daemon, whatever its error (the caller words it). */
  async send(method: string, params: unknown[], read: boolean): Promise<DelugeReply> {
    const target = this.target();
    let reply = await this.linkedCall(target, method, params, read);
    if (reply.error?.code === NOT_AUTHENTICATED) {
      // The session expired (1 h idle by default) or deluge-web restarted: deluge-web did not run it.
      this.logger.debug(`${target.c.service} forgot the session; logging in again and resending ${method}.`);
      this.reset();
      reply = await this.linkedCall(target, method, params, read);
    } else if (reply.error?.code === UNKNOWN_METHOD && /^(core|label|daemon)\./.test(method)) {
      // The daemon went away (restarted) and deluge-web dropped its methods: connect and resend once.
      this.linked = false;
      reply = await this.linkedCall(target, method, params, read);
    }
    if (reply.error?.code === NOT_AUTHENTICATED) {
      throw new UpstreamError(
        target.c.service,
        'unauthorized',
        `${target.c.service} refused the call right after a successful login ("Not authenticated"); is a proxy in front of deluge-web dropping its ${COOKIE} cookie?`,
        200,
      );
    }
    if (reply.error?.code === UNKNOWN_METHOD && method.startsWith('label.')) {
      throw new UpstreamError(
        target.c.service,
        'status',
        `${target.c.service} has no labels: enable its Label plugin (Preferences → Plugins) to set labels from the panel.`,
        200,
      );
    }
    return reply;
  }

  private async linkedCall(
    target: DelugeTarget,
    method: string,
    params: unknown[],
    read: boolean,
  ): Promise<DelugeReply> {
    let session = await this.sessionId(target);
    if (!this.linked) {
      try {
        await this.link.run(session, () => this.connectDaemon(target, session));
      } catch (err) {
        if (!(err instanceof SessionLost)) throw err;
        // deluge-web restarted: its daemon methods were gone ("Unknown method") and so was our session.
        this.reset();
        session = await this.sessionId(target);
        await this.link.run(session, () => this.connectDaemon(target, session));
      }
    }
    try {
      return await this.post(target, method, params, session, read);
    } catch (err) {
      // A daemon call that never answers is deluge-web after a disconnect: look again next time.
      if (err instanceof UpstreamError && err.kind === 'timeout') this.linked = false;
      throw err;
    }
  }

  private async sessionId(target: DelugeTarget): Promise<string> {
    if (this.session) return this.session;
    const session = await this.login.run(target.base, () => this.logIn(target));
    if (target.base === this.target().base) this.session = session;
    return session;
  }

  private async logIn(target: DelugeTarget): Promise<string> {
    const { c } = target;
    const res = await this.raw(target, 'auth.login', [c.password], '', false);
    const reply = mapAnswer(c.service, () => delugeReply(this.json(target, res)));
    if (reply.error) throw this.refusal('auth.login', reply.error);
    if (reply.result === false) {
      throw new UpstreamError(
        c.service,
        'unauthorized',
        `${credentialsRefused(c, res.status).message} deluge-web checks the password only; the username is not used.`,
        res.status,
      );
    }
    const cookie = new RegExp(`(?:^|[;,]\\s*)${COOKIE}=([^;,\\s]+)`).exec(
      res.headers['set-cookie'] ?? '',
    )?.[1];
    if (reply.result !== true || !cookie) {
      throw unexpectedAnswer(
        c.service,
        `auth.login answered neither true with a ${COOKIE} cookie nor false`,
        'is the URL deluge-web’s (port 8112 by default)?',
      );
    }
    this.linked = false;
    return cookie;
  }

  private async connectDaemon(target: DelugeTarget, session: string): Promise<void> {
    const { c } = target;
    const ask = async (method: string, params: unknown[] = []) => {
      const reply = await this.post(target, method, params, session, true);
      if (reply.error?.code === NOT_AUTHENTICATED) throw new SessionLost();
      if (reply.error) throw this.refusal(method, reply.error);
      return reply.result;
    };
    if ((await ask('web.connected')) === true) {
      this.linked = true;
      return;
    }
    const hosts = await ask('web.get_hosts');
    const statuses: unknown[] = [];
    for (const id of mapAnswer(c.service, () => hostIds(hosts))) {
      statuses.push(await ask('web.get_host_status', [id]));
    }
    const chosen = mapAnswer(c.service, () => onlineHosts(statuses));
    if (!chosen.length) {
      throw new UpstreamError(
        c.service,
        'status',
        `${c.service}'s deluge-web is not connected to a daemon and none of the ${statuses.length} in its Connection Manager is online; start deluged or add it there.`,
        200,
      );
    }
    this.logger.debug(`${c.service}: deluge-web was not connected to a daemon; connecting it.`);
    await ask('web.connect', [chosen[0]]);
    if ((await ask('web.connected')) !== true) {
      throw new UpstreamError(
        c.service,
        'status',
        `${c.service}'s deluge-web could not connect to its daemon; check deluged and the Connection Manager of its web UI.`,
        200,
      );
    }
    this.linked = true;
  }

  private async post(
    target: DelugeTarget,
    method: string,
    params: unknown[],
    session: string,
    read: boolean,
  ): Promise<DelugeReply> {
    const res = await this.raw(target, method, params, session, read);
    return mapAnswer(target.c.service, () => delugeReply(this.json(target, res)));
  }

  private async raw(
    target: DelugeTarget,
    method: string,
    params: unknown[],
    session: string,
    read: boolean,
  ): Promise<UpstreamResponse<string>> {
    const { c, base } = target;
    try {
      return await this.http.request<string>({
        service: c.service,
        baseUrl: base,
        path: 'json',
        method: 'POST',
        body: JSON.stringify({ method, params, id: this.nextId++ }),
        headers: {
          'Content-Type': 'application/json',
          'Accept-Encoding': 'gzip',
          ...(session ? { Cookie: `${COOKIE}=${session}` } : {}),
        },
        expect: 'text',
        // Only reads are sent again by the transport: a write deluged may have run is never repeated.
        retry: read,
      });
    } catch (err) {
      if (err instanceof UpstreamError && (err.upstreamStatus === 404 || err.upstreamStatus === 405)) {
        throw new UpstreamError(
          c.service,
          'status',
          `${c.service} answered HTTP ${err.upstreamStatus} at its /json endpoint; check the URL (deluge-web's address, e.g. http://host:8112).`,
          err.upstreamStatus,
        );
      }
      throw err;
    }
  }

  private json(target: DelugeTarget, res: UpstreamResponse<string>): unknown {
    const { service } = target.c;
    if (/html/i.test(res.headers['content-type'] ?? '')) {
      throw unexpectedAnswer(
        service,
        'an HTML page instead of JSON-RPC',
        'check the URL (deluge-web’s address, e.g. http://host:8112).',
      );
    }
    try {
      return JSON.parse(res.data);
    } catch {
      throw new UpstreamError(
        service,
        'invalid-response',
        `${service} answered with something that is not valid JSON.`,
      );
    }
  }

  /** deluge-web's error object as the sentence naming the service and what it refused. */
  refusal(method: string, error: DelugeFailure): UpstreamError {
    const { service } = this.connection();
    return new UpstreamError(
      service,
      'status',
      `${service} refused ${method}: ${error.text.replace(/\.$/, '')}.`,
      200,
      error.text,
    );
  }
}
