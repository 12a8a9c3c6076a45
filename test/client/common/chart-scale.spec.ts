import { labelStride, leftMargin, niceTicks } from '../../../client/src/app/common/charts/chart-scale';

describe('niceTicks', () => {
  it.each([
    [100, 4, false, [0, 25, 50, 75, 100]],
    [90, 4, false, [0, 25, 50, 75, 100]],
    [7, 4, false, [0, 2, 4, 6, 8]],
    [7, 4, true, [0, 2, 4, 6, 8]],
    [3, 4, true, [0, 1, 2, 3]],
    [1, 4, true, [0, 1]],
    [1, 4, false, [0, 0.25, 0.5, 0.75, 1]],
    [0.3, 3, false, [0, 0.1, 0.2, 0.3]],
    [1234, 4, false, [0, 500, 1000, 1500]],
    [0, 4, false, [0, 0.25, 0.5, 0.75, 1]],
    [-5, 4, false, [0, 0.25, 0.5, 0.75, 1]],
    [Number.NaN, 4, true, [0, 1]],
  ])('max %d in about %d steps (integer %s): %j', (max, count, integer, ticks) => {
    expect(niceTicks(max, count, integer)).toEqual(ticks);
  });

  it.each([5, 17, 99, 1001, 123_456])('always reaches at least the max (%d)', (max) => {
    const ticks = niceTicks(max);
    expect(ticks[0]).toBe(0);
    expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
  });
});

describe('labelStride', () => {
  it.each([
    [0, 300, 40, 1],
    [10, 0, 40, 1],
    [7, 300, 40, 1],
    [30, 300, 40, 5],
    [31, 300, 40, 5],
    [100, 30, 40, 100],
  ])('%d labels over %d px, %d px apart: every %d', (count, width, gap, stride) => {
    expect(labelStride(count, width, gap)).toBe(stride);
  });
});

describe('leftMargin', () => {
  it.each([
    [[], 37],
    [['0'], 37],
    [['0', '1,000'], 63],
    [['100 GB'], 69],
  ])('fits the labels %j in %d px', (labels, margin) => {
    expect(leftMargin(labels)).toBe(margin);
  });
});
