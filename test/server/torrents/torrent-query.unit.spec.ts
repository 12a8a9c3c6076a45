import { queryTorrents, torrentTotals } from '../../../server/torrents/torrent-query';
import type { Torrent } from '../../../server/torrents/torrent.types';

const t = (name: string, over: Partial<Torrent> = {}): Torrent => ({
  hash: name
    .padEnd(40, '0')
    .toUpperCase()
    .replace(/[^0-9A-F]/g, 'A'),
  name,
  size: 1000,
  progress: 1,
  state: 'seeding',
  down_rate: 0,
  up_rate: 0,
  ratio: 1,
  label: '',
  eta: 0,
  added: null,
  tracker: '',
  client: 'utorrent',
  ...over,
});

const torrents = [
  t('b10', { size: 10, label: 'TV', eta: null, state: 'paused' }),
  t('b9', { size: 30, up_rate: 5, ratio: 2 }),
  t('a', { size: 20, progress: 0.5, down_rate: 7, state: 'downloading', eta: 100, label: 'Movies' }),
];

describe('torrent queries', () => {
  it('sorts names naturally, ties stable, unknown ETAs last', () => {
    expect(queryTorrents(torrents, {}).items.map((x) => x.name)).toEqual(['a', 'b9', 'b10']);
    expect(queryTorrents(torrents, { sort: 'size', order: 'desc' }).items.map((x) => x.size)).toEqual([
      30, 20, 10,
    ]);
    expect(queryTorrents(torrents, { sort: 'eta' }).items.map((x) => x.eta)).toEqual([0, 100, null]);
  });

  it('filters by state, label ("" = none) and text, then pages', () => {
    expect(queryTorrents(torrents, { state: 'paused' }).total).toBe(1);
    expect(queryTorrents(torrents, { label: '' }).items.map((x) => x.name)).toEqual(['b9']);
    expect(queryTorrents(torrents, { q: 'B1' }).items.map((x) => x.name)).toEqual(['b10']);
    expect(queryTorrents(torrents, { page: 2, page_size: 2 })).toMatchObject({
      total: 3,
      page: 2,
      page_size: 2,
    });
    expect(queryTorrents(torrents, { page: 2, page_size: 2 }).items).toHaveLength(1);
  });

  it('totals: counts, active, size, byte-weighted ratio, rates', () => {
    expect(torrentTotals(torrents)).toEqual({
      total: 3,
      active: 2,
      by_state: {
        downloading: 1,
        seeding: 1,
        paused: 1,
        stopped: 0,
        queued: 0,
        checking: 0,
        error: 0,
        completed: 0,
      },
      total_size: 60,
      // (10·1 + 30·2 + 10·1) / (10 + 30 + 10)
      overall_ratio: 1.6,
      down_rate: 7,
      up_rate: 5,
    });
    expect(torrentTotals([]).overall_ratio).toBe(0);
  });
});
