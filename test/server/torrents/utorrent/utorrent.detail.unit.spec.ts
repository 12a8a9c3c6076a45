import {
  utorrentError,
  utorrentFiles,
  utorrentPeers,
  utorrentTrackers,
} from '../../../../server/torrents/clients/utorrent/utorrent.detail';
import { addFileRefusal } from '../../../../server/torrents/clients/utorrent/utorrent.mapper';
import { multipartFile } from '../../../../server/torrents/torrent-multipart';
import { UnexpectedAnswer } from '../../../../server/upstream/unexpected-answer';
import { multipartField } from '../../../../simulators/utorrent/utorrent.multipart';

const HASH = 'DDEF9F60992D32CCC39FDFC825B2A7C94825C0C1';
/** A uTorrent 3.x getfiles row: name, size, downloaded, priority, then piece and stream columns. */
const fileRow = (name: string, size: number, got: number, priority: number) => [
  name,
  size,
  got,
  priority,
  0,
  4,
  false,
  0,
  0,
  0,
  0,
  -1,
  0,
];
/** A 22-column getpeers row. */
const peerRow = (ip: string, port: number, client: string, progress: number, down: number, up: number) => [
  'US',
  ip,
  '',
  1,
  port,
  client,
  'D',
  progress,
  down,
  up,
  4,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  3,
  50,
];

describe('uTorrent getfiles → files', () => {
  it('puts the folder in front of a multi-file torrent, turns \\ into /, maps priorities and progress', () => {
    const body = {
      build: 46206,
      files: [
        HASH,
        [
          fileRow('Season 1\\E01.mkv', 1000, 250, 2),
          fileRow('info.nfo', 10, 10, 3),
          fileRow('sample.mkv', 100, 0, 0),
          fileRow('extra.txt', 0, 0, 1),
        ],
      ],
    };
    expect(utorrentFiles(body, 'Show')).toEqual([
      { path: 'Show/Season 1/E01.mkv', size: 1000, progress: 0.25, priority: 'normal' },
      { path: 'Show/info.nfo', size: 10, progress: 1, priority: 'high' },
      { path: 'Show/sample.mkv', size: 100, progress: 0, priority: 'skip' },
      { path: 'Show/extra.txt', size: 0, progress: 1, priority: 'low' },
    ]);
  });

  it('keeps a single-file torrent’s name as its path, and a lone file inside a folder under it', () => {
    expect(utorrentFiles({ files: [HASH, [fileRow('movie.mkv', 4, 4, 2)]] }, 'movie.mkv')).toEqual([
      { path: 'movie.mkv', size: 4, progress: 1, priority: 'normal' },
    ]);
    expect(utorrentFiles({ files: [HASH, [fileRow('movie.mkv', 4, 1, 2)]] }, 'Movie (2024)')![0].path).toBe(
      'Movie (2024)/movie.mkv',
    );
  });

  it('clamps downloaded bytes past the size, and reads 2.x rows without a priority as normal', () => {
    expect(utorrentFiles({ files: [HASH, [['a', 10, 12]]] }, 'a')).toEqual([
      { path: 'a', size: 10, progress: 1, priority: 'normal' },
    ]);
  });

  it('is undefined for a hash uTorrent does not know ("files": [])', () => {
    expect(utorrentFiles({ build: 46206, files: [] }, 'x')).toBeUndefined();
  });

  it.each([null, 'text', {}, { files: {} }, { files: [HASH] }, { files: [HASH, [['a', '10', 0, 2]]] }])(
    'refuses %j',
    (body) => {
      expect(() => utorrentFiles(body, 'x')).toThrow(UnexpectedAnswer);
    },
  );
});

describe('uTorrent getpeers → peers', () => {
  it('maps ip:port (IPv6 bracketed), client, per-mille progress and rates', () => {
    const body = {
      build: 46206,
      peers: [
        HASH,
        [
          peerRow('192.0.2.7', 51413, 'Transmission 3.00', 1000, 2048, 0),
          peerRow('2001:db8::1', 6881, '', 412, 0, -1),
        ],
      ],
    };
    expect(utorrentPeers(body)).toEqual([
      { address: '192.0.2.7:51413', client: 'Transmission 3.00', progress: 1, down_rate: 2048, up_rate: 0 },
      { address: '[2001:db8::1]:6881', client: '', progress: 0.412, down_rate: 0, up_rate: 0 },
    ]);
  });

  it('is [] for a torrent without peers and undefined for an unknown hash', () => {
    expect(utorrentPeers({ peers: [HASH, []] })).toEqual([]);
    expect(utorrentPeers({ peers: [] })).toBeUndefined();
  });

  it.each([null, { peers: 'x' }, { peers: [HASH, 'rows'] }, { peers: [HASH, [['US', '192.0.2.1']]] }])(
    'refuses %j',
    (body) => {
      expect(() => utorrentPeers(body)).toThrow(UnexpectedAnswer);
    },
  );
});

