import { fromAfterTo } from '../../../../client/src/app/common/date-range';
import { MEDIA_TYPES } from '../../../../client/src/app/features/plex/tautulli-history-filters.component';

describe('history filters', () => {
  it.each([
    ['', '', false],
    ['2026-05-01', '', false],
    ['', '2026-05-01', false],
    ['2026-05-01', '2026-05-01', false],
    ['2026-05-01', '2026-05-31', false],
    ['2026-05-31', '2026-05-01', true],
    ['2026-12-01', '2027-01-01', false],
  ])('from %p to %p is the wrong way round: %p', (from, to, wrong) => {
    expect(fromAfterTo({ from, to })).toBe(wrong);
  });

  it('offers the media types Tautulli filters by, each once', () => {
    const values = MEDIA_TYPES.map((t) => t.value);
    expect(new Set(values).size).toBe(values.length);
    expect(values).toEqual(expect.arrayContaining(['movie', 'episode', 'track']));
  });
});
