import {
  decodeLabel,
  LIST_FIELDS,
  rtorrentState,
  rtorrentTorrent,
} from '../../../server/torrents/clients/rtorrent/rtorrent.mapper';

const flags = { state: 1, isOpen: 1, isActive: 1, complete: 0, hashing: 0, isHashChecking: 0, message: '' };

describe('rTorrent flags → state (ruTorrent reading, verified on 0.9.8)', () => {
  it.each([
    ['after load.start / d.resume', {}, 'downloading'],
    ['complete and running', { complete: 1 }, 'seeding'],
    ['d.pause (1,0,1)', { isActive: 0 }, 'paused'],
    ['d.start on a paused item (1,0,1)', { isActive: 0 }, 'paused'],
    ["ruTorrent's pause = d.stop (0,0,1)", { state: 0, isActive: 0 }, 'paused'],
    ['d.resume on a stopped item (0,1,1)', { state: 0 }, 'paused'],
    ['d.stop + d.close (0,0,0)', { state: 0, isActive: 0, isOpen: 0 }, 'stopped'],
    ['closed and complete', { state: 0, isActive: 0, isOpen: 0, complete: 1 }, 'completed'],
    ['d.close on a running item (1,0,0)', { isActive: 0, isOpen: 0 }, 'stopped'],
    ['initial hash check', { hashing: 1 }, 'checking'],
    ['is_hash_checking', { isHashChecking: 1, isOpen: 0 }, 'checking'],
    ['tracker error', { message: 'Tracker: [Failure reason "Unregistered torrent"]' }, 'error'],
    ['harmless tracker message', { message: 'Tracker: [Tried all trackers.]' }, 'downloading'],
  ])('%s', (_what, over, state) => {
    expect(rtorrentState({ ...flags, ...over })).toBe(state);
  });
});

describe('rTorrent rows', () => {
  const row = (over: Record<string, unknown> = {}) => {
    const values: Record<string, unknown> = {
      'd.hash=': 'ddef9f60992d32ccc39fdfc825b2a7c94825c0c1',
      'd.name=': 'peer-selftest.bin',
      'd.size_bytes=': 1000,
      'd.completed_bytes=': 250,
      'd.left_bytes=': 750,
      'd.state=': 1,
      'd.is_open=': 1,
      'd.is_active=': 1,
      'd.complete=': 0,
      'd.hashing=': 0,
      'd.is_hash_checking=': 0,
      'd.down.rate=': 250,
      'd.up.rate=': 10,
      'd.ratio=': 1500,
      'd.custom1=': 'My%20Label',
      'd.message=': '',
      'd.load_date=': 1716000000,
      [LIST_FIELDS[17]]: 'https://Tracker.Example.org:8443/announce?passkey=x#udp://b.example.net:6969/#',
      ...over,
    };
    return LIST_FIELDS.map((f) => values[f]);
  };

  it('maps per-mille ratio, URI-encoded label, ETA from left bytes and the load date', () => {
    expect(rtorrentTorrent(row() as never)).toEqual({
      hash: 'DDEF9F60992D32CCC39FDFC825B2A7C94825C0C1',
      name: 'peer-selftest.bin',
      size: 1000,
      progress: 0.25,
      state: 'downloading',
      down_rate: 250,
      up_rate: 10,
      ratio: 1.5,
      label: 'My Label',
      eta: 3,
      added: '2024-05-18T02:40:00.000Z',
      tracker: 'tracker.example.org',
      client: 'rutorrent',
    });
  });

  it.each([
    [{ 'd.down.rate=': 0 }, { eta: null }],
    [
      { 'd.complete=': 1, 'd.left_bytes=': 0, 'd.completed_bytes=': 1000 },
      { eta: 0, progress: 1, state: 'seeding' },
    ],
    [{ 'd.size_bytes=': 0, 'd.completed_bytes=': 0 }, { progress: 0 }], // a magnet without metadata
    [{ 'd.load_date=': 0 }, { added: null }],
    [{ 'd.custom1=': '100%' }, { label: '100%' }], // set by hand, not encoded
    [{ [LIST_FIELDS[17]]: '' }, { tracker: '' }], // no tracker (a magnet without tr=)
    [{ [LIST_FIELDS[17]]: 'not a url#' }, { tracker: '' }],
    [{ [LIST_FIELDS[17]]: 'udp://open.example.net:6969/announce#' }, { tracker: 'open.example.net' }],
  ])('%j', (over, expected) => {
    expect(rtorrentTorrent(row(over) as never)).toMatchObject(expected);
  });

  it.each([[row().slice(1)], [row({ 'd.size_bytes=': 'big' })], [row({ 'd.name=': 5 })], ['row']])(
    'refuses %j',
    (r) => {
      expect(() => rtorrentTorrent(r as never)).toThrow();
    },
  );

  it('decodes labels leniently', () => {
    expect(decodeLabel('TV%20Shows')).toBe('TV Shows');
    expect(decodeLabel('%E0%A4%A')).toBe('%E0%A4%A');
  });
});
