import { TestBed } from '@angular/core/testing';
import { DOCUMENT } from '@angular/core';

import { ClockPreferenceService } from '../../../../client/src/app/common/format/clock-preference.service';
import { formatCalendarDay, formatDateTime, toEpochMs } from '../../../../client/src/app/common/format/dates';
import { DateTimePipe } from '../../../../client/src/app/common/format/format.pipes';
import { useNoDomTestBed } from '../../support/no-dom-test-bed';

// Built from local fields, so the expectations hold in any time zone (the specs run in en-US).
const afternoon = new Date(2026, 11, 5, 14, 5, 9, 123);
const morning = new Date(2026, 11, 5, 9, 5, 0);

describe('formatDateTime', () => {
  it.each([
    ['time', '14:05'],
    ['time-s', '14:05:09'],
    ['day', 'Dec 5'],
    ['date', 'Dec 5, 2026'],
    ['day-time', 'Dec 5, 14:05'],
    ['date-time', 'Dec 5, 2026, 14:05'],
    ['date-time-s', 'Dec 5, 2026, 14:05:09'],
    ['date-time-ms', 'Dec 5, 2026, 14:05:09.123'],
  ] as const)('on the 24-hour clock, %s reads %s', (style, text) => {
    expect(formatDateTime(afternoon, style, '24h')).toBe(text);
  });

  it('keeps the leading zero of a 24-hour morning and drops it on the locale clock', () => {
    expect(formatDateTime(morning, 'time', '24h')).toBe('09:05');
    expect(formatDateTime(morning, 'time', 'locale')).toBe('9:05 AM');
  });

  it.each([
    ['time', '2:05 PM'],
    ['time-s', '2:05:09 PM'],
    ['day-time', 'Dec 5, 2:05 PM'],
    ['date', 'Dec 5, 2026'],
  ] as const)("on the browser's locale clock, %s reads %s", (style, text) => {
    expect(formatDateTime(afternoon, style, 'locale')).toBe(text);
  });

  it('reads ISO strings and epoch milliseconds alike, and a dash for nothing', () => {
    expect(formatDateTime(afternoon.toISOString(), 'time-s', '24h')).toBe('14:05:09');
    expect(formatDateTime(afternoon.getTime(), 'time-s', '24h')).toBe('14:05:09');
    expect(formatDateTime(null, 'date', '24h')).toBe('—');
    expect(formatDateTime('', 'date', '24h')).toBe('—');
    expect(formatDateTime('yesterday', 'date', '24h')).toBe('—');
    expect(toEpochMs(Number.NaN)).toBeNull();
  });

  it('shows a calendar day as that day in every time zone', () => {
    expect(formatCalendarDay('2026-11-21')).toBe('Nov 21');
    expect(formatCalendarDay('2026-11-21', true)).toBe('Nov 21, 2026');
    expect(formatCalendarDay('someday')).toBe('someday');
  });
});

describe('the clock choice', () => {
  useNoDomTestBed();
  let stored: Map<string, string>;

  beforeEach(() => {
    stored = new Map();
    const localStorage = {
      getItem: (key: string) => stored.get(key) ?? null,
      setItem: (key: string, value: string) => void stored.set(key, value),
    };
    TestBed.overrideProvider(DOCUMENT, { useValue: { defaultView: { localStorage } } });
  });

  it('is 24-hour until the user picks the locale clock, which the datetime pipe then follows', () => {
    const clock = TestBed.inject(ClockPreferenceService);
    const pipe = TestBed.runInInjectionContext(() => new DateTimePipe());
    expect(clock.clock()).toBe('24h');
    expect(pipe.transform(afternoon, 'time')).toBe('14:05');

    clock.toggle();
    expect(pipe.transform(afternoon, 'time')).toBe('2:05 PM');
    expect(stored.get('seedbox-panel.clock')).toBe('locale');
  });

  it('remembers the choice across visits', () => {
    stored.set('seedbox-panel.clock', 'locale');
    expect(TestBed.inject(ClockPreferenceService).clock()).toBe('locale');
  });
});
