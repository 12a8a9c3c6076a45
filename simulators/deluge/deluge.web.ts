import { DelugeRpcError } from './deluge.errors';
import { callRemote, DELUGE_VERSION, REMOTE_METHOD_NAMES } from './deluge.core';
import type { DelugeState } from './deluge.state';

/** What deluge-web itself knows: its password, its sessions, its host list and whether it is connected. */
export interface WebContext {
  state: DelugeState;
  hostId: string;
  daemonPort: number;
  /** web.connect succeeded and no web.disconnect since. */
  connected: boolean;
  /** The daemon's method list, learnt at the first connection and kept after a disconnect. */
  methodsKnown: boolean;
  checkPassword: (password: unknown) => boolean;
  createSession: () => void;
  deleteSession: () => void;
  /** The request carries a live session. */
  hasSession: boolean;
  emptyLists: boolean;
}

interface LocalMethod {
  owner: 'Auth' | 'WebApi';
  /** AUTH_LEVEL_NONE methods answer without a session. */
  open?: boolean;
  args: string[];
  run: (ctx: WebContext, params: unknown[]) => unknown;
}

const escapeXml = (v: unknown) =>
  typeof v === 'string' ? v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : v;

function updateUi(ctx: WebContext, params: unknown[]): unknown {
  const config = ctx.state.config;
  if (!ctx.connected)
    return {
      connected: false,
      torrents: null,
      filters: null,
      stats: { max_download: null, max_upload: null, max_num_connections: null },
    };
  const session = callRemote(
    ctx.state,
    'core.get_session_status',
    [['num_peers', 'payload_download_rate', 'payload_upload_rate', 'download_rate', 'upload_rate']],
    false,
  ) as Record<string, number>;
  return {
    connected: true,
    torrents: callRemote(ctx.state, 'core.get_torrents_status', [params[1], params[0]], ctx.emptyLists),
    filters: callRemote(ctx.state, 'core.get_filter_tree', [], false),
    stats: {
      max_download: config.max_download_speed,
      max_upload: config.max_upload_speed,
      max_num_connections: config.max_connections_global,
      num_connections: session.num_peers,
      upload_rate: session.payload_upload_rate,
      download_rate: session.payload_download_rate,
      download_protocol_rate: 0,
      upload_protocol_rate: 0,
      dht_nodes: 0,
      has_incoming_connections: 0,
      free_space: 82_062_815_232,
      external_ip: null,
    },
  };
}

/** deluge-web's own methods (auth.* and web.*), the subset a client of the JSON-RPC needs. */
export const LOCAL_METHODS: Record<string, LocalMethod> = {
  'auth.login': {
    owner: 'Auth',
    open: true,
    args: ['password'],
    run: (ctx, p) => {
      if (!ctx.checkPassword(p[0])) return false;
      ctx.createSession();
      return true;
    },
  },
  'auth.check_session': { owner: 'Auth', open: true, args: [], run: (ctx) => ctx.hasSession },
  'auth.delete_session': {
    owner: 'Auth',
    args: [],
    run: (ctx) => {
      ctx.deleteSession();
      return true;
    },
  },
  'web.connected': { owner: 'WebApi', args: [], run: (ctx) => ctx.connected },
  'web.connect': {
    owner: 'WebApi',
    args: ['host_id'],
    run: (ctx, p) => {
      // An unknown host id: deluge-web logs "Unable to connect to daemon" and answers null.
      if (p[0] !== ctx.hostId) return null;
      ctx.connected = true;
      ctx.methodsKnown = true;
      return [...REMOTE_METHOD_NAMES];
    },
  },
  'web.disconnect': {
    owner: 'WebApi',
    args: [],
    run: (ctx) => {
      ctx.connected = false;
      return 'Connection was closed cleanly.';
    },
  },
  'web.get_hosts': {
    owner: 'WebApi',
    args: [],
    run: (ctx) => [[ctx.hostId, '127.0.0.1', ctx.daemonPort, 'localclient']],
  },
  'web.get_host_status': {
    owner: 'WebApi',
    args: ['host_id'],
    run: (ctx, p) =>
      p[0] === ctx.hostId
        ? [ctx.hostId, ctx.connected ? 'Connected' : 'Online', DELUGE_VERSION]
        : [p[0], 'Offline', ''],
  },
  'web.update_ui': { owner: 'WebApi', args: ['keys', 'filter_dict'], run: updateUi },
  'web.get_torrent_status': {
    owner: 'WebApi',
    args: ['torrent_id', 'keys'],
    run: (ctx, p) => {
      const status = callRemote(ctx.state, 'core.get_torrent_status', [p[0], p[1]], false) as Record<
        string,
        unknown
      >;
      // deluge-web escapes these for the browser (its XSS_VULN_KEYS).
      for (const key of ['name', 'message', 'comment', 'tracker_status'])
        if (key in status) status[key] = escapeXml(status[key]);
      return status;
    },
  },
};

/** A local method with the wrong number of parameters: Python's TypeError, answered with code 3. */
export function localArityError(
  name: string,
  method: LocalMethod,
  given: number,
): DelugeRpcError | undefined {
  const fn = `${method.owner}.${name.split('.')[1]}()`;
  if (given < method.args.length) {
    const missing = method.args.slice(given).map((a) => `'${a}'`);
    const list = missing.length > 1 ? `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}` : missing[0];
    const noun = missing.length > 1 ? 'arguments' : 'argument';
    return new DelugeRpcError(
      `TypeError: ${fn} missing ${missing.length} required positional ${noun}: ${list}`,
      3,
    );
  }
  if (given > method.args.length)
    return new DelugeRpcError(
      `TypeError: ${fn} takes ${method.args.length + 1} positional arguments but ${given + 1} were given`,
      3,
    );
  return undefined;
}
