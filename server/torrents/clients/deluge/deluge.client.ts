import { ConflictException } from '@nestjs/common';
import { mapAnswer } from '../../../upstream/unexpected-answer';
import { UpstreamError } from '../../../upstream/upstream-error';
import type { UpstreamHttp } from '../../../upstream/upstream-http.service';
import { SingleFlight } from '../../../upstream/single-flight';
import { pollFor } from '../../magnet';
import {
  DEFAULT_ADD_CONFIRM_TIMING,
  type AddConfirmTiming,
  type HashOutcome,
  type TorrentClient,
  type TorrentClientConnection,
} from '../../torrent-client.interface';
import { sentenceOf, unknownHashOutcome, unknownTorrent } from '../../torrent.errors';
import type {
  AddedTorrent,
  AddFileOptions,
  AddUrlOptions,
  Bandwidth,
  BandwidthLimits,
  ClientVersion,
  DataLocation,
  RemoveOutcome,
  Torrent,
  TorrentAction,
  TorrentDetail,
} from '../../torrent.types';
import {
  addedHash,
  delugeDetail,
  delugeLabel,
  delugeLocation,
  delugeTorrents,
  delugeVersion,
  DETAIL_KEYS,
  duplicateOf,
  kibOf,
  limitOf,
  LIST_KEYS,
  LOCATION_KEYS,
  torrentsOf,
} from './deluge.mapper';
import { DelugeJsonRpc } from './deluge.jsonrpc';

/**
 * Deluge has no stop, only pause: start and resume are `core.resume_torrents`, stop and pause are
 * `core.pause_torrents` (the web UI's Resume and Pause).
 */
const ACTION_METHODS: Record<TorrentAction, string> = {
  start: 'core.resume_torrents',
  resume: 'core.resume_torrents',
  stop: 'core.pause_torrents',
  pause: 'core.pause_torrents',
};
const INVALID_LABEL = 'Deluge labels may hold only a-z, 0-9, "_", "-" and "."';

/**
 * Deluge (deluged behind deluge-web 2.x) over deluge-web's JSON-RPC, with its session and daemon link
 * kept by DelugeJsonRpc. Deluge answers an unknown hash in a batch call by failing the whole batch, so
 * each batch first asks which of its hashes exist, and those that do not are reported as not found.
 */
export class DelugeClient implements TorrentClient {
  readonly kind = 'deluge' as const;
  private readonly rpc: DelugeJsonRpc;
  /** Concurrent list() calls (the poller, add confirmation) share one core.get_torrents_status. */
  private readonly listing = new SingleFlight<Torrent[]>();

  constructor(
    http: UpstreamHttp,
    private readonly connection: () => TorrentClientConnection,
    private readonly timing: AddConfirmTiming = DEFAULT_ADD_CONFIRM_TIMING,
  ) {
    this.rpc = new DelugeJsonRpc(http, connection);
  }

  get service(): string {
    return this.connection().service;
  }

  assertConfigured(): void {
    this.rpc.target();
  }

  reset(): void {
    this.rpc.reset();
  }

  list(): Promise<Torrent[]> {
    return this.listing.run('list', async () => {
      const result = await this.rpc.call('core.get_torrents_status', [{}, LIST_KEYS], true);
      return mapAnswer(this.service, () => delugeTorrents(result));
    });
  }

  async version(): Promise<ClientVersion> {
    const [daemon, libtorrent] = await Promise.all([
      this.rpc.call('daemon.get_version', [], true),
      this.rpc.call('core.get_libtorrent_version', [], true),
    ]);
    return mapAnswer(this.service, () => delugeVersion(daemon, libtorrent));
  }

  /**
   * Payload rates in bytes/s from the session, limits in KiB/s (-1 unlimited) from the settings; the
   * session's own rates, so the list is not needed.
   */
  async bandwidth(_torrents?: () => Promise<readonly Torrent[]>): Promise<Bandwidth> {
    const [rates, config] = await Promise.all([
      this.rpc.call('core.get_session_status', [['payload_download_rate', 'payload_upload_rate']], true),
      this.rpc.call('core.get_config_values', [['max_download_speed', 'max_upload_speed']], true),
    ]);
    return mapAnswer(this.service, () => {
      const r = (rates ?? {}) as Record<string, unknown>;
      const c = (config ?? {}) as Record<string, unknown>;
      const rate = (v: unknown) => (typeof v === 'number' && v > 0 ? Math.round(v) : 0);
      return {
        down_rate: rate(r.payload_download_rate),
        up_rate: rate(r.payload_upload_rate),
        down_limit: limitOf(c.max_download_speed),
        up_limit: limitOf(c.max_upload_speed),
      };
    });
  }

