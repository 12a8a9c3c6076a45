import { ConflictException } from '@nestjs/common';
import { unknownHashOutcome, unknownTorrent } from '../../torrent.errors';
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
  addedTorrent,
  DETAIL_FIELDS,
  LIST_FIELDS,
  limitArguments,
  LOCATION_FIELDS,
  sessionLimit,
  sessionVersion,
  torrentsOf,
  transmissionDetail,
  transmissionLocation,
  transmissionTorrents,
} from './transmission.mapper';
import { TransmissionRpc } from './transmission.rpc';

/**
 * Transmission has no pause: a torrent is started or stopped. So pause is torrent-stop and resume is
 * torrent-start, the same calls as stop and start (torrent-start respects the queue, as the web UI's
 * "Start" does; torrent-start-now would jump it).
 */
const ACTION_METHODS: Record<TorrentAction, 'torrent-start' | 'torrent-stop'> = {
  start: 'torrent-start',
  resume: 'torrent-start',
  stop: 'torrent-stop',
  pause: 'torrent-stop',
};
const INVALID_TORRENT = 'invalid or corrupt torrent file';

/**
 * transmission-daemon over its JSON RPC (`POST {url}/transmission/rpc`, RPC 16 on 3.00): Basic auth
 * and the 409 session-id handshake (TransmissionRpc). It ignores unknown ids without a word, so each
 * batch first asks which of its hashes exist, and those that do not are reported as not found.
 */
export class TransmissionClient implements TorrentClient {
  readonly kind = 'transmission' as const;
  private readonly rpc: TransmissionRpc;
  /** Concurrent list() calls (the poller, add confirmation) share one torrent-get. */
  private readonly listing = new SingleFlight<Torrent[]>();

