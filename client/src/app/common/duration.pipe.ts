import { Pipe, type PipeTransform } from '@angular/core';

const UNITS: readonly [label: string, seconds: number][] = [
  ['d', 86_400],
  ['h', 3_600],
  ['min', 60],
  ['s', 1],
];

/** 93784 → "1 d 2 h"; shows the two most significant non-zero units. */
export function humanDuration(totalSeconds: number): string {
  let rest = Math.max(0, Math.floor(totalSeconds));
  const parts: string[] = [];
  for (const [label, size] of UNITS) {
    const amount = Math.floor(rest / size);
    rest -= amount * size;
    if (amount > 0 || (parts.length > 0 && parts.length < 2)) {
      parts.push(`${amount} ${label}`);
    }
    if (parts.length === 2) {
      break;
    }
  }
  return parts.length > 0 ? parts.join(' ') : '0 s';
}

@Pipe({ name: 'duration' })
export class DurationPipe implements PipeTransform {
  transform(seconds: number | null | undefined): string {
    return seconds === null || seconds === undefined ? '—' : humanDuration(seconds);
  }
}
