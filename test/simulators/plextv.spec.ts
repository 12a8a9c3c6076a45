import { parseStringPromise } from 'xml2js';
import { createPlexWorld } from '../../simulators/media-library';
import { createPlexTvSimulator, DEFAULT_PLEXTV_TOKEN, type PlexTvSimulator } from '../../simulators/plextv';

const TOKEN = { 'X-Plex-Token': DEFAULT_PLEXTV_TOKEN };
const V2 = { ...TOKEN, 'X-Plex-Client-Identifier': 'panel-test-client', Accept: 'application/json' };

interface XmlNode {
  $: Record<string, string>;
  [child: string]: unknown;
}

async function get(sim: PlexTvSimulator, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(sim.sim.url + path, { headers });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

async function xmlOf(body: string): Promise<{ root: string; node: XmlNode }> {
  const doc = (await parseStringPromise(body)) as Record<string, XmlNode>;
  const root = Object.keys(doc)[0];
  return { root, node: doc[root] };
}

const children = (node: XmlNode, tag: string) => (node[tag] as XmlNode[] | undefined) ?? [];

describe('plex.tv simulator', () => {
  let tv: PlexTvSimulator;
  beforeAll(async () => {
    tv = createPlexTvSimulator({ friends: 40, managedUsers: 2 });
    await tv.sim.start();
  });
  afterAll(() => tv.sim.stop());
  afterEach(() => {
    tv.sim.resetFaults();
    tv.sim.resetCounters();
  });

  it('lists friends and managed Home users as XML, never the owner', async () => {
    // Seerr sends Accept: application/json to this v1 endpoint and still gets XML.
    const res = await get(tv, '/api/users', { ...TOKEN, Accept: 'application/json' });
    expect(res).toMatchObject({ status: 200, type: 'application/xml; charset=utf-8' });
    const { root, node } = await xmlOf(res.body);
    expect(root).toBe('MediaContainer');
    expect(node.$).toMatchObject({
      friendlyName: 'myPlex',
      identifier: 'com.plexapp.plugins.myplex',
      size: '42',
    });
    const users = children(node, 'User');
    expect(users).toHaveLength(42);
    expect(users.map((u) => u.$.id)).not.toContain(String(tv.state.owner.id));
    expect(users.map((u) => u.$.username)).not.toContain(tv.state.owner.username);

    const managed = users.filter((u) => u.$.restricted === '1');
    expect(managed.map((u) => u.$.title)).toEqual(['Kids', 'Guest Room']);
    for (const m of managed) expect(m.$).toMatchObject({ username: '', email: '', home: '1' });

    const first = users[0].$;
    expect(first.username).toBe('alex.smith');
    expect(first.email).toBe('alex.smith@example.test');
    for (const flag of ['protected', 'home', 'allowSync', 'restricted'])
      expect(['0', '1']).toContain(first[flag]);
    const server = children(users[0], 'Server')[0].$;
    expect(server).toMatchObject({ machineIdentifier: tv.state.servers[0].machineIdentifier, owned: '1' });
    // Some friends have no access to the owner's servers at all.
    expect(users.some((u) => children(u, 'Server').length === 0)).toBe(true);
  });

  it('accepts the token as a query parameter and answers 401 with the v1 XML error otherwise', async () => {
    expect((await get(tv, `/api/users?X-Plex-Token=${DEFAULT_PLEXTV_TOKEN}`)).status).toBe(200);
    const error =
      '<?xml version="1.0" encoding="UTF-8"?><errors><error>Invalid authentication token.</error></errors>';
    expect(await get(tv, '/api/users')).toEqual({
      status: 401,
      type: 'application/xml; charset=utf-8',
      body: error,
    });
    expect((await get(tv, '/api/users', { 'X-Plex-Token': 'nope' })).body).toBe(error);
    tv.sim.setFaults({ badAuth: true });
    expect(await get(tv, '/api/users', TOKEN)).toMatchObject({ status: 401, body: error });
  });

  it('lists the share records of one server, joined to /api/users by userID', async () => {
    const server = tv.state.servers[0];
    const res = await get(tv, `/api/servers/${server.machineIdentifier}/shared_servers`, TOKEN);
    expect(res.type).toBe('application/xml; charset=utf-8');
    const { node } = await xmlOf(res.body);
    expect(node.$.machineIdentifier).toBe(server.machineIdentifier);
    const shared = children(node, 'SharedServer');
    const withAccess = tv.state.users.filter((u) => u.shares.length > 0);
    expect(shared).toHaveLength(withAccess.length);
    expect(node.$.size).toBe(String(withAccess.length));
    expect(shared.map((s) => s.$.userID)).toEqual(withAccess.map((u) => String(u.id)));
    expect(shared.map((s) => s.$.userID)).not.toContain(String(tv.state.owner.id));

    const kids = shared.find(
      (s) => s.$.userID === String(tv.state.users.find((u) => u.title === 'Kids')?.id),
    );
    expect(kids?.$).toMatchObject({ username: '', email: '', owned: '0', name: server.name });
    for (const s of shared) {
      const sections = children(s, 'Section');
      expect(sections.length).toBeGreaterThan(0);
      expect(sections[0].$).toMatchObject({ key: '1', title: 'Movies', type: 'movie', shared: '1' });
    }
    const pending = tv.state.users.find((u) => u.shares[0]?.pending);
    if (pending) expect(shared.find((s) => s.$.userID === String(pending.id))?.$.acceptedAt).toBe('');

    const unknown = await get(tv, '/api/servers/0000/shared_servers', TOKEN);
    expect(unknown.status).toBe(404);
  });

  it('serves /api/v2/user as JSON only for Accept: application/json exactly', async () => {
    const json = await get(tv, '/api/v2/user', V2);
    expect(json.type).toBe('application/json; charset=utf-8');
    expect(JSON.parse(json.body)).toMatchObject({
      id: tv.state.owner.id,
      username: 'plexowner',
      email: 'plexowner@example.test',
      authToken: DEFAULT_PLEXTV_TOKEN,
      homeSize: 3,
      subscription: { active: true, status: 'Active' },
    });
    const axiosDefault = await get(tv, '/api/v2/user', {
      ...V2,
      Accept: 'application/json, text/plain, */*',
    });
    expect(axiosDefault.type).toBe('application/xml; charset=utf-8');
    const { root, node } = await xmlOf(axiosDefault.body);
    expect(root).toBe('user');
    expect(node.$).toMatchObject({ username: 'plexowner', homeAdmin: '1' });
  });

  it('requires X-Plex-Client-Identifier and a token on v2', async () => {
    const { 'X-Plex-Client-Identifier': _omit, ...noClient } = V2;
    expect(await get(tv, '/api/v2/user', noClient)).toEqual({
      status: 400,
      type: 'application/json; charset=utf-8',
      body: '{"errors":[{"code":1000,"message":"X-Plex-Client-Identifier is missing","status":400}]}',
    });
    const unauthorised =
      '{"errors":[{"code":1001,"message":"User could not be authenticated","status":401}]}';
    expect(await get(tv, '/api/v2/user', { ...V2, 'X-Plex-Token': 'bad' })).toMatchObject({
      status: 401,
      body: unauthorised,
    });
    tv.sim.setFaults({ badAuth: true });
    expect(await get(tv, '/api/v2/resources', V2)).toMatchObject({ status: 401, body: unauthorised });
  });

  it('discovers servers with their connections (v2 JSON and v1 XML)', async () => {
    const res = await get(tv, '/api/v2/resources?includeHttps=1&includeRelay=1', V2);
    const list = JSON.parse(res.body) as Array<Record<string, unknown>>;
    const servers = list.filter((d) => String(d.provides).includes('server') && d.owned === true);
    expect(servers).toHaveLength(1);
    const server = tv.state.servers[0];
    expect(servers[0]).toMatchObject({
      name: server.name,
      product: 'Plex Media Server',
      clientIdentifier: server.machineIdentifier,
      ownerId: null,
      accessToken: DEFAULT_PLEXTV_TOKEN,
    });
    expect(servers[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const conns = servers[0].connections as Array<Record<string, unknown>>;
    expect(conns[0]).toMatchObject({ protocol: 'https', local: true, relay: false, IPv6: false });
    expect(conns[0].uri).toMatch(/^https:\/\/192-168-1-20\.[0-9a-f]{16}\.plex\.direct:32400$/);
    expect(conns.some((c) => c.relay === true)).toBe(true);
    expect(list.some((d) => d.provides === 'client,player,pubsub-player')).toBe(true);

    const v1 = await get(tv, '/api/resources?includeHttps=1', TOKEN);
    const { node } = await xmlOf(v1.body);
    const device = children(node, 'Device').find((d) => d.$.provides === 'server');
    expect(device?.$).toMatchObject({ clientIdentifier: server.machineIdentifier, owned: '1' });
    expect(Number(device?.$.createdAt)).toBeGreaterThan(1e9);
    expect(children(device!, 'Connection')[0].$).toMatchObject({
      protocol: 'https',
      port: '32400',
      local: '1',
    });
  });

  it('describes a Plex world and points at the PMS simulator URL', async () => {
    const world = createPlexWorld({ seed: 3, libraries: [{ title: 'Films', type: 'movie', size: 2 }] });
    const linked = createPlexTvSimulator({ world, worldUrl: 'http://127.0.0.1:41234', friends: 3 });
    await linked.sim.start();
    try {
      const list = JSON.parse((await get(linked, '/api/v2/resources', V2)).body) as Array<
        Record<string, unknown>
      >;
      expect(list[0]).toMatchObject({ clientIdentifier: world.server.machineIdentifier, name: 'Seedbox' });
      expect(list[0].connections).toEqual([
        {
          protocol: 'http',
          address: '127.0.0.1',
          port: 41234,
          uri: 'http://127.0.0.1:41234',
          local: true,
          relay: false,
          IPv6: false,
        },
      ]);
      expect(linked.state.servers[0].sections).toEqual([
        { id: 118181361, key: '1', title: 'Films', type: 'movie' },
      ]);
      // The same people get the same plex.tv ids in the world and on plex.tv.
      expect(linked.state.users[0].id).toBe(world.users[1].plexId);
    } finally {
      await linked.sim.stop();
    }
  });

  it('empties every list on emptyLists', async () => {
    tv.sim.setFaults({ emptyLists: true });
    const { node } = await xmlOf((await get(tv, '/api/users', TOKEN)).body);
    expect(node.$.size).toBe('0');
    expect(children(node, 'User')).toHaveLength(0);
    const shared = await get(
      tv,
      `/api/servers/${tv.state.servers[0].machineIdentifier}/shared_servers`,
      TOKEN,
    );
    expect((await xmlOf(shared.body)).node.$.size).toBe('0');
    expect((await get(tv, '/api/v2/resources', V2)).body).toBe('[]');
  });

  it('counts requests per route', async () => {
    await get(tv, '/api/users', TOKEN);
    await get(tv, '/api/users');
    await get(tv, '/api/v2/user', V2);
    await get(tv, '/nowhere', TOKEN);
    expect(tv.sim.counters()).toEqual({ 'GET /api/users': 2, 'GET /api/v2/user': 1, unmatched: 1 });
  });

  it('generates 10,000 friends', () => {
    const big = createPlexTvSimulator({ friends: 10_000, managedUsers: 5 });
    expect(big.state.users).toHaveLength(10_005);
    expect(new Set(big.state.users.map((u) => u.id)).size).toBe(10_005);
  });
});
