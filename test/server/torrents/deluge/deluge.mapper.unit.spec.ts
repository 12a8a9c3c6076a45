import {
  addedHash,
  delugeDetail,
  delugeLabel,
  delugeLocation,
  delugeReply,
  delugeState,
  delugeTorrent,
  delugeTorrents,
  delugeVersion,
  duplicateOf,
  filePriority,
  hostIds,
  kibOf,
  limitOf,
  onlineHosts,
  trackerHost,
  trackerStatus,
} from '../../../../server/torrents/clients/deluge/deluge.mapper';
import { UnexpectedAnswer } from '../../../../server/upstream/unexpected-answer';

const HASH = '381b4449d9ad55c24fc257fed184c9c98a123b26';
/** A core.get_torrents_status entry as deluged 2.0.3 answers it (values from the real daemon). */
const row = (over: Record<string, unknown> = {}) => ({
  name: 'probe.bin',
  state: 'Downloading',
  paused: false,
  progress: 25.0,
  total_wanted: 100_000,
  download_payload_rate: 1500,
  upload_payload_rate: 20,
  ratio: 0.5,
  label: 'movies',
  eta: 42,
  time_added: 1_796_407_094,
  tracker: '',
  trackers: [
    { url: 'http://tracker.example.org:6969/announce?passkey=x', tier: 0 },
    { url: 'udp://backup.example.net:1337/announce', tier: 1 },
  ],
  ...over,
});
// Twisted's failure text, exactly as deluge-web 2.0.3 wraps the daemon's exceptions.
const failure = (cls: string, text: string, traceback = '') =>
  `Failure: [Failure instance: Traceback (failure with no frames): <class 'deluge.error.${cls}'>: ${text}\n${traceback}]`;

