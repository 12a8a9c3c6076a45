import type { Ctx } from './rtorrent.commands';
import type { RtTorrent } from './rtorrent.state';
import { compileFields } from './rtorrent.views';
import { RpcFault, type RpcValue } from './xmlrpc';

type FileRow = { t: RtTorrent; index: number };
type Sub<T> = (ctx: Ctx, item: T, args: RpcValue[]) => RpcValue;

function fileDone(ctx: Ctx, { t, index }: FileRow): number {
  let left = t.transfer.doneAt(ctx.now);
  for (let i = 0; i < index; i++) left -= t.files[i].size;
  return Math.max(0, Math.min(t.files[index].size, left));
}

const relative = ({ t, index }: FileRow) =>
  t.multiFile ? t.files[index].path.split('/').slice(1).join('/') : t.name;

/** f.* columns of `f.multicall(hash, "", …)`. */
const FILES: Record<string, Sub<FileRow>> = {
  'f.path': (_c, f) => relative(f),
  'f.frozen_path': (_c, f) =>
    f.t.basePath ? `${f.t.basePath}${f.t.multiFile ? `/${relative(f)}` : ''}` : '',
  'f.size_bytes': (_c, f) => f.t.files[f.index].size,
  'f.size_chunks': (_c, f) => Math.ceil(f.t.files[f.index].size / f.t.chunkSize),
  'f.completed_chunks': (c, f) => Math.ceil(fileDone(c, f) / f.t.chunkSize),
  'f.priority': (_c, f) => f.t.files[f.index].priority,
};

type TrackerRow = { t: RtTorrent; index: number };

/**
 * What announcing did to a tracker: the first one is contacted once the item was started in this
 * session (rtorrent moves the tracker that answered to the front of its tier); the others are never
 * contacted while it answers. A "Tracker: [...]" d.message is that tracker's failure.
 */
function contact({ t, index }: TrackerRow): { success: number; failed: number } {
  if (index > 0 || (t.state === 0 && t.isOpen === 0)) return { success: 0, failed: 0 };
  return t.message.startsWith('Tracker:') ? { success: 0, failed: 1 } : { success: 1, failed: 0 };
}

/** rtorrent learns swarm counts only from an answer that carries them (complete/incomplete). */
const counted = (row: TrackerRow) => contact(row).success > 0 && row.t.seeds.swarm + row.t.peers.swarm > 0;

/** t.* columns of `t.multicall(hash, "", …)`. */
const TRACKERS: Record<string, Sub<TrackerRow>> = {
  't.url': (_c, r) => r.t.trackers[r.index],
  't.is_enabled': () => 1,
  't.is_busy': () => 0,
  't.is_open': () => 0,
  't.is_usable': () => 1,
  't.is_extra_tracker': () => 0,
  't.can_scrape': (_c, r) => (r.t.trackers[r.index].startsWith('http') ? 1 : 0),
  't.type': (_c, r) => (r.t.trackers[r.index].startsWith('udp:') ? 2 : 1),
  't.group': (_c, r) => r.index,
  't.success_counter': (_c, r) => contact(r).success,
  't.failed_counter': (_c, r) => contact(r).failed,
  't.scrape_counter': () => 0,
  't.scrape_complete': (_c, r) => (counted(r) ? r.t.seeds.swarm : 0),
  't.scrape_incomplete': (_c, r) => (counted(r) ? r.t.peers.swarm : 0),
  't.scrape_downloaded': () => 0,
  't.scrape_time_last': (_c, r) => (counted(r) ? r.t.loadDate : 0),
  't.latest_sum_peers': (_c, r) => (counted(r) ? r.t.peers.swarm + r.t.seeds.swarm : 0),
  't.latest_new_peers': () => 0,
  't.min_interval': () => 600,
  't.normal_interval': () => 1800,
};

type PeerRow = { t: RtTorrent; index: number; seed: boolean; count: number };
const CLIENTS = [
  'libTorrent 0.13.8',
  'qBittorrent 4.5.2',
  'Transmission 3.0',
  'Deluge 2.0.3',
  'µTorrent 3.5.5',
];
const byte = ({ t, index }: PeerRow, at: number) =>
  parseInt(t.hash.slice((index * 2 + at) % 40, ((index * 2 + at) % 40) + 2), 16) || 0;