describe('uTorrent getprops → trackers', () => {
  const props = (trackers: unknown) => ({ build: 46206, props: [{ hash: HASH, trackers, ulrate: 0 }] });

  it('reads one announce URL a line across tiers (blank lines between them)', () => {
    const text =
      'http://a.example.org/announce\r\nhttp://b.example.org/announce\r\n\r\nudp://c.example.net:6969\r\n';
    expect(utorrentTrackers(props(text), true)).toEqual([
      { url: 'http://a.example.org/announce', status: 'working', message: '', seeds: null, peers: null },
      { url: 'http://b.example.org/announce', status: 'working', message: '', seeds: null, peers: null },
      { url: 'udp://c.example.net:6969', status: 'working', message: '', seeds: null, peers: null },
    ]);
  });

  it('shows the trackers of a torrent that is not started as not contacted', () => {
    expect(utorrentTrackers(props('http://a.example.org/announce\n'), false)!.map((t) => t.status)).toEqual([
      'not-contacted',
    ]);
  });

  it('is [] for a trackerless torrent and undefined for an unknown hash', () => {
    expect(utorrentTrackers(props(''), true)).toEqual([]);
    expect(utorrentTrackers({ props: [] }, true)).toBeUndefined();
  });

  it.each([null, { props: {} }, { props: [{ hash: HASH }] }, props(3)])('refuses %j', (body) => {
    expect(() => utorrentTrackers(body, true)).toThrow(UnexpectedAnswer);
  });
});

describe('uTorrent error reason and add-file answer', () => {
  it('takes the reason from the status message only while the error bit is set', () => {
    expect(utorrentError(true, 'Error: Files missing from job. Please recheck.')).toBe(
      'Files missing from job. Please recheck.',
    );
    expect(utorrentError(true, '')).toBe('uTorrent reports an error for this torrent.');
    expect(utorrentError(false, 'Error: stale message')).toBeNull();
  });

  it('reads the add-file answer: {"build"} is taken, {"error"} is the refusal', () => {
    expect(addFileRefusal({ build: 46206 })).toBeUndefined();
    expect(
      addFileRefusal({ build: 46206, error: "Can't add torrent: torrent is not valid bencoding!" }),
    ).toBe("Can't add torrent: torrent is not valid bencoding!");
    expect(() => addFileRefusal({ error: 'x' })).toThrow(UnexpectedAnswer);
    expect(() => addFileRefusal(7)).toThrow(UnexpectedAnswer);
  });
});

describe('multipart torrent_file body', () => {
  it('carries the bytes unchanged in the named field, as a multipart reader reads them back', () => {
    const bytes = Buffer.from([0x64, 0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d, 0x65]);
    const { body, contentType } = multipartFile('torrent_file', 'a.torrent', bytes, 'BOUNDARY');
    expect(contentType).toBe('multipart/form-data; boundary=BOUNDARY');
    expect(body.toString('latin1')).toContain(
      'Content-Disposition: form-data; name="torrent_file"; filename="a.torrent"\r\n' +
        'Content-Type: application/x-bittorrent\r\n\r\n',
    );
    expect(body.subarray(-16).toString()).toBe('\r\n--BOUNDARY--\r\n');
    expect(multipartField(contentType, body, 'torrent_file')).toEqual(bytes);
  });

  it('keeps quotes and line breaks of a file name out of the part headers', () => {
    const { body } = multipartFile('torrent_file', 'x"\r\nInjected: 1.torrent', Buffer.from('d'), 'B');
    expect(body.toString()).toContain('filename="x___Injected: 1.torrent"');
    expect(body.toString()).not.toContain('\r\nInjected');
  });

  it('picks a random boundary per body', () => {
    expect(multipartFile('f', 'a', Buffer.alloc(1)).contentType).not.toBe(
      multipartFile('f', 'a', Buffer.alloc(1)).contentType,
    );
  });
});
