import { BytesPipe, formatBytes, formatRate } from '../../../client/src/app/common/bytes.pipe';
import { DurationPipe, humanDuration } from '../../../client/src/app/common/duration.pipe';
import { formatBitrate, formatClock } from '../../../client/src/app/features/plex/plex-format';
import { runDuration } from '../../../client/src/app/features/sync/sync-labels';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [-5, '0 B'],
    [Number.NaN, '0 B'],
    [Number.POSITIVE_INFINITY, '0 B'],
    [1, '1 B'],
    [999, '999 B'],
    [1000, '0.98 KB'],
    [1023, '1.00 KB'],
    [1024, '1.00 KB'],
    [1536, '1.50 KB'],
    [10 * 1024, '10.0 KB'],
    [150 * 1024, '150 KB'],
    [1024 ** 2, '1.00 MB'],
    [1009 * 1024, '0.99 MB'],
    [5.5 * 1024 ** 3, '5.50 GB'],
    [2 * 1024 ** 4, '2.00 TB'],
    [3 * 1024 ** 5, '3.00 PB'],
    [2000 * 1024 ** 5, '2000 PB'],
  ])('%d bytes read %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('adds /s for a rate', () => {
    expect(formatRate(1536)).toBe('1.50 KB/s');
    expect(formatRate(0)).toBe('0 B/s');
  });

  it.each([
    [null, 'size', '—'],
    [undefined, 'rate', '—'],
    [2048, 'size', '2.00 KB'],
    [2048, 'rate', '2.00 KB/s'],
  ] as const)('the bytes pipe shows %s as %s: %s', (value, kind, text) => {
    expect(new BytesPipe().transform(value, kind)).toBe(text);
  });
});

describe('humanDuration', () => {
  it.each([
    [0, '0 s'],
    [-3, '0 s'],
    [0.9, '0 s'],
    [59, '59 s'],
    [60, '1 min 0 s'],
    [61, '1 min 1 s'],
    [3600, '1 h 0 min'],
    [3661, '1 h 1 min'],
    [86_400, '1 d 0 h'],
    [93_784, '1 d 2 h'],
    [90_061, '1 d 1 h'],
  ])('%d s reads %s', (seconds, text) => {
    expect(humanDuration(seconds)).toBe(text);
  });

  it.each([
    [null, '—'],
    [undefined, '—'],
    [125, '2 min 5 s'],
  ])('the duration pipe shows %s as %s', (value, text) => {
    expect(new DurationPipe().transform(value)).toBe(text);
  });
});

describe('formatBitrate', () => {
  it.each([
    [null, '—'],
    [undefined, '—'],
    [0, '0 kbps'],
    [850, '850 kbps'],
    [999.6, '1000 kbps'],
    [1000, '1 Mbps'],
    [12_400, '12.4 Mbps'],
    [15_000, '15 Mbps'],
    [99_940, '99.9 Mbps'],
    [123_456, '123 Mbps'],
  ])('%s kbps reads %s', (kbps, text) => {
    expect(formatBitrate(kbps)).toBe(text);
  });
});

describe('formatClock', () => {
  it.each([
    [0, '0:00'],
    [-1000, '0:00'],
    [999, '0:00'],
    [5_000, '0:05'],
    [65_000, '1:05'],
    [23 * 60_000 + 45_000, '23:45'],
    [3_600_000, '1:00:00'],
    [5_025_000, '1:23:45'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });
});

describe('runDuration', () => {
  it.each([
    [{}, null],
    [{ total_ms: 400 }, '0.4 s'],
    [{ total_ms: 12_345 }, '12.3 s'],
    [{ total_ms: 59_999 }, '60.0 s'],
    [{ total_ms: 185_000 }, '3 min 5 s'],
  ])('timings %j read %s', (timings, text) => {
    expect(runDuration({ timings })).toBe(text);
  });
});
