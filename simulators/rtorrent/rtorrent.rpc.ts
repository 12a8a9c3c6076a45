import { D_COMMANDS, intArg, stringArg, type Ctx } from './rtorrent.commands';
import { loader } from './rtorrent.load';
import { D_NESTED, download, fMulticall, pMulticall, tMulticall } from './rtorrent.subitems';
import { dMulticall2, downloadList, VIEWS } from './rtorrent.views';
import { I4, RpcFault, faultStruct, xmlrpcType, type RpcStruct, type RpcValue } from './xmlrpc';

export const RTORRENT_VERSION = { client: '0.9.8', library: '0.13.8', api: '10' };
export type Method = (ctx: Ctx, params: RpcValue[], empty: boolean) => RpcValue;

/** Global setters need the `""` target, else "Wrong object type." (verified). */
function setterValue(params: RpcValue[]): RpcValue[] {
  if (params[0] !== '' || params.length < 2) throw new RpcFault(-503, 'Wrong object type.');
  return params.slice(1);
}

function rateLimit(value: number): number {
  if (value < 0 || value > 2 ** 30) throw new RpcFault(-503, 'Throttle rate must be between 0 and 2^30.');
  return value;
}

function sums(ctx: Ctx): { down: number; up: number; downTotal: number; upTotal: number } {
  const out = { down: 0, up: 0, downTotal: ctx.state.erasedTotals.down, upTotal: ctx.state.erasedTotals.up };
  for (const t of ctx.state.torrents.values()) {
    const r = t.transfer.ratesAt(ctx.now);
    out.down += r.down;
    out.up += r.up;
    out.downTotal += t.transfer.doneAt(ctx.now) - t.sessionBase.done;
    out.upTotal += t.transfer.uploadedAt(ctx.now) - t.sessionBase.uploaded;
  }
  return out;
}

const OK = new I4(0);
/** A global setter: applies the value after the `""` target, answers `<i4>0</i4>`. */
const setter =
  (apply: (ctx: Ctx, value: RpcValue) => void): Method =>
  (ctx, params) => {
    apply(ctx, setterValue(params)[0]);
    return OK;
  };
const shutdown: Method = (ctx) => {
  ctx.state.running = false;
  return OK;
};

const GLOBAL: Record<string, Method> = {
  'system.client_version': () => RTORRENT_VERSION.client,
  'system.library_version': () => RTORRENT_VERSION.library,
  'system.api_version': () => RTORRENT_VERSION.api,
  'system.pid': (c) => c.state.pid,
  'system.hostname': (c) => c.state.options.hostname,
  'session.name': (c) => `${c.state.options.hostname}:${c.state.pid}`,
  'system.time': (c) => Math.floor(c.now / 1000),
  'system.time_seconds': (c) => Math.floor(c.now / 1000),
  'system.listMethods': () => Object.keys(METHODS).sort(),
  'system.methodExist': (_c, p) => typeof p[0] === 'string' && p[0] in METHODS,
  'system.shutdown.normal': shutdown,
  'system.shutdown.quick': shutdown,
  'throttle.global_down.rate': (c) => Math.floor(sums(c).down * c.scale.down),
  'throttle.global_up.rate': (c) => Math.floor(sums(c).up * c.scale.up),
  'throttle.global_down.total': (c) => sums(c).downTotal,
  'throttle.global_up.total': (c) => sums(c).upTotal,
  'throttle.global_down.max_rate': (c) => c.state.throttle.downMax,
  'throttle.global_up.max_rate': (c) => c.state.throttle.upMax,
  'throttle.global_down.max_rate.set': setter((c, v) => (c.state.throttle.downMax = rateLimit(intArg([v])))),
  'throttle.global_up.max_rate.set': setter((c, v) => (c.state.throttle.upMax = rateLimit(intArg([v])))),
  'throttle.global_down.max_rate.set_kb': setter(
    (c, v) => (c.state.throttle.downMax = rateLimit(intArg([v]) * 1024)),
  ),
  'throttle.global_up.max_rate.set_kb': setter(
    (c, v) => (c.state.throttle.upMax = rateLimit(intArg([v]) * 1024)),
  ),
  'network.xmlrpc.size_limit': (c) => c.state.sizeLimit,
  'network.xmlrpc.size_limit.set': setter((c, v) => (c.state.sizeLimit = intArg([v]))),
  'directory.default': (c) => c.state.downloadDir,
  'directory.default.set': setter((c, v) => (c.state.downloadDir = stringArg([v]))),
  'view.list': () => Object.keys(VIEWS),
  download_list: downloadList,
  'd.multicall2': (ctx, params, empty) => dMulticall2(ctx, params, empty, D_NESTED),
  'f.multicall': fMulticall,
  't.multicall': tMulticall,
  'p.multicall': pMulticall,
  'load.start': loader(false, true),
  'load.start_verbose': loader(false, true),
  'load.normal': loader(false, false),
  'load.verbose': loader(false, false),
  'load.raw_start': loader(true, true),
  'load.raw_start_verbose': loader(true, true),
  'load.raw': loader(true, false),
  'load.raw_verbose': loader(true, false),
};

