import { type PlexSessionsDto } from '../../../../client/src/app/api';
import { addSample, SAMPLE_WINDOW_MS } from '../../../../client/src/app/features/plex/bandwidth-samples';

describe('addSample', () => {
  const at = (iso: string, total = 100): PlexSessionsDto => ({
    count: 0,
    sessions: [],
    transcodes: 0,
    read_at: iso,
    total_bandwidth_kbps: total,
    lan_bandwidth_kbps: total - 10,
    wan_bandwidth_kbps: 10,
  });
  const t0 = Date.parse('2026-01-01T00:00:00Z');

  it('adds the tick with its bandwidth split', () => {
    expect(addSample([], at('2026-01-01T00:00:00Z'))).toEqual([{ time: t0, total: 100, lan: 90, wan: 10 }]);
  });

  it('drops samples older than the window', () => {
    const old = { time: t0 - SAMPLE_WINDOW_MS, total: 1, lan: 1, wan: 0 };
    const recent = { time: t0 - SAMPLE_WINDOW_MS + 1, total: 2, lan: 2, wan: 0 };
    expect(addSample([old, recent], at('2026-01-01T00:00:00Z')).map((s) => s.total)).toEqual([2, 100]);
  });

  it('replaces a sample read at the same time (a reconnect replays the last event)', () => {
    const first = addSample([], at('2026-01-01T00:00:00Z', 100));
    expect(addSample(first, at('2026-01-01T00:00:00Z', 250))).toEqual([
      { time: t0, total: 250, lan: 240, wan: 10 },
    ]);
  });

  it('keeps at most 600 samples', () => {
    let samples = addSample([], at('2026-01-01T00:00:00Z'));
    for (let i = 1; i <= 650; i++) {
      samples = addSample(samples, at(new Date(t0 + i * 500).toISOString(), i));
    }
    expect(samples).toHaveLength(600);
    expect(samples[samples.length - 1].total).toBe(650);
  });
});
