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

/** t.* columns of `t.multicall(hash, "", …)`: each download has one http tracker. */
const TRACKERS: Record<string, Sub<RtTorrent>> = {
  't.url': (_c, t) => t.trackerUrl,
  't.is_enabled': () => 1,
  't.type': () => 1,
  't.scrape_complete': (_c, t) => t.seeds.swarm,
  't.scrape_incomplete': (_c, t) => t.peers.swarm,
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

export function tMulticall(ctx: Ctx, params: RpcValue[], empty: boolean): RpcValue {
  const t = download(ctx, params);
  const fields = compileFields<RtTorrent>(params.slice(2), TRACKERS);
  return empty ? [] : [fields.map((f) => f.run(ctx, t, f.args))];
}

export { download };
