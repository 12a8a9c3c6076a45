import { LogDemuxer, logText, searchLines, splitStamp } from '../../../server/containers/docker-logs';

const frame = (stream: 1 | 2, text: string) => {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe('LogDemuxer', () => {
  it("splits Docker's multiplexed frames into stdout and stderr lines with their times", () => {
    const demux = new LogDemuxer(false);
    const bytes = Buffer.concat([
      frame(1, '2026-12-04T00:51:11.123456789Z starting\n'),
      frame(2, '2026-12-04T00:51:12.000000000Z failed: ünïcødé\n'),
    ]);
    expect(demux.push(bytes)).toEqual([
      { time: '2026-12-04T00:51:11.123Z', stream: 'stdout', text: 'starting' },
      { time: '2026-12-04T00:51:12.000Z', stream: 'stderr', text: 'failed: ünïcødé' },
    ]);
  });

  it('keeps a frame split across chunks (even inside its header or a UTF-8 character) until it is complete', () => {
    const bytes = Buffer.concat([frame(1, 'one\ntw'), frame(1, 'o\n'), frame(2, 'ß end')]);
    const demux = new LogDemuxer(false);
    const lines = [];
    for (let i = 0; i < bytes.length; i += 3) lines.push(...demux.push(bytes.subarray(i, i + 3)));
    lines.push(...demux.end());
    expect(lines.map((l) => [l.stream, l.text])).toEqual([
      ['stdout', 'one'],
      ['stdout', 'two'],
      ['stderr', 'ß end'],
    ]);
  });

  it('reads a TTY container raw (no headers), with CRLF line ends, as stdout', () => {
    const demux = new LogDemuxer(true);
    expect(demux.push(Buffer.from('2026-01-01T08:00:00Z hello\r\nwor'))).toEqual([
      { time: '2026-01-01T08:00:00.000Z', stream: 'stdout', text: 'hello' },
    ]);
    expect(demux.push(Buffer.from('ld\n'))).toEqual([{ time: null, stream: 'stdout', text: 'world' }]);
    expect(demux.end()).toEqual([]);
  });
});

describe('log helpers', () => {
  it.each([
    ['2026-12-04T00:51:11.123456789Z text', '2026-12-04T00:51:11.123Z', 'text'],
    ['2026-12-04T00:51:11Z text', '2026-12-04T00:51:11.000Z', 'text'],
    ['2026-12-04T01:51:11.5+01:00 text', '2026-12-04T00:51:11.500Z', 'text'],
    ['no stamp here', null, 'no stamp here'],
  ])('splitStamp(%j)', (line, time, text) => {
    expect(splitStamp(line)).toEqual({ time, text });
  });

  it('searches case-insensitively and writes docker logs -t text with stderr marked', () => {
    const lines = [
      { time: '2026-01-01T00:00:00.000Z', stream: 'stdout' as const, text: 'Plex started' },
      { time: null, stream: 'stderr' as const, text: 'PLEX failed' },
      { time: null, stream: 'stdout' as const, text: 'other' },
    ];
    expect(searchLines(lines, ' plex ').map((l) => l.text)).toEqual(['Plex started', 'PLEX failed']);
    expect(searchLines(lines, '')).toHaveLength(3);
    expect(logText(lines)).toBe('2026-01-01T00:00:00.000Z Plex started\n[stderr] PLEX failed\nother\n');
  });
});
