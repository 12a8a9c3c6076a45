import { DurationPipe } from '../../../../client/src/app/common/format/format.pipes';
import {
  formatAge,
  formatDuration,
  formatMilliseconds,
  formatPosition,
} from '../../../../client/src/app/common/format/durations';

describe('formatDuration', () => {
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
    expect(formatDuration(seconds)).toBe(text);
  });

  it.each([
    [null, '—'],
    [undefined, '—'],
    [125, '2 min 5 s'],
  ])('the duration pipe shows %s as %s', (value, text) => {
    expect(new DurationPipe().transform(value)).toBe(text);
  });
});

describe('formatMilliseconds', () => {
  it.each([
    [400, '0.4 s'],
    [12_345, '12.3 s'],
    [59_999, '60.0 s'],
    [185_000, '3 min 5 s'],
  ])('%d ms reads %s', (ms, text) => {
    expect(formatMilliseconds(ms)).toBe(text);
  });
});

describe('formatPosition', () => {
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
    expect(formatPosition(ms)).toBe(text);
  });
});

describe('formatAge', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  it.each([
    ['2026-01-01T11:59:30Z', 'just now'],
    ['2026-01-01T11:56:00Z', '4 min ago'],
    ['2026-01-01T10:00:00Z', '2 h ago'],
    ['2025-12-29T12:00:00Z', '3 days ago'],
    ['not a date', 'just now'],
  ])('%s reads %s', (at, text) => {
    expect(formatAge(at, now)).toBe(text);
  });
});
