import type { SimResponse } from '../core';
import type { Ctx } from './rtorrent.commands';
import { dispatch } from './rtorrent.rpc';
import { I4, RpcFault, type RpcValue } from './xmlrpc';

/** ruTorrent's throttle plugin writes this for "unlimited" every time its page loads (`$throttleMaxSpeed`). */
export const RUTORRENT_THROTTLE_MAX = 335_488_000;

/** ruTorrent's own list columns, in order (`mode=list` answers them as strings per hash). */
const LIST_COLUMNS = [
  'd.is_open',
  'd.is_hash_checking',
  'd.is_hash_checked',
  'd.state',
  'd.name',
  'd.size_bytes',
  'd.completed_chunks',
  'd.size_chunks',
  'd.bytes_done',
  'd.up.total',
  'd.ratio',
  'd.up.rate',
  'd.down.rate',
  'd.chunk_size',
  'd.custom1',
  'd.peers_accounted',
  'd.peers_not_connected',
  'd.peers_connected',
  'd.peers_complete',
  'd.left_bytes',
  'd.priority',
  'd.state_changed',
  'd.skip.total',
  'd.hashing',
  'd.chunks_hashed',
  'd.base_path',
  'd.creation_date',
  'd.tracker_size',
  'd.is_active',
  'd.message',
  'd.custom2',
  'd.free_diskspace',
  'd.is_private',
  'd.is_multi_file',
  'd.is_partially_done',
];

/** What ruTorrent sends for each form action (httprpc adds d.resume to start). */
const ACTIONS: Record<string, string[]> = {
  start: ['d.open', 'd.start', 'd.resume'],
  stop: ['d.stop', 'd.close'],
  pause: ['d.pause'],
  unpause: ['d.resume'],
  remove: ['d.erase'],
};

const json = (value: unknown): SimResponse => ({
  status: 200,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(value),
});

export interface HttprpcHooks {
  /** Runs one XML-RPC call as rTorrent would (faults throw RpcFault). */
  call: (ctx: Ctx, method: string, params: RpcValue[]) => RpcValue;
  /** ruTorrent deletes a removed torrent's files a moment later (its erasedata list, run by a timer). */
  deleteDataLater: (hash: string) => void;
}

/**
 * The form modes of ruTorrent's `plugins/httprpc/action.php` (answers in JSON): `list`, the actions,
 * `removewithdata` (ruTorrent's PHP reads the paths, erases, and deletes the files itself soon after),
 * and `ttl`. Bodies that are not forms are raw XML-RPC, handled by the caller.
 */
export function httprpcForm(ctx: Ctx, form: URLSearchParams, hooks: HttprpcHooks): SimResponse {
  const mode = form.get('mode') ?? '';
  const hashes = form.getAll('hash');
  if (mode === 'list') {
    const t: Record<string, string[]> = {};
    for (const hash of ctx.state.torrents.keys()) {
      t[hash] = LIST_COLUMNS.map((c) => {
        try {
          const value = hooks.call(ctx, c, [hash]);
          if (value instanceof I4) return String(value.value);
          return typeof value === 'string' || typeof value === 'number' ? String(value) : '0';
        } catch {
          return '0';
        }
      });
    }
    return json({ t, cid: ctx.state.rng.int(1, 2 ** 30) });
  }
  if (mode === 'ttl') {
    return json([
      hooks.call(ctx, 'throttle.global_up.total', []),
      hooks.call(ctx, 'throttle.global_down.total', []),
      hooks.call(ctx, 'throttle.global_up.max_rate', []),
      hooks.call(ctx, 'throttle.global_down.max_rate', []),
    ]);
  }
  const calls = mode === 'removewithdata' ? ['d.custom5.set', 'd.erase'] : ACTIONS[mode];
  if (!calls) return json(false);
  const results = hashes.map((hash) => {
    try {
      for (const method of calls) hooks.call(ctx, method, method === 'd.custom5.set' ? [hash, ''] : [hash]);
      if (mode === 'removewithdata') hooks.deleteDataLater(hash.toUpperCase());
      return 0;
    } catch (err) {
      if (err instanceof RpcFault) return { faultCode: err.code, faultString: err.message };
      throw err;
    }
  });
  return json(results);
}

/** One call through the simulator's dispatcher, as the httprpc plugin's PHP makes it. */
export function callThrough(ctx: Ctx, method: string, params: RpcValue[]): RpcValue {
  return dispatch(ctx, method, params, false, () => undefined);
}
