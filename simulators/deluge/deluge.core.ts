import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { hashOfUrl, nameFromUrl, parseMagnet, parseTorrentFile, type TorrentMeta } from '../torrents';
import { daemonError, labelError, unknownTorrentKey, wrappedError } from './deluge.errors';
import { LABEL_PATTERN, type DelugeState, type DeTorrent } from './deluge.state';
import { torrentStatus, trackerHost } from './deluge.status';

export const DELUGE_VERSION = '2.0.3';
export const LIBTORRENT_VERSION = '2.0.8.0';

type Params = unknown[];
/** A daemon method: its Python class and positional parameter names (for arity errors) and its body. */
interface RemoteMethod {
  owner: 'Core' | 'Daemon';
  args: string[];
  /** How many of `args` have defaults. */
  optional?: number;
  run: (state: DelugeState, params: Params, emptyLists: boolean) => unknown;
}

/** The daemon's methods as web.connect lists them for deluged 2.0.3 with the Label plugin enabled. */
export const REMOTE_METHOD_NAMES = [
  'core.add_torrent_file',
  'core.add_torrent_file_async',
  'core.add_torrent_files',
  'core.add_torrent_magnet',
  'core.add_torrent_url',
  'core.connect_peer',
  'core.create_account',
  'core.create_torrent',
  'core.disable_plugin',
  'core.enable_plugin',
  'core.force_reannounce',
  'core.force_recheck',
  'core.get_auth_levels_mappings',
  'core.get_available_plugins',
  'core.get_completion_paths',
  'core.get_config',
  'core.get_config_value',
  'core.get_config_values',
  'core.get_enabled_plugins',
  'core.get_external_ip',
  'core.get_filter_tree',
  'core.get_free_space',
  'core.get_known_accounts',
  'core.get_libtorrent_version',
  'core.get_listen_port',
  'core.get_path_size',
  'core.get_proxy',
  'core.get_session_state',
  'core.get_session_status',
  'core.get_torrent_status',
  'core.get_torrents_status',
  'core.glob',
  'core.is_session_paused',
  'core.move_storage',
  'core.pause_session',
  'core.pause_torrent',
  'core.pause_torrents',
  'core.prefetch_magnet_metadata',
  'core.queue_bottom',
  'core.queue_down',
  'core.queue_top',
  'core.queue_up',
  'core.remove_account',
  'core.remove_torrent',
  'core.remove_torrents',
  'core.rename_files',
  'core.rename_folder',
  'core.rescan_plugins',
  'core.resume_session',
  'core.resume_torrent',
  'core.resume_torrents',
  'core.set_config',
  'core.set_torrent_auto_managed',
  'core.set_torrent_file_priorities',
  'core.set_torrent_max_connections',
  'core.set_torrent_max_download_speed',
  'core.set_torrent_max_upload_slots',
  'core.set_torrent_max_upload_speed',
  'core.set_torrent_move_completed',
  'core.set_torrent_move_completed_path',
  'core.set_torrent_options',
  'core.set_torrent_prioritize_first_last',
  'core.set_torrent_remove_at_ratio',
  'core.set_torrent_stop_at_ratio',
  'core.set_torrent_stop_ratio',
  'core.set_torrent_trackers',
  'core.test_listen_port',
  'core.update_account',
  'core.upload_plugin',
  'daemon.authorized_call',
  'daemon.get_method_list',
  'daemon.get_version',
  'daemon.shutdown',
  'label.add',
  'label.get_config',
  'label.get_labels',
  'label.get_options',
  'label.remove',
  'label.set_config',
  'label.set_options',
  'label.set_torrent',
];

const isDict = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);
const options = (v: unknown): Record<string, unknown> => (isDict(v) ? v : {});
/** A Python "string or list of strings" argument. */
const ids = (v: unknown): unknown[] => (typeof v === 'string' ? [v] : Array.isArray(v) ? v : []);

function select(state: DelugeState, filter: unknown, emptyLists: boolean): DeTorrent[] {
  if (emptyLists) return [];
  const now = state.now();
  const f: Record<string, unknown[]> = {};
  for (const [key, value] of Object.entries(options(filter))) f[key] = ids(value);
  let list = f.id ? f.id.map((id) => state.find(id, now)).filter((t): t is DeTorrent => !!t) : state.all(now);
  for (const [key, values] of Object.entries(f)) {
    if (key === 'id') continue;
    const wanted = key === 'state' ? values.filter((v) => v !== 'Active') : values;
    if (key === 'state' && values.includes('Active'))
      list = list.filter((t) => {
        const r = t.transfer.ratesAt(now);
        return ['Downloading', 'Seeding'].includes(state.stateOf(t, now)) && r.down + r.up > 0;
      });
    if (key === 'state' && !wanted.length) continue;
    list = list.filter((t) => wanted.includes(torrentStatus(t, [key], now, state)[key]));
  }
  return list;
}

