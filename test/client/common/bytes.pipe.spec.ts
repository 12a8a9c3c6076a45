import { BytesPipe, formatBytes, formatRate } from '../../../client/src/app/common/bytes.pipe';

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
