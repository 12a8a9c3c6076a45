import {
  createJellyfinSimulator,
  DEFAULT_JELLYFIN_API_KEY,
  type JellyfinSimulator,
} from '../../simulators/jellyfin';
import { people } from '../../simulators/world';

const KEY = DEFAULT_JELLYFIN_API_KEY;
const AUTH = { Authorization: `MediaBrowser Token="${KEY}"` };
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

interface Answer {
  status: number;
  type: string | null;
  body: string;
  json: <T = Record<string, unknown>>() => T;
}

async function call(sim: JellyfinSimulator, path: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(`${sim.url}${path}`, init);
  const body = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body,
    json: <T>() => JSON.parse(body) as T,
  };
}

describe('Jellyfin simulator', () => {
  let sim: JellyfinSimulator;
  beforeEach(async () => {
    sim = createJellyfinSimulator();
    await sim.start();
  });
  afterEach(() => sim.stop());

  describe('system info', () => {
    it('answers /System/Info/Public anonymously with ProductName and the 32-hex server id', async () => {
      const res = await call(sim, '/System/Info/Public');
      expect(res.status).toBe(200);
      expect(res.type).toBe('application/json; charset=utf-8');
      expect(res.json()).toEqual({
        LocalAddress: sim.url,
        ServerName: 'jf-home',
        Version: '12.0.0',
        ProductName: 'Jellyfin Server',
        OperatingSystem: '',
        Id: sim.state.serverId,
        StartupWizardCompleted: true,
      });
      expect(sim.state.serverId).toMatch(HEX32);
    });

    it('needs a token for /System/Info and then adds the private fields', async () => {
      const anonymous = await call(sim, '/System/Info');
      expect(anonymous).toMatchObject({ status: 401, body: '', type: null });
      const res = await call(sim, '/System/Info', { headers: AUTH });
      expect(res.status).toBe(200);
      expect(res.json()).toMatchObject({
        ProductName: 'Jellyfin Server',
        Id: sim.state.serverId,
        HasPendingRestart: false,
        IsShuttingDown: false,
        CanSelfRestart: true,
        CanLaunchWebBrowser: false,
        EncoderLocation: 'System',
        SystemArchitecture: 'X64',
        CompletedInstallations: [],
      });
    });

    it('answers /System/Ping with the product name as a JSON string', async () => {
      expect(await call(sim, '/System/Ping')).toMatchObject({ status: 200, body: '"Jellyfin Server"' });
      expect(await call(sim, '/System/Ping', { method: 'POST' })).toMatchObject({ status: 200 });
    });

    it('answers an unknown route with an empty 404', async () => {
      expect(await call(sim, '/Nope', { headers: AUTH })).toMatchObject({ status: 404, body: '' });
    });
  });

  describe('authentication', () => {
    const accepted: [string, string, Record<string, string>][] = [
      ['Authorization: MediaBrowser Token=', '', { Authorization: `MediaBrowser Token="${KEY}"` }],
      ['the scheme in any case', '', { Authorization: `mediabrowser Token="${KEY}"` }],
      [
        'all the client fields',
        '',
        {
          Authorization: `MediaBrowser Client="Seedbox Panel", Device="server", DeviceId="abc", Version="1.0", Token="${KEY}"`,
        },
      ],
      ['an unquoted token', '', { Authorization: `MediaBrowser Token=${KEY}` }],
      ['?ApiKey=', `?ApiKey=${KEY}`, {}],
      ['?apikey= (query names ignore case)', `?apikey=${KEY}`, {}],
    ];
    it.each(accepted)('accepts %s on 12.0', async (_name, query, headers) => {
      expect((await call(sim, `/Users${query}`, { headers })).status).toBe(200);
    });

    const legacy: [string, string, Record<string, string>][] = [
      ['X-Emby-Token', '', { 'X-Emby-Token': KEY }],
      ['X-MediaBrowser-Token', '', { 'X-MediaBrowser-Token': KEY }],
      ['X-Emby-Authorization', '', { 'X-Emby-Authorization': `MediaBrowser Client="x", Token="${KEY}"` }],
      ['Authorization: Emby scheme', '', { Authorization: `Emby Token="${KEY}"` }],
      ['?api_key=', `?api_key=${KEY}`, {}],
    ];
    it.each(legacy)('rejects the legacy %s on 12.0 with an empty 401', async (_name, query, headers) => {
      expect(await call(sim, `/Users${query}`, { headers })).toMatchObject({ status: 401, body: '' });
    });

    it('rejects a wrong key, a lower-case `token` key, Bearer, and no token at all', async () => {
      const wrong: Record<string, string>[] = [
        { Authorization: 'MediaBrowser Token="0000000000000000000000000000000f"' },
        { Authorization: `MediaBrowser token="${KEY}"` },
        { Authorization: `Bearer ${KEY}` },
        {},
      ];
      for (const headers of wrong)
        expect(await call(sim, '/Users', { headers })).toMatchObject({ status: 401, body: '' });
    });

    it('accepts every legacy form on 10.11, where legacy authorization is on by default', async () => {
      const old = createJellyfinSimulator({ version: '10.11.5' });
      await old.start();
      try {
        expect(old.state.legacyAuth).toBe(true);
        for (const [, query, headers] of [...accepted, ...legacy])
          expect((await call(old, `/Users${query}`, { headers })).status).toBe(200);
        // Authorization wins over X-Emby-Authorization even when it is not a MediaBrowser header.
        const proxied = await call(old, '/Users', {
          headers: {
            Authorization: 'Basic dXNlcjpwYXNz',
            'X-Emby-Authorization': `MediaBrowser Token="${KEY}"`,
          },
        });
        expect(proxied.status).toBe(401);
      } finally {
        await old.stop();
      }
    });

    it('rejects legacy forms on 10.11 when an admin turned legacy authorization off', async () => {
      const strict = createJellyfinSimulator({ version: '10.11.5', legacyAuth: false });
      await strict.start();
      try {
        for (const [, query, headers] of legacy)
          expect((await call(strict, `/Users${query}`, { headers })).status).toBe(401);
        expect((await call(strict, '/Users', { headers: AUTH })).status).toBe(200);
      } finally {
        await strict.stop();
      }
    });

    it('accepts a custom API key and URL-decodes header values', async () => {
      const custom = createJellyfinSimulator({ apiKey: 'my key+1' });
      await custom.start();
      try {
        const res = await call(custom, '/Users', {
          headers: { Authorization: 'MediaBrowser Token="my%20key%2B1"' },
        });
        expect(res.status).toBe(200);
        expect((await call(custom, '/Users', { headers: AUTH })).status).toBe(401);
      } finally {
        await custom.stop();
      }
    });

    it('honours user tokens: 403 for non-admins on admin routes, 401 for disabled users', async () => {
      const plain = sim.state.users.find((u) => !u.Policy.IsAdministrator && !u.Policy.IsDisabled)!;
      const disabled = sim.state.users.find((u) => u.Policy.IsDisabled)!;
      sim.state.accessTokens.set('plain-token', plain.Id);
      sim.state.accessTokens.set('disabled-token', disabled.Id);
      const asPlain = { Authorization: 'MediaBrowser Token="plain-token"' };
      expect((await call(sim, '/Users', { headers: asPlain })).status).toBe(200);
      expect((await call(sim, '/Users/Me', { headers: asPlain })).json<UserDto>().Id).toBe(plain.Id);
      const forbidden = await call(sim, `/Users/${disabled.Id}`, { method: 'DELETE', headers: asPlain });
      expect(forbidden).toMatchObject({ status: 403, body: '' });
      const asDisabled = { Authorization: 'MediaBrowser Token="disabled-token"' };
      expect((await call(sim, '/Users', { headers: asDisabled })).status).toBe(401);
    });

    it('answers /Users/Me for an API key (no user behind it) with a ProblemDetails 400', async () => {
      const res = await call(sim, '/Users/Me', { headers: AUTH });
      expect(res.status).toBe(400);
      expect(res.type).toBe('application/problem+json; charset=utf-8');
      expect(res.json()).toMatchObject({ title: 'Bad Request', status: 400 });
    });
  });

  describe('users', () => {
    it('returns a bare array sorted by Name with the UserDto fields and no e-mail', async () => {
      const res = await call(sim, '/Users', { headers: AUTH });
      expect(res.type).toBe('application/json; charset=utf-8');
      const users = res.json<UserDto[]>();
      expect(Array.isArray(users)).toBe(true);
      expect(users).toHaveLength(25);
      const names = users.map((u) => u.Name);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
      for (const user of users) {
        expect(user.Id).toMatch(HEX32);
        expect(user.ServerId).toBe(sim.state.serverId);
        expect(Object.keys(user).slice(0, 3)).toEqual(['Name', 'ServerId', 'Id']);
        expect(user.Configuration).not.toHaveProperty('Email');
        expect(user.Policy).toMatchObject({
          LoginAttemptsBeforeLockout: -1,
          SyncPlayAccess: 'CreateAndJoinGroups',
          AuthenticationProviderId: 'Jellyfin.Server.Implementations.Users.DefaultAuthenticationProvider',
        });
      }
      expect(res.body).not.toMatch(/mail/i);
      expect(res.body).not.toContain('null');
      const never = sim.state.users.find((u) => u.LastLoginDate === undefined)!;
      const dto = users.find((u) => u.Id === never.Id);
      expect(dto).not.toHaveProperty('LastLoginDate');
      expect(users.find((u) => u.LastLoginDate)!.LastLoginDate).toMatch(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/,
      );
    });

    it('spreads admin, hidden and disabled flags deterministically', () => {
      const users = sim.state.users;
      expect(users[0].Policy).toMatchObject({ IsAdministrator: true, IsHidden: false, IsDisabled: false });
      const admins = users.filter((u) => u.Policy.IsAdministrator).length;
      const disabled = users.filter((u) => u.Policy.IsDisabled).length;
      const hidden = users.filter((u) => u.Policy.IsHidden).length;
      expect(admins).toBeGreaterThanOrEqual(2);
      expect(disabled).toBeGreaterThanOrEqual(1);
      expect(hidden).toBeGreaterThan(users.length / 2);
      expect(admins + disabled).toBeLessThan(users.length / 3);
      const again = createJellyfinSimulator();
      expect(again.state.users).toEqual(users);
      const other = createJellyfinSimulator({ seed: 2 });
      expect(other.state.users[0].Id).not.toBe(users[0].Id);
    });

    it('filters on isHidden and isDisabled, with query names in any case', async () => {
      const visible = (await call(sim, '/Users?isHidden=false', { headers: AUTH })).json<UserDto[]>();
      expect(visible.length).toBe(sim.state.users.filter((u) => !u.Policy.IsHidden).length);
      expect(visible.every((u) => !u.Policy.IsHidden)).toBe(true);
      const disabled = (await call(sim, '/Users?IsDisabled=TRUE', { headers: AUTH })).json<UserDto[]>();
      expect(disabled.length).toBe(sim.state.users.filter((u) => u.Policy.IsDisabled).length);
      expect(disabled.every((u) => u.Policy.IsDisabled)).toBe(true);
      const both = (await call(sim, '/Users?isHidden=true&isDisabled=false', { headers: AUTH })).json<
        UserDto[]
      >();
      expect(both.every((u) => u.Policy.IsHidden && !u.Policy.IsDisabled)).toBe(true);
    });

    it('rejects a non-bool filter with a validation ProblemDetails', async () => {
      const res = await call(sim, '/Users?isHidden=yes', { headers: AUTH });
      expect(res.status).toBe(400);
      expect(res.json()).toMatchObject({
        title: 'One or more validation errors occurred.',
        status: 400,
        errors: { isHidden: ["The value 'yes' is not valid."] },
      });
    });

    it('lists only visible, enabled users on the anonymous /Users/Public', async () => {
      const users = (await call(sim, '/Users/Public')).json<UserDto[]>();
      const expected = sim.state.users.filter((u) => !u.Policy.IsHidden && !u.Policy.IsDisabled);
      expect(users.map((u) => u.Id).sort()).toEqual(expected.map((u) => u.Id).sort());
    });

    it('gets one user by N or dashed id, 404 "User not found" as a JSON string, 400 for a non-GUID', async () => {
      const user = sim.state.users[3];
      expect((await call(sim, `/Users/${user.Id}`, { headers: AUTH })).json<UserDto>().Name).toBe(user.Name);
      const dashed = user.Id.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5').toUpperCase();
      expect((await call(sim, `/Users/${dashed}`, { headers: AUTH })).json<UserDto>().Id).toBe(user.Id);
      const missing = await call(sim, `/Users/${'0'.repeat(32)}`, { headers: AUTH });
      expect(missing).toMatchObject({
        status: 404,
        body: '"User not found"',
        type: 'application/json; charset=utf-8',
      });
      const bad = await call(sim, '/Users/not-a-guid', { headers: AUTH });
      expect(bad.status).toBe(400);
      expect(bad.json().errors).toEqual({ userId: ["The value 'not-a-guid' is not valid."] });
    });

    it('deletes users (204), refreshes the cached list, and keeps the last admin', async () => {
      const before = (await call(sim, '/Users', { headers: AUTH })).json<UserDto[]>();
      const victim = sim.state.users[5];
      sim.state.accessTokens.set('victim-token', victim.Id);
      const res = await call(sim, `/Users/${victim.Id}`, { method: 'DELETE', headers: AUTH });
      expect(res).toMatchObject({ status: 204, body: '' });
      expect(sim.state.accessTokens.has('victim-token')).toBe(false);
      const after = (await call(sim, '/Users', { headers: AUTH })).json<UserDto[]>();
      expect(after).toHaveLength(before.length - 1);
      expect(after.some((u) => u.Id === victim.Id)).toBe(false);
      const again = await call(sim, `/Users/${victim.Id}`, { method: 'DELETE', headers: AUTH });
      expect(again.status).toBe(404);
      expect(again.type).toBe('application/problem+json; charset=utf-8');

      const admins = sim.state.users.filter((u) => u.Policy.IsAdministrator);
      for (const admin of admins.slice(1))
        expect((await call(sim, `/Users/${admin.Id}`, { method: 'DELETE', headers: AUTH })).status).toBe(204);
      const last = await call(sim, `/Users/${admins[0].Id}`, { method: 'DELETE', headers: AUTH });
      expect(last).toMatchObject({
        status: 400,
        type: 'text/plain',
        body: `The user '${admins[0].Name}' cannot be deleted because there must be at least one admin user in the system. (Parameter 'userId')`,
      });
    });

    it('serves in-place edits after touch()', async () => {
      const user = sim.state.users[2];
      await call(sim, '/Users', { headers: AUTH });
      user.Policy.IsDisabled = true;
      sim.state.touch();
      const users = (await call(sim, '/Users', { headers: AUTH })).json<UserDto[]>();
      expect(users.find((u) => u.Id === user.Id)!.Policy.IsDisabled).toBe(true);
    });

    it('uses the given people and keeps a person’s id whatever the population around them', () => {
      const crowd = people(5, 100);
      const small = createJellyfinSimulator({ people: crowd });
      expect(small.state.users.map((u) => u.Name)).toEqual(crowd.map((p) => p.username));
      const shifted = createJellyfinSimulator({ people: [people(1, 7)[0], ...crowd] });
      expect(shifted.state.users[3].Id).toBe(small.state.users[2].Id);
    });

    it('generates and serves 10,000 users, twice', async () => {
      const big = createJellyfinSimulator({ users: 10_000 });
      expect(new Set(big.state.users.map((u) => u.Id)).size).toBe(10_000);
      await big.start();
      try {
        const users = (await call(big, '/Users', { headers: AUTH })).json<UserDto[]>();
        expect(users).toHaveLength(10_000);
        expect((await call(big, '/Users', { headers: AUTH })).json<UserDto[]>()).toHaveLength(10_000);
      } finally {
        await big.stop();
      }
    });
  });

  describe('faults and counters', () => {
    it('answers every credential with an empty 401 under badAuth, anonymous routes still open', async () => {
      sim.setFaults({ badAuth: true });
      expect(await call(sim, '/Users', { headers: AUTH })).toMatchObject({ status: 401, body: '' });
      expect(await call(sim, `/System/Info?ApiKey=${KEY}`)).toMatchObject({ status: 401, body: '' });
      expect((await call(sim, '/System/Info/Public')).status).toBe(200);
    });

    it('empties every list under emptyLists', async () => {
      sim.setFaults({ emptyLists: true });
      expect((await call(sim, '/Users', { headers: AUTH })).body).toBe('[]');
      expect((await call(sim, '/Users?isHidden=false', { headers: AUTH })).body).toBe('[]');
      expect((await call(sim, '/Users/Public')).body).toBe('[]');
    });

    it("answers an injected 500 with Jellyfin's plain-text message", async () => {
      sim.setFaults({ errorRate: 1, errorStatus: 500 });
      expect(await call(sim, '/Users', { headers: AUTH })).toMatchObject({
        status: 500,
        body: 'Error processing request.',
      });
    });

    it('counts requests per route', async () => {
      await call(sim, '/System/Info/Public');
      await call(sim, '/Users', { headers: AUTH });
      await call(sim, '/Users?isHidden=false', { headers: AUTH });
      await call(sim, `/Users/${sim.state.users[1].Id}`, { headers: AUTH });
      expect(sim.counters()).toEqual({
        'GET /System/Info/Public': 1,
        'GET /Users': 2,
        'GET /Users/:userId': 1,
      });
    });
  });
});