describe('deluge mapper', () => {
  describe('delugeReply', () => {
    it('takes a result with a null error', () => {
      expect(delugeReply({ result: true, error: null, id: 4 })).toEqual({ result: true, error: null });
    });

    it.each([
      [
        { message: 'Not authenticated', code: 1 },
        { code: 1, type: '', text: 'Not authenticated' },
      ],
      [
        { message: 'Unknown method', code: 2 },
        { code: 2, type: '', text: 'Unknown method' },
      ],
      [
        { message: failure('AddTorrentError', `Torrent already in session (${HASH}).`), code: 4 },
        { code: 4, type: 'AddTorrentError', text: `Torrent already in session (${HASH}).` },
      ],
      [
        {
          message: failure(
            'WrappedException',
            'Unknown Label',
            'Traceback (most recent call last):\n  File "/usr/lib/python3/dist-packages/deluge/core/rpcserver.py", line 326\n',
          ),
          code: 4,
        },
        { code: 4, type: 'WrappedException', text: 'Unknown Label' },
      ],
      [
        { code: 5, message: 'JSONException: JSON not decodable' },
        { code: 5, type: '', text: 'JSONException: JSON not decodable' },
      ],
    ])('keeps the first line of the exception, never the traceback: %j', (error, expected) => {
      expect(delugeReply({ result: null, error, id: 1 }).error).toEqual(expected);
    });

    it.each([
      [null],
      ['Ok.'],
      [[1, 2]],
      [{ id: 1 }],
      [{ result: null, error: 'boom' }],
      [{ result: 1, error: {} }],
    ])('refuses %j', (body) => {
      expect(() => delugeReply(body)).toThrow(UnexpectedAnswer);
    });
  });

  it('reads the daemon ids and keeps those online or connected', () => {
    const hosts = [
      ['d0d0cafe0000000000000000000000de', '127.0.0.1', 58846, 'localclient'],
      ['aa', '10.0.0.2', 58846, 'me'],
    ];
    expect(hostIds(hosts)).toEqual(['d0d0cafe0000000000000000000000de', 'aa']);
    expect(() => hostIds({})).toThrow(UnexpectedAnswer);
    expect(() => hostIds([[1]])).toThrow(UnexpectedAnswer);
    expect(
      onlineHosts([['aa', 'Offline', ''], ['bb', 'Online', '2.0.3'], ['cc', 'Connected', '2.0.3'], null]),
    ).toEqual(['bb', 'cc']);
  });

  it('words the version with libtorrent when it is known', () => {
    expect(delugeVersion('2.0.3', '2.0.8.0')).toEqual({ version: '2.0.3 (libtorrent 2.0.8.0)' });
    expect(delugeVersion('2.0.3', null)).toEqual({ version: '2.0.3' });
    expect(() => delugeVersion(null, '2.0.8.0')).toThrow(UnexpectedAnswer);
  });

  it.each([
    ['Downloading', false, 'downloading'],
    ['Seeding', false, 'seeding'],
    ['Paused', false, 'paused'],
    // just after core.pause_torrents the state still says Seeding; the flag is libtorrent's own
    ['Seeding', true, 'paused'],
    ['Queued', false, 'queued'],
    ['Checking', false, 'checking'],
    ['Allocating', false, 'checking'],
    ['Moving', false, 'checking'],
    ['Error', false, 'error'],
    ['Error', true, 'error'],
  ])('state %s (paused %s) is %s', (state, paused, expected) => {
    expect(delugeState(state, paused)).toBe(expected);
  });

  it('refuses a state Deluge does not have', () => {
    expect(() => delugeState('Stopped', false)).toThrow(UnexpectedAnswer);
  });

  it('maps a list entry: percent progress, payload rates, the tracker host from the URL', () => {
    expect(delugeTorrent(HASH, row())).toEqual({
      hash: HASH.toUpperCase(),
      name: 'probe.bin',
      size: 100_000,
      progress: 0.25,
      state: 'downloading',
      down_rate: 1500,
      up_rate: 20,
      ratio: 0.5,
      label: 'movies',
      eta: 42,
      added: new Date(1_796_407_094_000).toISOString(),
      tracker: 'tracker.example.org',
      client: 'deluge',
    });
  });

  it('keeps no sentinel: -1 ratio, 0 and -1 ETAs, no time added, no label key (plugin off)', () => {
    const { label: _label, ...noLabel } = row();
    expect(delugeTorrent(HASH, { ...noLabel, ratio: -1, eta: 0, time_added: 0 })).toMatchObject({
      ratio: 0,
      eta: null,
      added: null,
      label: '',
    });
    expect(delugeTorrent(HASH, row({ eta: -1 })).eta).toBeNull();
    expect(delugeTorrent(HASH, row({ progress: 100, eta: 0, state: 'Seeding' }))).toMatchObject({
      progress: 1,
      eta: 0,
      state: 'seeding',
    });
  });

  it('prefers the tracker it announces to; none is ""', () => {
    expect(delugeTorrent(HASH, row({ tracker: 'udp://backup.example.net:1337/announce' })).tracker).toBe(
      'backup.example.net',
    );
    expect(delugeTorrent(HASH, row({ trackers: [] })).tracker).toBe('');
    expect(trackerHost('not a url')).toBe('');
  });

  it('maps the answer keyed by hash and refuses a malformed one', () => {
    expect(delugeTorrents({ [HASH]: row() }).map((t) => t.hash)).toEqual([HASH.toUpperCase()]);
    expect(delugeTorrents({})).toEqual([]);
    expect(() => delugeTorrents(null)).toThrow(UnexpectedAnswer);
    expect(() => delugeTorrents([row()])).toThrow(UnexpectedAnswer);
    expect(() => delugeTorrents({ [HASH]: 'x' })).toThrow(UnexpectedAnswer);
    expect(() => delugeTorrents({ 'not-a-hash': row() })).toThrow(UnexpectedAnswer);
    expect(() => delugeTorrents({ [HASH]: row({ state: 7 }) })).toThrow(UnexpectedAnswer);
  });

  it('turns KiB/s limits into bytes/s and back; -1 and 0 are unlimited', () => {
    expect(limitOf(-1.0)).toBeNull();
    expect(limitOf(0)).toBeNull();
    expect(limitOf(250.0)).toBe(256_000);
    expect(limitOf(1.5)).toBe(1536);
    expect(() => limitOf(null)).toThrow(UnexpectedAnswer);
    expect(kibOf(null)).toBe(-1);
    expect(kibOf(0)).toBe(-1);
    expect(kibOf(256_000)).toBe(250);
    // fractions are kept, so any byte count round-trips
    expect(limitOf(kibOf(12_700))).toBe(12_700);
  });

  it('reads the hash an add answers, and the hash of a duplicate', () => {
    expect(addedHash(HASH)).toBe(HASH.toUpperCase());
    expect(() => addedHash(null)).toThrow(UnexpectedAnswer);
    expect(() => addedHash('abc')).toThrow(UnexpectedAnswer);
    const dup = delugeReply({
      result: null,
      error: { message: failure('AddTorrentError', `Torrent already in session (${HASH}).`), code: 4 },
    }).error!;
    expect(duplicateOf(dup)).toBe(HASH.toUpperCase());
    expect(
      duplicateOf({
        code: 4,
        type: 'AddTorrentError',
        text: 'Unable to add torrent, decoding filedump failed',
      }),
    ).toBeUndefined();
  });

  it.each([
    ['movies', 'movies'],
    ['Movies', 'movies'],
    ['  tv_4k-x.y ', 'tv_4k-x.y'],
    ['', ''],
    ['Movies HD', undefined],
    ['a,b', undefined],
  ])('label %j is %j for the Label plugin', (label, expected) => {
    expect(delugeLabel(label)).toBe(expected);
  });

  it.each([
    [0, 'skip'],
    [1, 'low'],
    [2, 'low'],
    [4, 'normal'],
    [5, 'normal'],
    [6, 'high'],
    [7, 'high'],
  ])('file priority %i is %s', (priority, expected) => {
    expect(filePriority(priority)).toBe(expected);
  });

  it.each([
    ['', 'not-contacted', ''],
    ['Announce OK', 'working', ''],
    ['Announce Sent', 'updating', ''],
    ['Warning: try again later', 'working', 'try again later'],
    ['Error: Connection refused', 'error', 'Connection refused'],
  ])('tracker status %j is %s', (status, expected, message) => {
    expect(trackerStatus(status)).toEqual({ status: expected, message });
  });

  it('maps the detail: files with progress and priority, peers, the current tracker with its counts', () => {
    const detail = delugeDetail(HASH, {
      state: 'Downloading',
      message: 'OK',
      save_path: '/downloads',
      files: [
        { index: 1, offset: 10, path: 'Show/b.mkv', size: 90 },
        { index: 0, offset: 0, path: 'Show/a.nfo', size: 10 },
      ],
      file_progress: [1.0, 0.5],
      file_priorities: [0, 7],
      peers: [
        {
          client: 'qBittorrent 4.5.2',
          country: '',
          down_speed: 100,
          ip: '127.0.0.1:6881',
          progress: 0.75,
          seed: 0,
          up_speed: 5,
        },
      ],
      trackers: [
        { url: 'udp://backup.example.net:1337/announce', tier: 1 },
        { url: 'http://tracker.example.org/announce', tier: 0 },
      ],
      tracker: 'http://tracker.example.org/announce',
      tracker_status: 'Announce OK',
      total_seeds: 3,
      total_peers: -1,
    });
    expect(detail).toEqual({
      hash: HASH.toUpperCase(),
      save_path: '/downloads',
      error: null,
      files: [
        { path: 'Show/b.mkv', size: 90, progress: 0.5, priority: 'high' },
        { path: 'Show/a.nfo', size: 10, progress: 1, priority: 'skip' },
      ],
      peers: [
        {
          address: '127.0.0.1:6881',
          client: 'qBittorrent 4.5.2',
          progress: 0.75,
          down_rate: 100,
          up_rate: 5,
        },
      ],
      trackers: [
        { url: 'http://tracker.example.org/announce', status: 'working', message: '', seeds: 3, peers: null },
        {
          url: 'udp://backup.example.net:1337/announce',
          status: 'not-contacted',
          message: '',
          seeds: null,
          peers: null,
        },
      ],
    });
  });

  it('gives the error of a torrent in error, else of its tracker', () => {
    const base = { save_path: '/d', files: [], peers: [], trackers: [] };
    expect(delugeDetail(HASH, { ...base, state: 'Error', message: 'No space left on device' }).error).toBe(
      'No space left on device',
    );
    expect(
      delugeDetail(HASH, { ...base, state: 'Seeding', message: 'OK', tracker_status: 'Error: timed out' })
        .error,
    ).toBe('timed out');
    expect(delugeDetail(HASH, { ...base, state: 'Seeding', message: 'OK' }).error).toBeNull();
  });

  it('locates the data: the file, the top folder, nothing for a magnet without metadata', () => {
    expect(
      delugeLocation(HASH, { name: 'probe.bin', save_path: '/d/', files: [{ path: 'probe.bin', index: 0 }] }),
    ).toEqual({ hash: HASH.toUpperCase(), name: 'probe.bin', path: '/d/probe.bin', refusal: null });
    expect(
      delugeLocation(HASH, {
        name: 'Show',
        save_path: '/d',
        files: [{ path: 'Show/a.mkv' }, { path: 'Show/b' }],
      }).path,
    ).toBe('/d/Show');
    expect(delugeLocation(HASH, { name: 'test', save_path: '/d', files: [] }).path).toBe('');
  });
});
