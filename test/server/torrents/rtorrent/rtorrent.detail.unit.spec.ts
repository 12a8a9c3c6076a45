import {
  rtorrentDetail,
  type RtDetailAnswer,
} from '../../../../server/torrents/clients/rtorrent/rtorrent.detail';

const HASH = 'DDEF9F60992D32CCC39FDFC825B2A7C94825C0C1';
const answer = (over: Partial<RtDetailAnswer> = {}): RtDetailAnswer => ({
  hash: HASH,
  name: 'Show',
  multiFile: true,
  message: '',
  savePath: '/downloads/Show',
  files: [
    ['S01E01.mkv', 1000, 4, 4, 1],
    ['extras/poster.jpg', 10, 0, 1, 0],
    ['S01E02.mkv', 1000, 1, 4, 2],
  ],
  peers: [
    ['192.0.2.7', 51413, 'Transmission 3.0', 40, 2048, 512],
    ['2001:db8::1', 6881, '', 100, 0, 0],
  ],
  // url, is_enabled, is_busy, success_counter, failed_counter, scrape_complete, scrape_incomplete, scrape_time_last
  trackers: [
    ['https://a.example.org/announce', 1, 0, 3, 0, 12, 4, 1716000000],
    ['https://b.example.org/announce', 1, 0, 0, 0, 0, 0, 0],
    ['udp://c.example.net:6969', 0, 0, 0, 0, 0, 0, 0],
    ['https://d.example.org/announce', 1, 1, 0, 0, 0, 0, 0],
  ],
  ...over,
});

describe('rTorrent detail → files, peers, trackers', () => {
  it('maps priorities, chunk progress, folder-prefixed paths, peers and tracker states', () => {
    expect(rtorrentDetail(answer())).toEqual({
      hash: HASH,
      save_path: '/downloads/Show',
      error: null,
      files: [
        { path: 'Show/S01E01.mkv', size: 1000, progress: 1, priority: 'normal' },
        { path: 'Show/extras/poster.jpg', size: 10, progress: 0, priority: 'skip' },
        { path: 'Show/S01E02.mkv', size: 1000, progress: 0.25, priority: 'high' },
      ],
      peers: [
        {
          address: '192.0.2.7:51413',
          client: 'Transmission 3.0',
          progress: 0.4,
          down_rate: 2048,
          up_rate: 512,
        },
        { address: '[2001:db8::1]:6881', client: '', progress: 1, down_rate: 0, up_rate: 0 },
      ],
      trackers: [
        { url: 'https://a.example.org/announce', status: 'working', message: '', seeds: 12, peers: 4 },
        {
          url: 'https://b.example.org/announce',
          status: 'not-contacted',
          message: '',
          seeds: null,
          peers: null,
        },
        { url: 'udp://c.example.net:6969', status: 'disabled', message: '', seeds: null, peers: null },
        { url: 'https://d.example.org/announce', status: 'updating', message: '', seeds: null, peers: null },
      ],
    });
  });

  it("puts a failed announce's d.message on the failing tracker and as the torrent's error", () => {
    const detail = rtorrentDetail(
      answer({
        message: "Tracker: [Couldn't connect to server]",
        trackers: [['http://127.0.0.1:1/announce', 1, 0, 0, 1, 0, 0, 0]],
      }),
    );
    expect(detail.error).toBe("Tracker: [Couldn't connect to server]");
    expect(detail.trackers).toEqual([
      {
        url: 'http://127.0.0.1:1/announce',
        status: 'error',
        message: "Couldn't connect to server",
        seeds: null,
        peers: null,
      },
    ]);
  });

  it('keeps single-file paths as they are and ignores the harmless "Tried all trackers" note', () => {
    const detail = rtorrentDetail(
      answer({
        name: 'one.iso',
        multiFile: false,
        message: 'Tracker: [Tried all trackers.]',
        files: [['one.iso', 0, 0, 0, 1]],
      }),
    );
    expect(detail.files).toEqual([{ path: 'one.iso', size: 0, progress: 1, priority: 'normal' }]);
    expect(detail.error).toBeNull();
  });

  it.each([
    [{ files: 'x' }],
    [{ files: [['a', 1, 0, 1]] }],
    [{ peers: [['192.0.2.1', 'port', '', 0, 0, 0]] }],
    [{ trackers: [[5, 1, 0, 0, 0, 0, 0, 0]] }],
  ])('refuses %j', (over) => {
    expect(() => rtorrentDetail(answer(over as Partial<RtDetailAnswer>))).toThrow();
  });
});
