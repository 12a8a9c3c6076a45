import type { SeededRandom } from '../core/random';
import type { HistoryEntry, PlexWorld, TranscodeDecision } from './model';

const DAY = 86_400;

export function pickDecision(random: SeededRandom): TranscodeDecision {
  const r = random.next();
  return r < 0.6 ? 'direct play' : r < 0.75 ? 'copy' : 'transcode';
}

/** Fills `world.history` with `size` past plays spread over ~4 months before `startedAt`, newest first. */
export function addHistory(world: PlexWorld, random: SeededRandom, size: number): void {
  if (!world.playable.length || !world.users.length) return;
  const avgGap = Math.max(60, Math.floor((120 * DAY) / Math.max(size, 1)));
  // End before the first live session could have started, so live plays never overlap the past.
  let stopped = Math.floor((world.startedAt - world.sessionPeriodMs) / 1000) - random.int(60, 600);
  for (let i = 0; i < size; i++) {
    // Squaring skews plays towards the first accounts: a few heavy watchers, a long tail.
    const user = world.users[Math.floor(random.next() ** 2 * world.users.length)];
    const item = random.pick(world.playable);
    const fraction = random.chance(0.8) ? random.int(90, 100) / 100 : random.int(10, 89) / 100;
    const viewOffset = Math.round(item.duration * fraction);
    const pausedSeconds = random.chance(0.3) ? random.int(10, 600) : 0;
    const entry: HistoryEntry = {
      id: size - i,
      item,
      user,
      device: random.pick(user.devices),
      started: stopped - Math.round(viewOffset / 1000) - pausedSeconds,
      stopped,
      pausedSeconds,
      viewOffset,
      decision: item.type === 'track' ? 'direct play' : pickDecision(random),
    };
    world.history.push(entry);
    stopped -= random.int(Math.floor(avgGap * 0.2), Math.ceil(avgGap * 1.8));
  }
}
