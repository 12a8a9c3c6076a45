import { BytesPipe } from '../../../../client/src/app/common/format/format.pipes';
import {
  byteUnit,
  formatBitrate,
  formatBytes,
  formatPercent,
  formatRate,
  formatRatio,
  rateAxis,
} from '../../../../client/src/app/common/format/units';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [-5, '0 B'],
    [Number.NaN, '0 B'],
    [Number.POSITIVE_INFINITY, '0 B'],
    [1, '1 B'],
    [999, '999 B'],
    [1000, '0.98 KiB'],
    [1023, '1.00 KiB'],
    [1024, '1.00 KiB'],
    [1536, '1.50 KiB'],
    [10 * 1024, '10.0 KiB'],
    [150 * 1024, '150 KiB'],
    [999 * 1024, '999 KiB'],
    [1000 * 1024, '0.98 MiB'],
    [1024 ** 2, '1.00 MiB'],
    [1009 * 1024, '0.99 MiB'],
    [5.5 * 1024 ** 3, '5.50 GiB'],
    [2 * 1024 ** 4, '2.00 TiB'],
    [3 * 1024 ** 5, '3.00 PiB'],
    [2000 * 1024 ** 5, '2000 PiB'],
  ])('%d bytes read %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('adds /s for a rate', () => {
    expect(formatRate(1536)).toBe('1.50 KiB/s');
    expect(formatRate(0)).toBe('0 B/s');
  });

  it.each([
    [null, 'size', '—'],
    [undefined, 'rate', '—'],
    [2048, 'size', '2.00 KiB'],
    [2048, 'rate', '2.00 KiB/s'],
  ] as const)('the bytes pipe shows %s as %s: %s', (value, kind, text) => {
    expect(new BytesPipe().transform(value, kind)).toBe(text);
  });
});

describe('rateAxis', () => {
  it('moves to the next unit at the same point as the figures beside the chart', () => {
    // 1000 KiB/s reads "0.98 MiB/s" in a figure, so the axis is in MiB/s too, never "1,000 KiB/s".
    expect(formatRate(1000 * 1024)).toBe('0.98 MiB/s');
    expect(rateAxis(1000 * 1024).unit).toEqual({ name: 'MiB', size: 1024 ** 2 });
    expect(rateAxis(999 * 1024).unit).toEqual({ name: 'KiB', size: 1024 });
  });

  it('labels ticks as round numbers of its unit', () => {
    const axis = rateAxis(3 * 1024 ** 2);
    expect(axis.format(2)).toBe('2 MiB/s');
    expect(axis.format(2.5)).toBe('2.5 MiB/s');
    expect(rateAxis(0).format(0)).toBe('0 B/s');
    expect(rateAxis(500 * 1024).format(1000)).toBe('1,000 KiB/s');
  });

  it('picks the unit a value reads in', () => {
    expect(byteUnit(0).name).toBe('B');
    expect(byteUnit(999).name).toBe('B');
    expect(byteUnit(1000).name).toBe('KiB');
    expect(byteUnit(1024 ** 6).name).toBe('PiB');
  });
});

describe('formatBitrate', () => {
  it.each([
    [null, '—'],
    [undefined, '—'],
    [Number.NaN, '—'],
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

describe('formatPercent and formatRatio', () => {
  it.each([
    [null, '—'],
    [Number.NaN, '—'],
    [0, '0.0 %'],
    [12.345, '12.3 %'],
    [99.96, '100.0 %'],
    [150.4, '150 %'],
  ])('%s percent reads %s', (value, text) => {
    expect(formatPercent(value)).toBe(text);
  });

  it.each([
    [undefined, '—'],
    [0, '0.00'],
    [1.256, '1.26'],
  ])('ratio %s reads %s', (value, text) => {
    expect(formatRatio(value)).toBe(text);
  });
});
