import { Logger } from '@nestjs/common';
import { SingleFlight } from '../../../upstream/single-flight';
import { unexpectedAnswer } from '../../../upstream/unexpected-answer';
import { UpstreamError } from '../../../upstream/upstream-error';
import type { UpstreamFormat, UpstreamHttp } from '../../../upstream/upstream-http.service';
import type { TorrentClientConnection } from '../../torrent-client.interface';
import { credentialsRefused, notConfigured } from '../../torrent.errors';

export interface WebUiTarget {
  service: string;
  baseUrl: string;
  /** scheme://host:port of the configured URL: what qBittorrent's CSRF check wants as Origin/Referer. */
  origin: string;
  connection: TorrentClientConnection;
}

export interface WebUiCall {
  /** Below /api/v2, e.g. "torrents/info". */
  path: string;
  query?: Record<string, string | number | undefined>;
  /** A form post (x-www-form-urlencoded); without `form` or `multipart` the call is a GET. */
  form?: Record<string, string>;
  multipart?: { contentType: string; body: Buffer };
  expect?: UpstreamFormat;
  /** Statuses the caller handles (409 of setCategory, 404 of properties, 415 of add). */
  acceptStatus?: number[];
}

/**
 * The WebUI API session: one form login (`auth/login`) that sets the `SID` cookie, sent on every call
 * with the configured URL's origin as Referer and Origin, since qBittorrent answers 401 to a foreign
 * one (its CSRF check) and to a Host header whose port is not its WebUI port (the transport keeps the
 * URL's host and port as Host).
 *
 * qBittorrent answers a wrong password with 200 "Fails." and bans the address for an hour after 5
 * failures (`WebUI\MaxAuthenticationFailCount`, `WebUI\BanDuration`), so a refused login is never
 * retried: one login per call, and after a refusal no login at all until `reset()` or a change of the
 * URL, username or password.
 */
export class QbittorrentWebUi {
  private readonly logger = new Logger(QbittorrentWebUi.name);
  private sid?: string;
  private identity = '';
  /** The sentence of the last refused login, kept until the settings change or reset(). */
  private refusal?: UpstreamError;
  private readonly login = new SingleFlight<string>();
  /** Bumped by reset(): a login under way when the settings changed is dropped. */
  private epoch = 0;
  /** Counts the sessions started: sync/maindata rids belong to one session. */
  generation = 0;

  constructor(
    private readonly http: UpstreamHttp,
    private readonly connection: () => TorrentClientConnection,
  ) {}

  reset(): void {
    this.sid = undefined;
    this.refusal = undefined;
    this.epoch++;
  }

