/**
 * Byte sizes and rates in binary units (1 KiB = 1024 B), labelled as such, with one rule for when a
 * value moves up a unit: at 1000 of the smaller one, so "1000 KiB/s" is never shown beside "0.98 MiB/s".
 */
const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

export interface ByteUnit {
  readonly name: (typeof BYTE_UNITS)[number];
  readonly size: number;
}

/** The unit a byte count reads in: the largest one that leaves at least 1, moving up at 1000. */
export function byteUnit(bytes: number): ByteUnit {
  let exponent = 0;
  while (exponent < BYTE_UNITS.length - 1 && bytes >= 1000 * 1024 ** exponent) {
    exponent++;
  }
  return { name: BYTE_UNITS[exponent], size: 1024 ** exponent };
}

/** 1536 → "1.50 KiB"; three significant digits, whole bytes. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) {
    return '0 B';
  }
  const unit = byteUnit(bytes);
  const value = bytes / unit.size;
  const digits = unit.size === 1 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit.name}`;
}

/** Bytes per second as "1.50 MiB/s". */
export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/**
 * One unit for a whole chart axis of rates, picked from its peak by the same rule as `formatRate`, so
 * ticks are round numbers of it ("2 MiB/s") and agree with the figures beside the chart.
 */
export function rateAxis(peakBytesPerSecond: number): {
  readonly unit: ByteUnit;
  readonly format: (valueInUnit: number) => string;
} {
  const unit = byteUnit(Math.max(0, peakBytesPerSecond));
  return {
    unit,
    format: (value) => `${formatCount(Number(value.toPrecision(3)))} ${unit.name}/s`,
  };
}

/** Kilobits per second (decimal, as networks count them): 850 → "850 kbps", 12400 → "12.4 Mbps". */
export function formatBitrate(kbps: number | null | undefined): string {
  if (kbps === null || kbps === undefined || !Number.isFinite(kbps)) {
    return '—';
  }
  if (kbps < 1000) {
    return `${Math.round(kbps)} kbps`;
  }
  const mbps = kbps / 1000;
  return `${mbps >= 100 ? Math.round(mbps) : mbps.toFixed(1).replace(/\.0$/, '')} Mbps`;
}

/** 12.345 → "12.3 %", 150 → "150 %". */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '—';
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} %`;
}

/** A count with thousands separators: 12345 → "12,345". */
export function formatCount(value: number): string {
  return value.toLocaleString('en');
}

/** A share ratio to two decimals ("1.25"); a dash when unknown. */
export function formatRatio(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined || !Number.isFinite(ratio) ? '—' : ratio.toFixed(2);
}
