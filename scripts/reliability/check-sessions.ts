import type { Figure } from './figures';
import { type ReliabilityWorld, SECRETS } from './world';

const PARALLEL_REFRESHES = 20;
const STREAMS = [
  '/api/sync/events',
  '/api/plex/sessions/events',
  '/api/utorrent/events',
  '/api/rutorrent/events',
];
/** A stream not closed this long after logout counts as still open. */
const CLOSE_DEADLINE_MS = 2000;
/** The panel's grace period is 10 s; the reuse probe gives up well after it. */
const GRACE_PROBE_LIMIT_MS = 30_000;

interface Tokens {
  access_token: string;
  refresh_token: string;
}

async function login(world: ReliabilityWorld): Promise<Tokens> {
  const res = await world.request(
    'POST',
    '/api/auth/login',
    { username: 'admin', password: SECRETS.admin },
    { auth: false },
  );
  return res.json as unknown as Tokens;
}

const refresh = (world: ReliabilityWorld, token: string) =>
  world.request('POST', '/api/auth/refresh', { refresh_token: token }, { auth: false });
const verify = async (world: ReliabilityWorld, access: string) =>
  (await world.request('GET', '/api/auth/verify', undefined, { auth: access })).status;

/** Opens an event stream; resolves with its status and a promise of the moment it ends. */
async function openStream(
  world: ReliabilityWorld,
  path: string,
  token: string,
): Promise<{ status: number; closed: Promise<number>; abort: () => void }> {
  const abort = new AbortController();
  const res = await fetch(`${world.base}${path}`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const reader = res.body?.getReader();
  const closed = (async () => {
    try {
      while (reader && !(await reader.read()).done);
    } catch {
      // Aborted here.
    }
    return Date.now();
  })();
  return { status: res.status, closed, abort: () => abort.abort() };
}

/** Tabs refreshing at once keep their session; a replayed token after the grace period ends it. */
async function refreshFigures(world: ReliabilityWorld): Promise<Figure[]> {
  const first = await login(world);
  const answers = await Promise.all(
    Array.from({ length: PARALLEL_REFRESHES }, () => refresh(world, first.refresh_token)),
  );
  const ok = answers.filter((a) => a.status === 200);
  const pairs = new Set(ok.map((a) => `${String(a.json?.access_token)} ${String(a.json?.refresh_token)}`));
  const next = ok[0]?.json as unknown as Tokens | undefined;
  const alive = next ? await verify(world, next.access_token) : 0;

  // Present the rotated token again every 500 ms: the same pair while the grace lasts, then 401.
  const started = Date.now();
  let reuse = 200;
  while (reuse === 200 && Date.now() - started < GRACE_PROBE_LIMIT_MS) {
    await new Promise((r) => setTimeout(r, 500));
    reuse = (await refresh(world, first.refresh_token)).status;
  }
  const graceSeconds = ((Date.now() - started) / 1000).toFixed(1);
  const revoked = next ? await verify(world, next.access_token) : 0;
  return [
    {
      check: 'sessions',
      figure: `${PARALLEL_REFRESHES} parallel refreshes with one refresh token`,
      value: `${ok.length} × 200, ${pairs.size} distinct pair(s), session then ${alive}`,
      pass: ok.length === PARALLEL_REFRESHES && pairs.size === 1 && alive === 200,
    },
    {
      check: 'sessions',
      figure: 'the rotated token presented again after the grace period',
      value: `${reuse} after ${graceSeconds} s; the session then ${revoked}`,
      pass: reuse === 401 && revoked === 401,
    },
  ];
}

/** Every open event stream of a session closes when it logs out; bearer-only logout works. */
async function logoutFigures(world: ReliabilityWorld): Promise<Figure[]> {
  const session = await login(world);
  const streams = await Promise.all(STREAMS.map((p) => openStream(world, p, session.access_token)));
  const opened = streams.filter((s) => s.status === 200).length;
  const loggedOut = Date.now();
  // As Seerrsync clients send it: the bearer token, no body.
  const logout = await world.request('POST', '/api/auth/logout', undefined, { auth: session.access_token });
  const deadline = new Promise<number>((r) => setTimeout(() => r(Infinity), CLOSE_DEADLINE_MS));
  const closedAt = await Promise.all(streams.map((s) => Promise.race([s.closed, deadline])));
  for (const s of streams) s.abort();
  const stillOpen = closedAt.filter((t) => t === Infinity).length;
  const slowest = Math.max(...closedAt.filter((t) => t !== Infinity).map((t) => t - loggedOut));
  const bearerAfter = await verify(world, session.access_token);
  const refreshAfter = (await refresh(world, session.refresh_token)).status;
  return [
    {
      check: 'sessions',
      figure: `event streams still open ${CLOSE_DEADLINE_MS} ms after logout, of ${opened} open`,
      value: `${stillOpen} (the slowest closed ${Number.isFinite(slowest) ? slowest : '–'} ms after)`,
      pass: opened === STREAMS.length && stillOpen === 0,
    },
    {
      check: 'sessions',
      figure: 'logout with only the bearer token: answer, then the bearer and the refresh token',
      value: `${logout.status}, then ${bearerAfter} and ${refreshAfter}`,
      pass: logout.status === 204 && bearerAfter === 401 && refreshAfter === 401,
    },
  ];
}

export async function checkSessions(world: ReliabilityWorld): Promise<Figure[]> {
  return [...(await refreshFigures(world)), ...(await logoutFigures(world))];
}
