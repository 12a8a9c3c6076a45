import { formatBitrate, formatClock } from '../../../../client/src/app/features/plex/plex-format';

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
