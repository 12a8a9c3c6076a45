/* eslint-disable @typescript-eslint/no-explicit-any -- parsed upstream answers are walked freely in assertions */
import { parseStringPromise } from 'xml2js';
import { createPlexWorld, historyAt, liveSessions, type PlexWorld } from '../../simulators/media-library';
import { createPlexSimulator, DEFAULT_PMS_TOKEN, type PlexSimulator } from '../../simulators/plex';

const T0 = 1_750_000_000_000;
const TOKEN = { 'X-Plex-Token': DEFAULT_PMS_TOKEN };
const JSON_ACCEPT = { ...TOKEN, Accept: 'application/json' };

async function get(pms: PlexSimulator, path: string, headers: Record<string, string> = {}, method = 'GET') {
  const res = await fetch(pms.sim.url + path, { method, headers });
  return {
    status: res.status,
    headers: res.headers,
    type: res.headers.get('content-type'),
    body: await res.text(),
  };
}

async function getJson(pms: PlexSimulator, path: string, headers: Record<string, string> = JSON_ACCEPT) {
  const res = await get(pms, path, headers);
  expect(res.status).toBe(200);
  return (JSON.parse(res.body) as { MediaContainer: Record<string, unknown> & { Metadata?: any[] } })
    .MediaContainer;
}

const LIBRARIES = [
  { title: 'Movies', type: 'movie' as const, size: 30 },
  { title: 'TV Shows', type: 'show' as const, size: 6 },
  { title: 'Music', type: 'artist' as const, size: 3 },
];

