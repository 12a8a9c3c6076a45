import { Pipe, type PipeTransform } from '@angular/core';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

/** 1536 → "1.5 KB" (binary multiples, as torrent clients show them); three significant digits. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) {
    return '0 B';
  }
  let exponent = Math.min(UNITS.length - 1, Math.floor(Math.log(bytes) / Math.log(1024)));
  // 1000-1023 of a unit reads better as 0.98 of the next ("0.98 MB/s", not "1009 KB/s").
  if (bytes / 1024 ** exponent >= 1000 && exponent < UNITS.length - 1) {
    exponent++;
  }
  const value = bytes / 1024 ** exponent;
  const digits = exponent === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${UNITS[exponent]}`;
}

/** Bytes per second as "1.5 MB/s". */
export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** `{{ size | bytes }}`, or `{{ rate | bytes: 'rate' }}` for bytes per second. */
@Pipe({ name: 'bytes' })
export class BytesPipe implements PipeTransform {
  transform(value: number | null | undefined, kind: 'size' | 'rate' = 'size'): string {
    if (value === null || value === undefined) {
      return '—';
    }
    return kind === 'rate' ? formatRate(value) : formatBytes(value);
  }
}
