import { liveSessions, terminateSession } from '../media-library';
import { TAUTULLI_COMMANDS } from './tautulli.command-list';
import type { Json } from './tautulli.envelope';
import { getHistory, getLibrariesTable, getUsersTable } from './tautulli.history';
import { activityRow, friendlyName, libraryRow, localUserRow, userRow } from './tautulli.rows';
import type { TautulliState } from './tautulli.state';
import { getHomeStats, getPlaysByDate } from './tautulli.stats';

export interface CommandContext {
  state: TautulliState;
  /** Query and form parameters, minus apikey/cmd handling. */
  params: URLSearchParams;
  now: number;
  /** The emptyLists fault: every list comes back empty. */
  empty: boolean;
}

/** `null` = the command returned nothing: Tautulli then answers 400 with `message: null`. */
export type CommandResult = { data: Json; message?: string | null; result?: 'success' | 'error' } | null;
export type Command = (ctx: CommandContext) => CommandResult;

const QUOTES = [
  "I'll be back.",
  'Get to the chopper!',
  'Hasta la vista, baby.',
  "It's not a tumor!",
  'Consider that a divorce.',
  'Come with me if you want to live.',
];

function activity(ctx: CommandContext): CommandResult {
  // With Plex unreachable Tautulli 2.17 answers success with an empty object, not "nothing playing".
  if (!ctx.state.plexReachable) return { data: {} };
  const sessions = ctx.empty ? [] : liveSessions(ctx.state.world, ctx.now);
  const rows = sessions.map((s) => activityRow(ctx.state.world, s));
  const key = ctx.params.get('session_key');
  const id = ctx.params.get('session_id');
  if (key !== null || id !== null)
    return { data: rows.find((r) => (key !== null ? r.session_key === key : r.session_id === id)) ?? {} };
  const sum = (list: typeof sessions) => list.reduce((n, s) => n + s.bandwidth, 0);
  return {
    data: {
      stream_count: String(sessions.length),
      stream_count_direct_play: sessions.filter((s) => s.decision === 'direct play').length,
      stream_count_direct_stream: sessions.filter((s) => s.decision === 'copy').length,
      stream_count_transcode: sessions.filter((s) => s.decision === 'transcode').length,
      total_bandwidth: sum(sessions),
      lan_bandwidth: sum(sessions.filter((s) => s.location === 'lan')),
      wan_bandwidth: sum(sessions.filter((s) => s.location === 'wan')),
      sessions: rows,
    },
  };
}

/**
 * `terminate_session` (webserve.terminate_session): by `session_key` or `session_id`, with an optional
 * `message` shown on the player. Tautulli asks PMS to stop it; success says "Session terminated.",
 * anything else is an error envelope ("Failed to terminate session: …").
 */
function terminate(ctx: CommandContext): CommandResult {
  const fail = (why: string): CommandResult => ({
    data: {},
    result: 'error',
    message: `Failed to terminate session${why ? `: ${why}` : ''}.`,
  });
  if (!ctx.state.plexReachable) return fail('');
  const key = ctx.params.get('session_key') || null;
  const id = ctx.params.get('session_id') || null;
  if (key === null && id === null) return fail('Missing session_key or session_id');
  const session = liveSessions(ctx.state.world, ctx.now).find((s) =>
    key !== null ? s.sessionKey === key : s.sessionId === id,
  );
  if (!session || !terminateSession(ctx.state.world, session.sessionId, ctx.now))
    return fail('Missing session_id');
  ctx.state.terminations.push({
    sessionId: session.sessionId,
    sessionKey: session.sessionKey,
    message: ctx.params.get('message') ?? '',
  });
  return { data: {}, message: 'Session terminated.' };
}

