import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { RefreshReplay, REFRESH_GRACE_MS } from '../../../server/auth/refresh-replay';
import { SessionStreams } from '../../../server/auth/session-streams.service';
import {
  createUtorrentSimulator,
  UTORRENT_PASSWORD,
  UTORRENT_USERNAME,
  type UtorrentSimulator,
} from '../../../simulators/utorrent';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';
import { type EventStreamReader, openEventStream } from '../torrents/support/event-stream';

const isSessionEnd = (e: { event: string }) => e.event === 'session-ended';

describe('event streams end with their session', () => {
  let sim: UtorrentSimulator;
  let panel: TestPanel;
  beforeAll(async () => {
    sim = createUtorrentSimulator({ torrents: 5 });
    await sim.start();
    panel = await startTestPanel(
      baseConfig({
        utorrent: { url: sim.url, username: UTORRENT_USERNAME, password: UTORRENT_PASSWORD, poll_seconds: 1 },
      }),
    );
  });
  afterAll(async () => {
    await panel.close();
    await sim.stop();
  });

  /** A Nest @Sse() stream and one the torrent hub writes itself. */
  const openBoth = (token: string): Promise<EventStreamReader[]> =>
    Promise.all([
      openEventStream(panel.url, '/api/sync/events', token),
      openEventStream(panel.url, '/api/utorrent/events', token),
    ]);

  it('closes every stream of a session on logout, and only that session', async () => {
    const mine = await panel.login();
    const other = await panel.login();
    const streams = await openBoth(mine.access_token);
    const bystander = await openEventStream(panel.url, '/api/sync/events', other.access_token);
    try {
      expect(streams.map((s) => s.status)).toEqual([200, 200]);
      await streams[1].next((e) => e.event === 'status');
      const registered = panel.app.get(SessionStreams);
      expect(registered.count).toBe(3);

      await panel.http().post('/api/auth/logout').auth(mine.access_token, { type: 'bearer' }).expect(204);
      for (const stream of streams) {
        const last = await stream.next(isSessionEnd);
        expect(last.data).toEqual({
          reason: 'signed-out',
          message: 'This session has been signed out; sign in again.',
        });
        await stream.ended;
      }
      expect(registered.count).toBe(1);
      expect(bystander.events.some(isSessionEnd)).toBe(false);
    } finally {
      for (const stream of [...streams, bystander]) stream.close();
    }
  });

  it('closes the streams when the session is revoked for refresh-token reuse', async () => {
    const first = await panel.login();
    const next = (
      await panel.http().post('/api/auth/refresh').send({ refresh_token: first.refresh_token }).expect(200)
    ).body as { access_token: string };
    const stream = await openEventStream(panel.url, '/api/sync/events', next.access_token);
    const clock = jest
      .spyOn(panel.app.get(RefreshReplay), 'now')
      .mockReturnValue(Date.now() + REFRESH_GRACE_MS + 1);
    try {
      await panel.http().post('/api/auth/refresh').send({ refresh_token: first.refresh_token }).expect(401);
      await stream.ended;
      expect(stream.events.filter(isSessionEnd).map((e) => e.data)).toEqual([
        expect.objectContaining({ reason: 'signed-out' }),
      ]);
    } finally {
      clock.mockRestore();
      stream.close();
    }
  });

  it('closes a stream when the access token that opened it expires', async () => {
    const session = await panel.login();
    const secret = readFileSync(join(panel.dir, '.jwt-secret'), 'utf8').trim();
    const { sid } = JSON.parse(Buffer.from(session.access_token.split('.')[1], 'base64url').toString()) as {
      sid: string;
    };
    const shortLived = new JwtService().sign(
      { sub: 'admin', sid, typ: 'access', exp: Math.floor(Date.now() / 1000) + 2 },
      { secret },
    );
    const streams = await openBoth(shortLived);
    try {
      expect(streams.map((s) => s.status)).toEqual([200, 200]);
      for (const stream of streams) {
        const last = await stream.next(isSessionEnd, 10_000);
        expect((last.data as { reason: string }).reason).toBe('expired');
        await stream.ended;
      }
      // The session itself lives on: the client refreshes and reconnects.
      await panel.http().get('/api/auth/verify').auth(session.access_token, { type: 'bearer' }).expect(200);
    } finally {
      for (const stream of streams) stream.close();
    }
  });
});
