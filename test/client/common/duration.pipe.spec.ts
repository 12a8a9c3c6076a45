import { DurationPipe, humanDuration } from '../../../client/src/app/common/duration.pipe';

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
