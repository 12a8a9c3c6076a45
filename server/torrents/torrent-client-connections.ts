import type { PanelConfig, TorrentClientEntry, TorrentClientType } from '../config/config.schema';
import { SEED_TORRENT_SECTIONS, torrentClientId } from '../config/torrent-client-ids';
import { DEFAULT_POLL_SECONDS } from './torrent-settings';
import type { TorrentClientConnection } from './torrent-client.interface';
import { environmentCredentialHint } from './torrent.errors';
import type { TorrentClientKind } from './torrent.types';

/** The clients the seed's routes (/api/utorrent, /api/rutorrent) and environment variables speak for. */
export const SEED_CLIENT_KINDS = SEED_TORRENT_SECTIONS;
export type SeedClientKind = (typeof SEED_CLIENT_KINDS)[number];

/** One configured client instance: its connection plus what the registry needs to run it. */
export interface TorrentClientInstanceConfig extends TorrentClientConnection {
  kind: TorrentClientKind;
  /** Configured (a URL set) and not disabled: polled and shown in the lists. */
  active: boolean;
  /** From the seed's `utorrent`/`rutorrent` section (and its environment variables), not `torrent_clients`. */
  seed: boolean;
  poll_seconds: number;
  container?: string;
}

const KIND_OF_TYPE: Record<TorrentClientType, TorrentClientKind> = {
  utorrent: 'utorrent',
  rtorrent: 'rutorrent',
  rutorrent: 'rutorrent',
  qbittorrent: 'qbittorrent',
  transmission: 'transmission',
  deluge: 'deluge',
};

/** The product name of each kind, used when an instance has no name of its own. */
export const CLIENT_PRODUCT_NAMES: Record<TorrentClientKind, string> = {
  utorrent: 'uTorrent',
  rutorrent: 'rTorrent',
  qbittorrent: 'qBittorrent',
  transmission: 'Transmission',
  deluge: 'Deluge',
};

const SEED_SETUP: Record<SeedClientKind, string> = {
  utorrent:
    'set UTORRENT_URL, UTORRENT_USERNAME and UTORRENT_PASSWORD, or its URL, username and password in Settings.',
  rutorrent:
    'set RUTORRENT_URL (and RUTORRENT_USERNAME and RUTORRENT_PASSWORD when its web server asks for them), or its URL in Settings.',
};

function seedInstance(config: PanelConfig, kind: SeedClientKind): TorrentClientInstanceConfig {
  const section = config[kind] ?? {};
  const rpc = kind === 'rutorrent' ? (config.rutorrent ?? {}) : {};
  const url = section.url?.trim() ?? '';
  return {
    id: kind,
    service: CLIENT_PRODUCT_NAMES[kind],
    kind,
    url,
    username: section.username ?? '',
    password: section.password ?? '',
    credentialHint: environmentCredentialHint(kind.toUpperCase()),
    setupHint: SEED_SETUP[kind],
    rpc_path: rpc.rpc_path,
    download_dir: rpc.download_dir,
    container: section.container,
    poll_seconds: section.poll_seconds ?? DEFAULT_POLL_SECONDS,
    active: url !== '',
    seed: true,
  };
}

function entryInstance(entry: TorrentClientEntry): TorrentClientInstanceConfig {
  const url = entry.url?.trim() ?? '';
  const name = entry.name.trim();
  return {
    id: torrentClientId(name),
    service: name,
    kind: KIND_OF_TYPE[entry.type],
    url,
    username: entry.username ?? '',
    password: entry.password ?? '',
    credentialHint: `the username and password of ${name} on the Torrent clients page`,
    setupHint: `set its URL on the Torrent clients page.`,
    rpc_path: entry.rpc_path,
    download_dir: entry.download_dir,
    container: entry.container,
    poll_seconds: entry.poll_seconds ?? DEFAULT_POLL_SECONDS,
    active: url !== '' && entry.enabled !== false,
    seed: false,
  };
}

/**
 * Every torrent client instance of a configuration (environment variables already applied): the seed's
 * uTorrent and rTorrent first (always present, so their routes answer "not configured" rather than 404),
 * then the `torrent_clients` entries in file order.
 */
export function torrentClientInstances(config: PanelConfig): TorrentClientInstanceConfig[] {
  return [
    ...SEED_CLIENT_KINDS.map((kind) => seedInstance(config, kind)),
    ...(config.torrent_clients ?? []).map(entryInstance),
  ];
}

/**
 * The instance the seed's routes speak for: the seed section when it is configured, else the first
 * active `torrent_clients` entry of that kind, else the (unconfigured) seed section.
 */
export function seedAliasOf(
  instances: readonly TorrentClientInstanceConfig[],
  kind: SeedClientKind,
): TorrentClientInstanceConfig {
  const seed = instances.find((i) => i.seed && i.kind === kind);
  if (seed?.active) return seed;
  return (
    instances.find((i) => !i.seed && i.active && i.kind === kind) ?? (seed as TorrentClientInstanceConfig)
  );
}
