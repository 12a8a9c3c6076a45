import { SeededRandom } from '../core/random';
import { pickDecision } from './history';
import type { Device, HistoryEntry, MediaItem, MediaUser, PlexWorld, TranscodeDecision } from './model';

/**
 * Live sessions as a pure function of wall-clock time. Each session slot runs back-to-back
 * periods of `sessionPeriodMs`; period `seq` of slot `s` plays one item for 55–95 % of the
 * period (maybe with a pause), then the slot is idle. Everything about a period comes from a
 * PRNG seeded by (world seed, slot, seq), so any instant can be computed directly, no timers.
 * Finished periods become history entries, newer than all of the static history.
 */

export type SessionState = 'playing' | 'paused' | 'buffering';

export interface LiveSession {
  slot: number;
  seq: number;
  sessionKey: string;
  sessionId: string;
  transcodeKey: string;
  item: MediaItem;
  user: MediaUser;
  device: Device;
  state: SessionState;
  viewOffset: number;
  /** Wall-clock ms. */
  startedAt: number;
  decision: TranscodeDecision;
  /** kbit/s. */
  bandwidth: number;
  location: 'lan' | 'wan';
  transcodeProgress: number;
}

interface Segment {
  slot: number;
  seq: number;
  start: number;
  plannedEnd: number;
  startOffset: number;
  pauseAfter: number;
  pauseLen: number;
  item: MediaItem;
  user: MediaUser;
  device: Device;
  decision: TranscodeDecision;
  bandwidth: number;
  sessionId: string;
  transcodeKey: string;
}

function mix(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (b + 0x632be5ab), 0xc2b2ae35);
  h = Math.imul(h ^ (c + 0x27d4eb2f), 0x165667b1);
  return (h ^ (h >>> 15)) >>> 0;
}

const cache = new WeakMap<PlexWorld, Map<string, Segment>>();

function origin(world: PlexWorld, slot: number): number {
  // Every slot's first period starts within 40 % of a period before startedAt, so all are busy at start.
  const r = new SeededRandom(mix(world.seed, slot, 0x51071));
  return world.startedAt - Math.floor(r.next() * 0.4 * world.sessionPeriodMs);
}

function segment(world: PlexWorld, slot: number, seq: number): Segment {
  let byKey = cache.get(world);
  if (!byKey) cache.set(world, (byKey = new Map<string, Segment>()));
  const cached = byKey.get(`${slot}:${seq}`);
  if (cached) return cached;
  const r = new SeededRandom(mix(world.seed, slot + 1, seq + 1));
  const period = world.sessionPeriodMs;
  const item = r.pick(world.playable);
  const user = world.users[Math.floor(r.next() ** 2 * world.users.length)];
  const startOffset = Math.floor(item.duration * r.next() * 0.6);
  const pauseLen = r.chance(0.3) ? r.int(60, 240) * 1000 : 0;
  const playLen = Math.max(
    1000,
    Math.min(Math.floor(period * (0.55 + r.next() * 0.4)) - pauseLen, item.duration - startOffset),
  );
  const decision = item.type === 'track' ? 'direct play' : pickDecision(r);
  const start = origin(world, slot) + seq * period;
  const seg: Segment = {
    slot,
    seq,
    start,
    plannedEnd: start + playLen + pauseLen,
    startOffset,
    pauseAfter: Math.floor(playLen * (0.3 + r.next() * 0.4)),
    pauseLen,
    item,
    user,
    device: r.pick(user.devices),
    decision,
    bandwidth: decision === 'transcode' ? r.pick([2000, 4000, 8000, 12000]) : (item.media?.bitrate ?? 320),
    sessionId: r.hex(24),
    transcodeKey: `/transcode/sessions/${r.hex(24)}`,
  };
  if (byKey.size > 50_000) byKey.clear();
  byKey.set(`${slot}:${seq}`, seg);
  return seg;
}

function endOf(world: PlexWorld, seg: Segment): number {
  const killed = world.terminated.get(`${seg.slot}:${seg.seq}`);
  return killed !== undefined && killed < seg.plannedEnd ? killed : seg.plannedEnd;
}

function offsetAt(seg: Segment, t: number): { state: SessionState; viewOffset: number } {
  const e = t - seg.start;
  if (seg.pauseLen && e >= seg.pauseAfter && e < seg.pauseAfter + seg.pauseLen)
    return { state: 'paused', viewOffset: seg.startOffset + seg.pauseAfter };
  const played = e >= seg.pauseAfter + seg.pauseLen ? e - seg.pauseLen : e;
  return { state: e < 3000 ? 'buffering' : 'playing', viewOffset: seg.startOffset + played };
}

/** Sessions playing at `now`, ordered by slot. */
export function liveSessions(world: PlexWorld, now = world.clock()): LiveSession[] {
  const out: LiveSession[] = [];
  if (!world.playable.length) return out;
  for (let slot = 0; slot < world.sessionSlots; slot++) {
    const from = origin(world, slot);
    if (now < from) continue;
    const seg = segment(world, slot, Math.floor((now - from) / world.sessionPeriodMs));
    if (now >= endOf(world, seg)) continue;
    const { state, viewOffset } = offsetAt(seg, now);
    out.push({
      slot,
      seq: seg.seq,
      sessionKey: String(seg.seq * world.sessionSlots + slot + 1),
      sessionId: seg.sessionId,
      transcodeKey: seg.transcodeKey,
      item: seg.item,
      user: seg.user,
      device: seg.device,
      state,
      viewOffset,
      startedAt: seg.start,
      decision: seg.decision,
      bandwidth: seg.bandwidth,
      location: seg.device.local ? 'lan' : 'wan',
      transcodeProgress: Math.min(
        100,
        Math.round(((now - seg.start) / (seg.plannedEnd - seg.start)) * 1000) / 10,
      ),
    });
  }
  return out;
}

/** Plays finished since the world started (newest first), then the static history. */
export function historyAt(world: PlexWorld, now = world.clock()): HistoryEntry[] {
  const done: HistoryEntry[] = [];
  if (world.playable.length) {
    for (let slot = 0; slot < world.sessionSlots; slot++) {
      const from = origin(world, slot);
      const last = Math.floor((now - from) / world.sessionPeriodMs);
      for (let seq = 0; seq <= last; seq++) {
        const seg = segment(world, slot, seq);
        const end = endOf(world, seg);
        if (end > now) continue;
        done.push({
          id: world.history.length + 1 + seq * world.sessionSlots + slot,
          item: seg.item,
          user: seg.user,
          device: seg.device,
          started: Math.floor(seg.start / 1000),
          stopped: Math.floor(end / 1000),
          pausedSeconds:
            end > seg.start + seg.pauseAfter
              ? Math.round(Math.min(seg.pauseLen, end - seg.start - seg.pauseAfter) / 1000)
              : 0,
          viewOffset: offsetAt(seg, end).viewOffset,
          decision: seg.decision,
        });
      }
    }
  }
  done.sort((a, b) => b.stopped - a.stopped || b.id - a.id);
  return done.length ? done.concat(world.history) : world.history;
}

/** Ends a live session early (Plex's terminate); false when no such session is playing. */
export function terminateSession(world: PlexWorld, sessionId: string, now = world.clock()): boolean {
  const session = liveSessions(world, now).find((s) => s.sessionId === sessionId);
  if (!session) return false;
  world.terminated.set(`${session.slot}:${session.seq}`, now);
  return true;
}
