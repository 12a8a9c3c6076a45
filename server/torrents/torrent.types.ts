/** The torrent clients the panel controls; also the `client` field of every torrent. */
export const TORRENT_CLIENT_KINDS = [
  'utorrent',
  'rutorrent',
  'qbittorrent',
  'transmission',
  'deluge',
] as const;
export type TorrentClientKind = (typeof TORRENT_CLIENT_KINDS)[number];

/** One vocabulary for every client; each mapper turns its vendor's flags into exactly one of these. */
export const TORRENT_STATES = [
  'downloading',
  'seeding',
  'paused',
  'stopped',
  'queued',
  'checking',
  'error',
  'completed',
] as const;
export type TorrentState = (typeof TORRENT_STATES)[number];

/** The one torrent shape of the API, whatever client it comes from. */
export interface Torrent {
  /** Info-hash, 40 upper-case hex characters. */
  hash: string;
  name: string;
  /** Bytes wanted. */
  size: number;
  /** 0..1. */
  progress: number;
  state: TorrentState;
  /** Bytes/s. */
  down_rate: number;
  up_rate: number;
  /** Uploaded / downloaded, e.g. 1.5. */
  ratio: number;
  /** "" when none. */
  label: string;
  /** Seconds left; 0 when complete, null when unknown (not moving). */
  eta: number | null;
  /** When it was added (ISO 8601), null when the client does not say. */
  added: string | null;
  /** Host name of the tracker it announces to, e.g. "tracker.example.org"; "" when none or not known. */
  tracker: string;
  client: TorrentClientKind;
}

export const TORRENT_ACTIONS = ['start', 'stop', 'pause', 'resume'] as const;
export type TorrentAction = (typeof TORRENT_ACTIONS)[number];

export const BULK_ACTIONS = [...TORRENT_ACTIONS, 'remove'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export interface ClientVersion {
  /** Human-readable, e.g. "0.9.8 (libtorrent 0.13.8)" or "build 46206". */
  version: string;
}

/** Global transfer: bytes/s; a null limit means unlimited. */
export interface Bandwidth {
  down_rate: number;
  up_rate: number;
  down_limit: number | null;
  up_limit: number | null;
}

export interface BandwidthLimits {
  /** Bytes/s; null or 0 = unlimited; undefined = leave as is. */
  down_limit?: number | null;
  up_limit?: number | null;
}

/** What happened to a torrent's data on removal. */
export const DATA_OUTCOMES = ['kept', 'deleted', 'manual'] as const;
export type DataOutcome = (typeof DATA_OUTCOMES)[number];

export interface RemoveOutcome {
  data: DataOutcome;
  /** A sentence for the user, e.g. where the data is when it must be removed by hand. */
  message: string;
}

/** Why the data of a torrent is not deleted, decided before anything is removed. */
export interface DataRefusal {
  /** A clause, e.g. "the data is outside rTorrent's download directory /downloads". */
  reason: string;
  /** The data's path as the client reports it, when it says. */
  path: string | null;
  /** Other loaded torrents that use the same files (deleting would break them). */
  shared_with: { hash: string; name: string }[];
}

/** Where one torrent's data is, as its client reports it, and whether the client or panel can delete it. */
export interface DataLocation {
  hash: string;
  name: string;
  /** The file (single-file) or folder (multi-file); '' when the client does not say. */
  path: string;
  /** Set when the data cannot be deleted safely whatever the user chooses. */
  refusal: DataRefusal | null;
}

/** The outcome of one hash of a batch: ok, or the sentence saying why not. */
export type PerHash =
  { hash: string; ok: true } | { hash: string; ok: false; error: string; notFound: boolean };

export interface AddUrlOptions {
  label?: string;
  /** Default true. */
  start?: boolean;
}

/** The options of a .torrent file upload; the same as add-url's. */
export type AddFileOptions = AddUrlOptions;

export const FILE_PRIORITIES = ['skip', 'low', 'normal', 'high'] as const;
/** One vocabulary for file priorities; each mapper turns its vendor's numbers into one of these. */
export type FilePriority = (typeof FILE_PRIORITIES)[number];

export interface TorrentFile {
  /** Path inside the torrent, "/"-separated, e.g. "Show/S01E01.mkv". */
  path: string;
  /** Bytes. */
  size: number;
  /** 0..1. */
  progress: number;
  priority: FilePriority;
}

export interface TorrentPeer {
  /** "ip:port". */
  address: string;
  /** The peer's client name, "" when unknown. */
  client: string;
  /** 0..1, how much of the torrent the peer has. */
  progress: number;
  /** Bytes/s from and to the peer. */
  down_rate: number;
  up_rate: number;
}

export const TRACKER_STATUSES = ['working', 'updating', 'not-contacted', 'error', 'disabled'] as const;
export type TrackerStatus = (typeof TRACKER_STATUSES)[number];

export interface TorrentTracker {
  /** The announce URL (a tracker's passkey is part of it; the panel shows it only to its admin). */
  url: string;
  status: TrackerStatus;
  /** The tracker's last message or error, "" when none. */
  message: string;
  /** Counts from the last scrape/announce; null when not known. */
  seeds: number | null;
  peers: number | null;
}

/** Everything about one torrent that the list does not carry. */
export interface TorrentDetail {
  hash: string;
  /** Where its data is, as the client reports it; "" when it does not say. */
  save_path: string;
  /** The client's error for this torrent (tracker or disk), null when none. */
  error: string | null;
  files: TorrentFile[];
  peers: TorrentPeer[];
  trackers: TorrentTracker[];
}

export interface AddedTorrent {
  hash: string;
  name: string;
}
