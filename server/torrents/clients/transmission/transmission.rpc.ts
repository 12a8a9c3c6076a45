import { Logger } from '@nestjs/common';
import { SingleFlight } from '../../../upstream/single-flight';
import { mapAnswer, unexpectedAnswer } from '../../../upstream/unexpected-answer';
import { UpstreamError } from '../../../upstream/upstream-error';
import type { UpstreamHttp, UpstreamResponse } from '../../../upstream/upstream-http.service';
import type { TorrentClientConnection } from '../../torrent-client.interface';
import { credentialsRefused, notConfigured, withCredentialHint } from '../../torrent.errors';
import { rpcReply } from './transmission.mapper';

export const DEFAULT_RPC_PATH = '/transmission/rpc';
const SESSION_HEADER = 'X-Transmission-Session-Id';
/** The cheapest call that gets a 409 and its session id. */
const HANDSHAKE = JSON.stringify({ method: 'session-get', arguments: { fields: ['rpc-version'] } });

export interface TransmissionEndpoint {
  baseUrl: string;
  path: string;
  /** The endpoint as sentences show it: no user info, no query. */
  display: string;
}

/**
 * `{url}{rpc_path}`, where rpc_path defaults to /transmission/rpc (`rpc-url` + "rpc" in settings.json).
 * A URL that already ends with the RPC path is the endpoint itself, and the web UI's address
 * (`…/transmission/web/`, what a browser shows) is taken as its RPC endpoint.
 */
export function transmissionEndpoint(url: string, rpcPath?: string): TransmissionEndpoint {
  const mount = `/${(rpcPath?.trim() || DEFAULT_RPC_PATH).replace(/^\/+/, '').replace(/\/+$/, '')}`;
  let trimmed = url.trim().replace(/\/+$/, '');
  if (mount === DEFAULT_RPC_PATH) trimmed = trimmed.replace(/\/transmission\/web$/i, '');
  const endpoint = trimmed.endsWith(mount) ? trimmed : `${trimmed}${mount}`;
  const cut = endpoint.lastIndexOf('/');
  let display = endpoint;
  try {
    const shown = new URL(endpoint);
    shown.username = '';
    shown.password = '';
    shown.search = '';
    display = shown.toString();
  } catch {
    // an unparsable URL fails in the transport with its own sentence
  }
  return { baseUrl: endpoint.slice(0, cut + 1), path: endpoint.slice(cut + 1), display };
}

/**
 * Transmission's RPC transport: Basic auth, and the CSRF session id. The daemon answers any call without
 * the current `X-Transmission-Session-Id` with 409 and the id in that header; it issues a new id at
 * every start. So the first call fetches an id (concurrent calls share that one handshake), and a call
 * answered 409 later (the daemon restarted) takes the new id from that answer and is sent once more:
 * the daemon did not run it, so resending a write is safe.
 */
export class TransmissionRpc {
  private readonly logger = new Logger(TransmissionRpc.name);
  private sessionId?: string;
  private identity = '';
  private readonly handshake = new SingleFlight<string>();

  constructor(
    private readonly http: UpstreamHttp,
    private readonly connection: () => TorrentClientConnection,
  ) {}

  reset(): void {
    this.sessionId = undefined;
  }

  /** The connection and its endpoint; the 503 sentence when no URL is set. */
  target(): { c: TorrentClientConnection; endpoint: TransmissionEndpoint } {
    const c = this.connection();
    if (!c.url?.trim()) throw notConfigured(c.service, c.setupHint);
    const endpoint = transmissionEndpoint(c.url, c.rpc_path);
    // Another daemon or account: the old session id means nothing there.
    const identity = `${endpoint.display}\n${c.username}\n${c.password}`;
    if (identity !== this.identity) {
      this.identity = identity;
      this.reset();
    }
    return { c, endpoint };
  }

  /** One call whose `result` must be "success"; resolves to its `arguments`. */
  async call(
    method: string,
    args: Record<string, unknown>,
    retry: boolean,
  ): Promise<Record<string, unknown>> {
    const reply = await this.send(method, args, retry);
    if (reply.result !== 'success') {
      const { service } = this.connection();
      throw new UpstreamError(
        service,
        'status',
        `${service} refused ${method}: ${reply.result}.`,
        200,
        reply.result,
      );
    }
    return reply.arguments;
  }

