import { startTestPanel, type TestPanel } from '../support/test-panel';
import { runToEnd, startSyncWorld, type SyncWorld } from './sync-world';

interface Expected {
  username: string;
  seerrId: number;
  /** What the person types into Seerr's sign-in form: Seerr looks users up by e-mail only. */
  identifier: string;
  password: string;
  hasEmail: boolean;
}

/**
 * Every account a sync creates must open with Seerr's own sign-in (POST /auth/local): the identifier
 * is the e-mail the media server gave (Plex), else the username, which Seerr stores lower-cased as the
 * e-mail; the password is the username plus the password_suffix of the server the account came from.
 */
describe('synced accounts sign in to Seerr', () => {
  let world: SyncWorld;
  let panel: TestPanel;
  let expected: Expected[];

  const signIn = async (email: string, password: string) => {
    const res = await fetch(`${world.seerr.url}/api/v1/auth/local`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    return { status: res.status, body: (await res.json()) as { id?: number; message?: string } };
  };

  /** The first server (config order) where the person is active gives the password suffix. */
  const source = (username: string) => {
    const name = username.toLowerCase();
    const { owner, users } = world.plexTv.state;
    const plex = [owner, ...users].find((u) => u.username.toLowerCase() === name);
    const active = (users: Array<{ Name: string; Policy: { IsDisabled: boolean } }>) =>
      users.some((u) => u.Name.toLowerCase() === name && !u.Policy.IsDisabled);
    const server = plex
      ? 'Plex'
      : active(world.jellyfin.state.users)
        ? 'Jelly'
        : active(world.emby.state.users)
          ? 'Emby'
          : undefined;
    const suffix = world.config.media_servers.find((s) => s.name === server)?.password_suffix;
    return { suffix, email: plex?.email || null };
  };

  beforeAll(async () => {
    world = await startSyncWorld();
    panel = await startTestPanel(world.config, world.env);
    const token = (await panel.login()).access_token;
    const run = await runToEnd(panel, token);
    expect(run.status).toBe('completed');
    expected = run.users
      .filter((u) => u.action === 'create' && u.outcome === 'ok')
      .map((u) => {
        const { suffix, email } = source(u.username);
        if (!suffix) throw new Error(`${u.username} is on no media server`);
        return {
          username: u.username,
          seerrId: u.seerr_id as number,
          identifier: email ?? u.username.toLowerCase(),
          password: `${u.username}${suffix}`,
          hasEmail: email !== null,
        };
      });
  });
  afterAll(async () => {
    await panel.close();
    await world.stop();
  });

  it('created a mix of accounts with and without an e-mail from the media server', () => {
    expect(expected.filter((e) => e.hasEmail).length).toBeGreaterThan(2);
    expect(expected.filter((e) => !e.hasEmail).length).toBeGreaterThan(2);
  });

  it('signs every created account in with its identifier and password', async () => {
    const results = await Promise.all(
      expected.map(async (e) => ({ ...e, answer: await signIn(e.identifier, e.password) })),
    );
    const failed = results.filter((r) => r.answer.status !== 200 || r.answer.body.id !== r.seerrId);
    expect(failed.map((r) => `${r.username} as ${r.identifier}: ${r.answer.status}`)).toEqual([]);
  });

  it('signs them in with the identifier in any case, since Seerr lower-cases it', async () => {
    for (const e of expected.slice(0, 6)) {
      expect((await signIn(e.identifier.toUpperCase(), e.password)).status).toBe(200);
    }
  });

  it('refuses the username for accounts that have an e-mail, and any wrong password', async () => {
    const withEmail = expected.filter((e) => e.hasEmail);
    for (const e of withEmail.slice(0, 4)) {
      expect(await signIn(e.username, e.password)).toEqual({
        status: 403,
        body: { message: 'Access denied.' },
      });
    }
    for (const e of expected.slice(0, 4)) {
      expect((await signIn(e.identifier, `${e.password}x`)).status).toBe(403);
    }
  });
});
