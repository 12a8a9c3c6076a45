import { createEmbySimulator, DEFAULT_EMBY_API_KEY, type EmbySimulator } from '../../simulators/emby';

const KEY = DEFAULT_EMBY_API_KEY;
const HEX32 = /^[0-9a-f]{32}$/;

/** The parts of a UserDto the assertions read. */
interface UserDto {
  Name: string;
  Id: string;
  ServerId: string;
  Prefix?: string;
  DateCreated?: string;
  LastLoginDate?: string;
  ConnectUserName?: string;
  ConnectLinkType?: string;
  Configuration: Record<string, unknown>;
  Policy: Record<string, unknown> & { IsAdministrator: boolean; IsHidden: boolean; IsDisabled: boolean };
}

interface QueryResult {
  Items: UserDto[];
  TotalRecordCount: number;
}

interface Answer {
  status: number;
  type: string | null;
  body: string;
  json: <T = Record<string, unknown>>() => T;
}

async function call(sim: EmbySimulator, path: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(`${sim.url}${path}`, init);
  const body = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body,
    json: <T>() => JSON.parse(body) as T,
  };
}

const withKey = (path: string) => `${path}${path.includes('?') ? '&' : '?'}api_key=${KEY}`;

describe('Emby simulator', () => {
  let sim: EmbySimulator;
  beforeEach(async () => {
    sim = createEmbySimulator();
    await sim.start();
  });
  afterEach(() => sim.stop());

  describe('system info', () => {
    it('answers /System/Info/Public anonymously, without ProductName, with address lists', async () => {
      const res = await call(sim, '/System/Info/Public');
      expect(res.status).toBe(200);
      expect(res.type).toBe('application/json; charset=utf-8');
      const info = res.json();
      expect(info).toEqual({
        LocalAddress: sim.url,
        LocalAddresses: [sim.url],
        WanAddress: expect.stringMatching(/^http:\/\/203\.0\.113\.30:\d+$/),
        RemoteAddresses: [info.WanAddress],
        ServerName: 'emby-box',
        Version: '4.8.11.0',
        Id: sim.state.serverId,
      });
      expect(info).not.toHaveProperty('ProductName');
      expect(sim.state.serverId).toMatch(HEX32);
    });

    it('needs a key for /System/Info and then adds the private fields', async () => {
      const anonymous = await call(sim, '/System/Info');
      expect(anonymous).toMatchObject({ status: 401, body: 'Access token is required.' });
      expect(anonymous.type).toMatch(/^text\/plain/);
      const info = (await call(sim, withKey('/System/Info'))).json();
      expect(info).toMatchObject({
        Id: sim.state.serverId,
        OperatingSystem: 'Linux',
        HasPendingRestart: false,
        HttpServerPortNumber: Number(new URL(sim.url).port),
        HttpsPortNumber: 8920,
        SupportsHttps: false,
        CanSelfUpdate: false,
        HasUpdateAvailable: false,
      });
    });

    it('serves every route under the optional /emby prefix', async () => {
      expect((await call(sim, '/emby/System/Info/Public')).json<UserDto>().Id).toBe(sim.state.serverId);
      expect((await call(sim, withKey('/emby/Users/Query'))).json<QueryResult>().TotalRecordCount).toBe(25);
      expect((await call(sim, withKey('/emby/Users'))).json()).toHaveLength(25);
    });
  });

  describe('authentication', () => {
    const accepted: [string, string, Record<string, string>][] = [
      ['?api_key=', `?api_key=${KEY}`, {}],
      ['?API_KEY= (query names ignore case)', `?API_KEY=${KEY}`, {}],
      ['X-Emby-Token', '', { 'X-Emby-Token': KEY }],
      ['X-MediaBrowser-Token', '', { 'X-MediaBrowser-Token': KEY }],
      [
        'Authorization: Emby …Token=',
        '',
        {
          Authorization: `Emby UserId="u", Client="c", Device="d", DeviceId="i", Version="1", Token="${KEY}"`,
        },
      ],
      [
        'Authorization: MediaBrowser Token= (as Seerr sends it)',
        '',
        { Authorization: `MediaBrowser Token="${KEY}"` },
      ],
      ['X-Emby-Authorization', '', { 'X-Emby-Authorization': `Emby Client="c", Token="${KEY}"` }],
      ['a lower-case token key', '', { Authorization: `emby token="${KEY}"` }],
    ];
    it.each(accepted)('accepts %s', async (_name, query, headers) => {
      expect((await call(sim, `/Users/Query${query}`, { headers })).status).toBe(200);
    });

    it('answers a missing key with 401 "Access token is required."', async () => {
      expect(await call(sim, '/Users/Query')).toMatchObject({
        status: 401,
        body: 'Access token is required.',
      });
      // ApiKey is Jellyfin's spelling; Emby does not read it.
      expect((await call(sim, `/Users/Query?ApiKey=${KEY}`)).body).toBe('Access token is required.');
    });

    it('answers a wrong key with 401 "Access token is invalid or expired."', async () => {
      const wrong: Record<string, string>[] = [
        { 'X-Emby-Token': 'nope' },
        { Authorization: 'Emby Token="nope"' },
      ];
      for (const headers of wrong) {
        const res = await call(sim, '/Users/Query', { headers });
        expect(res).toMatchObject({ status: 401, body: 'Access token is invalid or expired.' });
        expect(res.type).toMatch(/^text\/plain/);
      }
    });

    it('honours user tokens: 403 on admin routes for non-admins, 401 for disabled users', async () => {
      const plain = sim.state.users.find((u) => !u.Policy.IsAdministrator && !u.Policy.IsDisabled)!;
      const disabled = sim.state.users.find((u) => u.Policy.IsDisabled)!;
      sim.state.accessTokens.set('plain', plain.Id);
      sim.state.accessTokens.set('off', disabled.Id);
      const asPlain = { headers: { 'X-Emby-Token': 'plain' } };
      expect((await call(sim, '/Users', asPlain)).status).toBe(200);
      expect(await call(sim, '/Users/Query', asPlain)).toMatchObject({
        status: 403,
        body: 'User does not have admin access.',
      });
      expect((await call(sim, '/Users', { headers: { 'X-Emby-Token': 'off' } })).status).toBe(401);
    });
  });

  describe('users', () => {
    it('returns {Items, TotalRecordCount} from /Users/Query with the Emby UserDto and no e-mail', async () => {
      const res = await call(sim, withKey('/Users/Query'));
      expect(res.type).toBe('application/json; charset=utf-8');
      const page = res.json<QueryResult>();
      expect(Object.keys(page)).toEqual(['Items', 'TotalRecordCount']);
      expect(page.TotalRecordCount).toBe(25);
      expect(page.Items).toHaveLength(25);
      const names = page.Items.map((u) => u.Name);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
      for (const user of page.Items) {
        expect(user.Id).toMatch(HEX32);
        expect(user.ServerId).toBe(sim.state.serverId);
        expect(user.Prefix).toBe(user.Name.charAt(0).toUpperCase());
        expect(user.DateCreated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
        expect(user.Policy).toHaveProperty('IsHiddenRemotely');
        expect(user.Policy).toHaveProperty('SimultaneousStreamLimit');
        expect(user.Configuration).not.toHaveProperty('Email');
      }
      expect(res.body).not.toMatch(/"Email"/i);
      expect(res.body).not.toContain('null');
      const linked = page.Items.filter((u) => u.ConnectUserName);
      const unlinked = page.Items.filter((u) => !('ConnectUserName' in u));
      expect(linked.every((u) => u.ConnectLinkType === 'LinkedUser')).toBe(true);
      expect(unlinked.length).toBeGreaterThan(0);
    });

    it('spreads admin, hidden and disabled flags deterministically', () => {
      const users = sim.state.users;
      expect(users[0].Policy).toMatchObject({ IsAdministrator: true, IsHidden: false, IsDisabled: false });
      expect(users.filter((u) => u.Policy.IsAdministrator).length).toBeGreaterThanOrEqual(2);
      expect(users.filter((u) => u.Policy.IsDisabled).length).toBeGreaterThanOrEqual(1);
      expect(users.filter((u) => u.Policy.IsHidden).length).toBeGreaterThan(users.length / 3);
      expect(createEmbySimulator().state.users).toEqual(users);
      expect(createEmbySimulator({ seed: 9 }).state.users[0].Id).not.toBe(users[0].Id);
    });

    it('pages with StartIndex and Limit; TotalRecordCount counts the filtered set', async () => {
      const all = (await call(sim, withKey('/Users/Query'))).json<QueryResult>().Items.map((u) => u.Id);
      const seen: string[] = [];
      for (let start = 0; start < 25; start += 10) {
        const page = (
          await call(sim, withKey(`/Users/Query?StartIndex=${start}&Limit=10`))
        ).json<QueryResult>();
        expect(page.TotalRecordCount).toBe(25);
        seen.push(...page.Items.map((u) => u.Id));
      }
      expect(seen).toEqual(all);
      const hidden = sim.state.users.filter((u) => u.Policy.IsHidden).length;
      const page = (
        await call(sim, withKey('/Users/Query?IsHidden=true&startindex=1&limit=2'))
      ).json<QueryResult>();
      expect(page.TotalRecordCount).toBe(hidden);
      expect(page.Items).toHaveLength(2);
      expect(page.Items.every((u) => u.Policy.IsHidden)).toBe(true);
      const beyond = (await call(sim, withKey('/Users/Query?StartIndex=500'))).json<QueryResult>();
      expect(beyond).toEqual({ Items: [], TotalRecordCount: 25 });
    });

    it('filters on IsDisabled, NameStartsWithOrGreater and SortOrder', async () => {
      const disabled = (await call(sim, withKey('/Users/Query?IsDisabled=true'))).json<QueryResult>();
      expect(disabled.TotalRecordCount).toBe(sim.state.users.filter((u) => u.Policy.IsDisabled).length);
      expect(disabled.Items.every((u) => u.Policy.IsDisabled)).toBe(true);
      const fromM = (await call(sim, withKey('/Users/Query?NameStartsWithOrGreater=m'))).json<QueryResult>();
      expect(fromM.Items.length).toBeGreaterThan(0);
      expect(fromM.Items.every((u) => u.Name.localeCompare('m', 'en') >= 0)).toBe(true);
      const asc = (await call(sim, withKey('/Users/Query'))).json<QueryResult>().Items.map((u) => u.Id);
      const desc = (await call(sim, withKey('/Users/Query?SortOrder=Descending')))
        .json<QueryResult>()
        .Items.map((u) => u.Id);
      expect(desc).toEqual([...asc].reverse());
    });

    it('also serves /Users as a bare array with the same flag filters', async () => {
      const users = (await call(sim, withKey('/Users?IsHidden=false'))).json<UserDto[]>();
      expect(Array.isArray(users)).toBe(true);
      expect(users).toHaveLength(sim.state.users.filter((u) => !u.Policy.IsHidden).length);
    });

    it('lists only visible, enabled users on the anonymous /Users/Public', async () => {
      const users = (await call(sim, '/Users/Public')).json<UserDto[]>();
      const expected = sim.state.users.filter((u) => !u.Policy.IsHidden && !u.Policy.IsDisabled);
      expect(users.map((u) => u.Id).sort()).toEqual(expected.map((u) => u.Id).sort());
    });

    it('gets one user, 404 "User not found" otherwise', async () => {
      const user = sim.state.users[4];
      expect((await call(sim, withKey(`/Users/${user.Id}`))).json<UserDto>().Name).toBe(user.Name);
      expect(await call(sim, withKey(`/Users/${'0'.repeat(32)}`))).toMatchObject({
        status: 404,
        body: 'User not found',
      });
    });

    it('deletes with DELETE or POST …/Delete and refreshes the cached lists; keeps the last admin', async () => {
      await call(sim, withKey('/Users/Query'));
      const [a, b] = sim.state.users.filter((u) => !u.Policy.IsAdministrator);
      expect((await call(sim, withKey(`/Users/${a.Id}`), { method: 'DELETE' })).status).toBe(204);
      expect((await call(sim, withKey(`/emby/Users/${b.Id}/Delete`), { method: 'POST' })).status).toBe(204);
      expect((await call(sim, withKey('/Users/Query'))).json<QueryResult>().TotalRecordCount).toBe(23);
      expect((await call(sim, withKey(`/Users/${a.Id}`), { method: 'DELETE' })).status).toBe(404);
      const admins = sim.state.users.filter((u) => u.Policy.IsAdministrator);
      for (const admin of admins.slice(1))
        expect((await call(sim, withKey(`/Users/${admin.Id}`), { method: 'DELETE' })).status).toBe(204);
      const last = await call(sim, withKey(`/Users/${admins[0].Id}`), { method: 'DELETE' });
      expect(last.status).toBe(400);
      expect(last.body).toContain('there must be at least one admin user');
    });

    it('generates and serves 10,000 users, paged or whole', async () => {
      const big = createEmbySimulator({ users: 10_000 });
      await big.start();
      try {
        expect((await call(big, withKey('/Users/Query'))).json<QueryResult>().Items).toHaveLength(10_000);
        for (let start = 0; start < 1000; start += 100) {
          const page = (
            await call(big, withKey(`/Users/Query?StartIndex=${start}&Limit=100`))
          ).json<QueryResult>();
          expect(page.Items).toHaveLength(100);
          expect(page.TotalRecordCount).toBe(10_000);
        }
      } finally {
        await big.stop();
      }
    });
  });

  describe('faults and counters', () => {
    it('answers every credential with 401 "Access token is invalid or expired." under badAuth', async () => {
      sim.setFaults({ badAuth: true });
      expect(await call(sim, withKey('/Users/Query'))).toMatchObject({
        status: 401,
        body: 'Access token is invalid or expired.',
      });
      expect((await call(sim, '/System/Info', { headers: { 'X-Emby-Token': KEY } })).status).toBe(401);
      expect((await call(sim, '/System/Info/Public')).status).toBe(200);
    });

    it('empties every list under emptyLists', async () => {
      sim.setFaults({ emptyLists: true });
      expect((await call(sim, withKey('/Users/Query?StartIndex=0&Limit=5'))).json()).toEqual({
        Items: [],
        TotalRecordCount: 0,
      });
      expect((await call(sim, withKey('/Users'))).body).toBe('[]');
      expect((await call(sim, '/Users/Public')).body).toBe('[]');
    });

    it('counts prefixed and unprefixed calls under one key per route', async () => {
      await call(sim, '/System/Info/Public');
      await call(sim, '/emby/System/Info/Public');
      await call(sim, withKey('/Users/Query'));
      await call(sim, withKey('/emby/Users/Query?Limit=1'));
      await call(sim, withKey(`/Users/${sim.state.users[0].Id}`));
      expect(sim.counters()).toEqual({
        'GET /System/Info/Public': 2,
        'GET /Users/Query': 2,
        'GET /Users/:userId': 1,
      });
    });
  });
});