  /** One call, whatever its `result` (torrent-add's refusals are the caller's to word). */
  async send(
    method: string,
    args: Record<string, unknown>,
    retry: boolean,
  ): Promise<{ result: string; arguments: Record<string, unknown> }> {
    const { c, endpoint } = this.target();
    const body = JSON.stringify({ method, arguments: args });
    const id = this.sessionId ?? (await this.handshake.run('session', () => this.fetchSessionId()));
    let res = await this.post(c, endpoint, body, id, retry);
    if (res.status === 409) {
      const fresh = this.idOf(c, res);
      this.logger.debug(`${c.service} answered 409 (a restarted daemon); resending with its new session id.`);
      this.sessionId = fresh;
      res = await this.post(c, endpoint, body, fresh, retry);
      if (res.status === 409) {
        throw new UpstreamError(
          c.service,
          'status',
          `${c.service} refused its own session id twice (HTTP 409); is a proxy in front of it dropping the ${SESSION_HEADER} header?`,
          409,
        );
      }
    }
    if (/html/i.test(res.headers['content-type'] ?? '')) {
      throw unexpectedAnswer(
        c.service,
        `an HTML page instead of RPC JSON at ${endpoint.display}`,
        'check the URL and rpc_path (Transmission answers RPC at /transmission/rpc).',
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.data);
    } catch {
      throw new UpstreamError(
        c.service,
        'invalid-response',
        `${c.service} answered with something that is not valid JSON.`,
      );
    }
    return mapAnswer(c.service, () => rpcReply(parsed));
  }

  private async fetchSessionId(): Promise<string> {
    const { c, endpoint } = this.target();
    const res = await this.post(c, endpoint, HANDSHAKE, '', true);
    // 200 without a 409 first: a daemon without CSRF protection (none in 3.00, but harmless).
    const id = res.status === 409 ? this.idOf(c, res) : '';
    this.sessionId = id;
    return id;
  }

  private idOf(c: TorrentClientConnection, res: UpstreamResponse<string>): string {
    const id = res.headers[SESSION_HEADER.toLowerCase()];
    if (!id)
      throw unexpectedAnswer(
        c.service,
        `HTTP 409 without an ${SESSION_HEADER} header`,
        'is the URL Transmission’s RPC?',
      );
    return id;
  }

  private async post(
    c: TorrentClientConnection,
    endpoint: TransmissionEndpoint,
    body: string,
    sessionId: string,
    retry: boolean,
  ): Promise<UpstreamResponse<string>> {
    try {
      return await this.http.request<string>({
        service: c.service,
        baseUrl: endpoint.baseUrl,
        path: endpoint.path,
        method: 'POST',
        body,
        headers: {
          'Content-Type': 'application/json',
          ...(sessionId ? { [SESSION_HEADER]: sessionId } : {}),
        },
        auth: c.username ? { username: c.username, password: c.password } : undefined,
        expect: 'text',
        retry,
        acceptStatus: (status) => status === 409,
      });
    } catch (err) {
      throw explainFailure(err, c, endpoint);
    }
  }
}

/** The transport's sentences, made specific to Transmission's RPC. */
function explainFailure(err: unknown, c: TorrentClientConnection, endpoint: TransmissionEndpoint): unknown {
  if (!(err instanceof UpstreamError)) return err;
  // 3.00 refuses every login with 403 after 100 failed ones in a row, until the daemon restarts.
  if (err.upstreamStatus === 403) {
    return new UpstreamError(
      c.service,
      'unauthorized',
      `${c.service} refuses every login after too many failed ones (HTTP 403); restart transmission-daemon, then check ${c.credentialHint}.`,
      403,
    );
  }
  if (err.kind === 'unauthorized') return credentialsRefused(c, err.upstreamStatus ?? 401);
  if (err.upstreamStatus === 404 || err.upstreamStatus === 405) {
    return new UpstreamError(
      c.service,
      'status',
      `${c.service} answered HTTP ${err.upstreamStatus} at ${endpoint.display}; check the URL and rpc_path (Transmission answers RPC at /transmission/rpc).`,
      err.upstreamStatus,
    );
  }
  return withCredentialHint(err, c);
}
