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

type Run<T> = (ctx: Ctx, item: T, args: RpcValue[]) => RpcValue;

/** Splits at the commas outside quotes and braces: `a,"b,c",{d,e}` → a | "b,c" | {d,e}. */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === '{') depth++;
    else if (!quoted && c === '}') depth--;
    else if (!quoted && depth === 0 && c === ',') {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

function flatText(value: RpcValue): string {
  if (Array.isArray(value)) return value.map(flatText).join('');
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/**
 * `cat=ARG,…` concatenates its arguments as text: `{a,b}` is a list, `"$cmd=args"` runs a command on
 * the same item (e.g. `cat="$t.multicall=d.hash=,t.url=,cat={#}"`, ruTorrent's tracker column, which
 * rtorrent 0.9.8 answers as "url1#url2#"), anything else is literal.
 */
function catCommand<T>(rest: string, table: Record<string, Run<T>>, nested: Record<string, Run<T>>): Run<T> {
  const parts = rest === '' ? [] : splitArgs(rest);
  return (ctx, item) =>
    parts
      .map((part) => {
        const text = part.startsWith('"') && part.endsWith('"') ? part.slice(1, -1) : part;
        if (text.startsWith('{') && text.endsWith('}')) return splitArgs(text.slice(1, -1)).join('');
        if (!text.startsWith('$')) return text;
        const eq = text.indexOf('=');
        const name = eq < 0 ? text.slice(1) : text.slice(1, eq);
        const run = nested[name] ?? table[name];
        if (!run) throw new RpcFault(-503, `Command "${name}" does not exist.`);
        const args = eq < 0 || eq === text.length - 1 ? [] : splitArgs(text.slice(eq + 1));
        return flatText(run(ctx, item, args));
      })
      .join('');
}

/**
 * Compiles `"cmd=arg1,arg2"` column strings, failing the whole call as rtorrent does. `nested` holds
 * the sub-commands a `cat="$…"` column may run besides the table's own.
 */
export function compileFields<T>(
  fields: RpcValue[],
  table: Record<string, Run<T>>,
  nested: Record<string, Run<T>> = {},
): Field<T>[] {
  return fields.map((field) => {
    const text = typeof field === 'string' ? field : '';
    const eq = text.indexOf('=');
    if (eq < 0) throw new RpcFault(-503, `Could not find '=' in command '${text}'.`);
    const name = text.slice(0, eq);
    const rest = text.slice(eq + 1);
    if (name === 'cat') return { run: catCommand(rest, table, nested), args: [] };
    const run = table[name];
    if (!run) throw new RpcFault(-503, `Command "${name}" does not exist.`);
    return { run, args: rest === '' ? [] : rest.split(',') };
  });
}

/** `d.multicall2("", view, "d.hash=", …)`: one row per download of the view. */
export function dMulticall2(
  ctx: Ctx,
  params: RpcValue[],
  empty: boolean,
  nested: Record<string, Run<RtTorrent>> = {},
): RpcValue {
  if (params.length < 2) throw new RpcFault(-503, 'Too few arguments.');
  const [target, view, ...columns] = params;
  if (typeof target !== 'string') throw new RpcFault(-503, 'Target of wrong type to command.');
  if (target !== '') throw new RpcFault(-501, 'Unsupported target type found.');
  const fields = compileFields<RtTorrent>(columns, D_COMMANDS, nested);
  const torrents = viewTorrents(ctx, view);
  if (empty) return [];
  return torrents.map((t) => fields.map((f) => f.run(ctx, t, f.args)));
}

export function downloadList(ctx: Ctx, params: RpcValue[], empty: boolean): RpcValue {
  const torrents = viewTorrents(ctx, params.length > 1 ? params[1] : 'main');
  return empty ? [] : torrents.map((t) => t.hash);
}
