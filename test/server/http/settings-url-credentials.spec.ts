import { readFileSync } from 'node:fs';
import type { PanelConfig } from '../../../server/config/config.schema';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';

const HOST = '127.0.0.1:9';
const withUser = (user: string) => `http://${user}:${user}-Pw-7f3a@${HOST}`;

/** Each settings route, where its URL lives in config.json, and the PUT that sends the URL back. */
const SERVICES = [
  { name: 'seerr', get: '/api/seerr', put: '/api/seerr', stored: (c: PanelConfig) => c.seerr.url },
  {
    name: 'plex',
    get: '/api/plex/settings',
    put: '/api/plex/settings',
    stored: (c: PanelConfig) => c.plex?.url,
  },
  {
    name: 'tautulli',
    get: '/api/tautulli/settings',
    put: '/api/tautulli/settings',
    stored: (c: PanelConfig) => c.tautulli?.url,
  },
  {
    name: 'utorrent',
    get: '/api/utorrent/settings',
    put: '/api/utorrent/settings',
    stored: (c: PanelConfig) => c.utorrent?.url,
  },
  {
    name: 'rutorrent',
    get: '/api/rutorrent/settings',
    put: '/api/rutorrent/settings',
    stored: (c: PanelConfig) => c.rutorrent?.url,
  },
  {
    name: 'jelly',
    get: '/api/mediaservers/Jelly',
    put: '/api/mediaservers/Jelly',
    stored: (c: PanelConfig) => c.media_servers[0].url,
  },
];

describe('credentials in upstream URLs', () => {
  let panel: TestPanel;
  let token: string;
  const fileConfig = () => JSON.parse(readFileSync(panel.configFile, 'utf8')) as PanelConfig;

  beforeAll(async () => {
    panel = await startTestPanel(
      baseConfig({
        seerr: { url: withUser('seerr'), api_key: 'seerr-api-key-0001' },
        media_servers: [
          { name: 'Jelly', type: 'jellyfin', url: withUser('jelly'), token: 'jellyfin-key-0002' },
        ],
        plex: { url: withUser('plex'), token: 'plex-token-0003' },
        tautulli: { url: withUser('tautulli'), api_key: 'tautulli-key-0004' },
        utorrent: { url: withUser('utorrent'), username: 'admin', password: 'utorrent-pw-0005' },
        rutorrent: { url: withUser('rutorrent'), username: 'admin', password: 'rutorrent-pw-0006' },
      }),
      { UPSTREAM_TIMEOUT_MS: '2000' },
    );
    token = (await panel.login()).access_token;
  });
  afterAll(() => panel.close());

  it.each(SERVICES)('are left out of the $name settings response', async ({ get }) => {
    const res = await panel.http().get(get).auth(token, { type: 'bearer' }).expect(200);
    const text = JSON.stringify(res.body);
    expect(text).toContain(`http://${HOST}`);
    expect(text).not.toMatch(/-Pw-7f3a|:\/\/\w+:[^@]*@/);
  });

  it.each(SERVICES)('stay in the file when $name settings send the shown URL back', async (service) => {
    const put = (url: string) =>
      panel.http().put(service.put).auth(token, { type: 'bearer' }).send({ url }).expect(200);
    const saved = await put(`http://${HOST}/`);
    expect(JSON.stringify(saved.body)).not.toContain('-Pw-7f3a');
    expect(service.stored(fileConfig())).toBe(withUser(service.name));
    await put('http://127.0.0.1:10');
    expect(service.stored(fileConfig())).toBe('http://127.0.0.1:10');
  });
});