function statuses(state: DelugeState, list: DeTorrent[], keys: unknown): Record<string, unknown> {
  const now = state.now();
  const wanted = Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
  return Object.fromEntries(list.map((t) => [t.hash, torrentStatus(t, wanted, now, state)]));
}

function addMeta(
  state: DelugeState,
  meta: TorrentMeta,
  opts: Record<string, unknown>,
  magnet: boolean,
): string {
  const hash = meta.hash.toLowerCase();
  if (state.torrents.has(hash)) throw daemonError('AddTorrentError', `Torrent already in session (${hash}).`);
  const files = meta.multiFile
    ? meta.files.map((f) => ({ ...f, path: `${meta.name}/${f.path}` }))
    : meta.files;
  const paused = typeof opts.add_paused === 'boolean' ? opts.add_paused : state.config.add_paused;
  const t = state.put(
    state.added({
      hash,
      name: meta.name,
      files,
      hasMetadata: !magnet,
      trackers: meta.announce ? [meta.announce] : [],
      paused,
      savePath: typeof opts.download_location === 'string' ? opts.download_location : undefined,
    }),
  );
  if (!magnet) foundOnDisk(state, t);
  return hash;
}

/**
 * Data already under the save path is found by the check that follows an add (here by size only): the
 * torrent then seeds, as the real daemon does after "Checking".
 */
function foundOnDisk(state: DelugeState, t: DeTorrent): void {
  const found = t.files.every((f) => {
    try {
      return statSync(join(t.savePath, f.path)).size === f.size;
    } catch {
      return false;
    }
  });
  if (!found || !t.files.length) return;
  t.transfer.done = t.transfer.size;
  t.completedTime = Math.floor(state.now() / 1000);
}

function addFile(state: DelugeState, params: Params): string {
  const b64 = typeof params[1] === 'string' ? params[1] : '';
  // Python's b64decode refuses characters outside the alphabet; the core then has no torrent info at all.
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 === 1)
    throw daemonError('AddTorrentError', 'You must specify a valid torrent_info, torrent state or magnet.');
  const meta = parseTorrentFile(Buffer.from(b64, 'base64'));
  if (!meta)
    throw daemonError(
      'AddTorrentError',
      'Unable to add torrent, decoding filedump failed: expected value (list, dict, int or string) in bencoded string',
    );
  return addMeta(state, meta, options(params[2]), false);
}

function addMagnet(state: DelugeState, params: Params): string {
  const uri = String(params[0]);
  const magnet = parseMagnet(uri);
  if (!magnet) throw daemonError('AddTorrentError', `Unable to add magnet, invalid magnet info: ${uri}`);
  const meta = { hash: magnet.hash, name: magnet.name ?? magnet.hash.toLowerCase(), size: 0 };
  return addMeta(
    state,
    { ...meta, multiFile: false, files: [], pieceLength: 0, announce: '' },
    options(params[1]),
    true,
  );
}

/** The simulator fetches nothing: an http(s) URL becomes a made-up torrent named after its last segment. */
function addUrl(state: DelugeState, params: Params): string {
  const url = String(params[0]);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  if (!scheme || !/^https?$/i.test(scheme))
    throw wrappedError(
      'twisted.web.error.SchemeNotSupported',
      `Unsupported scheme: b'${scheme ?? ''}'`,
      'on_fail',
    );
  const name = nameFromUrl(url);
  const size = (parseInt(hashOfUrl(url).slice(0, 8), 16) % 8192) * 1048576 + 104857600;
  const meta = { hash: hashOfUrl(url), name, size, multiFile: false, files: [{ path: name, size }] };
  return addMeta(state, { ...meta, pieceLength: 262144, announce: '' }, options(params[1]), false);
}

function remove(state: DelugeState, id: unknown, withData: boolean): void {
  const t = state.find(id);
  if (!t) throw daemonError('InvalidTorrentError', `torrent_id ${String(id)} not in session.`);
  state.torrents.delete(t.hash);
  if (withData) {
    state.deletedData.push(t.hash);
    // Like libtorrent's delete_files: the torrent's own files (and folder) under its save path only.
    const top = new Set(t.files.map((f) => f.path.split('/')[0]));
    for (const entry of top) rmSync(join(t.savePath, entry), { recursive: true, force: true });
  }
}

