import { type PlexSessionsDto } from '../../api';

/** The stream bandwidth at one tick of the sessions stream. */
export interface BandwidthSample {
  /** When PMS was read, in ms since the epoch. */
  readonly time: number;
  readonly total: number;
  readonly lan: number;
  readonly wan: number;
}

/** How far back the bandwidth chart reaches. */
export const SAMPLE_WINDOW_MS = 10 * 60_000;
const MAX_SAMPLES = 600;

/**
 * Adds the tick to the samples, dropping those older than the window. A tick read at the same time
 * as the last sample (a reconnect replays the latest event) replaces it instead of adding one.
 */
export function addSample(samples: readonly BandwidthSample[], sessions: PlexSessionsDto): BandwidthSample[] {
  const parsed = Date.parse(sessions.read_at);
  const time = Number.isFinite(parsed) ? parsed : Date.now();
  const sample: BandwidthSample = {
    time,
    total: sessions.total_bandwidth_kbps,
    lan: sessions.lan_bandwidth_kbps,
    wan: sessions.wan_bandwidth_kbps,
  };
  const kept = samples.filter((s) => s.time > time - SAMPLE_WINDOW_MS && s.time < time);
  return [...kept, sample].slice(-MAX_SAMPLES);
}
