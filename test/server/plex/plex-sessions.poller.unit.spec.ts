import type { MessageEvent } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { ConfigStore } from '../../../server/config/config.store';
import type { PlexClient } from '../../../server/plex/plex.client';
import type { PlexSessionsDto } from '../../../server/plex/plex.dto';
import { PlexSessionsPoller } from '../../../server/plex/plex-sessions.poller';
import { UpstreamError } from '../../../server/upstream/upstream-error';
import { baseConfig } from '../support/test-panel';

const TICK_MS = 200;
/** The fake PMS's own delay, on the test's clock. */
const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Moves the test's clock on, running the timers and promises that fall due. */
const wait = (ms: number) => jest.advanceTimersByTimeAsync(ms);

function sessions(count: number): PlexSessionsDto {
  return {
    count,
    transcodes: 0,
    total_bandwidth_kbps: 0,
    lan_bandwidth_kbps: 0,
    wan_bandwidth_kbps: 0,
    sessions: [],
    read_at: new Date().toISOString(),
  };
}

/** A PlexClient stand-in: only `sessions()` may be called; it counts the calls. */
function fakeClient(answer: () => Promise<PlexSessionsDto>) {
  const calls = { n: 0 };
  const client = {
    sessions: () => {
      calls.n++;
      return answer();
    },
  } as unknown as PlexClient;
  return { client, calls };
}

function poller(client: PlexClient): PlexSessionsPoller {
  const store = new ConfigStore({
    file: '/nonexistent/config.json',
    initial: baseConfig(),
    env: { PLEX_SESSIONS_POLL_MS: String(TICK_MS) },
    persist: false,
  });
  return new PlexSessionsPoller(client, store);
}

describe('PlexSessionsPoller', () => {
  let subscriptions: Subscription[] = [];
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    for (const s of subscriptions) s.unsubscribe();
    subscriptions = [];
    jest.useRealTimers();
  });

  it('does nothing until someone listens', async () => {
    const { client, calls } = fakeClient(() => Promise.resolve(sessions(0)));
    poller(client);
    await wait(TICK_MS * 2);
    expect(calls.n).toBe(0);
  });

  it('serves 100 listeners with the upstream calls of one, and stops when the last one leaves', async () => {
    const { client, calls } = fakeClient(() => Promise.resolve(sessions(3)));
    const p = poller(client);
    const seen: MessageEvent[][] = Array.from({ length: 100 }, () => []);
    subscriptions = seen.map((list) => p.events.subscribe((e) => list.push(e)));
    await wait(TICK_MS * 2.5);
    // Ticks at 0, 200 and 400 ms of the test's clock: one poll per tick, not per listener.
    const polls = calls.n;
    expect(polls).toBeGreaterThanOrEqual(2);
    expect(polls).toBeLessThanOrEqual(4);
    expect(p.polls).toBe(polls);
    for (const list of seen) {
      expect(list).toHaveLength(polls);
      expect(list[0]).toEqual({ type: 'sessions', data: expect.objectContaining({ count: 3 }) });
    }
    for (const s of subscriptions) s.unsubscribe();
    await wait(TICK_MS * 2);
    expect(calls.n).toBe(polls);
  });

  it('gives a late listener the latest event at once, without an extra poll', async () => {
    const { client, calls } = fakeClient(() => Promise.resolve(sessions(1)));
    const p = poller(client);
    subscriptions.push(p.events.subscribe());
    await wait(TICK_MS / 2);
    const late: MessageEvent[] = [];
    subscriptions.push(p.events.subscribe((e) => late.push(e)));
    expect(late).toHaveLength(1);
    expect(calls.n).toBe(1);
  });

  it('pushes a failure event with the sentence, keeps the stream open and recovers', async () => {
    let down = true;
    const { client } = fakeClient(() =>
      down
        ? Promise.reject(new UpstreamError('Plex', 'timeout', 'Plex at x did not answer within 0.5 s.'))
        : Promise.resolve(sessions(2)),
    );
    const p = poller(client);
    const seen: MessageEvent[] = [];
    let closed = false;
    subscriptions.push(p.events.subscribe({ next: (e) => seen.push(e), complete: () => (closed = true) }));
    await wait(TICK_MS / 2);
    down = false;
    await wait(TICK_MS);
    expect(seen[0]).toEqual({
      type: 'failure',
      data: { statusCode: 504, message: 'Plex at x did not answer within 0.5 s.' },
    });
    expect(seen[1]).toEqual({ type: 'sessions', data: expect.objectContaining({ count: 2 }) });
    expect(closed).toBe(false);
  });

  it('never starts a second poll while one is still out (a slow PMS)', async () => {
    const { client, calls } = fakeClient(() => later(TICK_MS * 3).then(() => sessions(0)));
    const p = poller(client);
    subscriptions.push(p.events.subscribe());
    await wait(TICK_MS * 2);
    expect(calls.n).toBe(1);
  });

  it('shares a direct read with a poll in flight', async () => {
    const { client, calls } = fakeClient(() => later(50).then(() => sessions(4)));
    const p = poller(client);
    subscriptions.push(p.events.subscribe());
    const reads = Promise.all([p.read(), p.read()]);
    await wait(50);
    const [direct] = await reads;
    expect(direct.count).toBe(4);
    expect(calls.n).toBe(1);
  });

  it('polls every 5 s by default and refuses an interval that is not a number or under 200 ms', () => {
    const { client } = fakeClient(() => Promise.resolve(sessions(0)));
    const make = (value?: string) =>
      new PlexSessionsPoller(
        client,
        new ConfigStore({
          file: '/nonexistent/config.json',
          initial: baseConfig(),
          env: value === undefined ? {} : { PLEX_SESSIONS_POLL_MS: value },
          persist: false,
        }),
      ).intervalMs;
    expect(make()).toBe(5000);
    expect(() => make('nonsense')).toThrow(/PLEX_SESSIONS_POLL_MS must be a whole number from 200/);
    expect(() => make('10')).toThrow(/PLEX_SESSIONS_POLL_MS must be a whole number from 200/);
    expect(make('2000')).toBe(2000);
  });
});
