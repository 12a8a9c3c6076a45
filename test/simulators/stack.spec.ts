import { startSimulatorStack, type SimulatorStack } from '../../simulators/stack';

/** The demo's generated config must be one the upstreams accept, and its data must hang together. */
describe('simulator stack', () => {
  let stack: SimulatorStack;
  let config: ReturnType<SimulatorStack['config']>;
  beforeAll(async () => {
    stack = await startSimulatorStack();
    config = stack.config({ username: 'admin', password: 'x' });
  });
  afterAll(() => stack.stop());

  const server = (name: string) => config.media_servers.find((s) => s.name === name)!;

  it('Seerr accepts the configured key and already has local and linked users', async () => {
    const res = await fetch(`${config.seerr.url}/api/v1/user?take=200`, {
      headers: { 'X-Api-Key': config.seerr.api_key },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: Array<{ userType: number; username: string | null }> };
    expect(body.results.some((u) => u.userType === 2 && u.username)).toBe(true);
    expect(body.results.some((u) => u.userType === 1 && u.username === null)).toBe(true);
  });

  it('plex.tv lists the friends sharing the configured Plex server', async () => {
    const plex = server('Plex');
    const res = await fetch(
      `${stack.env.PLEX_TV_URL}/api/servers/${plex.machine_identifier}/shared_servers`,
      {
        headers: { 'X-Plex-Token': plex.token },
      },
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<SharedServer');
  });

  it('Jellyfin and Emby accept their keys and share people with Plex', async () => {
    const jf = server('Jellyfin');
    const jfUsers = (await (
      await fetch(`${jf.url}/Users`, { headers: { Authorization: `MediaBrowser Token="${jf.token}"` } })
    ).json()) as Array<{ Name: string }>;
    const emby = server('Emby');
    const embyRes = await fetch(`${emby.url}/Users/Query?api_key=${emby.token}`);
    expect(embyRes.status).toBe(200);
    const embyUsers = ((await embyRes.json()) as { Items: Array<{ Name: string }> }).Items;
    const names = (list: Array<{ Name: string }>) => new Set(list.map((u) => u.Name.toLowerCase()));
    const plexPeople = new Set(stack.plexTv.state.users.map((u) => u.username.toLowerCase()));
    expect([...names(jfUsers)].some((n) => plexPeople.has(n))).toBe(true);
    expect([...names(embyUsers)].some((n) => names(jfUsers).has(n))).toBe(true);
  });

  it('Plex and Tautulli answer with the configured credentials', async () => {
    const plex = await fetch(`${config.plex!.url}/library/sections`, {
      headers: { 'X-Plex-Token': config.plex!.token!, Accept: 'application/json' },
    });
    expect(plex.status).toBe(200);
    const tautulli = await fetch(
      `${config.tautulli!.url}/api/v2?apikey=${config.tautulli!.api_key}&cmd=get_activity`,
    );
    expect(((await tautulli.json()) as { response: { result: string } }).response.result).toBe('success');
  });

  it('uTorrent and rTorrent accept the configured logins', async () => {
    const ut = config.utorrent!;
    const basic = (u?: string, p?: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
    const token = await fetch(`${ut.url}token.html`, {
      headers: { Authorization: basic(ut.username, ut.password) },
    });
    expect(token.status).toBe(200);
    const rt = config.rutorrent!;
    const rpc = await fetch(`${rt.url}${rt.rpc_path}`, {
      method: 'POST',
      headers: { Authorization: basic(rt.username, rt.password), 'Content-Type': 'text/xml' },
      body: '<?xml version="1.0"?><methodCall><methodName>system.client_version</methodName><params/></methodCall>',
    });
    expect(rpc.status).toBe(200);
    expect(await rpc.text()).toContain('<string>');
  });
});
