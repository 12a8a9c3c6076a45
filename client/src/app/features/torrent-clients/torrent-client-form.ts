import {
  type RutorrentSettingsDto,
  type TorrentClientEntryDto,
  type TorrentClientSettingsDto,
  type TorrentClientType,
} from '../../api';

/** The seed's two sections (config.json `utorrent`, `rutorrent`): edited, never added or deleted. */
export type SeedSection = 'utorrent' | 'rutorrent';

/** One row of the page: a seed section or a `torrent_clients` entry, in the shape of an entry. */
export interface TorrentClientRow extends TorrentClientEntryDto {
  /** Which seed section the row is; null for a `torrent_clients` entry. */
  readonly seed: SeedSection | null;
  /** Environment variables that win over the seed section's settings. */
  readonly overridden_by_env: readonly string[];
}

/** The optional settings a client type uses; the dialog shows only those. */
export type ClientField = 'username' | 'rpc_path' | 'download_dir' | 'container';

const RTORRENT_FIELDS: readonly ClientField[] = ['username', 'rpc_path', 'download_dir', 'container'];

export const TYPE_FIELDS: Readonly<Record<TorrentClientType, readonly ClientField[]>> = {
  utorrent: ['username', 'container'],
  rtorrent: RTORRENT_FIELDS,
  rutorrent: RTORRENT_FIELDS,
  qbittorrent: ['username', 'container'],
  transmission: ['username', 'rpc_path', 'container'],
  // deluge-web has a password only.
  deluge: ['container'],
};

/** What the seed routes take (server/torrents/seed-settings.dto.ts): uTorrent's section has no container. */
export const SEED_FIELDS: Readonly<Record<SeedSection, readonly ClientField[]>> = {
  utorrent: ['username'],
  rutorrent: RTORRENT_FIELDS,
};

export const TYPE_LABELS: Readonly<Record<TorrentClientType, string>> = {
  utorrent: 'uTorrent',
  rtorrent: 'rTorrent',
  rutorrent: 'rTorrent (ruTorrent)',
  qbittorrent: 'qBittorrent',
  transmission: 'Transmission',
  deluge: 'Deluge',
};

/** `rutorrent` is a synonym of `rtorrent`: offered only to an entry that already has it. */
export const OFFERED_TYPES: readonly TorrentClientType[] = [
  'qbittorrent',
  'transmission',
  'deluge',
  'rtorrent',
  'utorrent',
];

export const URL_EXAMPLES: Readonly<Record<TorrentClientType, string>> = {
  utorrent: 'http://host:8080/gui/',
  rtorrent: 'https://host/RPC2',
  rutorrent: 'https://host/RPC2',
  qbittorrent: 'http://host:8080',
  transmission: 'http://host:9091',
  deluge: 'http://host:8112',
};

export const URL_HINTS: Readonly<Record<TorrentClientType, string>> = {
  utorrent: 'The WebUI, e.g. http://host:8080/gui/',
  rtorrent: 'e.g. https://host/RPC2, or the ruTorrent URL',
  rutorrent: 'e.g. https://host/RPC2, or the ruTorrent URL',
  qbittorrent: 'The WebUI as qBittorrent serves it, e.g. http://host:8080',
  transmission: 'e.g. http://host:9091; the panel adds /transmission/rpc',
  deluge: 'deluge-web, e.g. http://host:8112 (not the daemon’s port)',
};

export const RPC_PATH_HINTS: Partial<Readonly<Record<TorrentClientType, string>>> = {
  rtorrent: 'Only know your ruTorrent URL and login? Set RPC path to plugins/httprpc/action.php',
  rutorrent: 'Only know your ruTorrent URL and login? Set RPC path to plugins/httprpc/action.php',
  transmission: 'Default /transmission/rpc; set it when rpc-url is another path',
};

export const SEED_NAMES: Readonly<Record<SeedSection, string>> = {
  utorrent: 'uTorrent',
  rutorrent: 'rTorrent',
};

/** The server's own rules (server/torrents/torrent-client-settings.dto.ts), checked before sending. */
export const NAME_PATTERN = /^(?=.*[A-Za-z0-9])[\p{L}\p{N}](?:[\p{L}\p{N} ._'()+-]*[\p{L}\p{N}._'()+-])?$/u;
export const URL_PATTERN = /^https?:\/\/[^\s/?#]+[^\s]*$/i;
export const RPC_PATH_PATTERN = /^[^\s?#]+$/;
export const ABSOLUTE_PATH_PATTERN = /^\/[^\p{Cc}]*$/u;
export const CONTAINER_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export function fieldsOf(
  row: Pick<TorrentClientRow, 'seed'> | null,
  type: TorrentClientType,
): readonly ClientField[] {
  return row?.seed ? SEED_FIELDS[row.seed] : TYPE_FIELDS[type];
}

export function entryRow(entry: TorrentClientEntryDto): TorrentClientRow {
  return { ...entry, seed: null, overridden_by_env: [] };
}

export function seedRow(
  seed: SeedSection,
  settings: TorrentClientSettingsDto | RutorrentSettingsDto,
): TorrentClientRow {
  const rtorrent = 'rpc_path' in settings ? settings : null;
  return {
    id: seed,
    name: SEED_NAMES[seed],
    type: seed === 'utorrent' ? 'utorrent' : 'rtorrent',
    url: settings.url,
    username: settings.username,
    has_password: settings.password_set,
    rpc_path: rtorrent?.rpc_path ?? null,
    download_dir: rtorrent?.download_dir ?? null,
    container: rtorrent?.container ?? null,
    enabled: true,
    poll_seconds: settings.poll_seconds,
    seed,
    overridden_by_env: settings.overridden_by_env,
  };
}
