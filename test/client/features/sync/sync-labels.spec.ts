import { runDuration } from '../../../../client/src/app/features/sync/sync-labels';

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
