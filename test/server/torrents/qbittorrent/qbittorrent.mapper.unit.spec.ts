import {
  applyMaindata,
  emptyMaindata,
  qbContentPath,
  qbDetail,
  qbFilePriority,
  qbLimit,
  qbState,
  qbTorrent,
  qbTransfer,
  torrentFileInfo,
  trackerByHash,
  trackerHost,
} from '../../../../server/torrents/clients/qbittorrent/qbittorrent.mapper';
import { UnexpectedAnswer } from '../../../../server/upstream/unexpected-answer';
import { bencode, makeTorrentFile, parseTorrentFile } from '../../../../simulators/torrents';

// Rows and answers as a real qbittorrent-nox 4.5.2 (WebUI API 2.8.19) gave them, trimmed to the fields
// the mapper reads plus a few it must ignore.
const SEEDING_HASH = '10e38e45708ee1f9c6e423c90eec8a16a9b350d7';
const SEEDING = {
  added_on: 1796406403,
  amount_left: 0,
  availability: -1,
  category: 'cat1',
  completion_on: 1796406403,
  content_path: '/tmp/qbh-sample/download/sample.bin',
  dl_limit: 0,
  dlspeed: 0,
  // qBittorrent's "∞" even for a finished torrent.
  eta: 8640000,
  max_ratio: -1,
  name: 'sample.bin',
  progress: 1,
  ratio: 0,
  ratio_limit: -2,
  save_path: '/tmp/qbh-sample/download',
  size: 40000,
  state: 'stalledUP',
  tags: '',
  total_size: 40000,
  tracker: '',
  trackers_count: 0,
  upspeed: 0,
};
const PAUSED_HASH = 'f5725b5b28a5004e57b137bfaae2bccb97237c6b';
const PAUSED = {
  ...SEEDING,
  amount_left: 40000,
  category: '',
  completion_on: 0,
  content_path: '/tmp/qbh-sample/download/other.bin',
  name: 'other.bin',
  progress: 0,
  state: 'pausedDL',
  trackers_count: 1,
};
const TRACKER = 'http://127.0.0.1:9/announce';
const FULL = {
  categories: { cat1: { name: 'cat1', savePath: '' } },
  full_update: true,
  rid: 1,
  server_state: { dl_info_speed: 0, up_info_speed: 0, dl_rate_limit: 0, up_rate_limit: 0 },
  tags: [],
  torrents: { [SEEDING_HASH]: SEEDING, [PAUSED_HASH]: PAUSED },
  trackers: { [TRACKER]: [PAUSED_HASH] },
};
// The next answer after a pause: only the changed fields of the changed torrent.
const AFTER_PAUSE = {
  rid: 2,
  torrents: { [SEEDING_HASH]: { seeding_time: 4, state: 'pausedUP', time_active: 4 } },
};
const PROPERTIES = {
  addition_date: 1796406403,
  dl_limit: -1,
  eta: 8640000,
  hash: SEEDING_HASH,
  name: 'sample.bin',
  save_path: '/tmp/qbh-sample/download',
  total_size: 40000,
  up_limit: -1,
};
const FILES = [
  {
    availability: -1,
    index: 0,
    is_seed: true,
    name: 'sample.bin',
    piece_range: [0, 2],
    priority: 1,
    progress: 1,
    size: 40000,
  },
];
const PSEUDO = ['** [DHT] **', '** [PeX] **', '** [LSD] **'].map((url) => ({
  msg: '',
  num_downloaded: 0,
  num_leeches: 0,
  num_peers: 0,
  num_seeds: 0,
  status: 0,
  tier: -1,
  url,
}));
// Not contacted yet: the counts are -1.
const NOT_CONTACTED = {
  msg: '',
  num_downloaded: -1,
  num_leeches: -1,
  num_peers: -1,
  num_seeds: -1,
  status: 1,
  tier: 0,
  url: TRACKER,
};
const NO_PEERS = { full_update: true, peers: {}, rid: 1, show_flags: true };
const TRANSFER = {
  connection_status: 'firewalled',
  dht_nodes: 0,
  dl_info_data: 0,
  dl_info_speed: 0,
  dl_rate_limit: 0,
  up_info_data: 0,
  up_info_speed: 0,
  up_rate_limit: 0,
};