export const COMMANDS: Readonly<Record<string, Command>> = {
  status: (ctx): CommandResult =>
    ctx.params.get('check') === 'database'
      ? { data: { integrity_check: 'ok' }, message: 'Database ok' }
      : { data: {}, message: 'Ok' },
  server_status: ({ state }) => ({ data: { connected: state.pmsConnected && state.plexReachable } }),
  get_server_info: ({ state: { world, metPlex } }) => ({
    data: {
      pms_identifier: world.server.machineIdentifier,
      pms_ip: world.server.address,
      pms_is_remote: 0,
      pms_name: world.server.friendlyName,
      // Version and platform are learnt from Plex itself: empty until Tautulli has once reached it.
      pms_platform: metPlex ? world.server.platform : '',
      pms_plexpass: world.server.plexPass ? 1 : 0,
      pms_port: world.server.port,
      pms_ssl: 0,
      pms_url: `http://${world.server.address}:${world.server.port}`,
      pms_url_manual: 0,
      pms_version: metPlex ? world.server.version : '',
    },
  }),
  get_server_identity: ({ state: { world } }) => ({
    data: [{ machine_identifier: world.server.machineIdentifier, version: world.server.version }],
  }),
  get_server_friendly_name: ({ state }) => ({ data: state.world.server.friendlyName }),
  get_tautulli_info: ({ state }) => ({
    data: {
      tautulli_install_type: 'docker',
      tautulli_version: state.version,
      tautulli_branch: 'master',
      tautulli_commit: 'c7153deb6e3017b8dda46c8448fe548a61c5a47a',
      tautulli_platform: 'Linux',
      tautulli_platform_release: '6.1.0-18-amd64',
      tautulli_platform_version: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1',
      tautulli_platform_linux_distro: 'Debian GNU/Linux 12 bookworm',
      tautulli_platform_device_name: 'seedbox',
      tautulli_python_version: '3.11.2',
    },
  }),
  get_activity: activity,
  terminate_session: terminate,
  get_home_stats: getHomeStats,
  get_plays_by_date: getPlaysByDate,
  get_history: getHistory,
  get_users: (ctx) => ({
    data: ctx.empty
      ? []
      : [
          ...ctx.state.world.users.map((u, i) => userRow(ctx.state.world, u, i + 1)),
          localUserRow(ctx.state.world.users.length + 1),
        ],
  }),
  get_user: (ctx) => {
    const i = ctx.state.world.users.findIndex((u) => String(u.plexId) === ctx.params.get('user_id'));
    return i < 0 ? null : { data: userRow(ctx.state.world, ctx.state.world.users[i], i + 1) };
  },
  get_user_names: (ctx) => ({
    data: ctx.empty
      ? []
      : ctx.state.world.users.map((u) => ({ user_id: u.plexId, friendly_name: friendlyName(u) })),
  }),
  get_users_table: getUsersTable,
  get_libraries: (ctx) => ({ data: ctx.empty ? [] : ctx.state.world.libraries.map(libraryRow) }),
  get_library: (ctx) => {
    const lib = ctx.state.world.librariesByKey.get(ctx.params.get('section_id') ?? '');
    return lib ? { data: libraryRow(lib) } : null;
  },
  get_library_names: (ctx) => ({
    data: ctx.empty
      ? []
      : ctx.state.world.libraries.map((l) => ({
          section_id: Number(l.key),
          section_name: l.title,
          section_type: l.type,
          agent: l.agent,
        })),
  }),
  get_libraries_table: getLibrariesTable,
  restart: (ctx) => {
    ctx.state.restarts++;
    return { data: {}, message: 'Restarting Tautulli' };
  },
  update: (ctx) => {
    ctx.state.updates++;
    return { data: {}, message: 'Updating Tautulli' };
  },
  arnold: (ctx) => ({ data: ctx.state.random.pick(QUOTES) }),
  docs: () => ({ data: Object.fromEntries(TAUTULLI_COMMANDS.map((c) => [c, COMMAND_DOCS[c] ?? null])) }),
  // The simulated Tautulli has HTTP auth on, so the key is never handed out without a login.
  get_apikey: () => ({
    data: null,
    result: 'error',
    message: 'Authentication is enabled, please add the correct username and password to the parameters',
  }),
};

const COMMAND_DOCS: Record<string, string> = {
  get_activity: 'Get the current activity on the PMS.',
  get_history: 'Get the Tautulli history.',
  get_home_stats: 'Get the homepage watch statistics.',
  get_users: 'Get a list of all users that have access to your server.',
  get_libraries: 'Get a list of all libraries on your server.',
  restart: 'Restart Tautulli.',
  update: 'Update Tautulli.',
  status: 'Get the current status of Tautulli.',
  arnold: 'Get to the chopper!',
};