/** pause_torrent/resume_torrent take one id or a list; an empty or missing list means EVERY torrent. */
function setPaused(state: DelugeState, value: unknown, paused: boolean): null {
  const list = ids(value);
  const targets = list.length ? list.map((id) => state.find(id) ?? id) : state.all();
  for (const t of targets) {
    if (typeof t !== 'object') throw unknownTorrentKey(t);
    state.setPaused(t as DeTorrent, paused);
  }
  return null;
}

function labelAdd(state: DelugeState, params: Params): null {
  const label = String(params[0]).toLowerCase();
  if (!LABEL_PATTERN.test(label)) throw labelError('Invalid label, valid characters:[a-z0-9_-]');
  if (state.labels.has(label)) throw labelError('Label already exists');
  state.labels.add(label);
  return null;
}

function labelSetTorrent(state: DelugeState, params: Params): null {
  // Unlike label.add, set_torrent does not lower-case: "Movies" is an unknown label.
  const label = params[1] === 'No Label' || typeof params[1] !== 'string' ? '' : params[1];
  if (label && !state.labels.has(label)) throw labelError('Unknown Label');
  const t = state.find(params[0]);
  if (!t) throw labelError('Unknown Torrent');
  t.label = label;
  return null;
}

function setConfig(state: DelugeState, params: Params): null {
  for (const [key, value] of Object.entries(options(params[0]))) {
    // core.conf keeps the speed limits as floats whatever number is sent.
    if ((key === 'max_download_speed' || key === 'max_upload_speed') && typeof value !== 'number') continue;
    state.config[key] = value;
  }
  return null;
}

function setTorrentOptions(state: DelugeState, params: Params): null {
  const opts = options(params[1]);
  for (const id of ids(params[0])) {
    const t = state.find(id);
    if (!t) throw unknownTorrentKey(id);
    if (typeof opts.max_download_speed === 'number') t.maxDownloadSpeed = opts.max_download_speed;
    if (typeof opts.max_upload_speed === 'number') t.maxUploadSpeed = opts.max_upload_speed;
    if (Array.isArray(opts.file_priorities))
      t.filePriorities = t.filePriorities.map((p, i) => {
        const v = (opts.file_priorities as unknown[])[i];
        return typeof v === 'number' ? v : p;
      });
  }
  return null;
}

function filterTree(state: DelugeState): Record<string, [string, number][]> {
  const now = state.now();
  const all = state.all(now);
  const count = (fn: (t: DeTorrent) => boolean) => all.filter(fn).length;
  const states = ['Allocating', 'Checking', 'Downloading', 'Seeding', 'Paused', 'Error', 'Queued', 'Moving'];
  const active = select(state, { state: 'Active' }, false).length;
  const hosts = [...new Set(all.map(trackerHost))].sort();
  return {
    state: [
      ['All', all.length],
      ['Active', active],
      ...states.map((s): [string, number] => [s, count((t) => state.stateOf(t, now) === s)]),
    ],
    tracker_host: [
      ...hosts.map((h): [string, number] => [h, count((t) => trackerHost(t) === h)]),
      ['All', all.length],
      ['Error', count((t) => t.trackerStatus.startsWith('Error'))],
    ],
    owner: [
      ['', 0],
      ['localclient', all.length],
    ],
    label: [
      ['All', all.length],
      ...[...state.labels].sort().map((l): [string, number] => [l, count((t) => t.label === l)]),
    ],
  };
}

function sessionStatus(state: DelugeState, keys: unknown): Record<string, number> {
  const now = state.now();
  let down = 0;
  let up = 0;
  for (const t of state.all(now)) {
    const s = state.stateOf(t, now);
    if (s !== 'Downloading' && s !== 'Seeding') continue;
    const r = t.transfer.ratesAt(now);
    down += r.down;
    up += r.up;
  }
  const all: Record<string, number> = {
    num_peers: 0,
    payload_download_rate: down,
    payload_upload_rate: up,
    download_rate: down,
    upload_rate: up,
    dht_nodes: 0,
    has_incoming_connections: 0,
  };
  const wanted = Array.isArray(keys) ? keys.filter((k): k is string => typeof k === 'string') : [];
  return Object.fromEntries(wanted.map((k) => [k, all[k] ?? 0]));
}

const core = (args: string[], run: RemoteMethod['run'], optional = 0): RemoteMethod => ({
  owner: 'Core',
  args,
  optional,
  run,
});

