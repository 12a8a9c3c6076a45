import { Pipe, type PipeTransform, inject } from '@angular/core';

import { ClockPreferenceService } from './clock-preference.service';
import { type DateTimeStyle, formatDateTime } from './dates';
import { formatDuration } from './durations';
import { formatBytes, formatRate } from './units';

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

/** `{{ seconds | duration }}` → "1 d 2 h". */
@Pipe({ name: 'duration' })
export class DurationPipe implements PipeTransform {
  transform(seconds: number | null | undefined): string {
    return seconds === null || seconds === undefined ? '—' : formatDuration(seconds);
  }
}

/**
 * `{{ at | datetime: 'date-time' }}`: a moment in one of the shared styles, on the user's clock. Impure
 * so that switching the clock redraws every time at once; reading the clock signal here also marks the
 * view for checking, and the formatters are cached, so a call costs little.
 */
@Pipe({ name: 'datetime', pure: false })
export class DateTimePipe implements PipeTransform {
  private readonly clock = inject(ClockPreferenceService).clock;

  transform(value: string | number | Date | null | undefined, style: DateTimeStyle = 'date-time'): string {
    return formatDateTime(value, style, this.clock());
  }
}
