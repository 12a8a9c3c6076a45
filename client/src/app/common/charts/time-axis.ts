import { type Clock, formatDateTime } from '../format/dates';

export interface TimeTick {
  readonly time: number;
  readonly text: string;
}

/** Steps between time labels, in seconds: round ones a reader expects on a clock. */
const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

/**
 * Labels for a time axis from `first` to `last` (ms): at round local times (every 30 s, 5 min, 1 h…), as
 * many as fit `plotWidth` with `minGap` px each, with seconds only when the step is under a minute.
 */
export function timeTicks(
  first: number,
  last: number,
  plotWidth: number,
  minGap: number,
  clock: Clock,
): TimeTick[] {
  if (!Number.isFinite(first) || !Number.isFinite(last)) return [];
  if (last <= first || plotWidth <= 0) return [{ time: last, text: formatDateTime(last, 'time-s', clock) }];
  const fit = Math.max(1, Math.floor(plotWidth / minGap));
  const span = (last - first) / 1000;
  const seconds = STEPS.find((step) => span / step <= fit) ?? Math.ceil(span / fit / 86_400) * 86_400;
  const step = seconds * 1000;
  const style = seconds < 60 ? 'time-s' : seconds >= 86_400 ? 'day' : 'time';
  // Round in local time, so "every hour" falls on the hour wherever the browser is.
  const zone = new Date(first).getTimezoneOffset() * 60_000;
  const ticks: TimeTick[] = [];
  for (let time = Math.ceil((first - zone) / step) * step + zone; time <= last; time += step) {
    ticks.push({ time, text: formatDateTime(time, style, clock) });
  }
  return ticks;
}