describe('Plex Media Server simulator', () => {
  let now = T0;
  let world: PlexWorld;
  let pms: PlexSimulator;
  beforeAll(async () => {
    world = createPlexWorld({
      seed: 11,
      libraries: LIBRARIES,
      historySize: 120,
      sessions: 3,
      clock: () => now,
    });
    pms = createPlexSimulator({ world, scanMs: 4000 });
    await pms.sim.start();
  });
  afterAll(() => pms.sim.stop());
  afterEach(() => {
    now = T0;
    pms.sim.resetFaults();
    pms.sim.resetCounters();
  });

  it('answers /identity without a token, as XML by default and JSON on request', async () => {
    const xml = await get(pms, '/identity');
    expect(xml.type).toBe('text/xml;charset=utf-8');
    const id = world.server.machineIdentifier;
    expect(xml.body).toBe(
      `<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="0" claimed="1" machineIdentifier="${id}" version="1.41.3.9314-a0bfb8370"/>\n`,
    );
    const json = await get(pms, '/identity', { Accept: 'application/json' });
    expect(json.body).toBe(
      `{"MediaContainer":{"size":0,"claimed":true,"machineIdentifier":"${id}","version":"1.41.3.9314-a0bfb8370"}}`,
    );
  });

  it('answers 401 with a small HTML page without a valid token, and honours badAuth', async () => {
    const denied = await get(pms, '/library/sections');
    expect(denied.status).toBe(401);
    expect(denied.type).toBe('text/html');
    expect(denied.body).toContain('401 Unauthorized');
    expect((await get(pms, '/library/sections', { 'X-Plex-Token': 'wrong' })).status).toBe(401);
    expect((await get(pms, `/library/sections?X-Plex-Token=${DEFAULT_PMS_TOKEN}`)).status).toBe(200);
    pms.sim.setFaults({ badAuth: true });
    expect((await get(pms, '/status/sessions', TOKEN)).status).toBe(401);
    expect((await get(pms, '/identity')).status).toBe(200);
  });

  it('serves the server root with the documented attributes', async () => {
    const root = await getJson(pms, '/');
    expect(root).toMatchObject({
      friendlyName: 'Seedbox',
      machineIdentifier: world.server.machineIdentifier,
      platform: 'Linux',
      myPlex: true,
      myPlexUsername: 'plexowner@example.test',
    });
    expect(typeof root.transcoderActiveVideoSessions).toBe('number');
  });

  it('lists libraries with the same data in JSON and XML', async () => {
    const json = await getJson(pms, '/library/sections');
    expect(json).toMatchObject({ size: 3, allowSync: false, title1: 'Plex Library' });
    const dirs = json.Directory as Array<Record<string, unknown>>;
    expect(dirs[0]).toMatchObject({
      key: '1',
      type: 'movie',
      title: 'Movies',
      agent: 'tv.plex.agents.movie',
      scanner: 'Plex Movie',
      refreshing: false,
      hidden: 0,
      Location: [{ id: 1, path: '/data/movies' }],
    });
    expect(dirs.map((d) => d.type)).toEqual(['movie', 'show', 'artist']);

    const xml: any = await parseStringPromise((await get(pms, '/library/sections', TOKEN)).body);
    const xdirs = xml.MediaContainer.Directory as Array<{ $: Record<string, string>; Location: any[] }>;
    expect(xdirs.map((d) => d.$.key)).toEqual(['1', '2', '3']);
    expect(xdirs[0].$).toMatchObject({ title: 'Movies', refreshing: '0', hidden: '0', allowSync: '1' });
    expect(xdirs[0].$.createdAt).toBe(String(dirs[0].createdAt));
    expect(xdirs[0].Location[0].$).toEqual({ id: '1', path: '/data/movies' });
  });

  it('counts items with an empty page and pages with X-Plex-Container-Start/Size', async () => {
    const episodes = world.librariesByKey.get('2')!.itemsByType.get('episode')!;
    const count = await get(
      pms,
      '/library/sections/2/all?type=4&X-Plex-Container-Start=0&X-Plex-Container-Size=0',
      TOKEN,
    );
    expect(count.body).toContain(
      `<MediaContainer size="0" totalSize="${episodes.length}" offset="0" allowSync="1"`,
    );
    expect(count.headers.get('x-plex-container-total-size')).toBe(String(episodes.length));

    const shows = await getJson(pms, '/library/sections/2/all');
    expect(shows).toMatchObject({ size: 6, totalSize: 6, viewGroup: 'show', librarySectionID: '2' });
    expect(shows.Metadata?.[0]).toMatchObject({ type: 'show', childCount: expect.any(Number) });

    const page = await getJson(
      pms,
      '/library/sections/1/all?X-Plex-Container-Start=10&X-Plex-Container-Size=5',
    );
    expect(page).toMatchObject({ size: 5, totalSize: 30, offset: 10 });
    const movies = world.librariesByKey.get('1')!.itemsByType.get('movie')!;
    expect(page.Metadata?.map((m) => m.ratingKey)).toEqual(movies.slice(10, 15).map((m) => m.ratingKey));
    expect(page.Metadata?.[0].Media[0].Part[0].file).toMatch(/^\/data\/movies\//);

    // The paging values may come as request headers too.
    const byHeader = await getJson(pms, '/library/sections/1/all', {
      ...JSON_ACCEPT,
      'X-Plex-Container-Start': '28',
      'X-Plex-Container-Size': '10',
    });
    expect(byHeader).toMatchObject({ size: 2, totalSize: 30, offset: 28 });
    expect((await get(pms, '/library/sections/9/all', TOKEN)).status).toBe(404);
  });

  it('reports sessions with User, Player, Session and TranscodeSession only when transcoding', async () => {
    const sessions = liveSessions(world, now);
    expect(sessions).toHaveLength(3);
    const json = await getJson(pms, '/status/sessions');
    expect(json.size).toBe(3);
    const first = json.Metadata![0];
    const s = sessions[0];
    expect(first).toMatchObject({
      sessionKey: s.sessionKey,
      ratingKey: s.item.ratingKey,
      librarySectionID: s.item.librarySectionID,
      viewOffset: s.viewOffset,
      User: { id: String(s.user.accountId), title: s.user.username },
      Player: { state: s.state, local: s.device.local, machineIdentifier: s.device.clientId },
      Session: { id: s.sessionId, bandwidth: s.bandwidth, location: s.location },
    });
    for (const [i, m] of json.Metadata!.entries())
      expect('TranscodeSession' in m).toBe(sessions[i].decision !== 'direct play');

    const xml: any = await parseStringPromise((await get(pms, '/status/sessions', TOKEN)).body);
    const tags = Object.keys(xml.MediaContainer).filter((k) => k !== '$');
    const count = tags.reduce((n, t) => n + (xml.MediaContainer[t] as unknown[]).length, 0);
    expect(count).toBe(3);
    expect(tags.every((t) => ['Video', 'Track'].includes(t))).toBe(true);
  });

  it('advances viewOffset with the clock, and ends and starts sessions over time', async () => {
    const before = liveSessions(world, now);
    now += 10_000;
    const later = await getJson(pms, '/status/sessions');
    const same = later.Metadata!.find((m) => m.sessionKey === before[0].sessionKey);
    if (same?.Player.state === 'playing') expect(same.viewOffset).toBeGreaterThan(before[0].viewOffset);
    else expect(same?.viewOffset).toBeGreaterThanOrEqual(before[0].viewOffset);

    const historyBefore = historyAt(world, T0).length;
    now = T0 + 3 * world.sessionPeriodMs;
    const afterKeys = (await getJson(pms, '/status/sessions')).Metadata?.map((m) => m.sessionKey) ?? [];
    expect(afterKeys.some((k) => before.some((b) => b.sessionKey === k))).toBe(false);
    const history = await getJson(pms, '/status/sessions/history/all?X-Plex-Container-Size=1');
    expect(history.totalSize).toBeGreaterThanOrEqual(historyBefore + 6);
    expect(history.Metadata![0].viewedAt).toBeGreaterThan(T0 / 1000);
  });

  it('answers an idle server with no Metadata key at all', async () => {
    const idleWorld = createPlexWorld({ seed: 2, libraries: LIBRARIES, sessions: 0, historySize: 3 });
    const idle = createPlexSimulator({ world: idleWorld });
    await idle.sim.start();
    try {
      expect((await get(idle, '/status/sessions', JSON_ACCEPT)).body).toBe('{"MediaContainer":{"size":0}}');
      expect((await get(idle, '/status/sessions', TOKEN)).body).toBe(
        '<?xml version="1.0" encoding="UTF-8"?>\n<MediaContainer size="0"/>\n',
      );
    } finally {
      await idle.sim.stop();
    }
    pms.sim.setFaults({ emptyLists: true });
    expect((await get(pms, '/status/sessions', JSON_ACCEPT)).body).toBe('{"MediaContainer":{"size":0}}');
  });

  it('pages and filters the playback history', async () => {
    const all = historyAt(world, now);
    const page = await getJson(
      pms,
      '/status/sessions/history/all?sort=viewedAt:desc&X-Plex-Container-Start=0&X-Plex-Container-Size=2',
    );
    expect(page).toMatchObject({ size: 2, totalSize: all.length, offset: 0 });
    const [a, b] = page.Metadata!;
    expect(a).toMatchObject({
      historyKey: `/status/sessions/history/${all[0].id}`,
      ratingKey: all[0].item.ratingKey,
      librarySectionID: all[0].item.librarySectionID,
      viewedAt: all[0].stopped,
      accountID: all[0].user.accountId,
      deviceID: all[0].device.id,
    });
    expect(a.viewedAt).toBeGreaterThanOrEqual(b.viewedAt);
    expect(typeof a.librarySectionID).toBe('string');

    const asc = await getJson(pms, '/status/sessions/history/all?sort=viewedAt:asc&X-Plex-Container-Size=1');
    expect(asc.Metadata![0].viewedAt).toBe(all[all.length - 1].stopped);

    const owner = await getJson(pms, '/status/sessions/history/all?accountID=1');
    expect(owner.totalSize).toBe(all.filter((e) => e.user.accountId === 1).length);
    expect(owner.Metadata!.every((m) => m.accountID === 1)).toBe(true);

    const since = all[9].stopped;
    const recent = await getJson(pms, `/status/sessions/history/all?viewedAt>=${since}`);
    expect(recent.totalSize).toBe(all.filter((e) => e.stopped >= since).length);
    const movies = await getJson(pms, '/status/sessions/history/all?librarySectionID=1');
    expect(movies.Metadata!.every((m) => m.librarySectionID === '1' && m.type === 'movie')).toBe(true);

    pms.sim.setFaults({ emptyLists: true });
    expect(await getJson(pms, '/status/sessions/history/all')).toEqual({ size: 0, totalSize: 0, offset: 0 });
  });

  it('starts a scan at once and shows the section refreshing until it ends', async () => {
    const scan = await get(pms, '/library/sections/2/refresh?force=1', TOKEN);
    expect(scan).toMatchObject({ status: 200, body: '' });
    const during = (await getJson(pms, '/library/sections')).Directory as Array<Record<string, unknown>>;
    expect(during.map((d) => d.refreshing)).toEqual([false, true, false]);
    expect(pms.state.scans.at(-1)).toMatchObject({ key: '2', force: true });
    now += 5000;
    const after = (await getJson(pms, '/library/sections')).Directory as Array<Record<string, unknown>>;
    expect(after.map((d) => d.refreshing)).toEqual([false, false, false]);

    expect((await get(pms, '/library/sections/all/refresh', TOKEN, 'POST')).status).toBe(200);
    expect(((await getJson(pms, '/library/sections')).Directory as any[]).every((d) => d.refreshing)).toBe(
      true,
    );
    expect((await get(pms, '/library/sections/all/refresh', TOKEN, 'DELETE')).status).toBe(200);
    expect(((await getJson(pms, '/library/sections')).Directory as any[]).some((d) => d.refreshing)).toBe(
      false,
    );
    expect((await get(pms, '/library/sections/42/refresh', TOKEN)).status).toBe(404);
  });

  it('optimizes the database, asynchronously with an activity', async () => {
    const res = await get(pms, '/library/optimize?async=1', TOKEN, 'PUT');
    expect(res).toMatchObject({ status: 200, body: '' });
    const uuid = res.headers.get('x-plex-activity');
    expect(uuid).toMatch(/^[0-9a-f-]{36}$/);
    const activities = await getJson(pms, '/activities');
    expect(activities.Activity).toEqual(
      expect.arrayContaining([expect.objectContaining({ uuid, type: 'database.optimize' })]),
    );
    expect((await get(pms, '/butler/OptimizeDatabase', TOKEN, 'POST')).status).toBe(200);
    expect(pms.state.optimizations).toBe(2);
    expect((await get(pms, '/library/optimize', TOKEN)).status).toBe(405);
  });

  it('reports library storage, accounts and terminates sessions', async () => {
    const providers = await getJson(pms, '/media/providers?includeStorage=1');
    const feature = (providers.MediaProvider as any[])[0].Feature[0];
    expect(feature.type).toBe('content');
    expect(feature.Directory[0]).toMatchObject({ id: '1', storageTotal: world.libraries[0].storageTotal });

    const accounts = await getJson(pms, '/accounts');
    expect((accounts.Account as any[])[1]).toMatchObject({ id: 1, name: 'plexowner' });

    const victim = liveSessions(world, now)[0];
    const kill = await get(pms, `/status/sessions/terminate?sessionId=${victim.sessionId}&reason=bye`, TOKEN);
    expect(kill.status).toBe(200);
    expect(liveSessions(world, now).map((s) => s.sessionId)).not.toContain(victim.sessionId);
    expect((await get(pms, '/status/sessions/terminate?sessionId=nope', TOKEN)).status).toBe(404);
    world.terminated.clear();
  });

  it('counts requests per route and answers unknown paths with 404', async () => {
    await get(pms, '/status/sessions', TOKEN);
    await get(pms, '/status/sessions', TOKEN);
    await get(pms, '/library/sections/1/all', TOKEN);
    const missing = await get(pms, '/nope', TOKEN);
    expect(missing.status).toBe(404);
    expect(pms.sim.counters()).toEqual({
      'GET /library/sections/:key/all': 1,
      'GET /status/sessions': 2,
      unmatched: 1,
    });
  });

  it('builds a large world deterministically', () => {
    const big = createPlexWorld({ seed: 5, historySize: 20_000, users: 200 });
    const again = createPlexWorld({ seed: 5, historySize: 20_000, users: 200, startedAt: big.startedAt });
    expect(again.history[500].item.ratingKey).toBe(big.history[500].item.ratingKey);
    expect(liveSessions(again, big.startedAt + 1000)).toEqual(liveSessions(big, big.startedAt + 1000));
  });
});
