import { existsSync, readFileSync, statSync } from 'node:fs';
import { hashOfUrl, nameFromUrl, parseMagnet, parseTorrentFile, type TorrentMeta } from '../torrents';
import { FIELDS, torrentFields } from './transmission.fields';
import { TrStatus, type TransmissionState, type TrTorrent } from './transmission.state';

/** What a method answers: `result` ("success" or the daemon's sentence) and `arguments`. */
export interface MethodAnswer {
  result: string;
  arguments: Record<string, unknown>;
}
type Args = Record<string, unknown>;
type Method = (state: TransmissionState, args: Args, emptyLists: boolean) => MethodAnswer;

const ok = (args: Record<string, unknown> = {}): MethodAnswer => ({ result: 'success', arguments: args });
const fail = (result: string): MethodAnswer => ({ result, arguments: {} });

/** RPC 16 as Transmission 3.00 announces it. */
export const TRANSMISSION_VERSION = '3.00 (bb6b5a062e)';
export const RPC_VERSION = 16;

/**
 * `ids`: absent = every torrent; a number or an array of numbers and hash strings; "recently-active".
 * Unknown ids are skipped without a word (3.00 answers "success" for them).
 */
function select(state: TransmissionState, ids: unknown): TrTorrent[] {
  if (ids === undefined || ids === 'recently-active') return state.all();
  const list = Array.isArray(ids) ? ids : [ids];
  const out: TrTorrent[] = [];
  for (const id of list) {
    const t = state.find(id);
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/** tr_variantGetInt: an integer, or a boolean as 0/1; a fractional number is ignored. */
function int(v: unknown): number | undefined {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}

/** tr_variantGetBool: a boolean, 0/1, or "true"/"false". */
function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 0 || v === 1) return v === 1;
  if (v === 'true' || v === 'false') return v === 'true';
  return undefined;
}

function sessionValues(state: TransmissionState): Record<string, unknown> {
  const s = state.session;
  return {
    'alt-speed-down': s.altSpeedDown,
    'alt-speed-enabled': s.altSpeedEnabled,
    'alt-speed-up': s.altSpeedUp,
    'dht-enabled': false,
    'download-dir': s.downloadDir,
    'download-queue-enabled': true,
    'download-queue-size': 5,
    'lpd-enabled': false,
    'peer-port': 51413,
    'pex-enabled': false,
    'port-forwarding-enabled': false,
    'rpc-version': RPC_VERSION,
    'rpc-version-minimum': 1,
    'speed-limit-down': s.speedLimitDown,
    'speed-limit-down-enabled': s.speedLimitDownEnabled,
    'speed-limit-up': s.speedLimitUp,
    'speed-limit-up-enabled': s.speedLimitUpEnabled,
    'start-added-torrents': s.startAddedTorrents,
    units: {
      'memory-bytes': 1024,
      'memory-units': ['KiB', 'MiB', 'GiB', 'TiB'],
      'size-bytes': 1000,
      'size-units': ['kB', 'MB', 'GB', 'TB'],
      'speed-bytes': 1000,
      'speed-units': ['kB/s', 'MB/s', 'GB/s', 'TB/s'],
    },
    'utp-enabled': false,
    version: TRANSMISSION_VERSION,
  };
}

const sessionGet: Method = (state, args) => {
  const all = sessionValues(state);
  const fields = Array.isArray(args.fields) ? args.fields.filter((f) => typeof f === 'string') : [];
  if (!fields.length) return ok(all);
  return ok(Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]])));
};

