/**
 * Dates and times, in the browser's language and time zone. Times follow the user's clock choice:
 * always 24-hour, or whatever the browser's locale uses (12-hour with AM/PM in en-US). Charts use the
 * same functions, so an axis reads like the tables beside it.
 */
export type Clock = '24h' | 'locale';

export type DateTimeStyle =
  /** 14:05 */
  | 'time'
  /** 14:05:09 */
  | 'time-s'
  /** Dec 5 */
  | 'day'
  /** Dec 5, 2026 */
  | 'date'
  /** Dec 5, 14:05 */
  | 'day-time'
  /** Dec 5, 2026, 14:05 */
  | 'date-time'
  /** Dec 5, 2026, 14:05:09 */
  | 'date-time-s'
  /** Dec 5, 2026, 14:05:09.123 */
  | 'date-time-ms';

const DAY: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' };
const DATE: Intl.DateTimeFormatOptions = { ...DAY, year: 'numeric' };
const MINUTES: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
const SECONDS: Intl.DateTimeFormatOptions = { ...MINUTES, second: '2-digit' };

const OPTIONS: Readonly<Record<DateTimeStyle, Intl.DateTimeFormatOptions>> = {
  time: MINUTES,
  'time-s': SECONDS,
  day: DAY,
  date: DATE,
  'day-time': { ...DAY, ...MINUTES },
  'date-time': { ...DATE, ...MINUTES },
  'date-time-s': { ...DATE, ...SECONDS },
  'date-time-ms': { ...DATE, ...SECONDS, fractionalSecondDigits: 3 },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(style: DateTimeStyle, clock: Clock, timeZone?: string): Intl.DateTimeFormat {
  const key = `${style}|${clock}|${timeZone ?? ''}`;
  let found = formatters.get(key);
  if (!found) {
    const options: Intl.DateTimeFormatOptions = { ...OPTIONS[style], timeZone };
    if (options.hour) {
      // The locale's own clock shows "2:05 PM", not "02:05 PM"; the 24-hour one keeps "09:05".
      if (clock === '24h') options.hourCycle = 'h23';
      else options.hour = 'numeric';
    }
    found = new Intl.DateTimeFormat(undefined, options);
    formatters.set(key, found);
  }
  return found;
}

/** Milliseconds since the epoch, or null when the value is missing or not a date. */
export function toEpochMs(value: string | number | Date | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/** A moment in one of the styles above; "—" when there is none. */
export function formatDateTime(
  value: string | number | Date | null | undefined,
  style: DateTimeStyle,
  clock: Clock,
): string {
  const ms = toEpochMs(value);
  return ms === null ? '—' : formatter(style, clock).format(ms);
}

/** A calendar day given as "2026-12-05" (no time, no zone) as "Dec 5", the same day wherever the browser is. */
export function formatCalendarDay(isoDate: string, withYear = false): string {
  const ms = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
  return Number.isFinite(ms) ? formatter(withYear ? 'date' : 'day', '24h', 'UTC').format(ms) : isoDate;
}