/** What the simulator implements; another listed name answers a WrappedException NotImplementedError. */
export const REMOTE_METHODS: Record<string, RemoteMethod> = {
  'core.get_torrents_status': core(
    ['filter_dict', 'keys', 'diff'],
    (s, p, empty) => statuses(s, select(s, p[0], empty), p[1]),
    1,
  ),
  'core.get_torrent_status': core(
    ['torrent_id', 'keys', 'diff'],
    (s, p) => {
      const t = s.find(p[0]);
      return t ? torrentStatus(t, Array.isArray(p[1]) ? (p[1] as string[]) : [], s.now(), s) : {};
    },
    1,
  ),
  'core.add_torrent_file': core(['filename', 'filedump', 'options'], addFile),
  'core.add_torrent_file_async': core(['filename', 'filedump', 'options', 'save_state'], addFile, 1),
  'core.add_torrent_magnet': core(['uri', 'options'], addMagnet),
  'core.add_torrent_url': core(['url', 'options', 'headers'], addUrl, 1),
  'core.remove_torrent': core(['torrent_id', 'remove_data'], (s, p) => {
    remove(s, p[0], p[1] === true);
    return true;
  }),
  'core.remove_torrents': core(['torrent_ids', 'remove_data'], (s, p) => {
    const errors: [unknown, string][] = [];
    for (const id of ids(p[0])) {
      try {
        remove(s, id, p[1] === true);
      } catch {
        errors.push([id, `torrent_id ${String(id)} not in session.`]);
      }
    }
    return errors;
  }),
  'core.pause_torrent': core(['torrent_id'], (s, p) => setPaused(s, p[0], true)),
  'core.pause_torrents': core(['torrent_ids'], (s, p) => setPaused(s, p[0], true), 1),
  'core.resume_torrent': core(['torrent_id'], (s, p) => setPaused(s, p[0], false)),
  'core.resume_torrents': core(['torrent_ids'], (s, p) => setPaused(s, p[0], false), 1),
  'core.force_recheck': core(['torrent_ids'], (s, p) => {
    for (const id of ids(p[0])) {
      const t = s.find(id);
      if (!t) throw unknownTorrentKey(id);
      t.checkUntil = s.now() + 30_000;
      t.transfer.setActive(s.now(), false);
    }
    return null;
  }),
  'core.set_torrent_options': core(['torrent_ids', 'options'], setTorrentOptions),
  'core.get_config': core([], (s) => ({ ...s.config })),
  'core.get_config_value': core(['key'], (s, p) => s.config[String(p[0])] ?? null),
  'core.get_config_values': core(['keys'], (s, p) =>
    Object.fromEntries(ids(p[0]).map((k) => [String(k), s.config[String(k)] ?? null])),
  ),
  'core.set_config': core(['config'], setConfig),
  'core.get_session_status': core(['keys'], (s, p) => sessionStatus(s, p[0])),
  'core.get_filter_tree': core(['show_zero_hits', 'hide_cat'], (s) => filterTree(s), 2),
  'core.get_free_space': core(['path'], () => 82_062_815_232, 1),
  'core.get_external_ip': core([], () => null),
  'core.get_enabled_plugins': core([], () => ['Label']),
  'core.get_libtorrent_version': core([], () => LIBTORRENT_VERSION),
  'core.get_listen_port': core([], (s) => (s.config.listen_ports as number[])[0]),
  'core.is_session_paused': core([], () => false),
  'daemon.get_version': { owner: 'Daemon', args: [], run: () => DELUGE_VERSION },
  'daemon.get_method_list': { owner: 'Daemon', args: [], run: () => [...REMOTE_METHOD_NAMES] },
  'label.get_labels': core([], (s) => [...s.labels].sort()),
  'label.add': core(['label_id'], labelAdd),
  'label.remove': core(['label_id'], (s, p) => {
    const label = String(p[0]);
    if (!s.labels.has(label)) throw labelError('Unknown Label');
    s.labels.delete(label);
    for (const t of s.torrents.values()) if (t.label === label) t.label = '';
    return null;
  }),
  'label.set_torrent': core(['torrent_id', 'label_id'], labelSetTorrent),
};

/** Runs a daemon method as deluged's RPC server does: arity first (a TypeError), then the body. */
export function callRemote(state: DelugeState, name: string, params: Params, emptyLists: boolean): unknown {
  const method = REMOTE_METHODS[name];
  if (!method) throw wrappedError('NotImplementedError', `the simulator does not implement ${name}`);
  const required = method.args.length - (method.optional ?? 0);
  const fn = `${method.owner}.${name.split('.')[1]}()`;
  if (params.length < required) {
    const missing = method.args.slice(params.length, required).map((a) => `'${a}'`);
    const list = missing.length > 1 ? `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}` : missing[0];
    const noun = missing.length > 1 ? 'arguments' : 'argument';
    throw wrappedError('TypeError', `${fn} missing ${missing.length} required positional ${noun}: ${list}`);
  }
  if (params.length > method.args.length)
    throw wrappedError(
      'TypeError',
      `${fn} takes ${method.args.length + 1} positional arguments but ${params.length + 1} were given`,
    );
  return method.run(state, params, emptyLists);
}
