import { TorrentEventHub } from '../../../server/torrents/torrent-events';
import { TorrentPoller } from '../../../server/torrents/torrent-poller';
import type { TorrentClient } from '../../../server/torrents/torrent-client.interface';
import type { Torrent } from '../../../server/torrents/torrent.types';
import { UpstreamError } from '../../../server/upstream/upstream-error';

const torrent = (n: number, over: Partial<Torrent> = {}): Torrent => ({
  hash: n.toString(16).padStart(40, '0').toUpperCase(),
  name: `T${n}`,
  size: 100,
  progress: 0.5,
  state: 'downloading',
  down_rate: 10,
  up_rate: 1,
  ratio: 0,
  label: '',
  eta: 5,
  added: null,
  tracker: '',
  client: 'utorrent',
  ...over,
});

/** A client whose list() only the test decides; every other method fails loudly if called. */
function fakeClient(lists: Array<Torrent[] | Error>): TorrentClient & { calls: number } {
  const client = {
    kind: 'utorrent' as const,
    service: 'uTorrent',
    calls: 0,
    list: async () => {
      const next = lists[Math.min(client.calls++, lists.length - 1)];
      await new Promise((r) => setTimeout(r, 5));
      if (next instanceof Error) throw next;
      return next;
    },
  };
  return new Proxy(client, {
    get: (target, key) => {
      if (key in target) return target[key as keyof typeof target];
      if (key === 'then') return undefined;
      throw new Error(`unexpected call of ${String(key)}`);
    },
  }) as unknown as TorrentClient & { calls: number };
}

describe('TorrentPoller', () => {
  const pollers: TorrentPoller[] = [];
  const make = (client: TorrentClient, idleMs: number, watchedMs: number, idleStopMs?: number) => {
    const events: Array<{ event: string; data: unknown }> = [];
    const hub: TorrentEventHub = new TorrentEventHub((n) => poller.setWatchers(n));
    hub.broadcast = (e) => void events.push(e);
    const poller: TorrentPoller = new TorrentPoller(client, hub, () => ({ idleMs, watchedMs }), idleStopMs);
    pollers.push(poller);
    return { poller, events };
  };
  afterEach(async () => {
    for (const p of pollers.splice(0)) await p.stop();
  });

  it('shares the first load between concurrent readers', async () => {
    const client = fakeClient([[torrent(1), torrent(2)]]);
    const { poller } = make(client, 60_000, 60_000);
    const reads = await Promise.all(Array.from({ length: 100 }, () => poller.read()));
    expect(client.calls).toBe(1);
    expect(new Set(reads).size).toBe(1);
    expect(reads[0].torrents).toHaveLength(2);
  });

  it('polls once per tick whatever the number of watchers, and faster while watched', async () => {
    jest.useFakeTimers();
    try {
      const client = fakeClient([[torrent(1)]]);
      const { poller } = make(client, 400, 50);
      const first = poller.read();
      await jest.advanceTimersByTimeAsync(5);
      await first;
      const idleStart = client.calls;
      await jest.advanceTimersByTimeAsync(500);
      const idlePolls = client.calls - idleStart;
      expect(idlePolls).toBe(1);
      poller.setWatchers(2); // two event streams open
      const watchedStart = client.calls;
      await jest.advanceTimersByTimeAsync(500);
      const watchedPolls = client.calls - watchedStart;
      // one poll per 50 ms tick (each takes 5 ms of the test's clock), not one per watcher
      expect(watchedPolls).toBeGreaterThanOrEqual(6);
      expect(watchedPolls).toBeLessThanOrEqual(10);
    } finally {
      jest.useRealTimers();
    }
  });

  it('broadcasts only what changed, as patches, with a rising revision', async () => {
    const client = fakeClient([
      [torrent(1), torrent(2)],
      [torrent(1, { down_rate: 99 }), torrent(3)],
      [torrent(1, { down_rate: 99 }), torrent(3)],
    ]);
    const { poller, events } = make(client, 60_000, 60_000);
    const first = await poller.refresh();
    const second = await poller.refresh();
    const third = await poller.refresh();
    expect([first.revision, second.revision, third.revision]).toEqual([1, 2, 2]);
    const changes = events.filter((e) => e.event === 'changes').map((e) => e.data);
    expect(changes[1]).toEqual({
      revision: 2,
      added: [torrent(3)],
      changed: [{ hash: torrent(1).hash, down_rate: 99 }],
      removed: [torrent(2).hash],
    });
    expect(changes).toHaveLength(2);
  });

  it('keeps a failure as the result until the next poll, and says so once', async () => {
    const down = new UpstreamError(
      'uTorrent',
      'refused',
      'uTorrent at x refused the connection; is it running?',
    );
    const client = fakeClient([[torrent(1)], down, down, [torrent(1)]]);
    const { poller, events } = make(client, 60_000, 60_000);
    await poller.read();
    await expect(poller.refresh()).rejects.toBe(down);
    await expect(poller.read()).rejects.toBe(down);
    await expect(poller.read()).rejects.toBe(down);
    expect(client.calls).toBe(2); // reads do not retry between ticks
    await expect(poller.refresh()).rejects.toBe(down);
    await poller.refresh();
    const statuses = events
      .filter((e) => e.event === 'status')
      .map((e) => (e.data as { connected: boolean }).connected);
    expect(statuses).toEqual([true, false, true]);
  });

  it('stops polling when nobody has asked for a while', async () => {
    jest.useFakeTimers();
    try {
      const client = fakeClient([[torrent(1)]]);
      const { poller } = make(client, 30, 30, 50);
      const first = poller.read();
      await jest.advanceTimersByTimeAsync(5);
      await first;
      await jest.advanceTimersByTimeAsync(300);
      const after = client.calls;
      await jest.advanceTimersByTimeAsync(200);
      expect(client.calls).toBe(after);
      expect(after).toBeLessThanOrEqual(4);
    } finally {
      jest.useRealTimers();
    }
  });
});
