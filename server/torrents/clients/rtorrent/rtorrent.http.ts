import { credentialsRefused } from '../../torrent.errors';
import { UpstreamError } from '../../../upstream/upstream-error';
import type { TorrentClientConnection } from '../../torrent-client.interface';

export const DEFAULT_RPC_PATH = '/RPC2';

export interface RtorrentEndpoint {
  baseUrl: string;
  path: string;
  auth?: { username: string; password: string };
  /** The endpoint as messages show it (no credentials). */
  display: string;
}

/** ruTorrent's httprpc plugin: it forwards raw XML-RPC posted to it, for setups without an /RPC2 mount. */
export const RUTORRENT_HTTPRPC_PATH = 'plugins/httprpc/action.php';

/**
 * `{url}/{rpc_path}`, where rpc_path defaults to /RPC2 (ruTorrent's `$XMLRPCMountPoint`) and may be
 * ruTorrent's `plugins/httprpc/action.php`. A URL that already ends with the RPC path, or with `.php`,
 * is taken as the endpoint itself.
 */
export function rtorrentEndpoint(
  url: string,
  rpcPath: string | undefined,
  username?: string,
  password?: string,
): RtorrentEndpoint {
  const trimmed = url.replace(/\/+$/, '');
  const mount = `/${(rpcPath?.trim() || DEFAULT_RPC_PATH).replace(/^\/+/, '')}`;
  const endpoint = trimmed.endsWith(mount) || /\.php$/i.test(trimmed) ? trimmed : `${trimmed}${mount}`;
  const cut = endpoint.lastIndexOf('/');
  return {
    baseUrl: endpoint.slice(0, cut + 1),
    path: endpoint.slice(cut + 1),
    auth: username ? { username, password: password ?? '' } : undefined,
    display: endpoint,
  };
}

/** Whether the endpoint is ruTorrent's httprpc plugin (ruTorrent's PHP is in front of rTorrent). */
export function isHttprpc(endpoint: RtorrentEndpoint): boolean {
  return endpoint.display.endsWith(`/${RUTORRENT_HTTPRPC_PATH}`);
}

/**
 * Where else XML-RPC may answer when `{url}/RPC2` is not mounted and the user gave only the default
 * rpc_path: ruTorrent's httprpc plugin under the URL, or under a `/rutorrent/` folder of it.
 */
export function httprpcCandidates(
  url: string,
  rpcPath: string | undefined,
  username?: string,
  password?: string,
): RtorrentEndpoint[] {
  const trimmed = url.replace(/\/+$/, '');
  const path = rpcPath?.trim().replace(/^\/+/, '') || DEFAULT_RPC_PATH.slice(1);
  if (path !== DEFAULT_RPC_PATH.slice(1) || /\.php$/i.test(trimmed) || trimmed.endsWith(DEFAULT_RPC_PATH))
    return [];
  const bases = [trimmed, ...(/\/rutorrent$/i.test(trimmed) ? [] : [`${trimmed}/rutorrent`])];
  return bases.map((base) => rtorrentEndpoint(base, RUTORRENT_HTTPRPC_PATH, username, password));
}

/** The transport's sentences, made specific to an XML-RPC mount behind a web server. */
export function explainFailure(
  err: unknown,
  endpoint: string,
  connection: Pick<TorrentClientConnection, 'service' | 'credentialHint'>,
  alsoTried: readonly string[] = [],
): unknown {
  if (!(err instanceof UpstreamError)) return err;
  const service = connection.service;
  if (err.kind === 'unauthorized') return credentialsRefused(connection, err.upstreamStatus ?? 401);
  if (err.upstreamStatus === 404 || err.upstreamStatus === 405) {
    const tried = alsoTried.length
      ? `; ruTorrent's httprpc plugin did not answer at ${alsoTried.join(' or ')} either`
      : '';
    return new UpstreamError(
      service,
      'status',
      `rTorrent's web server answered HTTP ${err.upstreamStatus} at ${endpoint}${tried}; check the URL and rpc_path (ruTorrent setups mount XML-RPC at /RPC2; with only ruTorrent's own URL, give that URL and set rpc_path to ${RUTORRENT_HTTPRPC_PATH}).`,
      err.upstreamStatus,
    );
  }
  if (err.upstreamStatus === 502) {
    return new UpstreamError(
      service,
      'status',
      "rTorrent's web server answered HTTP 502: rTorrent itself is not running, or its SCGI socket is unreachable.",
      502,
    );
  }
  return err;
}
