import { convertToParamMap } from '@angular/router';

import {
  countStates,
  DEFAULT_TORRENT_QUERY,
  hashesByClient,
  matchesClientAndText,
  sortTorrents,
  summarize,
  torrentKey,
  torrentQueryFromParams,
  torrentQueryToParams,
  type TorrentRow,
} from '../../../../client/src/app/features/torrents/torrent-query';
import { hash, torrent } from '../../support/torrents';

describe('torrent list query', () => {
  it.each([
    [{}, DEFAULT_TORRENT_QUERY],
    [
      { client: 'home-rt', state: 'paused', q: ' ubuntu ', sort: 'ratio', order: 'desc' },
      { client: 'home-rt', state: 'paused', q: 'ubuntu', sort: 'ratio', order: 'desc' },
    ],
    [
      { client: 'qb2', sort: 'tracker' },
      { client: 'qb2', state: '', q: '', sort: 'tracker', order: 'asc' },
    ],
    [
      { client: 'Home_RT', state: 'done', sort: 'hash', order: 'down' },
      { client: '', state: '', q: '', sort: 'name', order: 'asc' },
    ],
    [{ client: '-home' }, DEFAULT_TORRENT_QUERY],
    [{ client: 'home--rt' }, DEFAULT_TORRENT_QUERY],
    [{ client: 'home-' }, DEFAULT_TORRENT_QUERY],
  ])('reads %j from the URL as %j', (params, query) => {
    expect(torrentQueryFromParams(convertToParamMap(params))).toEqual(query);
  });

  it('writes only what differs from the defaults, clearing the rest', () => {
    expect(torrentQueryToParams({ ...DEFAULT_TORRENT_QUERY, state: 'error', order: 'desc' })).toEqual({
      client: null,
      state: 'error',
      q: null,
      sort: null,
      order: 'desc',
    });
  });

  it('round-trips a query through the URL', () => {
    const query = { client: 'seedbox-ut', state: 'seeding', q: 'x', sort: 'eta', order: 'desc' } as const;
    const params = torrentQueryToParams(query) as Record<string, string>;
    expect(torrentQueryFromParams(convertToParamMap(params))).toEqual(query);
  });

  it('keys a torrent by client instance and hash', () => {
    expect(torrentKey({ client_id: 'home-rt', hash: hash(1) })).toBe(`home-rt:${hash(1)}`);
  });

  it('keys the same info-hash in two instances of one kind apart', () => {
    const one = torrent({ hash: hash(1), client_id: 'qb-1', client: 'qbittorrent' });
    const two = torrent({ hash: hash(1), client_id: 'qb-2', client: 'qbittorrent' });
    expect(torrentKey(one)).not.toBe(torrentKey(two));
  });
});

describe('matchesClientAndText', () => {
  const ubuntu = torrent({ hash: hash(0xab), name: 'Ubuntu 24.04 ISO', client_id: 'seedbox-ut' });
  it.each([
    ['', '', true],
    ['seedbox-ut', '', true],
    ['seedbox', '', false],
    // The filter is an instance id, not a kind.
    ['utorrent', '', false],
    ['', 'ubuntu', true],
    ['', '24.04', true],
    ['', 'debian', false],
    ['', hash(0xab).toLowerCase(), true],
    ['', hash(0xab).slice(0, 10).toLowerCase(), false],
    ['home-rt', 'ubuntu', false],
  ])('client %j and text %j match: %s', (client, needle, matches) => {
    expect(matchesClientAndText(ubuntu, client, needle)).toBe(matches);
  });
});

describe('countStates', () => {
  it('counts every state, zero included, and the total', () => {
    const counts = countStates([
      torrent({ hash: hash(1), state: 'seeding' }),
      torrent({ hash: hash(2), state: 'seeding' }),
      torrent({ hash: hash(3), state: 'error' }),
    ]);
    expect(counts).toEqual({
      all: 3,
      downloading: 0,
      seeding: 2,
      paused: 0,
      stopped: 0,
      queued: 0,
      checking: 0,
      error: 1,
      completed: 0,
    });
  });
});

