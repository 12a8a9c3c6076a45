import {
  guidFromSetCookie,
  kibLimit,
  tokenFromHtml,
  utorrentListReply,
  utorrentSettings,
  utorrentState,
  utorrentTorrent,
} from '../../../server/torrents/clients/utorrent/utorrent.mapper';

// The reference's sample rows (uTorrent 3.x, 27 columns).
const SEEDING = [
  '3F1C0D2E9B8A47C6A5D4E3F2A1B0C9D8E7F6A5B4',
  201,
  'Some.Linux.ISO',
  4089446400,
  1000,
  4089446400,
  8178892800,
  2000,
  52428,
  0,
  0,
  'Movies',
  2,
  15,
  0,
  40,
  65536,
  -1,
  0,
  '',
  '',
  'Seeding 100.0 %',
  '',
  1716000000,
  1716003600,
  '',
  'D:\\Downloads\\Some.Linux.ISO',
];
const PAUSED = [
  '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567',
  233,
  'Other.Thing',
  734003200,
  412,
  302419968,
  0,
  0,
  0,
  0,
  -1,
  'TV',
  0,
  7,
  0,
  3,
  17530,
  1,
  431583232,
  '',
  '',
  'Paused',
  '',
  1716100000,
  0,
  '',
  'D:\\Downloads',
];

describe('uTorrent status bits → state (WebUI order, first match wins)', () => {
  it.each([
    [136, 1000, 'completed'], // stopped, finished
    [136, 500, 'stopped'],
    [137, 500, 'downloading'], // forced start
    [137, 1000, 'seeding'],
    [200, 300, 'queued'],
    [201, 300, 'downloading'],
    [201, 1000, 'seeding'],
    [233, 412, 'paused'],
    [169, 412, 'paused'], // paused + forced
    [152, 700, 'error'],
    [130, 700, 'checking'],
    [128 | 2 | 32, 700, 'paused'], // paused wins over checking
    [128 | 64 | 16, 700, 'error'], // error wins over queued
    [0, 0, 'stopped'],
  ])('status %i at %i ‰ is %s', (status, progress, state) => {
    expect(utorrentState(status, progress)).toBe(state);
  });
});

describe('uTorrent rows', () => {
  it('maps the 27-column sample rows with every sentinel resolved', () => {
    expect(utorrentTorrent(SEEDING)).toEqual({
      hash: '3F1C0D2E9B8A47C6A5D4E3F2A1B0C9D8E7F6A5B4',
      name: 'Some.Linux.ISO',
      size: 4089446400,
      progress: 1,
      state: 'seeding',
      down_rate: 0,
      up_rate: 52428,
      ratio: 2,
      label: 'Movies',
      eta: 0,
      added: '2024-05-18T02:40:00.000Z',
      // list=1 has no tracker column (getprops has one torrent's trackers, for the detail view).
      tracker: '',
      client: 'utorrent',
    });
    expect(utorrentTorrent(PAUSED)).toMatchObject({
      hash: '0A1B2C3D4E5F60718293A4B5C6D7E8F901234567',
      progress: 0.412,
      state: 'paused',
      eta: null, // -1 = ∞
      ratio: 0,
    });
  });

  it('accepts uTorrent 2.0 rows of 19 columns (no date added)', () => {
    expect(utorrentTorrent(SEEDING.slice(0, 19))).toMatchObject({
      state: 'seeding',
      added: null,
      tracker: '',
    });
  });

  it.each([[[]], [SEEDING.slice(0, 18)], ['row'], [[1, 2, 3]], [null]])('refuses %j', (row) => {
    expect(() => utorrentTorrent(row)).toThrow(/at least 19 columns/);
  });
});

describe('uTorrent list replies', () => {
  it('reads a full list and an incremental one', () => {
    expect(utorrentListReply({ build: 46206, torrents: [SEEDING], torrentc: '1523402613' })).toEqual({
      kind: 'full',
      build: 46206,
      cid: '1523402613',
      rows: [SEEDING],
    });
    expect(utorrentListReply({ build: 46206, torrentp: [PAUSED], torrentm: ['abc'], torrentc: 7 })).toEqual({
      kind: 'changes',
      build: 46206,
      cid: '7',
      changed: [PAUSED],
      removed: ['ABC'],
    });
    expect(utorrentListReply({ build: 1, torrentm: [], torrentc: '8' })).toMatchObject({
      kind: 'changes',
      changed: [],
    });
  });

  it.each([[null], ['text'], [{ build: 1 }], [{ torrents: {} }], [{ torrentp: 'x' }]])(
    'refuses %j',
    (body) => {
      expect(() => utorrentListReply(body)).toThrow();
    },
  );
});

describe('uTorrent token, cookie and settings', () => {
  it('reads the token from token.html and the GUID cookie', () => {
    expect(tokenFromHtml("<html><div id='token' style='display:none;'>abc-_DEF</div></html>")).toBe(
      'abc-_DEF',
    );
    expect(tokenFromHtml('<html><div id="token">T1</div></html>')).toBe('T1');
    expect(tokenFromHtml('<html>nothing</html>')).toBeUndefined();
    expect(guidFromSetCookie('GUID=xYz123; path=/')).toBe('xYz123');
    expect(guidFromSetCookie('other=1; path=/, GUID=q; path=/')).toBe('q');
    expect(guidFromSetCookie(undefined)).toBeUndefined();
  });

  it('reads settings rows and KiB/s limits (0 = unlimited)', () => {
    const settings = utorrentSettings({
      build: 1,
      settings: [
        ['max_dl_rate', 0, '0', { access: 'Y' }],
        ['max_ul_rate', 0, '500', { access: 'Y' }],
        ['dir_active_download', 2, 'D:\\Downloads', { access: 'Y' }],
      ],
    });
    expect(kibLimit(settings.get('max_dl_rate'))).toBeNull();
    expect(kibLimit(settings.get('max_ul_rate'))).toBe(512000);
    expect(kibLimit(undefined)).toBeNull();
    expect(() => utorrentSettings({ build: 1 })).toThrow(/settings/);
  });
});