  async setBandwidth(limits: BandwidthLimits): Promise<void> {
    const config = {
      ...(limits.down_limit !== undefined ? { max_download_speed: kibOf(limits.down_limit) } : {}),
      ...(limits.up_limit !== undefined ? { max_upload_speed: kibOf(limits.up_limit) } : {}),
    };
    if (Object.keys(config).length) await this.rpc.call('core.set_config', [config], false);
  }

  async act(action: TorrentAction, hashes: readonly string[]): Promise<HashOutcome[]> {
    const known = await this.existing(hashes);
    const ids = hashes.filter((h) => known.has(h.toUpperCase())).map((h) => h.toLowerCase());
    const failed = new Map<string, string>();
    if (ids.length) {
      try {
        await this.rpc.call(ACTION_METHODS[action], [ids], false);
      } catch (err) {
        if (!(err instanceof UpstreamError) || err.kind !== 'status' || ids.length === 1) throw err;
        // One torrent the daemon refused (removed in between) fails the batch: try each on its own.
        for (const id of ids) {
          await this.rpc
            .call(ACTION_METHODS[action], [[id]], false)
            .catch((one: unknown) => failed.set(id.toUpperCase(), sentenceOf(one)));
        }
      }
    }
    return hashes.map((hash) => {
      if (!known.has(hash.toUpperCase())) return unknownHashOutcome(this.service, hash);
      const error = failed.get(hash.toUpperCase());
      return error ? { hash, ok: false, error, notFound: false } : { hash, ok: true };
    });
  }

  /** Deluge deletes the data itself (`remove_data`), so nothing is refused beforehand. */
  async remove(hashes: readonly string[], deleteData: boolean): Promise<HashOutcome<RemoveOutcome>[]> {
    const known = await this.existing(hashes);
    const ids = hashes.filter((h) => known.has(h.toUpperCase())).map((h) => h.toLowerCase());
    const failed = new Map<string, string>();
    if (ids.length) {
      // core.remove_torrents answers the ones it could not remove: [[hash, reason], …].
      const result = await this.rpc.call('core.remove_torrents', [ids, deleteData], false);
      for (const entry of Array.isArray(result) ? result : []) {
        if (Array.isArray(entry) && typeof entry[0] === 'string')
          failed.set(entry[0].toUpperCase(), `${this.service} could not remove it: ${String(entry[1])}`);
      }
    }
    const service = this.service;
    const message = deleteData
      ? `${service} removed the torrent and deleted its data.`
      : `${service} removed the torrent; its data stays on disk.`;
    return hashes.map((hash) => {
      if (!known.has(hash.toUpperCase())) return unknownHashOutcome(this.service, hash);
      const error = failed.get(hash.toUpperCase());
      if (error) return { hash, ok: false, error, notFound: false };
      return { hash, ok: true, data: deleteData ? 'deleted' : 'kept', message };
    });
  }

  async dataLocations(): Promise<DataLocation[]> {
    const result = await this.rpc.call('core.get_torrents_status', [{}, LOCATION_KEYS], true);
    return mapAnswer(this.service, () => torrentsOf(result).map(([hash, raw]) => delugeLocation(hash, raw)));
  }

  /** A magnet goes to core.add_torrent_magnet; an http(s) URL to core.add_torrent_url (deluged fetches it). */
  addUrl(url: string, options: AddUrlOptions): Promise<AddedTorrent> {
    const magnet = /^magnet:/i.test(url.trim());
    return this.add(
      magnet ? 'core.add_torrent_magnet' : 'core.add_torrent_url',
      [url.trim(), this.addOptions(options)],
      options,
      magnet ? 'the magnet link' : 'the torrent at that URL',
    );
  }

  addFile(torrent: Buffer, options: AddFileOptions): Promise<AddedTorrent> {
    return this.add(
      'core.add_torrent_file',
      ['upload.torrent', torrent.toString('base64'), this.addOptions(options)],
      options,
      'the .torrent file',
    );
  }

  async detail(hash: string): Promise<TorrentDetail> {
    const result = await this.rpc.call('core.get_torrent_status', [hash.toLowerCase(), DETAIL_KEYS], true);
    // An unknown hash answers {}.
    if (!result || typeof result !== 'object' || !Object.keys(result).length)
      throw unknownTorrent(this.service, hash);
    return mapAnswer(this.service, () => delugeDetail(hash, result as Record<string, unknown>));
  }