  constructor(
    http: UpstreamHttp,
    private readonly connection: () => TorrentClientConnection,
    private readonly timing: AddConfirmTiming = DEFAULT_ADD_CONFIRM_TIMING,
  ) {
    this.rpc = new TransmissionRpc(http, connection);
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
      const args = await this.rpc.call('torrent-get', { fields: LIST_FIELDS }, true);
      return mapAnswer(this.service, () => transmissionTorrents(args));
    });
  }

  async version(): Promise<ClientVersion> {
    const args = await this.rpc.call('session-get', { fields: ['version', 'rpc-version'] }, true);
    return mapAnswer(this.service, () => sessionVersion(args));
  }

  /** Rates from session-stats (bytes/s), limits from session-get (kB/s of 1000 bytes). */
  async bandwidth(): Promise<Bandwidth> {
    const fields = [
      'speed-limit-down',
      'speed-limit-down-enabled',
      'speed-limit-up',
      'speed-limit-up-enabled',
    ];
    const [session, stats] = await Promise.all([
      this.rpc.call('session-get', { fields }, true),
      this.rpc.call('session-stats', {}, true),
    ]);
    return mapAnswer(this.service, () => ({
      down_rate: typeof stats.downloadSpeed === 'number' ? stats.downloadSpeed : 0,
      up_rate: typeof stats.uploadSpeed === 'number' ? stats.uploadSpeed : 0,
      down_limit: sessionLimit(session, 'down'),
      up_limit: sessionLimit(session, 'up'),
    }));
  }

  async setBandwidth(limits: BandwidthLimits): Promise<void> {
    const args = {
      ...(limits.down_limit !== undefined ? limitArguments('down', limits.down_limit) : {}),
      ...(limits.up_limit !== undefined ? limitArguments('up', limits.up_limit) : {}),
    };
    if (Object.keys(args).length) await this.rpc.call('session-set', args, false);
  }

  async act(action: TorrentAction, hashes: readonly string[]): Promise<HashOutcome[]> {
    const known = await this.existing(hashes);
    const ids = hashes.filter((h) => known.has(h.toUpperCase())).map((h) => h.toLowerCase());
    if (ids.length) await this.rpc.call(ACTION_METHODS[action], { ids }, false);
    return hashes.map((hash) =>
      known.has(hash.toUpperCase()) ? { hash, ok: true } : unknownHashOutcome(this.service, hash),
    );
  }

  /** Transmission deletes the data itself (`delete-local-data`), so nothing is refused beforehand. */
  async remove(hashes: readonly string[], deleteData: boolean): Promise<HashOutcome<RemoveOutcome>[]> {
    const known = await this.existing(hashes);
    const ids = hashes.filter((h) => known.has(h.toUpperCase())).map((h) => h.toLowerCase());
    if (ids.length) await this.rpc.call('torrent-remove', { ids, 'delete-local-data': deleteData }, false);
    const service = this.service;
    const message = deleteData
      ? `${service} removed the torrent and deleted its data.`
      : `${service} removed the torrent; its data stays on disk.`;
    return hashes.map((hash) =>
      known.has(hash.toUpperCase())
        ? { hash, ok: true, data: deleteData ? 'deleted' : 'kept', message }
        : unknownHashOutcome(this.service, hash),
    );
  }

  async dataLocations(): Promise<DataLocation[]> {
    const args = await this.rpc.call('torrent-get', { fields: LOCATION_FIELDS }, true);
    return mapAnswer(this.service, () => torrentsOf(args).map(transmissionLocation));
  }

  /** `filename` takes an http(s) URL (the daemon fetches it before answering) or a magnet link. */
  addUrl(url: string, options: AddUrlOptions): Promise<AddedTorrent> {
    return this.add({ filename: url }, options, 'the torrent at that URL');
  }

  addFile(torrent: Buffer, options: AddFileOptions): Promise<AddedTorrent> {
    return this.add({ metainfo: torrent.toString('base64') }, options, 'the .torrent file');
  }

  async detail(hash: string): Promise<TorrentDetail> {
    const args = await this.rpc.call(
      'torrent-get',
      { ids: [hash.toLowerCase()], fields: DETAIL_FIELDS },
      true,
    );
    const [raw] = mapAnswer(this.service, () => torrentsOf(args));
    if (!raw) throw unknownTorrent(this.service, hash);
    return mapAnswer(this.service, () => transmissionDetail(raw));
  }

  /**
   * The panel's label is Transmission's first label; any further labels are kept. Torrents that end
   * with the same labels share one torrent-set.
   */
  async setLabel(hashes: readonly string[], label: string): Promise<HashOutcome[]> {
    const known = await this.existing(hashes);
    const groups = new Map<string, string[]>();
    for (const hash of hashes) {
      const old = known.get(hash.toUpperCase());
      if (!old) continue;
      const rest = old.slice(1).filter((l) => l !== label);
      const labels = JSON.stringify(label ? [label, ...rest] : rest);
      groups.set(labels, [...(groups.get(labels) ?? []), hash]);
    }
    const failed = new Map<string, string>();
    for (const [labels, members] of groups) {
      const ids = members.map((h) => h.toLowerCase());
      const reply = await this.rpc.send(
        'torrent-set',
        { ids, labels: JSON.parse(labels) as string[] },
        false,
      );
      // e.g. "labels cannot contain comma (,) character"
      if (reply.result !== 'success')
        for (const h of members) failed.set(h, `${this.service} refused the label: ${reply.result}.`);
    }
    return hashes.map((hash) => {
      if (!known.has(hash.toUpperCase())) return unknownHashOutcome(this.service, hash);
      const error = failed.get(hash);
      return error ? { hash, ok: false, error, notFound: false } : { hash, ok: true };
    });
  }

  private async add(
    source: Record<string, string>,
    options: AddUrlOptions,
    what: string,
  ): Promise<AddedTorrent> {
    const service = this.service;
    const reply = await this.rpc.send('torrent-add', { ...source, paused: options.start === false }, false);
    if (reply.result === INVALID_TORRENT) {
      throw new UpstreamError(
        service,
        'invalid-response',
        `${service} refused ${what}: ${INVALID_TORRENT}.`,
        200,
        reply.result,
      );
    }
    if (reply.result !== 'success') {
      // e.g. "gotMetadataFromURL: http error 404: Not Found" when the daemon could not fetch the URL
      throw new UpstreamError(
        service,
        'status',
        `${service} could not add ${what}: ${reply.result}.`,
        200,
        reply.result,
      );
    }
    const added = mapAnswer(service, () => addedTorrent(reply.arguments));
    if (added.duplicate) {
      throw new ConflictException(`${service} already has this torrent: ${added.name} (${added.hash}).`);
    }
    // torrent-added names the new torrent; make sure it is really in the list before reporting it.
    const found = await pollFor(
      async () => ((await this.existing([added.hash])).has(added.hash) ? added : undefined),
      this.timing.addConfirmMs,
      this.timing.addPollMs,
    );
    if (!found) {
      throw new UpstreamError(
        service,
        'invalid-response',
        `${service} answered torrent-added for ${added.name} but it did not appear within ${this.timing.addConfirmMs / 1000} s.`,
      );
    }
    // 3.00's torrent-add takes no labels: they are set on the new torrent afterwards.
    if (options.label) {
      const reply = await this.rpc.send(
        'torrent-set',
        { ids: [added.hash.toLowerCase()], labels: [options.label] },
        false,
      );
      if (reply.result !== 'success') {
        throw new UpstreamError(
          service,
          'status',
          `${service} added ${added.name} but refused its label: ${reply.result}.`,
          200,
          reply.result,
        );
      }
    }
    return { hash: added.hash, name: added.name };
  }

  /** Which of `hashes` the daemon has (upper-case hash → its labels); one torrent-get. */
  private async existing(hashes: readonly string[]): Promise<Map<string, string[]>> {
    if (!hashes.length) return new Map();
    const args = await this.rpc.call(
      'torrent-get',
      { ids: hashes.map((h) => h.toLowerCase()), fields: ['hashString', 'labels'] },
      true,
    );
    return mapAnswer(this.service, () => {
      const out = new Map<string, string[]>();
      for (const t of torrentsOf(args)) {
        if (typeof t.hashString !== 'string') continue;
        const labels = Array.isArray(t.labels)
          ? t.labels.filter((l): l is string => typeof l === 'string')
          : [];
        out.set(t.hashString.toUpperCase(), labels);
      }
      return out;
    });
  }
}
