import {
  addedTorrent,
  filePriority,
  limitArguments,
  rpcReply,
  sessionLimit,
  sessionVersion,
  trackerHost,
  trackerStatus,
  transmissionDetail,
  transmissionLocation,
  transmissionState,
  transmissionTorrent,
  transmissionTorrents,
} from '../../../../server/torrents/clients/transmission/transmission.mapper';
import { transmissionEndpoint } from '../../../../server/torrents/clients/transmission/transmission.rpc';
import { UnexpectedAnswer } from '../../../../server/upstream/unexpected-answer';

const HASH = 'c96bcc48927d820e2def3741c1f0ce053578cd4d';
const row = (over: Record<string, unknown> = {}) => ({
  hashString: HASH,
  name: 'probe.bin',
  status: 4,
  error: 0,
  percentDone: 0.25,
  sizeWhenDone: 70_000,
  rateDownload: 1500,
  rateUpload: 20,
  uploadRatio: 0.5,
  uploadedEver: 100,
  labels: ['Movies', 'extra'],
  eta: 42,
  addedDate: 1_796_390_907,
  trackers: [
    { announce: 'https://backup.example.org/announce', id: 1, scrape: '', tier: 1 },
    { announce: 'http://tracker.example.org:6969/announce?passkey=x', id: 0, scrape: '', tier: 0 },
  ],
  ...over,
});

