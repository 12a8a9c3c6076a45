import { timeTicks } from '../../../client/src/app/common/charts/time-axis';

const at = (h: number, m: number, s = 0) => new Date(2026, 11, 5, h, m, s).getTime();

describe('timeTicks', () => {
  it('labels a few minutes at round half-minutes, with seconds', () => {
    const ticks = timeTicks(at(14, 0, 7), at(14, 2, 50), 500, 72, '24h');
    expect(ticks.map((t) => t.text)).toEqual(['14:00:30', '14:01:00', '14:01:30', '14:02:00', '14:02:30']);
  });

  it('labels an hour at round quarter-hours without seconds, on the chosen clock', () => {
    const first = at(13, 58);
    const last = at(14, 58);
    expect(timeTicks(first, last, 400, 72, '24h').map((t) => t.text)).toEqual([
      '14:00',
      '14:15',
      '14:30',
      '14:45',
    ]);
    expect(timeTicks(first, last, 400, 72, 'locale')[0].text).toBe('2:00 PM');
  });

  it('never puts more labels than fit', () => {
    const ticks = timeTicks(at(0, 0), at(23, 59), 150, 72, '24h');
    expect(ticks.length).toBeLessThanOrEqual(2);
    expect(ticks.every((t) => /^\d\d:00$/.test(t.text))).toBe(true);
  });

  it('labels a single sample with its time', () => {
    expect(timeTicks(at(9, 5, 3), at(9, 5, 3), 400, 72, '24h')).toEqual([
      { time: at(9, 5, 3), text: '09:05:03' },
    ]);
    expect(timeTicks(Number.NaN, 1, 400, 72, '24h')).toEqual([]);
  });
});
