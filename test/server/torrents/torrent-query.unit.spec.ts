import { compareNamed, NameIndex, type Named } from '../../../server/torrents/torrent-name-order';
import { queryTorrents, torrentTotals } from '../../../server/torrents/torrent-query';
import { SeededRandom } from '../../../simulators/core/random';
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

/** Rows in the order NameIndex keeps them. */
const inNameOrder = <T extends Named>(rows: T[]): T[] =>
  [...rows].sort((a, b) => compareNamed({ part: '', ...a }, { part: '', ...b }));

const torrents = inNameOrder([
  t('b10', { size: 10, label: 'TV', eta: null, state: 'paused' }),
  t('b9', { size: 30, up_rate: 5, ratio: 2 }),
  t('a', { size: 20, progress: 0.5, down_rate: 7, state: 'downloading', eta: 100, label: 'Movies' }),
]);

describe('torrent queries', () => {
  it('sorts names naturally, ties stable, unknown ETAs last', () => {
    expect(queryTorrents(torrents, {}).items.map((x) => x.name)).toEqual(['a', 'b9', 'b10']);
    expect(queryTorrents(torrents, { sort: 'size', order: 'desc' }).items.map((x) => x.size)).toEqual([
      30, 20, 10,
    ]);
    expect(queryTorrents(torrents, { sort: 'eta' }).items.map((x) => x.eta)).toEqual([0, 100, null]);
  });

  it('keeps ties in name order, ascending or descending', () => {
    const tied = inNameOrder([t('c', { size: 5 }), t('a', { size: 5 }), t('b', { size: 9 })]);
    expect(queryTorrents(tied, { sort: 'size' }).items.map((x) => x.name)).toEqual(['a', 'c', 'b']);
    expect(queryTorrents(tied, { sort: 'size', order: 'desc' }).items.map((x) => x.name)).toEqual([
      'b',
      'a',
      'c',
    ]);
    expect(queryTorrents(tied, { order: 'desc' }).items.map((x) => x.name)).toEqual(['c', 'b', 'a']);
  });

  it('pages a filtered name-ordered list, backwards too', () => {
    const many = inNameOrder(Array.from({ length: 30 }, (_, i) => t(`n${i}`, { label: i % 3 ? 'x' : '' })));
    const page = queryTorrents(many, { label: 'x', page: 2, page_size: 5, order: 'desc' });
    expect(page.total).toBe(20);
    expect(page.items.map((x) => x.name)).toEqual(['n22', 'n20', 'n19', 'n17', 'n16']);
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

describe('the name index of lists read at every poll', () => {
  const named = (rng: SeededRandom, i: number) => ({
    hash: rng.hex(40).toUpperCase(),
    name: `${rng.pick(['Alpha', 'beta', 'Émile', 'alpha', 'Beta'])}.${rng.int(1, 40)}.${i}`,
  });

  it('moves added, renamed and removed rows to where a full sort puts them', () => {
    const rng = new SeededRandom(7);
    const index = new NameIndex();
    const parts: Record<string, Array<{ hash: string; name: string }>> = {
      a: Array.from({ length: 300 }, (_, i) => named(rng, i)),
      b: Array.from({ length: 300 }, (_, i) => named(rng, i)),
    };
    // The same torrent in two clients is two rows.
    parts.b.push({ ...parts.a[0] });
    const expected = () =>
      Object.entries(parts)
        .flatMap(([part, rows]) => rows.map((r) => ({ part, ...r })))
        .sort(compareNamed);
    const order = () => index.update(Object.entries(parts).map(([id, rows]) => ({ id, rows: [...rows] })));
    expect(order().map((e) => `${e.part}:${e.hash}`)).toEqual(expected().map((e) => `${e.part}:${e.hash}`));
    for (let round = 0; round < 50; round++) {
      const rows = parts[rng.pick(['a', 'b'])];
      const what = rng.int(0, 2);
      if (what === 0) rows.push(named(rng, 1000 + round));
      else if (what === 1) rows.splice(rng.int(0, rows.length - 1), 1);
      else {
        const k = rng.int(0, rows.length - 1);
        rows[k] = { ...rows[k], name: named(rng, round).name };
      }
      const got = order();
      expect(got.map((e) => `${e.part}:${e.hash}:${e.name}`)).toEqual(
        expected().map((e) => `${e.part}:${e.hash}:${e.name}`),
      );
    }
    // A part no longer given leaves the order.
    expect(index.update([{ id: 'a', rows: parts.a }]).every((e) => e.part === 'a')).toBe(true);
  });
});
