import { ConflictException, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { magnetHash, pollFor } from '../../magnet';
import {
  DEFAULT_ADD_CONFIRM_TIMING,
  type AddConfirmTiming,
  type HashOutcome,
  type TorrentClient,
  type TorrentClientConnection,
} from '../../torrent-client.interface';
import { readTorrentFile } from '../../torrent-file';
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
import { SingleFlight } from '../../../upstream/single-flight';
import { mapAnswer, UnexpectedAnswer, unexpectedAnswer } from '../../../upstream/unexpected-answer';
import { UpstreamError } from '../../../upstream/upstream-error';
import type { UpstreamHttp } from '../../../upstream/upstream-http.service';
import {
  dataPath,
  locateData,
  panelView,
  planDataRemoval,
  removeData,
  type DataPlan,
} from './rtorrent.data-remover';
import { refusedRemoval } from '../../data-refusal';
import { isHttprpc } from './rtorrent.http';
import { rtorrentDetail, FILE_FIELDS, PEER_FIELDS, TRACKER_FIELDS } from './rtorrent.detail';
import { RtorrentTransport } from './rtorrent.transport';
import { asNumber, asString, LIST_FIELDS, rtorrentTorrents } from './rtorrent.mapper';
import {
  asText,
  decodeResponse,
  encodeCall,
  multicallResults,
  XmlRpcFault,
  type MulticallResult,
  type XmlRpcArg,
  type XmlRpcValue,
} from './xmlrpc';

/** Where add-url leaves a nonce, so the panel can tell its torrent from others appearing meanwhile. */
const ADD_TAG = 'seedbox-panel-add';
/** Hashes per system.multicall: rTorrent 0.9.8 refuses requests over 512 KiB by default. */
const HASHES_PER_MULTICALL = 200;
const NOT_FOUND_FAULT = -501;

/**
 * What each action sends (state model verified on rtorrent 0.9.8). d.start alone does not resume a
 * paused item and d.resume alone leaves a stopped one half-started, so start and resume send all three,
 * which ends started, open and active from any state. Stop also closes, as ruTorrent does.
 */
const ACTION_CALLS: Record<TorrentAction, string[]> = {
  start: ['d.open', 'd.start', 'd.resume'],
  resume: ['d.open', 'd.start', 'd.resume'],
  stop: ['d.stop', 'd.close'],
  pause: ['d.pause'],
};

interface Call {
  methodName: string;
  params: XmlRpcArg[];
}

/**
 * rTorrent over XML-RPC as ruTorrent setups expose it (`POST {url}{rpc_path}`, Basic auth from the web
 * server). Batches go through system.multicall, whose per-call faults come back inline.
 */
export class RtorrentClient implements TorrentClient {
  readonly kind = 'rutorrent' as const;
  /** A list call in progress is shared by every caller (the listing of 5,000 torrents is ~3 MB of XML). */
  private readonly listing = new SingleFlight<Torrent[]>();
  private readonly transport: RtorrentTransport;

  constructor(
    private readonly http: UpstreamHttp,
    private readonly settings: () => TorrentClientConnection,
    private readonly timing: AddConfirmTiming = DEFAULT_ADD_CONFIRM_TIMING,
  ) {
    this.transport = new RtorrentTransport(http, settings);
  }

  get service(): string {
    return this.settings().service;
  }

  assertConfigured(): void {
    this.transport.connection();
  }

  reset(): void {
    this.transport.reset();
  }

  list(): Promise<Torrent[]> {
    return this.listing.run('list', async () => {
      const value = await this.rpc('d.multicall2', ['', 'main', ...LIST_FIELDS], true);
      return mapAnswer(this.service, () => rtorrentTorrents(value));
    });
  }

  async version(): Promise<ClientVersion> {
    const [client, library, api] = await this.values(
      ['system.client_version', 'system.library_version', 'system.api_version'].map((m) => ({
        methodName: m,
        params: [],
      })),
    );
    return mapAnswer(this.service, () => ({
      version: `${asString(client, 'system.client_version')} (libtorrent ${asString(library, 'system.library_version')}, API ${asNumber(api, 'system.api_version')})`,
    }));
  }

  async bandwidth(): Promise<Bandwidth> {
    const names = ['global_down.rate', 'global_up.rate', 'global_down.max_rate', 'global_up.max_rate'];
    const values = await this.values(names.map((n) => ({ methodName: `throttle.${n}`, params: [''] })));
    const [down, up, downMax, upMax] = mapAnswer(this.service, () =>
      values.map((v, i) => asNumber(v, names[i])),
    );
    return { down_rate: down, up_rate: up, down_limit: limitOf(downMax), up_limit: limitOf(upMax) };
  }

  async setBandwidth(limits: BandwidthLimits): Promise<void> {
    const calls: Call[] = [];
    // Global setters need the "" target (without it: fault -503 "Wrong object type.").
    if (limits.down_limit !== undefined)
      calls.push({ methodName: 'throttle.global_down.max_rate.set', params: ['', limits.down_limit ?? 0] });
    if (limits.up_limit !== undefined)
      calls.push({ methodName: 'throttle.global_up.max_rate.set', params: ['', limits.up_limit ?? 0] });
    if (calls.length) await this.values(calls, false);
  }

  async act(action: TorrentAction, hashes: readonly string[]): Promise<HashOutcome[]> {
    return this.perHash(hashes, (hash) =>
      ACTION_CALLS[action].map((m) => ({ methodName: m, params: [hash] })),
    );
  }

  async remove(hashes: readonly string[], deleteData: boolean): Promise<HashOutcome<RemoveOutcome>[]> {
    const plans = new Map<string, Extract<DataPlan, { ok: true }>>();
    const settled = new Map<string, HashOutcome<RemoveOutcome>>();
    /** Torrents whose data only ruTorrent can delete (the panel cannot see the download directory). */
    const byRutorrent: string[] = [];
    if (deleteData) {
      // The paths must be read before d.erase (afterwards rTorrent no longer knows the item), and a
      // torrent whose data cannot be deleted is not erased at all.
      const rutorrent = isHttprpc(this.transport.endpoint());
      for (const outcome of await this.planRemovals(hashes)) {
        if (!('plan' in outcome)) settled.set(outcome.hash, outcome);
        else if (outcome.plan.ok) plans.set(outcome.hash, outcome.plan);
        else if (outcome.plan.unseen && rutorrent) byRutorrent.push(outcome.hash);
        else
          settled.set(
            outcome.hash,
            refusedRemoval(this.service, outcome.hash, outcome.name, outcome.plan.refusal),
          );
      }
      for (const outcome of await this.removeThroughRutorrent(byRutorrent))
        settled.set(outcome.hash, outcome);
    }
    const erased = await this.perHash(
      hashes.filter((h) => !settled.has(h)),
      // ruTorrent's erasedata plugin marks a torrent with d.custom5 and deletes its data when rTorrent
      // erases it. The panel clears the mark first, so data it was told to keep stays, and data it
      // deletes itself (the plan above) is not deleted twice.
      (hash) => [
        { methodName: 'd.custom5.set', params: [hash, ''] },
        { methodName: 'd.erase', params: [hash] },
      ],
    );
    const results = new Map<string, HashOutcome<RemoveOutcome>>(settled);
    for (const outcome of erased) {
      const plan = plans.get(outcome.hash);
      if (!outcome.ok) results.set(outcome.hash, outcome);
      else if (!plan) {
        results.set(outcome.hash, {
          ...outcome,
          data: 'kept',
          message: 'rTorrent removed the torrent; its data stays on disk.',
        });
      } else {
        results.set(outcome.hash, { ...outcome, ...(await removeData(plan)) });
      }
    }
    return hashes.map((h) => results.get(h) as HashOutcome<RemoveOutcome>);
  }

  /**
   * ruTorrent's own "Remove and delete data" (httprpc `mode=removewithdata`): its PHP reads the paths,
   * erases the torrents and deletes their files within seconds. Used when ruTorrent is in front and the
   * panel cannot see rTorrent's download directory; each torrent is then checked to be gone.
   */
  private async removeThroughRutorrent(hashes: string[]): Promise<HashOutcome<RemoveOutcome>[]> {
    if (!hashes.length) return [];
    const form = new URLSearchParams({ mode: 'removewithdata', v: '1' });
    for (const hash of hashes) form.append('hash', hash);
    await this.transport.post(form.toString(), 'application/x-www-form-urlencoded', false);
    const left = await this.results(
      hashes.map((hash) => ({ methodName: 'd.name', params: [hash] })),
      true,
    );
    return hashes.map((hash, i): HashOutcome<RemoveOutcome> => {
      const gone = !left[i].ok && this.failure(hash, left[i].fault).notFound;
      return gone
        ? {
            hash,
            ok: true,
            data: 'deleted',
            message:
              "ruTorrent removed the torrent and deletes its data within seconds (the panel cannot see rTorrent's download directory, so ruTorrent's own removal did it).",
          }
        : {
            hash,
            ok: false,
            notFound: false,
            error: 'ruTorrent was asked to remove it with its data, but rTorrent still has it.',
          };
    });
  }

  async dataLocations(): Promise<DataLocation[]> {
    const [downloadDir, rows] = await this.values([
      { methodName: 'directory.default', params: [''] },
      {
        methodName: 'd.multicall2',
        params: ['', 'main', 'd.hash=', 'd.name=', 'd.base_path=', 'd.directory=', 'd.is_multi_file='],
      },
    ]);
    const dir = asText(downloadDir);
    const view = await panelView(dir, this.settings().download_dir);
    const rutorrent = isHttprpc(this.transport.endpoint());
    return mapAnswer(this.service, () => {
      if (!Array.isArray(rows)) throw new UnexpectedAnswer('d.multicall2 did not answer a list');
      return rows.map((row) => {
        if (!Array.isArray(row) || row.length < 5) throw new UnexpectedAnswer('a d.multicall2 row is short');
        const [hash, name, base, directory, multi] = row;
        const path = dataPath(asText(base), asText(directory), asText(name), multi === 1);
        const located = locateData(dir, path, view);
        // Behind ruTorrent, data the panel cannot see is deleted by ruTorrent itself.
        const refusal = located.ok || (located.unseen && rutorrent) ? null : located.refusal;
        return { hash: asText(hash).toUpperCase(), name: asText(name), path, refusal };
      });
    });
  }

  async addUrl(url: string, options: AddUrlOptions): Promise<AddedTorrent> {
    const hash = magnetHash(url);
    const nonce = randomUUID();
    const commands = [
      `d.custom.set=${ADD_TAG},${nonce}`,
      `d.custom.set=addtime,${Math.floor(Date.now() / 1000)}`,
    ];
    // ruTorrent stores labels URI-encoded, which also keeps commas out of the command's argument list.
    if (options.label) commands.push(`d.custom1.set=${encodeURIComponent(options.label)}`);
    await this.rpc(options.start === false ? 'load.normal' : 'load.start', ['', url, ...commands], false);
    // load.* answers 0 at once even when rTorrent rejects the torrent, so look for it.
    const found = await pollFor(
      () => (hash ? this.findByHash(hash) : this.findByNonce(nonce)),
      this.timing.addConfirmMs,
      this.timing.addPollMs,
    );
    if (!found) {
      throw new UpstreamError(
        this.service,
        'invalid-response',
        `rTorrent accepted the request but the torrent did not appear within ${this.timing.addConfirmMs / 1000} s ` +
          '(load.* answers 0 even when it rejects a torrent): it could not fetch the URL, or refused the torrent, ' +
          'e.g. "Could not find any trackers" while DHT is off; see rTorrent’s log.',
      );
    }
    if (options.start !== false) await this.untilStarted(found.hash);
    return found;
  }

  /**
   * load.raw(_start) with the file's bytes as <base64>, then a look for its hash: like load.*, it answers
   * 0 at once even when rtorrent refuses the torrent. The XML-RPC body is about 4/3 of the file; rtorrent
   * 0.9.8 refuses bodies over network.xmlrpc.size_limit (512 KiB by default).
   */
  async addFile(torrent: Buffer, options: AddFileOptions): Promise<AddedTorrent> {
    const { hash, name } = readTorrentFile(torrent);
    const existing = await this.findByHash(hash);
    if (existing) {
      throw new ConflictException(
        `${this.service} already has this torrent ("${existing.name || name}", ${hash}); nothing was added.`,
      );
    }
    const commands = [`d.custom.set=addtime,${Math.floor(Date.now() / 1000)}`];
    if (options.label) commands.push(`d.custom1.set=${encodeURIComponent(options.label)}`);
    try {
      await this.rpc(
        options.start === false ? 'load.raw' : 'load.raw_start',
        ['', torrent, ...commands],
        false,
      );
    } catch (err) {
      if (err instanceof UpstreamError && /too large/i.test(err.message)) {
        throw new UpstreamError(
          this.service,
          'status',
          `${err.message.replace(/\.$/, '')}; raise network.xmlrpc.size_limit in rtorrent's configuration ` +
            '(e.g. network.xmlrpc.size_limit.set = 4M) to add a .torrent this large.',
          err.upstreamStatus,
        );
      }
      throw err;
    }
    const found = await pollFor(() => this.findByHash(hash), this.timing.addConfirmMs, this.timing.addPollMs);
    if (!found) {
      throw new UpstreamError(
        this.service,
        'invalid-response',
        `${this.service} accepted the file but the torrent did not appear within ${this.timing.addConfirmMs / 1000} s ` +
          '(load.raw answers 0 even when it rejects a torrent): it refused the torrent, e.g. "Could not find any ' +
          'trackers" for one without an announce URL while DHT is off; see rTorrent’s log.',
      );
    }
    if (options.start !== false) await this.untilStarted(found.hash);
    return found;
  }

  /**
   * rTorrent loads an item at once but starts it on a later tick of its main loop, so the answer of an
   * add (the state a poll then reads) waits for it to be started, for as long as an add is confirmed.
   */
  private async untilStarted(hash: string): Promise<void> {
    await pollFor(
      async () => {
        const [state, open] = await this.results(
          ['d.state', 'd.is_open'].map((m) => ({ methodName: m, params: [hash] })),
          true,
        );
        return state.ok && open.ok && state.value === 1 && open.value === 1 ? true : undefined;
      },
      this.timing.addConfirmMs,
      this.timing.addPollMs,
    );
  }

  /** One system.multicall: the download's fields, then its files, peers and trackers. */
  async detail(hash: string): Promise<TorrentDetail> {
    const fields = ['d.name', 'd.message', 'd.base_path', 'd.directory', 'd.is_multi_file'];
    const calls: Call[] = [
      ...fields.map((m) => ({ methodName: m, params: [hash] })),
      { methodName: 'f.multicall', params: [hash, '', ...FILE_FIELDS] },
      { methodName: 'p.multicall', params: [hash, '', ...PEER_FIELDS] },
      { methodName: 't.multicall', params: [hash, '', ...TRACKER_FIELDS] },
    ];
    const results = await this.results(calls, true);
    const failed = results.find((r) => !r.ok);
    if (failed && !failed.ok) {
      const outcome = this.failure(hash, failed.fault);
      if (outcome.notFound) throw new NotFoundException(outcome.error);
      throw new UpstreamError(this.service, 'status', outcome.error);
    }
    const [name, message, base, directory, multi, files, peers, trackers] = results.map((r) =>
      r.ok ? r.value : '',
    );
    return mapAnswer(this.service, () =>
      rtorrentDetail({
        hash: hash.toUpperCase(),
        name: asString(name, 'd.name'),
        multiFile: multi === 1,
        message: asString(message, 'd.message'),
        savePath: dataPath(asText(base), asText(directory), asText(name), multi === 1),
        files,
        peers,
        trackers,
      }),
    );
  }

  /** d.custom1.set per hash in one system.multicall, URI-encoded as ruTorrent stores labels. */
  async setLabel(hashes: readonly string[], label: string): Promise<HashOutcome[]> {
    return this.perHash(hashes, (hash) => [
      { methodName: 'd.custom1.set', params: [hash, encodeURIComponent(label)] },
    ]);
  }

  private async findByHash(hash: string): Promise<AddedTorrent | undefined> {
    const [name] = await this.results([{ methodName: 'd.name', params: [hash] }], true);
    return name.ok && typeof name.value === 'string' ? { hash, name: name.value } : undefined;
  }

  private async findByNonce(nonce: string): Promise<AddedTorrent | undefined> {
    const rows = await this.rpc(
      'd.multicall2',
      ['', 'main', 'd.hash=', 'd.name=', `d.custom=${ADD_TAG}`],
      true,
    );
    const row = Array.isArray(rows) ? rows.find((r) => Array.isArray(r) && r[2] === nonce) : undefined;
    return Array.isArray(row) ? { hash: asText(row[0]).toUpperCase(), name: asText(row[1]) } : undefined;
  }

  private async planRemovals(
    hashes: readonly string[],
  ): Promise<Array<{ hash: string; name: string; plan: DataPlan } | HashOutcome<RemoveOutcome>>> {
    const fields = ['d.base_path', 'd.directory', 'd.name', 'd.is_multi_file'];
    const calls: Call[] = [{ methodName: 'directory.default', params: [''] }];
    for (const hash of hashes) {
      calls.push(...fields.map((m) => ({ methodName: m, params: [hash] })));
      calls.push({ methodName: 'f.multicall', params: [hash, '', 'f.path='] });
    }
    const results = await this.results(calls, true);
    const dirResult = results[0];
    const downloadDir = dirResult.ok && typeof dirResult.value === 'string' ? dirResult.value : '';
    const view = await panelView(downloadDir, this.settings().download_dir);
    return Promise.all(
      hashes.map(async (hash, i) => {
        const mine = results.slice(1 + i * 5, 6 + i * 5);
        const failed = mine.find((r) => !r.ok);
        if (failed && !failed.ok) return this.failure(hash, failed.fault);
        const [base, directory, name, multi, files] = mine.map((r) => (r.ok ? r.value : ''));
        const multiFile = multi === 1;
        const basePath = dataPath(asText(base), asText(directory), asText(name), multiFile);
        const paths = Array.isArray(files) ? files.map((f) => (Array.isArray(f) ? asText(f[0]) : '')) : [];
        return {
          hash,
          name: asText(name),
          plan: await planDataRemoval({ downloadDir, basePath, multiFile, files: paths }, view),
        };
      }),
    );
  }

  /** One system.multicall (in chunks) of each hash's calls; the first fault of a hash is its outcome. */
  private async perHash(
    hashes: readonly string[],
    callsFor: (hash: string) => Call[],
  ): Promise<HashOutcome[]> {
    const out: HashOutcome[] = [];
    for (let i = 0; i < hashes.length; i += HASHES_PER_MULTICALL) {
      const chunk = hashes.slice(i, i + HASHES_PER_MULTICALL);
      const perHash = chunk.map(callsFor);
      const results = await this.results(perHash.flat(), false);
      let at = 0;
      chunk.forEach((hash, j) => {
        const mine = results.slice(at, at + perHash[j].length);
        at += perHash[j].length;
        const failed = mine.find((r) => !r.ok);
        out.push(failed && !failed.ok ? this.failure(hash, failed.fault) : { hash, ok: true });
      });
    }
    return out;
  }

  private failure(
    hash: string,
    fault: XmlRpcFault,
  ): { hash: string; ok: false; error: string; notFound: boolean } {
    const notFound = fault.code === NOT_FOUND_FAULT && /info-hash/i.test(fault.faultString);
    return {
      hash,
      ok: false,
      notFound,
      error: notFound
        ? `rTorrent has no torrent with hash ${hash}.`
        : `rTorrent refused it: ${fault.message}.`,
    };
  }

  /** system.multicall whose every member must succeed; a fault becomes the 502 sentence. */
  private async values(calls: Call[], retry = true): Promise<XmlRpcValue[]> {
    const results = await this.results(calls, retry);
    return results.map((r, i) => {
      if (r.ok) return r.value;
      throw new UpstreamError(
        this.service,
        'status',
        `rTorrent refused ${calls[i].methodName}: ${r.fault.message}.`,
      );
    });
  }

  private async results(calls: Call[], retry: boolean): Promise<MulticallResult[]> {
    const value = await this.rpc('system.multicall', [calls as unknown as XmlRpcArg], retry);
    return mapAnswer(this.service, () => multicallResults(value, calls.length));
  }

  /** One XML-RPC call; a fault of the whole call becomes a 502 sentence naming the method. */
  private async rpc(method: string, params: XmlRpcArg[], retry: boolean): Promise<XmlRpcValue> {
    const res = await this.transport.post(encodeCall(method, params), 'text/xml', retry);
    try {
      return await decodeResponse(res.data);
    } catch (err) {
      if (err instanceof XmlRpcFault) {
        throw new UpstreamError(
          this.service,
          'status',
          `rTorrent refused ${method}: ${err.message}.`,
          200,
          err.faultString,
        );
      }
      if (err instanceof UnexpectedAnswer)
        throw unexpectedAnswer(this.service, `not valid XML-RPC: ${err.detail}`);
      throw err;
    }
  }
}

/**
 * ruTorrent's throttle plugin writes its `$throttleMaxSpeed` (327,625 KiB/s) for "unlimited" into rTorrent
 * every time its page loads, so that value is unlimited too, as 0 is.
 */
export const RUTORRENT_UNLIMITED = 335_488_000;

function limitOf(maxRate: number): number | null {
  return maxRate === 0 || maxRate === RUTORRENT_UNLIMITED ? null : maxRate;
}
