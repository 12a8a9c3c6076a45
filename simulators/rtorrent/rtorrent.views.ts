import type { Ctx } from './rtorrent.commands';
import { D_COMMANDS } from './rtorrent.commands';
import type { RtTorrent } from './rtorrent.state';
import { RpcFault, type RpcValue } from './xmlrpc';

const isComplete = (ctx: Ctx, t: RtTorrent) => t.transfer.completeAt(ctx.now);

/** rtorrent 0.9.8's built-in views (`view.list`, in its order) and which downloads each holds. */
export const VIEWS: Record<string, (ctx: Ctx, t: RtTorrent) => boolean> = {
  main: () => true,
  default: () => true,
  name: () => true,
  active: (_c, t) => t.isActive === 1,
  started: (_c, t) => t.state === 1,
  stopped: (_c, t) => t.state === 0,
  complete: isComplete,
  incomplete: (c, t) => !isComplete(c, t),
  hashing: (_c, t) => t.hashing !== 0,
  seeding: (c, t) => t.state === 1 && isComplete(c, t),
  leeching: (c, t) => t.state === 1 && !isComplete(c, t),
};

export function viewTorrents(ctx: Ctx, view: RpcValue): RtTorrent[] {
  const filter = typeof view === 'string' ? VIEWS[view] : undefined;
  if (!filter) throw new RpcFault(-503, 'Could not find view.');
  const out: RtTorrent[] = [];
  for (const t of ctx.state.torrents.values()) {
    ctx.state.refresh(t, ctx.now);
    if (filter(ctx, t)) out.push(t);
  }
  return out;
}

export interface Field<T> {
  run: (ctx: Ctx, item: T, args: RpcValue[]) => RpcValue;
  args: RpcValue[];
}

/** Compiles `"cmd=arg1,arg2"` column strings, failing the whole call as rtorrent does. */
export function compileFields<T>(
  fields: RpcValue[],
  table: Record<string, (ctx: Ctx, item: T, args: RpcValue[]) => RpcValue>,
): Field<T>[] {
  return fields.map((field) => {
    const text = typeof field === 'string' ? field : '';
    const eq = text.indexOf('=');
    if (eq < 0) throw new RpcFault(-503, `Could not find '=' in command '${text}'.`);
    const name = text.slice(0, eq);
    const run = table[name];
    if (!run) throw new RpcFault(-503, `Command "${name}" does not exist.`);
    const rest = text.slice(eq + 1);
    return { run, args: rest === '' ? [] : rest.split(',') };
  });
}

/** `d.multicall2("", view, "d.hash=", …)`: one row per download of the view. */
export function dMulticall2(ctx: Ctx, params: RpcValue[], empty: boolean): RpcValue {
  if (params.length < 2) throw new RpcFault(-503, 'Too few arguments.');
  const [target, view, ...columns] = params;
  if (typeof target !== 'string') throw new RpcFault(-503, 'Target of wrong type to command.');
  if (target !== '') throw new RpcFault(-501, 'Unsupported target type found.');
  const fields = compileFields<RtTorrent>(columns, D_COMMANDS);
  const torrents = viewTorrents(ctx, view);
  if (empty) return [];
  return torrents.map((t) => fields.map((f) => f.run(ctx, t, f.args)));
}

export function downloadList(ctx: Ctx, params: RpcValue[], empty: boolean): RpcValue {
  const torrents = viewTorrents(ctx, params.length > 1 ? params[1] : 'main');
  return empty ? [] : torrents.map((t) => t.hash);
}