  target(): WebUiTarget {
    const connection = this.connection();
    const service = connection.service;
    const url = connection.url.trim();
    if (!url) throw notConfigured(service, connection.setupHint);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw notConfigured(
        service,
        'its URL is not an http:// or https:// address; fix it on the Torrent clients page.',
      );
    }
    const identity = `${url}\n${connection.username}\n${connection.password}`;
    if (identity !== this.identity) {
      this.identity = identity;
      this.reset();
    }
    return { service, baseUrl: url.replace(/\/+$/, ''), origin: parsed.origin, connection };
  }

  /** One API call; a 403 (the session expired, or qBittorrent restarted) gets one new login and one retry. */
  async call<T>(call: WebUiCall): Promise<{ status: number; data: T }> {
    const sid = await this.session();
    try {
      return await this.send<T>(call, sid);
    } catch (err) {
      if (!(err instanceof UpstreamError) || err.upstreamStatus !== 403) throw err;
      this.logger.debug(`${this.target().service} answered 403; logging in again and retrying once.`);
      if (this.sid === sid) this.sid = undefined;
      const fresh = await this.session();
      try {
        return await this.send<T>(call, fresh);
      } catch (again) {
        if (again instanceof UpstreamError && again.upstreamStatus === 403) {
          const { service, connection } = this.target();
          throw new UpstreamError(
            service,
            'unauthorized',
            `${service} refused the call even right after a successful login (HTTP 403); check that ${connection.credentialHint} belong to its WebUI user.`,
            403,
          );
        }
        throw again;
      }
    }
  }

  private async send<T>(call: WebUiCall, sid: string): Promise<{ status: number; data: T }> {
    const target = this.target();
    const headers: Record<string, string> = {
      Referer: `${target.origin}/`,
      Origin: target.origin,
      Cookie: `SID=${sid}`,
    };
    let body: unknown;
    if (call.form) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(call.form).toString();
    } else if (call.multipart) {
      headers['Content-Type'] = call.multipart.contentType;
      body = call.multipart.body;
    }
    const accepted = new Set(call.acceptStatus ?? []);
    try {
      const res = await this.http.request<T>({
        service: target.service,
        baseUrl: target.baseUrl,
        path: `api/v2/${call.path}`,
        method: body === undefined ? 'GET' : 'POST',
        query: call.query,
        headers,
        body,
        expect: call.expect ?? 'json',
        // Reads are GETs and retried by the transport; writes are never retried blindly.
        retry: body === undefined,
        acceptStatus: (status) => accepted.has(status),
        errorMessage: (text) => text.trim().slice(0, 200) || undefined,
      });
      return { status: res.status, data: res.data };
    } catch (err) {
      throw this.explain(err, target);
    }
  }

  /** 401 is never the password with qBittorrent: it is the Host or Origin check. */
  private explain(err: unknown, target: WebUiTarget): unknown {
    if (!(err instanceof UpstreamError) || err.upstreamStatus !== 401) return err;
    return new UpstreamError(
      target.service,
      'unauthorized',
      `${target.service} refused the request's Host or Origin (HTTP 401): its WebUI accepts only a Host header ` +
        `with its own port and an Origin or Referer of its own address. Set the URL to the address qBittorrent ` +
        `listens on (a proxy in front of it must pass the Host unchanged), or turn off "Host header validation" in its WebUI options.`,
      401,
    );
  }

  private async session(): Promise<string> {
    const target = this.target();
    if (this.refusal) throw this.refusal;
    if (this.sid) return this.sid;
    const epoch = this.epoch;
    const sid = await this.login.run(target.baseUrl, () => this.logIn(target));
    // A reset() while the login was under way (settings changed) drops its session.
    if (epoch === this.epoch && this.sid !== sid) {
      this.sid = sid;
      this.generation++;
    }
    return sid;
  }

  private async logIn(target: WebUiTarget): Promise<string> {
    const { service, connection } = target;
    let res;
    try {
      res = await this.http.request<string>({
        service,
        baseUrl: target.baseUrl,
        path: 'api/v2/auth/login',
        method: 'POST',
        headers: {
          Referer: `${target.origin}/`,
          Origin: target.origin,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({
          username: connection.username,
          password: connection.password,
        }).toString(),
        expect: 'text',
        retry: false,
      });
    } catch (err) {
      if (err instanceof UpstreamError && err.upstreamStatus === 403) {
        // 4.5.2: "Your IP address has been banned after too many failed authentication attempts."
        throw this.refuse(
          new UpstreamError(
            service,
            'unauthorized',
            `${service} has banned the panel's address after too many failed logins (HTTP 403); it lifts the ban ` +
              `after an hour or when it restarts. Check ${connection.credentialHint}, then save them to try again.`,
            403,
          ),
        );
      }
      throw this.explain(err, target);
    }
    const answer = res.data.trim();
    if (answer === 'Fails.') {
      const refused = credentialsRefused(connection, res.status);
      throw this.refuse(
        new UpstreamError(
          service,
          'unauthorized',
          `${refused.message} The panel will not log in again until they are saved: qBittorrent bans the address for an hour after 5 failed logins.`,
          res.status,
        ),
      );
    }
    const sid = /(?:^|[;,]\s*)SID=([^;,\s]+)/.exec(res.headers['set-cookie'] ?? '')?.[1];
    if (answer !== 'Ok.' || !sid) {
      throw unexpectedAnswer(
        service,
        'auth/login answered neither "Ok." with an SID cookie nor "Fails."',
        'is the URL qBittorrent’s WebUI?',
      );
    }
    return sid;
  }

  private refuse(err: UpstreamError): UpstreamError {
    this.refusal = err;
    return err;
  }
}
