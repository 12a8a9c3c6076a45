import { Logger } from '@nestjs/common';
import type { TorrentClientConnection } from '../../torrent-client.interface';
import { notConfigured } from '../../torrent.errors';
import { unexpectedAnswer } from '../../../upstream/unexpected-answer';
import { UpstreamError } from '../../../upstream/upstream-error';
import type { UpstreamHttp } from '../../../upstream/upstream-http.service';
import {
  explainFailure,
  httprpcCandidates,
  rtorrentEndpoint,
  RUTORRENT_HTTPRPC_PATH,
  type RtorrentEndpoint,
} from './rtorrent.http';

/**
 * How XML-RPC reaches rTorrent: POSTs to `{url}{rpc_path}`, or to ruTorrent's httprpc plugin found by
 * probing when the default /RPC2 is not mounted, with the web server's and ruTorrent's failures put
 * into sentences.
 */
export class RtorrentTransport {
  /** ruTorrent's httprpc endpoint, found when the default /RPC2 was not mounted (for these settings). */
  private found?: { key: string; endpoint: RtorrentEndpoint };
  private readonly logger = new Logger('RtorrentClient');

  constructor(
    private readonly http: UpstreamHttp,
    private readonly settings: () => TorrentClientConnection,
  ) {}

  private get service(): string {
    return this.settings().service;
  }

  /** Forgets the endpoint found by probing. */
  reset(): void {
    this.found = undefined;
  }

  /**
   * One POST to the XML-RPC endpoint. When `{url}/RPC2` is not mounted (404) and rpc_path is the
   * default, ruTorrent's httprpc plugin is looked for under the URL; the endpoint that answers is kept
   * until the settings change, and a line in the log says which it is.
   */
  async post(body: string, contentType: string, retry: boolean) {
    const c = this.settings();
    const configured = this.connection();
    const key = connectionKey(c);
    const endpoint = this.found?.key === key ? this.found.endpoint : configured;
    let res;
    try {
      res = await this.send(endpoint, body, contentType, retry);
    } catch (err) {
      const candidates = httprpcCandidates(c.url.trim(), c.rpc_path, c.username, c.password);
      if (endpoint !== configured || !isNotMounted(err) || !candidates.length) {
        throw explainFailure(err, endpoint.display, c);
      }
      res = await this.probe(candidates, body, contentType, retry, key, () =>
        explainFailure(
          err,
          configured.display,
          c,
          candidates.map((e) => e.display),
        ),
      );
    }
    if (/html/i.test(res.headers['content-type'] ?? '')) {
      throw unexpectedAnswer(
        this.service,
        `an HTML page instead of XML-RPC; check the URL and rpc_path (${endpoint.display})`,
      );
    }
    if (/json/i.test(res.headers['content-type'] ?? '') && res.data.trim() === 'false') {
      throw new UpstreamError(
        this.service,
        'status',
        `ruTorrent cannot reach rTorrent: its httprpc plugin at ${this.endpoint().display} answered "false", so rTorrent is not running or ruTorrent's SCGI settings do not lead to it.`,
        502,
      );
    }
    return res;
  }

  private async probe(
    candidates: RtorrentEndpoint[],
    body: string,
    contentType: string,
    retry: boolean,
    key: string,
    notFound: () => unknown,
  ) {
    for (const candidate of candidates) {
      try {
        const res = await this.send(candidate, body, contentType, retry);
        this.found = { key, endpoint: candidate };
        this.logger.warn(
          `${this.service}: nothing answers XML-RPC at the default /RPC2; ruTorrent's httprpc plugin does at ${candidate.display}, so the panel uses it (set rpc_path to ${RUTORRENT_HTTPRPC_PATH} to skip this probe).`,
        );
        return res;
      } catch (err) {
        if (!isNotMounted(err)) throw explainFailure(err, candidate.display, this.settings());
      }
    }
    throw notFound();
  }

  private send(endpoint: RtorrentEndpoint, body: string, contentType: string, retry: boolean) {
    return this.http.request<string>({
      service: this.service,
      baseUrl: endpoint.baseUrl,
      path: endpoint.path,
      method: 'POST',
      body,
      // No charset: ruTorrent dropped it to work around rtorrent issue #1444.
      headers: { 'Content-Type': contentType },
      auth: endpoint.auth,
      expect: 'text',
      // XML-RPC reads are idempotent; writes are never retried.
      retry,
    });
  }

  /** The endpoint calls go to: the one found by probing, else the configured one. */
  endpoint(): RtorrentEndpoint {
    const found = this.found;
    return found && found.key === connectionKey(this.settings()) ? found.endpoint : this.connection();
  }

  /** The configured endpoint; throws the not-configured sentence without a URL. */
  connection(): RtorrentEndpoint {
    const c = this.settings();
    if (!c.url.trim()) throw notConfigured(c.service, c.setupHint);
    return rtorrentEndpoint(c.url.trim(), c.rpc_path, c.username, c.password);
  }
}

/** What the probed endpoint was found for: it is forgotten when any of this changes. */
function connectionKey(c: TorrentClientConnection): string {
  return JSON.stringify([c.url, c.rpc_path ?? '', c.username, c.password]);
}

/** The web server has nothing at the path (rather than refusing or failing). */
function isNotMounted(err: unknown): boolean {
  return err instanceof UpstreamError && (err.upstreamStatus === 404 || err.upstreamStatus === 405);
}