const sessionSet: Method = (state, args) => {
  const s = state.session;
  const n = (key: string) => int(args[key]);
  const b = (key: string) => bool(args[key]);
  s.speedLimitDown = n('speed-limit-down') ?? s.speedLimitDown;
  s.speedLimitUp = n('speed-limit-up') ?? s.speedLimitUp;
  s.speedLimitDownEnabled = b('speed-limit-down-enabled') ?? s.speedLimitDownEnabled;
  s.speedLimitUpEnabled = b('speed-limit-up-enabled') ?? s.speedLimitUpEnabled;
  s.altSpeedDown = n('alt-speed-down') ?? s.altSpeedDown;
  s.altSpeedUp = n('alt-speed-up') ?? s.altSpeedUp;
  s.altSpeedEnabled = b('alt-speed-enabled') ?? s.altSpeedEnabled;
  if (typeof args['download-dir'] === 'string') s.downloadDir = args['download-dir'];
  s.startAddedTorrents = b('start-added-torrents') ?? s.startAddedTorrents;
  return ok();
};

const sessionStats: Method = (state) => {
  const now = state.now();
  let down = 0;
  let up = 0;
  let active = 0;
  let paused = 0;
  const all = state.all(now);
  for (const t of all) {
    const status = state.status(t, now);
    if (status === TrStatus.STOPPED) paused++;
    const rates = { down: FIELDS.rateDownload(t, now, state), up: FIELDS.rateUpload(t, now, state) };
    down += rates.down as number;
    up += rates.up as number;
    if ((rates.down as number) + (rates.up as number) > 0) active++;
  }
  const stats = { downloadedBytes: 0, filesAdded: 0, secondsActive: 60, sessionCount: 1, uploadedBytes: 0 };
  return ok({
    activeTorrentCount: active,
    'cumulative-stats': stats,
    'current-stats': stats,
    downloadSpeed: down,
    pausedTorrentCount: paused,
    torrentCount: all.length,
    uploadSpeed: up,
  });
};

const torrentGet: Method = (state, args, empty) => {
  const fields = Array.isArray(args.fields) ? args.fields.filter((f) => typeof f === 'string') : [];
  if (!fields.length) return { result: 'no fields specified', arguments: { torrents: [] } };
  const now = state.now();
  const torrents = empty ? [] : select(state, args.ids).map((t) => torrentFields(t, fields, now, state));
  return ok(args.ids === 'recently-active' ? { removed: [...state.removedIds], torrents } : { torrents });
};

/** What `filename` names: a magnet link, an http(s) URL (not fetched: made up from the URL), or a path. */
function fromFilename(filename: string): { meta?: TorrentMeta; magnet: boolean } {
  const magnet = parseMagnet(filename);
  if (magnet) {
    const name = magnet.name ?? magnet.hash.toLowerCase();
    return {
      magnet: true,
      meta: { hash: magnet.hash, name, size: 0, multiFile: false, files: [], pieceLength: 0, announce: '' },
    };
  }
  if (/^https?:\/\//i.test(filename)) {
    const name = nameFromUrl(filename);
    const size = (parseInt(hashOfUrl(filename).slice(0, 8), 16) % 8192) * 1048576 + 104857600;
    return {
      magnet: false,
      meta: {
        hash: hashOfUrl(filename),
        name,
        size,
        multiFile: false,
        files: [{ path: name, size }],
        pieceLength: 0,
        announce: '',
      },
    };
  }
  // A path on "the daemon's host": here, this machine.
  return { magnet: false, meta: existsSync(filename) ? parseTorrentFile(readFileSync(filename)) : undefined };
}

const torrentAdd: Method = (state, args) => {
  let meta: TorrentMeta | undefined;
  let magnet = false;
  if (typeof args.metainfo === 'string') {
    meta = parseTorrentFile(Buffer.from(args.metainfo, 'base64'));
  } else if (typeof args.filename === 'string') {
    ({ meta, magnet } = fromFilename(args.filename));
  } else {
    return fail('no filename or metainfo specified');
  }
  if (!meta) return fail('invalid or corrupt torrent file');
  const existing = state.find(meta.hash);
  if (existing) {
    return ok({
      'torrent-duplicate': { hashString: existing.hashString, id: existing.id, name: existing.name },
    });
  }
  const paused = bool(args.paused) ?? !state.session.startAddedTorrents;
  // 3.00's torrent-add takes no `labels`: they are set afterwards with torrent-set.
  const t = state.add(
    state.added({
      hash: meta.hash,
      name: meta.name,
      files: meta.multiFile ? meta.files.map((f) => ({ ...f, path: `${meta.name}/${f.path}` })) : meta.files,
      hasMetadata: !magnet,
      trackers: meta.announce ? [meta.announce] : [],
      paused,
      downloadDir: typeof args['download-dir'] === 'string' ? args['download-dir'] : undefined,
    }),
  );
  const found = bytesOnDisk(t);
  t.transfer.done = found;
  return ok({ 'torrent-added': { hashString: t.hashString, id: t.id, name: t.name } });
};

