import { type TorrentState } from '../../../client/src/app/api';
import { TORRENT_STATE } from '../../../client/src/app/api/models/torrent-state-array';
import { bestConnection } from '../../../client/src/app/features/media-servers/media-server-form';
import { addSample, SAMPLE_WINDOW_MS } from '../../../client/src/app/features/plex/bandwidth-samples';
import {
  ACTION_LOOKS,
  actionApplies,
  STATE_LOOKS,
} from '../../../client/src/app/features/torrents/torrent-labels';

describe('actionApplies', () => {
  // Which states each action makes sense in; every other state disables it in the row menu.
  const APPLIES: Record<keyof typeof ACTION_LOOKS, readonly TorrentState[]> = {
    start: TORRENT_STATE,
    remove: TORRENT_STATE,
    pause: ['downloading', 'seeding', 'queued'],
    resume: ['paused', 'stopped'],
    stop: ['downloading', 'seeding', 'paused', 'queued', 'checking', 'error'],
  };

  it.each(
    (Object.keys(ACTION_LOOKS) as (keyof typeof ACTION_LOOKS)[]).flatMap((action) =>
      TORRENT_STATE.map((state) => [action, state, APPLIES[action].includes(state)] as const),
    ),
  )('%s on a %s torrent: %s', (action, state, applies) => {
    expect(actionApplies(action, state)).toBe(applies);
  });

  it('has a look for every state', () => {
    expect(Object.keys(STATE_LOOKS).sort()).toEqual([...TORRENT_STATE].sort());
  });
});

describe('bestConnection', () => {
  const local = { uri: 'http://192.168.1.2:32400', local: true, relay: false };
  const remote = { uri: 'https://1-2-3-4.plex.direct:32400', local: false, relay: false };
  const relay = { uri: 'https://relay.plex.direct:8443', local: false, relay: true };
  const server = (connections: (typeof local)[]) =>
    ({ name: 'Home', machine_identifier: 'abc', owned: true, connections }) as never;

  it.each([
    [[relay, remote, local], local],
    [[relay, remote], remote],
    [[relay], relay],
    [[], null],
  ])('%#: picks a direct local address first, a relay last', (connections, best) => {
    expect(bestConnection(server(connections))).toEqual(best);
  });
});

describe('addSample', () => {
  const at = (iso: string, total = 100) => ({
    read_at: iso,
    total_bandwidth_kbps: total,
    lan_bandwidth_kbps: total - 10,
    wan_bandwidth_kbps: 10,
  });
  const t0 = Date.parse('2026-01-01T00:00:00Z');

  it('adds the tick with its bandwidth split', () => {
    expect(addSample([], at('2026-01-01T00:00:00Z') as never)).toEqual([
      { time: t0, total: 100, lan: 90, wan: 10 },
    ]);
  });

  it('drops samples older than the window', () => {
    const old = { time: t0 - SAMPLE_WINDOW_MS, total: 1, lan: 1, wan: 0 };
    const recent = { time: t0 - SAMPLE_WINDOW_MS + 1, total: 2, lan: 2, wan: 0 };
    expect(addSample([old, recent], at('2026-01-01T00:00:00Z') as never).map((s) => s.total)).toEqual([
      2, 100,
    ]);
  });

  it('replaces a sample read at the same time (a reconnect replays the last event)', () => {
    const first = addSample([], at('2026-01-01T00:00:00Z', 100) as never);
    expect(addSample(first, at('2026-01-01T00:00:00Z', 250) as never)).toEqual([
      { time: t0, total: 250, lan: 240, wan: 10 },
    ]);
  });

  it('keeps at most 600 samples', () => {
    let samples = addSample([], at('2026-01-01T00:00:00Z') as never);
    for (let i = 1; i <= 650; i++) {
      samples = addSample(samples, at(new Date(t0 + i * 500).toISOString(), i) as never);
    }
    expect(samples).toHaveLength(600);
    expect(samples[samples.length - 1].total).toBe(650);
  });
});