describe('sortTorrents', () => {
  const t = (n: number, fields: Partial<TorrentRow>) => torrent({ ...fields, hash: hash(n) });
  const list = [
    t(1, {
      name: 'file 10',
      size: 5,
      label: '',
      eta: null,
      state: 'seeding',
      added: '2026-01-03T00:00:00Z',
      tracker: 'tracker.example',
      client_name: 'Seedbox',
    }),
    t(2, {
      name: 'File 9',
      size: 50,
      label: 'tv',
      eta: 30,
      state: 'downloading',
      added: null,
      tracker: '',
      client_name: 'home',
    }),
    t(3, {
      name: 'alpha',
      size: 5,
      label: 'movies',
      eta: 0,
      state: 'error',
      added: '2026-01-01T00:00:00Z',
      tracker: 'academic.example',
      client_name: 'Work',
    }),
  ];
  const names = (field: Parameters<typeof sortTorrents>[1], order: 'asc' | 'desc') =>
    sortTorrents(list, field, order).map((x) => x.name);

  it.each([
    ['name', 'asc', ['alpha', 'File 9', 'file 10']],
    ['name', 'desc', ['file 10', 'File 9', 'alpha']],
    ['size', 'desc', ['File 9', 'alpha', 'file 10']],
    ['size', 'asc', ['alpha', 'file 10', 'File 9']],
    ['label', 'asc', ['alpha', 'File 9', 'file 10']],
    ['label', 'desc', ['file 10', 'File 9', 'alpha']],
    ['eta', 'asc', ['alpha', 'File 9', 'file 10']],
    ['state', 'asc', ['File 9', 'file 10', 'alpha']],
    ['added', 'asc', ['File 9', 'alpha', 'file 10']],
    ['tracker', 'asc', ['alpha', 'file 10', 'File 9']],
    ['tracker', 'desc', ['File 9', 'file 10', 'alpha']],
    ['client', 'asc', ['File 9', 'file 10', 'alpha']],
    ['client', 'desc', ['alpha', 'file 10', 'File 9']],
  ] as const)('by %s %s: %j', (field, order, expected) => {
    expect(names(field, order)).toEqual(expected);
  });

  it('breaks ties by client instance so rows do not jump, and leaves the input alone', () => {
    const same = [
      torrent({ hash: hash(1), name: 'x', client_id: 'qb-2', client: 'qbittorrent' }),
      torrent({ hash: hash(1), name: 'x', client_id: 'qb-1', client: 'qbittorrent' }),
    ];
    expect(sortTorrents(same, 'size', 'asc').map((x) => x.client_id)).toEqual(['qb-1', 'qb-2']);
    expect(same[0].client_id).toBe('qb-2');
  });

  it('breaks ties within one instance by hash', () => {
    const same = [torrent({ hash: hash(2), name: 'x' }), torrent({ hash: hash(1), name: 'x' })];
    expect(sortTorrents(same, 'name', 'desc').map((x) => x.hash)).toEqual([hash(1), hash(2)]);
  });
});

describe('summarize', () => {
  it('is all zero for no torrents', () => {
    expect(summarize([])).toEqual({
      total: 0,
      active: 0,
      downloading: 0,
      seeding: 0,
      size: 0,
      downRate: 0,
      upRate: 0,
    });
  });

  it('counts a torrent moving bytes either way as active once', () => {
    const summary = summarize([
      torrent({ hash: hash(1), state: 'downloading', down_rate: 10, up_rate: 5, size: 1 }),
      torrent({ hash: hash(2), state: 'seeding', up_rate: 7, size: 2 }),
      torrent({ hash: hash(3), state: 'paused', size: 4 }),
    ]);
    expect(summary).toEqual({
      total: 3,
      active: 2,
      downloading: 1,
      seeding: 1,
      size: 7,
      downRate: 10,
      upRate: 12,
    });
  });

  it('counts the size of stale rows but not their rates or states: their client is not answering', () => {
    const summary = summarize([
      torrent({ hash: hash(1), state: 'downloading', down_rate: 10, up_rate: 5, size: 1 }),
      torrent({ hash: hash(2), state: 'seeding', up_rate: 7, size: 2, client_id: 'home-rt', stale: true }),
      torrent({
        hash: hash(3),
        state: 'downloading',
        down_rate: 9,
        size: 4,
        client_id: 'home-rt',
        stale: true,
      }),
    ]);
    expect(summary).toEqual({
      total: 3,
      active: 1,
      downloading: 1,
      seeding: 0,
      size: 7,
      downRate: 10,
      upRate: 5,
    });
  });
});

describe('hashesByClient', () => {
  it('is empty for no torrents', () => {
    expect(hashesByClient([])).toEqual(new Map());
  });

  it('groups hashes by client instance, in the order the instances first appear', () => {
    const byClient = hashesByClient([
      { client_id: 'qb-2', hash: hash(1) },
      { client_id: 'qb-1', hash: hash(2) },
      { client_id: 'qb-2', hash: hash(3) },
      // The same info-hash in another instance is another torrent.
      { client_id: 'qb-1', hash: hash(1) },
    ]);
    expect([...byClient]).toEqual([
      ['qb-2', [hash(1), hash(3)]],
      ['qb-1', [hash(2), hash(1)]],
    ]);
  });
});