/** Data already in the download directory counts once verified (checked here by size only). */
function bytesOnDisk(t: TrTorrent): number {
  let found = 0;
  for (const f of t.files) {
    try {
      if (statSync(`${t.downloadDir}/${f.name}`).size === f.length) found += f.length;
    } catch {
      // missing: still to download
    }
  }
  return found;
}

const running =
  (run: boolean): Method =>
  (state, args) => {
    for (const t of select(state, args.ids)) state.setRunning(t, run);
    return ok();
  };

const torrentRemove: Method = (state, args) => {
  const withData = bool(args['delete-local-data']) ?? false;
  for (const t of select(state, args.ids)) {
    state.remove(t.hashString);
    if (withData) state.deletedData.push(t.hashString.toUpperCase());
  }
  return ok();
};

const torrentVerify: Method = (state, args) => {
  const now = state.now();
  for (const t of select(state, args.ids)) {
    t.transfer.setActive(now, false);
    t.checkUntil = now + 5000;
  }
  return ok();
};

function fileIndexes(v: unknown): number[] {
  return Array.isArray(v) ? v.filter((i): i is number => typeof i === 'number') : [];
}

const torrentSet: Method = (state, args) => {
  const labels = args.labels;
  if (labels !== undefined) {
    if (!Array.isArray(labels) || labels.some((l) => typeof l !== 'string'))
      return fail('labels must be strings');
    if (labels.some((l: string) => l.includes(','))) return fail('labels cannot contain comma (,) character');
  }
  for (const t of select(state, args.ids)) {
    if (Array.isArray(labels))
      t.labels = [...new Set((labels as string[]).map((l) => l.trim()).filter(Boolean))];
    t.downloadLimit = int(args.downloadLimit) ?? t.downloadLimit;
    t.downloadLimited = bool(args.downloadLimited) ?? t.downloadLimited;
    t.uploadLimit = int(args.uploadLimit) ?? t.uploadLimit;
    t.uploadLimited = bool(args.uploadLimited) ?? t.uploadLimited;
    const files = (key: string, apply: (f: TrTorrent['files'][number]) => void) => {
      const list = fileIndexes(args[key]);
      // An empty list means every file.
      (list.length || !Array.isArray(args[key]) ? list.map((i) => t.files[i]) : t.files).forEach(
        (f) => f && apply(f),
      );
    };
    if (args['files-wanted'] !== undefined) files('files-wanted', (f) => (f.wanted = true));
    if (args['files-unwanted'] !== undefined) files('files-unwanted', (f) => (f.wanted = false));
    if (args['priority-high'] !== undefined) files('priority-high', (f) => (f.priority = 1));
    if (args['priority-normal'] !== undefined) files('priority-normal', (f) => (f.priority = 0));
    if (args['priority-low'] !== undefined) files('priority-low', (f) => (f.priority = -1));
  }
  return ok();
};

/** Every method the simulator knows; another name answers "method name not recognized". */
export const METHODS: Record<string, Method> = {
  'session-get': sessionGet,
  'session-set': sessionSet,
  'session-stats': sessionStats,
  'torrent-get': torrentGet,
  'torrent-add': torrentAdd,
  'torrent-start': running(true),
  'torrent-start-now': running(true),
  'torrent-stop': running(false),
  'torrent-remove': torrentRemove,
  'torrent-verify': torrentVerify,
  'torrent-reannounce': (_state, _args) => ok(),
  'torrent-set': torrentSet,
};
