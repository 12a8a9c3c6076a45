import type { RtorrentState, RtTorrent } from './rtorrent.state';
import { I4, RpcFault, type RpcValue } from './xmlrpc';

/** What a d.* command sees besides its download: the state, the clock and the global rate scale. */
export interface Ctx {
  state: RtorrentState;
  now: number;
  scale: { down: number; up: number };
}
export type DCommand = (ctx: Ctx, t: RtTorrent, args: RpcValue[]) => RpcValue;

const OK = new I4(0);
const done = (ctx: Ctx, t: RtTorrent) => t.transfer.doneAt(ctx.now);
const complete = (ctx: Ctx, t: RtTorrent) => (done(ctx, t) >= t.size ? 1 : 0);
const moving = (t: RtTorrent) => t.isActive === 1 && t.isOpen === 1;
const chunks = (bytes: number, t: RtTorrent) => Math.ceil(bytes / t.chunkSize);
const custom =
  (key: string): DCommand =>
  (_c, t) =>
    t.custom.get(key) ?? '';

/** Getters, all `<i8>` or `<string>` as rtorrent 0.9.8 returns them. */
const GETTERS: Record<string, DCommand> = {
  'd.hash': (_c, t) => t.hash,
  'd.name': (_c, t) => t.name,
  'd.size_bytes': (_c, t) => t.size,
  'd.completed_bytes': done,
  'd.bytes_done': done,
  'd.left_bytes': (c, t) => t.size - done(c, t),
  'd.up.rate': (c, t) => Math.floor(t.transfer.ratesAt(c.now).up * c.scale.up),
  'd.down.rate': (c, t) => Math.floor(t.transfer.ratesAt(c.now).down * c.scale.down),
  'd.up.total': (c, t) => t.transfer.uploadedAt(c.now),
  'd.down.total': (c, t) => done(c, t),
  // Per-mille, like d.ratio in rtorrent.
  'd.ratio': (c, t) => (done(c, t) > 0 ? Math.floor((t.transfer.uploadedAt(c.now) * 1000) / done(c, t)) : 0),
  'd.state': (_c, t) => t.state,
  'd.is_open': (_c, t) => t.isOpen,
  'd.is_active': (_c, t) => t.isActive,
  'd.complete': complete,
  'd.is_partially_done': complete,
  'd.is_hash_checking': (_c, t) => (t.hashing ? 1 : 0),
  'd.is_hash_checked': (_c, t) => (t.hashing === 0 && t.isOpen ? 1 : 0),
  'd.hashing': (_c, t) => t.hashing,
  'd.chunks_hashed': (c, t) => (t.hashing ? Math.floor(chunks(t.size, t) * 0.5) : 0),
  'd.custom1': custom('1'),
  'd.custom2': custom('2'),
  'd.custom3': custom('3'),
  'd.custom4': custom('4'),
  'd.custom5': custom('5'),
  'd.custom': (_c, t, args) => t.custom.get(typeof args[0] === 'string' ? args[0] : '') ?? '',
  'd.base_path': (_c, t) => t.basePath,
  'd.directory': (_c, t) => (t.multiFile ? `${t.directory}/${t.name}` : t.directory),
  'd.directory_base': (_c, t) => (t.multiFile ? `${t.directory}/${t.name}` : t.directory),
  'd.message': (_c, t) => t.message,
  'd.is_multi_file': (_c, t) => (t.multiFile ? 1 : 0),
  'd.is_private': () => 0,
  'd.creation_date': (_c, t) => t.creationDate,
  'd.load_date': (_c, t) => t.loadDate,
  'd.state_changed': (_c, t) => t.stateChanged,
  'd.timestamp.started': (_c, t) => t.loadDate,
  'd.timestamp.finished': (_c, t) => t.finishedAt,
  'd.peers_connected': (_c, t) => (moving(t) ? t.peers.connected + t.seeds.connected : 0),
  'd.peers_accounted': (_c, t) => (moving(t) ? t.peers.connected : 0),
  'd.peers_complete': (_c, t) => (moving(t) ? t.seeds.connected : 0),
  'd.peers_not_connected': (_c, t) => (moving(t) ? t.peers.swarm + t.seeds.swarm : 0),
  'd.tied_to_file': (_c, t) => t.tiedToFile,
  'd.size_chunks': (_c, t) => chunks(t.size, t),
  'd.completed_chunks': (c, t) => (complete(c, t) ? chunks(t.size, t) : Math.floor(done(c, t) / t.chunkSize)),
  'd.chunk_size': (_c, t) => t.chunkSize,
  'd.size_files': (_c, t) => t.files.length,
  'd.priority': (_c, t) => t.priority,
  'd.skip.total': () => 0,
  'd.tracker_size': (_c, t) => t.trackers.length,
  'd.free_diskspace': () => 1_800_000_000_000,
  'd.throttle_name': (_c, t) => t.custom.get('throttle_name') ?? '',
};

