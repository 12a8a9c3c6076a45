import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPlexSimulator, DEFAULT_PMS_TOKEN, type PlexSimulator } from '../../../simulators/plex';
import {
  createPlexTvSimulator,
  DEFAULT_PLEXTV_TOKEN,
  type PlexTvSimulator,
} from '../../../simulators/plextv';
import type { MediaServerSection } from '../../../server/config/config.schema';
import { clientKit, entry, upstreamFailure, type ClientKit } from './support/media-clients';

const BASEMENT = '7b1fd0c4e5a6928374650abcdef0123456789abc';
const ATTIC = '0d2c4e6f8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d';

describe('Plex users client (plex.tv + PMS simulators)', () => {
  let plexTv: PlexTvSimulator;
  let pms: PlexSimulator;
  let kit: ClientKit;

  const plex = (overrides: Partial<MediaServerSection> = {}) =>
    kit.factory.create(
      entry({ type: 'plex', name: 'Main Plex', url: pms.sim.url, token: DEFAULT_PLEXTV_TOKEN, ...overrides }),
    );

  beforeAll(async () => {
    plexTv = createPlexTvSimulator({
      friends: 14,
      managedUsers: 2,
      servers: [
        { name: 'Basement', machineIdentifier: BASEMENT },
        { name: 'Attic', machineIdentifier: ATTIC },
      ],
    });
    pms = createPlexSimulator({});
    await plexTv.sim.start();
    await pms.sim.start();
    kit = clientKit({ PLEX_TV_URL: plexTv.sim.url, UPSTREAM_TIMEOUT_MS: '3000' });
  });
  afterEach(() => {
    plexTv.sim.resetFaults();
    pms.sim.resetFaults();
  });
  afterAll(async () => {
    await plexTv.sim.stop();
    await pms.sim.stop();
    kit.cleanup();
  });

  it('lists every friend and Home user of the account, managed users flagged, no owner when include_owner is false', async () => {
    const users = await plex({ include_owner: false }).listUsers();
    expect(users.map((u) => u.id)).toEqual(plexTv.state.users.map((u) => String(u.id)));
    const managed = users.filter((u) => u.managed);
    expect(managed).toHaveLength(2);
    expect(managed.every((u) => u.username === '' && u.email === null)).toBe(true);
    const friend = plexTv.state.users[0];
    expect(users[0]).toEqual({
      id: String(friend.id),
      username: friend.username,
      email: friend.email,
      disabled: false,
      managed: false,
      admin: false,
      owner: false,
    });
    expect(users.some((u) => u.id === String(plexTv.state.owner.id))).toBe(false);
  });

  it('with a machine identifier, lists only the users that server is shared with', async () => {
    const users = await plex({ machine_identifier: ATTIC, include_owner: false }).listUsers();
    const sharing = plexTv.state.users.filter((u) => u.shares.some((s) => s.machineIdentifier === ATTIC));
    expect(sharing.length).toBeGreaterThan(0);
    expect(sharing.length).toBeLessThan(plexTv.state.users.length);
    expect(users.map((u) => u.id).sort()).toEqual(sharing.map((u) => String(u.id)).sort());
    expect(users.find((u) => u.id === String(sharing[0].id))?.username).toBe(sharing[0].username);
    expect(plexTv.sim.count('GET /api/servers/:machineIdentifier/shared_servers')).toBeGreaterThan(0);
  });

  it('adds the owner first when include_owner is set (v2 needs the JSON Accept and a client id)', async () => {
    const users = await plex({ include_owner: true, machine_identifier: BASEMENT }).listUsers();
    expect(users[0]).toEqual({
      id: String(plexTv.state.owner.id),
      username: plexTv.state.owner.username,
      email: plexTv.state.owner.email,
      disabled: false,
      managed: false,
      admin: true,
      owner: true,
    });
    expect(users.filter((u) => u.owner)).toHaveLength(1);
  });

  it('keeps one client identifier per installation, in .plex-client-id beside config.json', async () => {
    await plex({ include_owner: true }).listUsers();
    const file = join(kit.dir, '.plex-client-id');
    expect(existsSync(file)).toBe(true);
    const id = readFileSync(file, 'utf8').trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const again = clientKit({ PLEX_TV_URL: plexTv.sim.url }, kit.dir);
    expect(again.clientId.get()).toBe(id);
  });

  it('says which machine identifier plex.tv does not know', async () => {
    const err = await upstreamFailure(plex({ machine_identifier: 'ffff' }).listUsers());
    expect(err.getStatus()).toBe(502);
    expect(err.message).toBe(
      "plex.tv for Plex (Main Plex) knows no server with machine identifier ffff owned by this token's account; check the machine identifier.",
    );
  });

  it('reads the name and version of the server itself', async () => {
    expect(await plex().info()).toEqual({
      name: pms.state.world.server.friendlyName,
      version: pms.state.world.server.version,
    });
    expect(DEFAULT_PMS_TOKEN).toBe(DEFAULT_PLEXTV_TOKEN);
  });

  it('answers an empty list as [], not as a failure', async () => {
    plexTv.sim.setFaults({ emptyLists: true });
    expect(await plex({ include_owner: false }).listUsers()).toEqual([]);
    expect(await plex({ machine_identifier: BASEMENT, include_owner: false }).listUsers()).toEqual([]);
    // The owner comes from another plex.tv call, so an empty friends list still has them.
    expect((await plex().listUsers()).map((u) => u.owner)).toEqual([true]);
  });

  it('lists the owner first when include_owner is absent, as Seerrsync does', async () => {
    const users = await plex().listUsers();
    expect(users[0]).toMatchObject({ id: String(plexTv.state.owner.id), owner: true });
    expect(users).toHaveLength(plexTv.state.users.length + 1);
  });

  it.each([
    ['a hang', { hang: true }, 504, /^plex\.tv for Plex \(Main Plex\) at .+ did not answer within 3 s\.$/],
    [
      'HTTP 500',
      { errorRate: 1, errorStatus: 500 },
      502,
      /^plex\.tv for Plex \(Main Plex\) answered HTTP 500: Internal Server Error$/,
    ],
    [
      'a refused token',
      { badAuth: true },
      502,
      /^plex\.tv for Plex \(Main Plex\) refused the panel's credentials \(HTTP 401\)/,
    ],
    [
      'garbage',
      { garbage: true },
      502,
      /^plex\.tv for Plex \(Main Plex\) answered with something that is not valid XML\.$/,
    ],
  ])(
    'turns %s from plex.tv into an UpstreamError naming the server',
    async (_what, faults, status, message) => {
      plexTv.sim.setFaults(faults);
      const err = await upstreamFailure(plex({ include_owner: true }).listUsers());
      expect(err.getStatus()).toBe(status);
      expect(err.message).toMatch(message);
      expect(err.message).not.toContain(DEFAULT_PLEXTV_TOKEN);
    },
  );

  it.each([
    ['a hang', { hang: true }, 504, /^Plex \(Main Plex\) at .+ did not answer within 3 s\.$/],
    [
      'a refused token',
      { badAuth: true },
      502,
      /^Plex \(Main Plex\) refused the panel's credentials \(HTTP 401\)/,
    ],
    [
      'garbage',
      { garbage: true },
      502,
      /^Plex \(Main Plex\) answered with something that is not valid JSON\.$/,
    ],
  ])('turns %s from the server into an UpstreamError naming it', async (_what, faults, status, message) => {
    pms.sim.setFaults(faults);
    const err = await upstreamFailure(plex().info());
    expect(err.getStatus()).toBe(status);
    expect(err.message).toMatch(message);
  });

  it('refuses to call anything without a URL or token (503)', async () => {
    const noUrl = await upstreamFailure(plex({ url: '' }).info());
    expect(noUrl.getStatus()).toBe(503);
    expect(noUrl.message).toBe('Plex (Main Plex) has no URL set; add it in the settings.');
    const noToken = await upstreamFailure(plex({ token: '' }).listUsers());
    expect(noToken.message).toBe('Plex (Main Plex) has no token set; add it in the settings.');
  });
});
