import { liveSessions } from '../../../simulators/media-library';
import { createPlexSimulator, DEFAULT_PMS_TOKEN, type PlexSimulator } from '../../../simulators/plex';
import { type DockerSimulator, startDockerSimulator } from '../../../simulators/docker';
import {
  createTautulliSimulator,
  DEFAULT_TAUTULLI_API_KEY,
  type TautulliSimulator,
} from '../../../simulators/tautulli';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';

const NOW = Date.now();

describe('/api/plex: stopping streams, stream details and whether Plex can be restarted', () => {
  let plex: PlexSimulator;
  let tautulli: TautulliSimulator;
  let docker: DockerSimulator;
  let panel: TestPanel;
  let token: string;

  const world = () => plex.state.world;
  const get = (path: string) => panel.http().get(`/api/plex${path}`).auth(token, { type: 'bearer' });
  const stop = (sessionId: string, body: object = {}) =>
    panel.http().post(`/api/plex/sessions/${sessionId}/terminate`).auth(token, { type: 'bearer' }).send(body);
  const tautulliSettings = (body: object) =>
    panel.http().put('/api/tautulli/settings').auth(token, { type: 'bearer' }).send(body).expect(200);

  beforeAll(async () => {
    // A frozen clock keeps the sessions still; Tautulli describes the same world, as in the stack.
    plex = createPlexSimulator({ sessions: 6, historySize: 50, clock: () => NOW });
    tautulli = createTautulliSimulator({ world: plex.state.world });
    await plex.sim.start();
    await tautulli.sim.start();
    // Docker runs nothing that looks like Plex, and no container is set.
    docker = await startDockerSimulator({ containers: [{ name: 'media', image: 'busybox:latest' }] });
    panel = await startTestPanel(baseConfig({ plex: { url: plex.sim.url, token: DEFAULT_PMS_TOKEN } }), {
      DOCKER_SOCKET: docker.socketPath,
    });
    token = (await panel.login()).access_token;
  });
  afterAll(async () => {
    await panel.close();
    await docker.stop();
    await tautulli.sim.stop();
    await plex.sim.stop();
  });

  it('GET sessions: codecs, resolution, what is converted and why, for each stream', async () => {
    const live = liveSessions(world());
    const res = await get('/sessions').expect(200);
    for (const s of live) {
      const row = res.body.sessions.find((r: { session_id: string }) => r.session_id === s.sessionId);
      const media = s.item.media;
      expect(row.details).toMatchObject({
        container: media?.container ?? null,
        video_codec: media?.videoCodec ?? null,
        audio_codec: media?.audioCodec ?? null,
      });
      if (s.decision === 'direct play') {
        expect(row.details.transcode_reason).toBeNull();
        expect(row.details.stream_video_codec).toBe(media?.videoCodec ?? null);
      } else if (s.decision === 'transcode') {
        expect(row.details.transcode_reason).toMatch(/^Video .*, audio (.* → aac|aac re-encoded)/);
        expect(row.details.stream_audio_codec).toBe('aac');
      } else {
        expect(row.details.transcode_reason).toMatch(/streams copied$/i);
      }
      if (media && s.item.type !== 'track') expect(row.details.resolution).toMatch(/^(4K|\d+p)$/);
    }
    expect(new Set(live.map((s) => s.decision)).size).toBeGreaterThan(1);
  });

  it('POST sessions/{id}/terminate stops a stream through Plex when Tautulli is not set, with the message', async () => {
    const victim = liveSessions(world())[0];
    const res = await stop(victim.sessionId, { message: 'Server maintenance in 5 minutes' }).expect(200);
    expect(res.body).toEqual({
      session_id: victim.sessionId,
      title: expect.any(String),
      user: victim.user.username,
      via: 'plex',
      message: `Stopped "${res.body.title}" for ${victim.user.username}.`,
    });
    expect(plex.state.terminations).toEqual([
      { sessionId: victim.sessionId, reason: 'Server maintenance in 5 minutes' },
    ]);
    const after = await get('/sessions').expect(200);
    expect(after.body.sessions.map((s: { session_id: string }) => s.session_id)).not.toContain(
      victim.sessionId,
    );
    await panel.auditWritten();
    const audit = await panel.http().get('/api/audit?action=plex.terminate').auth(token, { type: 'bearer' });
    expect(audit.body.items[0]).toMatchObject({
      target: `${res.body.title} (${victim.user.username})`,
      outcome: 'ok',
    });
  });

  it('stops it through Tautulli (terminate_session) when Tautulli is configured, with a default message', async () => {
    await tautulliSettings({ url: tautulli.sim.url, api_key: DEFAULT_TAUTULLI_API_KEY });
    try {
      const victim = liveSessions(world())[0];
      const res = await stop(victim.sessionId).expect(200);
      expect(res.body.via).toBe('tautulli');
      expect(tautulli.state.terminations).toEqual([
        {
          sessionId: victim.sessionId,
          sessionKey: victim.sessionKey,
          message: 'The server owner stopped this stream.',
        },
      ]);
      expect(plex.state.terminations).toHaveLength(1);
      expect(liveSessions(world()).map((s) => s.sessionId)).not.toContain(victim.sessionId);
    } finally {
      await tautulliSettings({ url: '', api_key: null });
    }
  });

  it('answers 404 for a session that is not playing, 400 naming the field for a bad id or message', async () => {
    const gone = await stop('abcdef0123456789').expect(404);
    expect(gone.body.message).toBe('Plex has no session abcdef0123456789 playing; it may have ended.');
    const badId = await stop('not%20an%20id').expect(400);
    expect(badId.body.details.map((d: { field: string }) => d.field)).toEqual(['sessionId']);
    const victim = liveSessions(world())[0];
    const long = await stop(victim.sessionId, { message: 'x'.repeat(301) }).expect(400);
    expect(long.body.details.map((d: { field: string }) => d.field)).toEqual(['message']);
    expect(liveSessions(world()).map((s) => s.sessionId)).toContain(victim.sessionId);
  });

  it('names Plex Pass when a server without it refuses to stop a stream', async () => {
    world().server.plexPass = false;
    try {
      const victim = liveSessions(world())[0];
      const res = await stop(victim.sessionId).expect(502);
      expect(res.body.message).toMatch(/^Plex refused to stop the stream \(HTTP 403\): .*Plex Pass/);
    } finally {
      world().server.plexPass = true;
    }
  });

  it('GET restart says why Plex cannot be restarted without a container, and names it once one is set', async () => {
    const none = await get('/restart').expect(200);
    expect(none.body.container).toBeNull();
    expect(none.body.reason).toMatch(/^Plex has no restart API\. .*"plex\.container"/);
    expect(docker.state.actions).toEqual([]);

    await panel
      .http()
      .put('/api/plex/settings')
      .auth(token, { type: 'bearer' })
      .send({ container: 'media' })
      .expect(200);
    expect((await get('/restart').expect(200)).body).toEqual({ container: 'media', reason: null });
    expect(docker.state.actions).toEqual([]);
  });
});
