import type {
  AddedTorrent,
  AddFileOptions,
  AddUrlOptions,
  Bandwidth,
  BandwidthLimits,
  ClientVersion,
  DataLocation,
  DataRefusal,
  RemoveOutcome,
  Torrent,
  TorrentAction,
  TorrentClientKind,
  TorrentDetail,
} from './torrent.types';

/** The result of one hash of a batch: success (with `T`), or the sentence saying why not. */
export type HashOutcome<T extends object = object> = { hash: string } & (
  ({ ok: true } & T) | { ok: false; error: string; notFound: boolean; refusal?: DataRefusal }
);

/**
 * One configured client instance as its client class needs it: the `torrent_clients[]` entry (or the
 * legacy `utorrent`/`rutorrent` section with the seed's environment variables applied), resolved.
 * Every client class is built as `new XClient(http, () => connection, timing?)` and calls the getter
 * at every request, so a saved change applies at once.
 */
export interface TorrentClientConnection {
  /** The instance's id in routes (`/api/torrents/clients/{id}`), e.g. "qbittorrent" or "seedbox-qbit". */
  id: string;
  /** The name every sentence uses: the instance's name, e.g. "qBittorrent" or "Seedbox qBit". */
  service: string;
  /** "" when not set (the client then throws `not-configured`). */
  url: string;
  username: string;
  password: string;
  /**
   * What a refused-password sentence tells the user to check (after "check "), e.g. "the username and
   * password of Seedbox qBit on the Torrent clients page"; never a secret.
   */
  credentialHint: string;
  /** What the not-configured sentence asks for (after "is not configured: "), e.g. "set its URL in …". */
  setupHint: string;
  /** rTorrent: the XML-RPC path under the URL; Transmission: the RPC path (default /transmission/rpc). */
  rpc_path?: string;
  /** Where the panel sees the client's download directory, when the client does not delete data itself. */
  download_dir?: string;
}

/**
 * A torrent client (uTorrent WebUI, rTorrent XML-RPC, qBittorrent WebUI API, Transmission RPC, Deluge
 * JSON-RPC) in the panel's own terms. Every implementation reads its connection at every call, so a
 * saved change applies at once.
 *
 * Error contract (every implementation keeps it; the service and tests rely on it):
 * - Not configured: `UpstreamError` kind `not-configured` (503) with a sentence naming what to set.
 *   Nothing is sent anywhere.
 * - Unreachable, slow, or an HTTP error: `UpstreamError` from the shared transport, 502 (504 for a
 *   timeout), with a sentence naming the service.
 * - Credentials refused: `UpstreamError` kind `unauthorized` (502) whose sentence names the username and
 *   password settings (never the token or cookie the client manages itself).
 * - An answer that is not the documented shape (garbage, truncated, HTML, malformed XML): kind
 *   `invalid-response` (502).
 * - Per-torrent refusals inside a batch (an unknown hash, a fault for one item) are returned as
 *   `HashOutcome`s and never thrown, so one bad hash does not hide what happened to the others.
 * - `list()` resolving to `[]` always means "no torrents", never "down".
 * - Vendor sentinels (status bits, per-mille, -1 ETAs, rTorrent's state triples) never leave the mapper.
 */
export interface TorrentClient {
  readonly kind: TorrentClientKind;
  /** The name every sentence uses, e.g. "uTorrent", "rTorrent". */
  readonly service: string;
  /** Throws the 503 `not-configured` UpstreamError when the URL (or a needed credential) is missing. */
  assertConfigured(): void;
  /** Every torrent, mapped to the panel's shape. */
  list(): Promise<Torrent[]>;
  version(): Promise<ClientVersion>;
  /** Current global rates and limits; `torrents` gives the latest list, for clients that sum it. */
  bandwidth(torrents: () => Promise<readonly Torrent[]>): Promise<Bandwidth>;
  setBandwidth(limits: BandwidthLimits): Promise<void>;
  /** Runs one action on each hash, in one upstream round trip where the client allows it. */
  act(action: TorrentAction, hashes: readonly string[]): Promise<HashOutcome[]>;
  /**
   * Removes each torrent, and its data when asked. Whether the data can be deleted safely is decided
   * before anything is removed: when it cannot, that torrent is left as it is and its outcome is a
   * failure carrying the `refusal`.
   */
  remove(hashes: readonly string[], deleteData: boolean): Promise<HashOutcome<RemoveOutcome>[]>;
  /** Where every loaded torrent's data is, and whether it could be deleted (for the removal check). */
  dataLocations(): Promise<DataLocation[]>;
  /**
   * Adds a torrent by http(s) URL or magnet link and confirms it appeared; throws a 502 sentence when
   * it did not within a few seconds (both clients accept the call even when they reject the torrent).
   */
  addUrl(url: string, options: AddUrlOptions): Promise<AddedTorrent>;
  /**
   * Adds a .torrent file (its bytes, already checked to be a bencoded torrent with an info dictionary)
   * and confirms it appeared. A torrent the client already has throws Nest's ConflictException (409)
   * with a sentence naming it; a file the client refuses is a 502 `invalid-response` sentence.
   */
  addFile(torrent: Buffer, options: AddFileOptions): Promise<AddedTorrent>;
  /**
   * Files with priorities, peers, trackers with their messages, and the error reason of one torrent.
   * The service checks the hash against the list first; a hash the client does not know (removed in
   * between) throws Nest's NotFoundException.
   */
  detail(hash: string): Promise<TorrentDetail>;
  /** Sets (or with "" clears) the label — qBittorrent's category, Transmission's first label — of each. */
  setLabel(hashes: readonly string[], label: string): Promise<HashOutcome[]>;
  /** Forgets sessions and caches (after a settings change or a restart). */
  reset(): void;
}

/** How long add-url waits for the new torrent to show in the client's list, and how often it looks. */
export interface AddConfirmTiming {
  addConfirmMs: number;
  addPollMs: number;
}

export const DEFAULT_ADD_CONFIRM_TIMING: AddConfirmTiming = { addConfirmMs: 5000, addPollMs: 300 };
