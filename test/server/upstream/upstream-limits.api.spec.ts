import {
  createJellyfinSimulator,
  DEFAULT_JELLYFIN_API_KEY,
  type JellyfinSimulator,
} from '../../../simulators/jellyfin';
import { createPlexSimulator, DEFAULT_PMS_TOKEN, type PlexSimulator } from '../../../simulators/plex';
import { json, Simulator, type SimRequest } from '../../../simulators/core';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';

const SECRETS = [DEFAULT_PMS_TOKEN, DEFAULT_JELLYFIN_API_KEY];

/** The panel, end to end: a moved upstream and an oversized answer, as an admin sees them. */
describe('upstream redirects and answer size through the panel', () => {
  let plex: PlexSimulator;
  let jellyfin: JellyfinSimulator;
  /** Another origin the upstreams redirect to; it records everything it receives. */
  let other: Simulator;
  let otherSaw: SimRequest[];
  let panel: TestPanel;
  let token: string;
  const get = (path: string) => panel.http().get(path).auth(token, { type: 'bearer' });

  beforeAll(async () => {
    other = new Simulator({
      name: 'other',
      notFound: (req) => {
        otherSaw.push(req);
        return json(200, {});
      },
    });
    await other.start();
    plex = createPlexSimulator({ sessions: 1, historySize: 10 });
    await plex.sim.start();
    jellyfin = createJellyfinSimulator({ users: 5 });
    await jellyfin.start();
    panel = await startTestPanel(
      baseConfig({
        plex: { url: plex.sim.url, token: DEFAULT_PMS_TOKEN },
        media_servers: [
          {
            name: 'Home',
            type: 'jellyfin',
            url: jellyfin.url,
            token: DEFAULT_JELLYFIN_API_KEY,
            enabled: true,
          },
        ],
      }),
      { UPSTREAM_TIMEOUT_MS: '5000', UPSTREAM_MAX_BODY_MB: '1' },
    );
    token = (await panel.login()).access_token;
  });
  beforeEach(() => {
    otherSaw = [];
  });
  afterEach(() => {
    plex.sim.resetFaults();
    jellyfin.resetFaults();
  });
  afterAll(async () => {
    await panel.close();
    await Promise.all([plex.sim.stop(), jellyfin.stop(), other.stop()]);
  });

  it('answers 502 naming Plex and the other host, and sends the other origin nothing', async () => {
    plex.sim.setFaults({ redirectTo: other.url });
    const res = await get('/api/plex/libraries').expect(502);
    expect(res.body.message).toMatch(
      new RegExp(
        `^Plex.* redirected the panel to ${new URL(other.url).host}; the panel does not follow redirects`,
      ),
    );
    expect(otherSaw).toHaveLength(0);
    for (const secret of SECRETS) expect(JSON.stringify(res.body)).not.toContain(secret);
  });

  it('reports a media server that redirects elsewhere, with no request reaching the other origin', async () => {
    jellyfin.setFaults({ redirectTo: other.url });
    const res = await get('/api/mediaservers/Home').expect(200);
    expect(res.body.error).toMatch(/^Jellyfin \(Home\) redirected the panel to 127\.0\.0\.1:\d+;/);
    expect(otherSaw).toHaveLength(0);
  });

  it('stops reading past UPSTREAM_MAX_BODY_MB and answers 502 naming the service and the limit', async () => {
    plex.sim.setFaults({ endlessBody: true });
    const res = await get('/api/plex/libraries').expect(502);
    expect(res.body.message).toMatch(
      /^Plex.* sent an answer larger than 1 MiB; the panel stopped reading it\.$/,
    );
    jellyfin.setFaults({ hugeBodyMb: 2 });
    const home = await get('/api/mediaservers/Home').expect(200);
    expect(home.body.error).toBe(
      'Jellyfin (Home) sent an answer larger than 1 MiB; the panel stopped reading it.',
    );
  });
});