/** p.* columns of `p.multicall(hash, "", …)`: made-up peers on documentation addresses (RFC 5737). */
const PEERS: Record<string, Sub<PeerRow>> = {
  'p.address': (_c, p) => `${['192.0.2', '198.51.100', '203.0.113'][p.index % 3]}.${1 + (byte(p, 0) % 254)}`,
  'p.port': (_c, p) => 6881 + (byte(p, 1) % 100),
  'p.client_version': (_c, p) => CLIENTS[byte(p, 2) % CLIENTS.length],
  'p.completed_percent': (_c, p) => (p.seed ? 100 : byte(p, 3) % 100),
  'p.down_rate': (c, p) =>
    p.seed ? Math.floor((p.t.transfer.ratesAt(c.now).down * c.scale.down) / p.count) : 0,
  'p.up_rate': (c, p) => (p.seed ? 0 : Math.floor((p.t.transfer.ratesAt(c.now).up * c.scale.up) / p.count)),
  'p.is_incoming': () => 0,
  'p.is_encrypted': () => 0,
  'p.is_snubbed': () => 0,
  'p.down_total': () => 0,
  'p.up_total': () => 0,
  'p.id': (_c, p) => `${p.t.hash.slice(0, 8)}${String(p.index).padStart(12, '0')}`,
};

function download(ctx: Ctx, params: RpcValue[]): RtTorrent {
  const hash = params[0];
  if (typeof hash !== 'string' || hash === '') throw new RpcFault(-503, 'Target of wrong type to command.');
  if (!/^[0-9a-f]{40}$/i.test(hash)) throw new RpcFault(-501, 'Unsupported target type found.');
  const t = ctx.state.get(hash, ctx.now);
  if (!t) throw new RpcFault(-501, 'Could not find info-hash.');
  return t;
}

export function fMulticall(ctx: Ctx, params: RpcValue[], empty: boolean): RpcValue {
  const t = download(ctx, params);
  const fields = compileFields<FileRow>(params.slice(2), FILES);
  if (empty) return [];
  return t.files.map((_f, index) => fields.map((f) => f.run(ctx, { t, index }, f.args)));
}

/** One row per tracker, in rtorrent's order. */
export function trackerRows(ctx: Ctx, t: RtTorrent, columns: RpcValue[]): RpcValue[] {
  const fields = compileFields<TrackerRow>(columns, TRACKERS);
  return t.trackers.map((_u, index) => fields.map((f) => f.run(ctx, { t, index }, f.args)));
}

export function tMulticall(ctx: Ctx, params: RpcValue[], empty: boolean): RpcValue {
  const t = download(ctx, params);
  const rows = trackerRows(ctx, t, params.slice(2));
  return empty ? [] : rows;
}

/** Connected peers while bytes move: the seeds first, then the leechers. */
export function pMulticall(ctx: Ctx, params: RpcValue[], empty: boolean): RpcValue {
  const t = download(ctx, params);
  const fields = compileFields<PeerRow>(params.slice(2), PEERS);
  const moving = t.isActive === 1 && t.isOpen === 1 && t.hashing === 0;
  if (empty || !moving) return [];
  const seeds = t.seeds.connected;
  const count = Math.min(50, seeds + t.peers.connected);
  return Array.from({ length: count }, (_p, index) => {
    const row = { t, index, seed: index < seeds, count };
    return fields.map((f) => f.run(ctx, row, f.args));
  });
}

/** Sub-commands a `d.multicall2` column can run through `cat="$…"` (ruTorrent's tracker column). */
export const D_NESTED: Record<string, (ctx: Ctx, t: RtTorrent, args: RpcValue[]) => RpcValue> = {
  // The first argument is the target rtorrent ignores here (ruTorrent passes "d.hash=").
  't.multicall': (ctx, t, args) => trackerRows(ctx, t, args.slice(1)),
};

export { download };