/** d.* commands take the info-hash as their target. */
const DOWNLOAD: Record<string, Method> = Object.fromEntries(
  Object.entries(D_COMMANDS).map(([name, run]) => [
    name,
    (ctx: Ctx, params: RpcValue[]) => run(ctx, download(ctx, params), params.slice(1)),
  ]),
);

const METHODS: Record<string, Method> = { ...GLOBAL, ...DOWNLOAD, 'system.multicall': () => [] };

/** Runs one call; faults propagate as RpcFault. `onInner` sees each system.multicall member. */
export function dispatch(
  ctx: Ctx,
  method: string,
  params: RpcValue[],
  empty: boolean,
  onInner: (m: string) => void,
): RpcValue {
  if (method === 'system.multicall') return multicall(ctx, params, empty, onInner);
  const run = METHODS[method];
  if (!run) throw new RpcFault(-506, `Method '${method}' not defined`);
  return run(ctx, params, empty);
}

/** Each success is wrapped in a 1-element array; each failure is an inline fault struct. */
function multicall(ctx: Ctx, params: RpcValue[], empty: boolean, onInner: (m: string) => void): RpcValue {
  if (params.length !== 1) {
    throw new RpcFault(
      -503,
      `system.multicall takes one parameter, which is an array, each element describing one RPC.  You supplied ${params.length} arguments`,
    );
  }
  const calls = params[0];
  if (!Array.isArray(calls)) {
    throw new RpcFault(
      -501,
      `system.multicall's parameter should be an array, each element describing one RPC.  But it is type ${xmlrpcType(calls)} instead.`,
    );
  }
  // The whole batch is validated first: a malformed member fails the entire call (verified).
  const parsed = calls.map((call) => {
    if (typeof call !== 'object' || Array.isArray(call) || Buffer.isBuffer(call) || call instanceof I4) {
      throw new RpcFault(
        -501,
        `An element of the multicall array is type ${xmlrpcType(call)}, but should be a struct (with members 'methodName' and 'params')`,
      );
    }
    const struct: RpcStruct = call;
    for (const key of ['methodName', 'params']) {
      if (!(key in struct)) throw new RpcFault(-502, `No member of struct has key '${key}'`);
    }
    if (struct.methodName === 'system.multicall')
      throw new RpcFault(-507, 'Recursive system.multicall forbidden');
    return {
      method: typeof struct.methodName === 'string' ? struct.methodName : '',
      params: Array.isArray(struct.params) ? struct.params : [],
    };
  });
  return parsed.map((call) => {
    onInner(call.method);
    try {
      return [dispatch(ctx, call.method, call.params, empty, onInner)];
    } catch (err) {
      if (err instanceof RpcFault) return faultStruct(err);
      throw err;
    }
  });
}