  /** The panel's label is the Label plugin's; it is created first when the plugin does not have it yet. */
  async setLabel(hashes: readonly string[], label: string): Promise<HashOutcome[]> {
    const known = await this.existing(hashes);
    const id = delugeLabel(label);
    const failed = new Map<string, string>();
    if (id === undefined) {
      for (const hash of hashes)
        failed.set(hash.toUpperCase(), `${INVALID_LABEL}; "${label}" cannot be one.`);
    } else if (known.size) {
      if (id) await this.ensureLabel(id);
      for (const hash of hashes) {
        if (!known.has(hash.toUpperCase())) continue;
        await this.rpc
          .call('label.set_torrent', [hash.toLowerCase(), id], false)
          .catch((err: unknown) => failed.set(hash.toUpperCase(), sentenceOf(err)));
      }
    }
    return hashes.map((hash) => {
      if (!known.has(hash.toUpperCase())) return unknownHashOutcome(this.service, hash);
      const error = failed.get(hash.toUpperCase());
      return error ? { hash, ok: false, error, notFound: false } : { hash, ok: true };
    });
  }

  private addOptions(options: AddUrlOptions): Record<string, unknown> {
    return { add_paused: options.start === false };
  }

  private async add(
    method: string,
    params: unknown[],
    options: AddUrlOptions,
    what: string,
  ): Promise<AddedTorrent> {
    const service = this.service;
    const label = options.label ? delugeLabel(options.label) : '';
    // Checked before adding: a torrent added without the label it was asked for is half done.
    if (label === undefined)
      throw new UpstreamError(service, 'status', `${INVALID_LABEL}; "${options.label}" cannot be one.`);
    const reply = await this.rpc.send(method, params, false);
    if (reply.error) {
      const duplicate = duplicateOf(reply.error);
      if (duplicate) {
        const name = (await this.existing([duplicate])).get(duplicate)?.name ?? '';
        throw new ConflictException(
          `${service} already has this torrent: ${name || duplicate} (${duplicate}).`,
        );
      }
      // e.g. "Unable to add torrent, decoding filedump failed: …", or the fetch error of a URL
      const file = method === 'core.add_torrent_file' && reply.error.type === 'AddTorrentError';
      throw new UpstreamError(
        service,
        file ? 'invalid-response' : 'status',
        `${service} ${file ? 'refused' : 'could not add'} ${what}: ${reply.error.text.replace(/\.$/, '')}.`,
        200,
        reply.error.text,
      );
    }
    const hash = mapAnswer(service, () => addedHash(reply.result));
    // The answer names the new torrent; make sure it is really in the session before reporting it.
    const found = await pollFor(
      async () => (await this.existing([hash])).get(hash),
      this.timing.addConfirmMs,
      this.timing.addPollMs,
    );
    if (!found) {
      throw new UpstreamError(
        service,
        'invalid-response',
        `${service} answered ${hash} for ${what} but it did not appear within ${this.timing.addConfirmMs / 1000} s.`,
      );
    }
    // The add calls take no label: it is set on the new torrent afterwards.
    if (label) {
      try {
        await this.ensureLabel(label);
        await this.rpc.call('label.set_torrent', [hash.toLowerCase(), label], false);
      } catch (err) {
        throw new UpstreamError(
          service,
          'status',
          `${service} added ${found.name} but did not take its label: ${sentenceOf(err)}`,
          200,
        );
      }
    }
    return { hash, name: found.name };
  }

  /** Creates the label unless the plugin has it (`label.set_torrent` refuses an unknown one). */
  private async ensureLabel(id: string): Promise<void> {
    const labels = await this.rpc.call('label.get_labels', [], true);
    if (Array.isArray(labels) && labels.includes(id)) return;
    const reply = await this.rpc.send('label.add', [id], false);
    // "Label already exists": someone else created it in between.
    if (reply.error && !/already exists/i.test(reply.error.text))
      throw this.rpc.refusal('label.add', reply.error);
  }

  /** Which of `hashes` the daemon has (upper-case hash → name and label); one call. */
  private async existing(hashes: readonly string[]): Promise<Map<string, { name: string; label: string }>> {
    if (!hashes.length) return new Map();
    const result = await this.rpc.call(
      'core.get_torrents_status',
      [{ id: hashes.map((h) => h.toLowerCase()) }, ['name', 'label']],
      true,
    );
    return mapAnswer(this.service, () => {
      const out = new Map<string, { name: string; label: string }>();
      for (const [hash, raw] of torrentsOf(result)) {
        out.set(hash.toUpperCase(), {
          name: typeof raw.name === 'string' ? raw.name : '',
          label: typeof raw.label === 'string' ? raw.label : '',
        });
      }
      return out;
    });
  }
}
