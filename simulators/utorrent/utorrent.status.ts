import type { TorrentKind } from '../torrents';

/** uTorrent's status bitfield (list column 1). */
export const Bit = {
  STARTED: 1,
  CHECKING: 2,
  START_AFTER_CHECK: 4,
  CHECKED: 8,
  ERROR: 16,
  PAUSED: 32,
  /** Managed by the queue; force-started torrents lack it. */
  QUEUED: 64,
  LOADED: 128,
} as const;

/** The typical bitfields the reference lists, per generated kind. */
export function statusForKind(kind: TorrentKind, forced: boolean): number {
  switch (kind) {
    case 'downloading':
    case 'seeding':
      return forced ? 137 : 201;
    case 'paused':
      return 233;
    case 'queued':
      return 200;
    case 'checking':
      return 130;
    case 'error':
      return 152;
    case 'stopped':
    case 'finished':
      return 136;
  }
}

/** Whether bytes move: started, not paused, not checking, not in error. */
export function isTransferring(status: number): boolean {
  return (status & Bit.STARTED) !== 0 && (status & (Bit.PAUSED | Bit.CHECKING | Bit.ERROR)) === 0;
}

/**
 * Column 21, in the official WebUI's order of precedence (first match wins): paused, started,
 * checking, error, queued, finished, stopped. "[F]" marks a forced start (started without bit 64).
 */
export function statusMessage(status: number, progress: number, error: string): string {
  const pct = `${(progress / 10).toFixed(1)} %`;
  if (status & Bit.PAUSED) return 'Paused';
  if (status & Bit.STARTED) {
    const forced = status & Bit.QUEUED ? '' : '[F] ';
    return progress === 1000 ? `${forced}Seeding ${pct}` : `${forced}Downloading ${pct}`;
  }
  if (status & Bit.CHECKING) return `Checking ${pct}`;
  if (status & Bit.ERROR) return `Error: ${error}`;
  if (status & Bit.QUEUED) return progress === 1000 ? 'Queued Seed' : 'Queued';
  return progress === 1000 ? 'Finished' : 'Stopped';
}