function stringArg(args: RpcValue[]): string {
  const value = args[0];
  if (value === undefined || (typeof value !== 'string' && typeof value !== 'number')) {
    throw new RpcFault(-503, 'Wrong object type.');
  }
  return String(value);
}

function intArg(args: RpcValue[]): number {
  const value = args[0];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  if (typeof value === 'string') throw new RpcFault(-503, 'Not a value.');
  throw new RpcFault(-503, 'Wrong object type.');
}

// d.customN.set answers with the value it stored (verified on 0.9.8); other setters with <i4>0.
const setCustom =
  (key: string): DCommand =>
  (_c, t, args) => {
    const value = stringArg(args);
    t.custom.set(key, value);
    return value;
  };

/**
 * The state machine recorded on rtorrent 0.9.8 (d.state, d.is_open, d.is_active after each command, by
 * probing the peer): start only acts on a stopped item; resume on a closed item opens it and is active
 * only if started; resume on an open item is active whatever the state ("inconsistent; avoid").
 */
const ACTIONS: Record<string, (ctx: Ctx, t: RtTorrent) => void> = {
  'd.start': (c, t) => {
    if (t.state === 1) return;
    Object.assign(t, { state: 1, isOpen: 1, isActive: 1 });
    if (!t.basePath) t.basePath = `${t.directory}/${t.name}`;
  },
  'd.stop': (_c, t) => Object.assign(t, { state: 0, isActive: 0 }),
  'd.pause': (_c, t) => Object.assign(t, { isActive: 0 }),
  'd.resume': (_c, t) => {
    if (t.isOpen === 0) Object.assign(t, { isOpen: 1, isActive: t.state });
    else t.isActive = 1;
  },
  'd.open': (_c, t) => {
    t.isOpen = 1;
    if (!t.basePath) t.basePath = `${t.directory}/${t.name}`;
  },
  'd.close': (_c, t) => Object.assign(t, { isOpen: 0, isActive: 0 }),
  'd.check_hash': (c, t) => {
    t.isOpen = 1;
    t.hashing = 3;
    t.checkUntil = c.now + Math.min(60_000, Math.max(1000, t.size / 400_000));
  },
};

const SETTERS: Record<string, DCommand> = {
  'd.custom1.set': setCustom('1'),
  'd.custom2.set': setCustom('2'),
  'd.custom3.set': setCustom('3'),
  'd.custom4.set': setCustom('4'),
  'd.custom5.set': setCustom('5'),
  'd.custom.set': (_c, t, args) => {
    t.custom.set(stringArg(args), stringArg(args.slice(1)));
    return OK;
  },
  'd.throttle_name.set': (_c, t, args) => {
    t.custom.set('throttle_name', stringArg(args));
    return OK;
  },
  'd.directory.set': (_c, t, args) => {
    t.directory = stringArg(args).replace(/\/+$/, '');
    if (t.basePath) t.basePath = `${t.directory}/${t.name}`;
    return OK;
  },
  'd.directory_base.set': (_c, t, args) => {
    const base = stringArg(args).replace(/\/+$/, '');
    t.directory = t.multiFile ? base.slice(0, base.lastIndexOf('/')) : base;
    return OK;
  },
  'd.priority.set': (_c, t, args) => {
    t.priority = Math.max(0, Math.min(3, intArg(args)));
    return OK;
  },
  'd.views.push_back_unique': () => OK,
  'd.delete_tied': (c, t) => {
    if (t.tiedToFile) c.state.deletedTiedFiles.push(t.tiedToFile);
    t.tiedToFile = '';
    return OK;
  },
  'd.erase': (c, t) => {
    c.state.erase(t, c.now);
    return OK;
  },
};
for (const [name, act] of Object.entries(ACTIONS)) {
  SETTERS[name] = (c, t) => {
    act(c, t);
    c.state.sync(t, c.now);
    return OK;
  };
}

/** Every d.* command by name. */
export const D_COMMANDS: Record<string, DCommand> = { ...GETTERS, ...SETTERS };
export { intArg, stringArg };