describe('qBittorrent mapper', () => {
  describe('qbState', () => {
    it.each([
      ['downloading', 'downloading'],
      ['stalledDL', 'downloading'],
      ['metaDL', 'downloading'],
      ['forcedDL', 'downloading'],
      ['uploading', 'seeding'],
      ['stalledUP', 'seeding'],
      ['forcedUP', 'seeding'],
      // 4.5 has no "stopped": both paused states are paused, and 5.x's stopped ones too.
      ['pausedDL', 'paused'],
      ['pausedUP', 'paused'],
      ['stoppedUP', 'paused'],
      ['queuedDL', 'queued'],
      ['queuedUP', 'queued'],
      ['checkingDL', 'checking'],
      ['checkingUP', 'checking'],
      ['checkingResumeData', 'checking'],
      ['moving', 'checking'],
      ['error', 'error'],
      ['missingFiles', 'error'],
      ['unknown', 'error'],
      ['a state of a later version', 'error'],
    ])('%s → %s', (state, expected) => {
      expect(qbState(state)).toBe(expected);
    });
  });

  describe('qbTorrent', () => {
    it('maps a seeding row: upper-case hash, category as label, no ∞ ETA, seconds to ISO', () => {
      expect(qbTorrent(SEEDING_HASH, SEEDING)).toEqual({
        hash: SEEDING_HASH.toUpperCase(),
        name: 'sample.bin',
        size: 40000,
        progress: 1,
        state: 'seeding',
        down_rate: 0,
        up_rate: 0,
        ratio: 0,
        label: 'cat1',
        eta: 0,
        added: new Date(1796406403 * 1000).toISOString(),
        tracker: '',
        client: 'qbittorrent',
      });
    });

    it('turns the 8,640,000 s "∞" and a 0 into no ETA while downloading, and keeps a real one', () => {
      expect(qbTorrent(PAUSED_HASH, PAUSED).eta).toBeNull();
      expect(qbTorrent(PAUSED_HASH, { ...PAUSED, eta: 0 }).eta).toBeNull();
      expect(qbTorrent(PAUSED_HASH, { ...PAUSED, progress: 0.5, eta: 120 }).eta).toBe(120);
    });

    it('takes the tracker host from the row, else from a known tracker URL, else ""', () => {
      const announced = { ...PAUSED, tracker: 'https://tracker.example.org:443/a/announce' };
      expect(qbTorrent(PAUSED_HASH, announced).tracker).toBe('tracker.example.org');
      // "" until the first announce is answered: the sync's trackers map stands in.
      expect(qbTorrent(PAUSED_HASH, PAUSED, TRACKER).tracker).toBe('127.0.0.1');
      expect(qbTorrent(PAUSED_HASH, PAUSED, 'not a url').tracker).toBe('');
    });

    it('lets no sentinel through: a magnet without metadata, a negative ratio, no added date', () => {
      const magnet = { ...PAUSED, state: 'metaDL', size: 0, total_size: -1, ratio: -1, added_on: 0 };
      expect(qbTorrent(PAUSED_HASH, magnet)).toMatchObject({
        state: 'downloading',
        size: 0,
        ratio: 0,
        added: null,
      });
      expect(qbTorrent(PAUSED_HASH, { ...PAUSED, progress: 1.5 }).progress).toBe(1);
      expect(qbTorrent(PAUSED_HASH, { ...PAUSED, dlspeed: 'fast' }).down_rate).toBe(0);
    });

    it('refuses a row without a state or a name', () => {
      expect(() => qbTorrent(PAUSED_HASH, { name: 'x' })).toThrow(UnexpectedAnswer);
      expect(() => qbTorrent(PAUSED_HASH, { state: 'pausedDL' })).toThrow(UnexpectedAnswer);
    });
  });

  it('trackerHost and qbContentPath read plain strings only', () => {
    expect(trackerHost('udp://open.example.net:6969/announce')).toBe('open.example.net');
    expect(trackerHost('')).toBe('');
    expect(trackerHost('** [DHT] **')).toBe('');
    expect(qbContentPath(SEEDING)).toBe('/tmp/qbh-sample/download/sample.bin');
    expect(qbContentPath({})).toBe('');
  });

  describe('applyMaindata', () => {
    it('takes a full update whole, with every hash changed and trackers by URL', () => {
      const { cache, changed, full } = applyMaindata(emptyMaindata(), FULL);
      expect(full).toBe(true);
      expect(cache.rid).toBe(1);
      expect([...changed].sort()).toEqual([SEEDING_HASH, PAUSED_HASH].sort());
      expect(cache.rows.get(SEEDING_HASH)).toEqual(SEEDING);
      expect(trackerByHash(cache.trackers)).toEqual(new Map([[PAUSED_HASH, TRACKER]]));
    });

    it('merges the changed fields of an incremental answer and leaves the rest as it was', () => {
      const first = applyMaindata(emptyMaindata(), FULL).cache;
      const { cache, changed, full } = applyMaindata(first, AFTER_PAUSE);
      expect(full).toBe(false);
      expect(cache.rid).toBe(2);
      expect([...changed]).toEqual([SEEDING_HASH]);
      expect(cache.rows.get(SEEDING_HASH)).toMatchObject({ name: 'sample.bin', state: 'pausedUP' });
      expect(cache.rows.get(PAUSED_HASH)).toBe(first.rows.get(PAUSED_HASH));
      // The earlier cache is not changed in place.
      expect(first.rows.get(SEEDING_HASH)!.state).toBe('stalledUP');
    });

    it('drops removed torrents and trackers, whatever the case of the hash', () => {
      const first = applyMaindata(emptyMaindata(), FULL).cache;
      const { cache } = applyMaindata(first, {
        rid: 3,
        torrents_removed: [PAUSED_HASH.toUpperCase()],
        trackers_removed: [TRACKER],
      });
      expect([...cache.rows.keys()]).toEqual([SEEDING_HASH]);
      expect(cache.trackers.size).toBe(0);
    });

    it('a full update after a gap replaces everything it had', () => {
      const first = applyMaindata(emptyMaindata(), FULL).cache;
      const { cache } = applyMaindata(first, { full_update: true, rid: 9, torrents: {} });
      expect(cache.rows.size).toBe(0);
      expect(cache.trackers.size).toBe(0);
    });

    it.each([
      ['not an object', 'Forbidden'],
      ['no rid', { torrents: {} }],
      ['torrents a list', { rid: 1, torrents: [] }],
      ['a row not an object', { rid: 1, torrents: { [SEEDING_HASH]: 3 } }],
      ['torrents_removed not a list', { rid: 1, torrents_removed: SEEDING_HASH }],
      ['trackers a list', { rid: 1, trackers: [] }],
    ])('refuses an answer with %s', (_what, body) => {
      expect(() => applyMaindata(emptyMaindata(), body)).toThrow(UnexpectedAnswer);
    });
  });

  describe('limits', () => {
    it('reads transfer/info: bytes/s, 0 = unlimited', () => {
      expect(qbTransfer(TRANSFER)).toEqual({ down_rate: 0, up_rate: 0, down_limit: null, up_limit: null });
      expect(
        qbTransfer({ ...TRANSFER, dl_info_speed: 2048, dl_rate_limit: 1048576, up_rate_limit: 1024 }),
      ).toEqual({ down_rate: 2048, up_rate: 0, down_limit: 1048576, up_limit: 1024 });
      expect(() => qbTransfer({ connection_status: 'firewalled' })).toThrow(UnexpectedAnswer);
    });

    it('qbLimit: the -1 of torrents/properties and the 0 of transfer/info are both unlimited', () => {
      expect(qbLimit(-1)).toBeNull();
      expect(qbLimit(0)).toBeNull();
      expect(qbLimit('1024')).toBeNull();
      expect(qbLimit(5120)).toBe(5120);
    });
  });

  it('qbFilePriority: 0 skip, 1 normal, 6 and 7 high', () => {
    expect([0, 1, 6, 7].map(qbFilePriority)).toEqual(['skip', 'normal', 'high', 'high']);
  });

  describe('qbDetail', () => {
    it('maps properties, files, trackers and peers; the DHT, PeX and LSD rows are no trackers', () => {
      const detail = qbDetail(
        SEEDING_HASH,
        'pausedDL',
        PROPERTIES,
        FILES,
        [...PSEUDO, NOT_CONTACTED],
        NO_PEERS,
      );
      expect(detail).toEqual({
        hash: SEEDING_HASH.toUpperCase(),
        save_path: '/tmp/qbh-sample/download',
        error: null,
        files: [{ path: 'sample.bin', size: 40000, progress: 1, priority: 'normal' }],
        peers: [],
        // -1 counts (not contacted yet) are unknown, not negative.
        trackers: [{ url: TRACKER, status: 'not-contacted', message: '', seeds: null, peers: null }],
      });
      expect(qbDetail(SEEDING_HASH, 'stalledUP', PROPERTIES, FILES, PSEUDO, NO_PEERS).trackers).toEqual([]);
    });

    it('maps the peers map, keyed by address:port', () => {
      const peers = {
        ...NO_PEERS,
        peers: {
          '127.0.0.1:51413': { client: 'Transmission 3.00', progress: 0.25, dl_speed: 10, up_speed: 20 },
        },
      };
      expect(qbDetail(SEEDING_HASH, 'uploading', PROPERTIES, FILES, [], peers).peers).toEqual([
        {
          address: '127.0.0.1:51413',
          client: 'Transmission 3.00',
          progress: 0.25,
          down_rate: 10,
          up_rate: 20,
        },
      ]);
    });

    it('says what is wrong: missing files, a disk error, or every tracker failing', () => {
      expect(qbDetail(SEEDING_HASH, 'missingFiles', PROPERTIES, FILES, [], NO_PEERS).error).toBe(
        "qBittorrent cannot find the torrent's files in /tmp/qbh-sample/download.",
      );
      expect(qbDetail(SEEDING_HASH, 'error', PROPERTIES, FILES, [], NO_PEERS).error).toMatch(/disk error/);
      const failing = { ...NOT_CONTACTED, status: 4, msg: 'Connection refused' };
      expect(qbDetail(SEEDING_HASH, 'stalledDL', PROPERTIES, FILES, [failing], NO_PEERS).error).toBe(
        'No tracker answers: Connection refused.',
      );
      const working = { ...NOT_CONTACTED, url: 'http://other.example/announce', status: 2 };
      expect(
        qbDetail(SEEDING_HASH, 'stalledDL', PROPERTIES, FILES, [failing, working], NO_PEERS).error,
      ).toBeNull();
    });

    it.each([
      ['properties not an object', ['Not Found', FILES, [], NO_PEERS]],
      ['files not a list', [PROPERTIES, {}, [], NO_PEERS]],
      ['trackers not a list', [PROPERTIES, FILES, null, NO_PEERS]],
      ['peers without "peers"', [PROPERTIES, FILES, [], { rid: 1 }]],
    ])('refuses %s', (_what, [properties, files, trackers, peers]) => {
      expect(() => qbDetail(SEEDING_HASH, 'stalledUP', properties, files, trackers, peers)).toThrow(
        UnexpectedAnswer,
      );
    });
  });

  describe('torrentFileInfo', () => {
    it('reads the info-hash and name as the metainfo helpers do', () => {
      const file = makeTorrentFile({ name: 'some file.bin', data: Buffer.alloc(70_000, 7) });
      const meta = parseTorrentFile(file)!;
      expect(torrentFileInfo(file)).toEqual({ hash: meta.hash.toUpperCase(), name: 'some file.bin' });
    });

    it('prefers name.utf-8, and takes no file name inside info.files for the torrent name', () => {
      const file = bencode({
        info: {
          files: [{ length: 1, path: ['name'] }],
          name: 'folder',
          'name.utf-8': 'dossier é',
          'piece length': 16384,
          pieces: Buffer.alloc(20),
        },
      });
      expect(torrentFileInfo(file)?.name).toBe('dossier é');
      expect(torrentFileInfo(file)?.hash).toBe(parseTorrentFile(file)?.hash.toUpperCase());
    });

    it.each([
      ['empty', Buffer.alloc(0)],
      ['not bencode', Buffer.from('<html>Not Found</html>')],
      ['no info', Buffer.from('d8:announce3:urle')],
      ['truncated', Buffer.from('d4:infod4:name10:abce')],
      ['bytes after the end', Buffer.from('d4:infod4:name1:xeeXX')],
    ])('is undefined for %s', (_what, buf) => {
      expect(torrentFileInfo(buf)).toBeUndefined();
    });
  });
});