describe('transmission mapper', () => {
  it.each([
    [0, 0, 0.5, 'stopped'],
    [0, 0, 1, 'completed'],
    [1, 0, 0, 'checking'],
    [2, 0, 0, 'checking'],
    [3, 0, 0, 'queued'],
    [4, 0, 0, 'downloading'],
    [5, 0, 1, 'queued'],
    [6, 0, 1, 'seeding'],
    [6, 1, 1, 'error'],
    [4, 2, 0, 'error'],
    [0, 3, 0, 'error'],
  ])('status %i with error %i at %f is %s', (status, error, done, state) => {
    expect(transmissionState(status, error, done)).toBe(state);
  });

  it('refuses a status outside 0..6', () => {
    expect(() => transmissionState(7, 0, 0)).toThrow(UnexpectedAnswer);
  });

  it('maps a torrent-get entry: upper-case hash, first label, tier-0 tracker host, dates', () => {
    expect(transmissionTorrent(row())).toEqual({
      hash: HASH.toUpperCase(),
      name: 'probe.bin',
      size: 70_000,
      progress: 0.25,
      state: 'downloading',
      down_rate: 1500,
      up_rate: 20,
      ratio: 0.5,
      label: 'Movies',
      eta: 42,
      added: new Date(1_796_390_907_000).toISOString(),
      tracker: 'tracker.example.org',
      client: 'transmission',
    });
  });

  it('keeps sentinels inside: -1/-2 ETAs, -1/-2 ratios, no labels, no trackers, no date', () => {
    const t = transmissionTorrent(
      row({ eta: -2, uploadRatio: -1, labels: [], trackers: [], addedDate: 0, percentDone: 0 }),
    );
    expect(t).toMatchObject({ eta: null, ratio: 0, label: '', tracker: '', added: null });
    expect(transmissionTorrent(row({ eta: -1, percentDone: 1, status: 6 })).eta).toBe(0);
    expect(transmissionTorrent(row({ uploadRatio: -2, uploadedEver: 140_000 })).ratio).toBe(2);
  });

  it('refuses entries without a hash or status, and a list that is not an array', () => {
    expect(() => transmissionTorrent({ name: 'x' })).toThrow(UnexpectedAnswer);
    expect(() => transmissionTorrent(row({ status: 'x' }))).toThrow(UnexpectedAnswer);
    expect(() => transmissionTorrents({ torrents: 'no' })).toThrow(UnexpectedAnswer);
    expect(transmissionTorrents({ torrents: [] })).toEqual([]);
  });

  it('reads an RPC reply and refuses other shapes', () => {
    expect(rpcReply({ result: 'success', arguments: { a: 1 } })).toEqual({
      result: 'success',
      arguments: { a: 1 },
    });
    expect(rpcReply({ result: 'no method name' })).toEqual({ result: 'no method name', arguments: {} });
    expect(() => rpcReply([1])).toThrow(UnexpectedAnswer);
    expect(() => rpcReply({ arguments: {} })).toThrow(UnexpectedAnswer);
  });

  it('limits: kB/s of 1000 bytes, off = null, an enabled 0 = null', () => {
    const args = {
      'speed-limit-down': 250,
      'speed-limit-down-enabled': true,
      'speed-limit-up': 100,
      'speed-limit-up-enabled': false,
    };
    expect(sessionLimit(args, 'down')).toBe(250_000);
    expect(sessionLimit(args, 'up')).toBeNull();
    expect(sessionLimit({ ...args, 'speed-limit-down': 0 }, 'down')).toBeNull();
    expect(() => sessionLimit({}, 'down')).toThrow(UnexpectedAnswer);
  });

  it.each([
    [250_000, { 'speed-limit-down': 250, 'speed-limit-down-enabled': true }],
    [12_700, { 'speed-limit-down': 13, 'speed-limit-down-enabled': true }],
    [100, { 'speed-limit-down': 1, 'speed-limit-down-enabled': true }],
    [0, { 'speed-limit-down-enabled': false }],
    [null, { 'speed-limit-down-enabled': false }],
  ])('sets %p bytes/s as whole kB/s: %j', (bytes, args) => {
    expect(limitArguments('down', bytes)).toEqual(args);
  });

  it('reads torrent-added and torrent-duplicate', () => {
    expect(addedTorrent({ 'torrent-added': { hashString: HASH, id: 3, name: 'a' } })).toEqual({
      duplicate: false,
      hash: HASH.toUpperCase(),
      name: 'a',
    });
    expect(addedTorrent({ 'torrent-duplicate': { hashString: HASH, id: 3, name: 'a' } }).duplicate).toBe(
      true,
    );
    expect(() => addedTorrent({})).toThrow(UnexpectedAnswer);
  });

  it('version, tracker hosts, priorities and tracker states', () => {
    expect(sessionVersion({ version: '3.00 (bb6b5a062e)', 'rpc-version': 16 })).toEqual({
      version: '3.00 (bb6b5a062e), RPC 16',
    });
    expect(() => sessionVersion({})).toThrow(UnexpectedAnswer);
    expect(trackerHost('udp://tracker.example.org:1337/announce')).toBe('tracker.example.org');
    expect(trackerHost('not a url')).toBe('');
    expect([
      filePriority(false, 1),
      filePriority(true, -1),
      filePriority(true, 0),
      filePriority(true, 1),
    ]).toEqual(['skip', 'low', 'normal', 'high']);
    expect(trackerStatus({ announceState: 3 })).toBe('updating');
    expect(trackerStatus({ announceState: 1, hasAnnounced: false })).toBe('not-contacted');
    expect(trackerStatus({ announceState: 1, hasAnnounced: true, lastAnnounceSucceeded: true })).toBe(
      'working',
    );
    expect(trackerStatus({ announceState: 0, hasAnnounced: true, lastAnnounceSucceeded: false })).toBe(
      'error',
    );
  });

  it('maps a detail: files with priorities, peers, trackers with counts, the error string', () => {
    const detail = transmissionDetail({
      hashString: HASH,
      downloadDir: '/data',
      error: 3,
      errorString: 'No data found!',
      files: [
        { name: 'Show/a.mkv', length: 1000, bytesCompleted: 500 },
        { name: 'Show/b.nfo', length: 0, bytesCompleted: 0 },
      ],
      fileStats: [
        { bytesCompleted: 500, priority: 1, wanted: true },
        { bytesCompleted: 0, priority: 0, wanted: false },
      ],
      peers: [
        {
          address: '10.0.0.2',
          port: 51413,
          clientName: 'qBittorrent 4.5.2',
          progress: 0.5,
          rateToClient: 9,
          rateToPeer: 3,
        },
      ],
      trackerStats: [
        {
          announce: 'http://t.example/announce',
          announceState: 1,
          hasAnnounced: true,
          lastAnnounceSucceeded: false,
          lastAnnounceResult: 'Could not connect to tracker',
          seederCount: -1,
          leecherCount: 4,
        },
      ],
    });
    expect(detail).toEqual({
      hash: HASH.toUpperCase(),
      save_path: '/data',
      error: 'No data found!',
      files: [
        { path: 'Show/a.mkv', size: 1000, progress: 0.5, priority: 'high' },
        { path: 'Show/b.nfo', size: 0, progress: 1, priority: 'skip' },
      ],
      peers: [
        { address: '10.0.0.2:51413', client: 'qBittorrent 4.5.2', progress: 0.5, down_rate: 9, up_rate: 3 },
      ],
      trackers: [
        {
          url: 'http://t.example/announce',
          status: 'error',
          message: 'Could not connect to tracker',
          seeds: null,
          peers: 4,
        },
      ],
    });
    expect(transmissionDetail({ hashString: HASH, error: 0 }).error).toBeNull();
  });

  it('locates data at downloadDir/name, nothing for a magnet without metadata', () => {
    const base = { hashString: HASH, name: 'probe.bin', downloadDir: '/data/', metadataPercentComplete: 1 };
    expect(transmissionLocation(base)).toEqual({
      hash: HASH.toUpperCase(),
      name: 'probe.bin',
      path: '/data/probe.bin',
      refusal: null,
    });
    expect(transmissionLocation({ ...base, metadataPercentComplete: 0 }).path).toBe('');
  });

  it.each([
    ['http://127.0.0.1:9091', undefined, 'http://127.0.0.1:9091/transmission/', 'rpc'],
    ['http://127.0.0.1:9091/', undefined, 'http://127.0.0.1:9091/transmission/', 'rpc'],
    ['http://127.0.0.1:9091/transmission/rpc', undefined, 'http://127.0.0.1:9091/transmission/', 'rpc'],
    ['http://127.0.0.1:9091/transmission/web/', undefined, 'http://127.0.0.1:9091/transmission/', 'rpc'],
    ['https://box.example/tr', '/custom/rpc', 'https://box.example/tr/custom/', 'rpc'],
    ['https://box.example/tr/custom/rpc', 'custom/rpc/', 'https://box.example/tr/custom/', 'rpc'],
  ])('endpoint of %s with rpc_path %p', (url, rpcPath, baseUrl, path) => {
    expect(transmissionEndpoint(url, rpcPath)).toMatchObject({ baseUrl, path });
  });

  it('shows the endpoint without user info', () => {
    expect(transmissionEndpoint('http://user:secret@127.0.0.1:9091').display).toBe(
      'http://127.0.0.1:9091/transmission/rpc',
    );
  });
});
