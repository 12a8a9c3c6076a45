import { statfsSync } from 'node:fs';
import { sizeText } from '../common/size-text';

/**
 * Below this much free space the panel may fail to save settings, sign-ins or the audit log: 50 MB, or
 * 5% of a smaller filesystem (a 20 MB volume for the config alone).
 */
const MIN_FREE_BYTES = 50 * 1024 * 1024;
const MIN_FREE_SHARE = 0.05;

export interface DiskSpaceCheck {
  ok: boolean;
  detail: string;
}

/** A filesystem's size as `df` reports it: `free` is what an unprivileged writer may still use. */
export interface DiskStat {
  total: number;
  used: number;
  free: number;
}

/** statfs of the filesystem holding `directory`; throws as statfs does (ENOENT, EACCES…). */
export function statDisk(directory: string): DiskStat {
  const stats = statfsSync(directory);
  return {
    total: stats.blocks * stats.bsize,
    used: (stats.blocks - stats.bfree) * stats.bsize,
    free: stats.bavail * stats.bsize,
  };
}

/** Free space where the panel writes, and whether audit entries are waiting for some. */
export function diskSpaceCheck(
  directory: string,
  backlog: { waiting: number; lost: number },
): DiskSpaceCheck {
  let free: number;
  let needed: number;
  try {
    const stat = statDisk(directory);
    free = stat.free;
    needed = Math.min(MIN_FREE_BYTES, stat.total * MIN_FREE_SHARE);
  } catch (err) {
    return {
      ok: false,
      detail: `The free space of ${directory} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).`,
    };
  }
  const waiting = backlog.waiting
    ? ` ${backlog.waiting} audit entr${backlog.waiting === 1 ? 'y waits' : 'ies wait'} in memory for space.`
    : '';
  if (free < needed)
    return {
      ok: false,
      detail: `Only ${sizeText(free)} free in ${directory}; the panel needs at least ${sizeText(needed)} to save settings, sign-ins and the audit log.${waiting}`,
    };
  if (backlog.waiting) return { ok: false, detail: `${sizeText(free)} free in ${directory}, but${waiting}` };
  return { ok: true, detail: `${sizeText(free)} free in ${directory}` };
}
