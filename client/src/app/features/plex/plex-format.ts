import { type PlexDecision } from '../../api';
import { type ChipLook } from '../../common/status-chip.component';

/** 850 → "850 kbps", 12400 → "12.4 Mbps", 15000 → "15 Mbps". */
export function formatBitrate(kbps: number | null | undefined): string {
  if (kbps === null || kbps === undefined) {
    return '—';
  }
  if (kbps < 1000) {
    return `${Math.round(kbps)} kbps`;
  }
  const mbps = kbps / 1000;
  return `${mbps >= 100 ? Math.round(mbps) : mbps.toFixed(1).replace(/\.0$/, '')} Mbps`;
}

/** 5_025_000 ms → "1:23:45"; under an hour "23:45". */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${String(minutes).padStart(hours > 0 ? 2 : 1, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/** How a stream reaches the player; Plex and Tautulli use the same three words. */
export const DECISION_LOOKS: Readonly<Record<PlexDecision, ChipLook>> = {
  direct_play: { label: 'Direct play', tone: 'success', icon: 'play_circle' },
  direct_stream: { label: 'Direct stream', tone: 'info', icon: 'swap_horiz' },
  transcode: { label: 'Transcode', tone: 'warning', icon: 'memory' },
};

export const STATE_LOOKS: Readonly<Record<string, ChipLook>> = {
  playing: { label: 'Playing', tone: 'success', icon: 'play_arrow' },
  paused: { label: 'Paused', tone: 'neutral', icon: 'pause' },
  buffering: { label: 'Buffering', tone: 'warning', icon: 'hourglass_top' },
};

export const LIBRARY_ICONS: Readonly<Record<string, string>> = {
  movie: 'movie',
  show: 'tv',
  artist: 'music_note',
  photo: 'photo_library',
};

/** What the item count of a library counts, and what its child count counts. */
export const LIBRARY_UNITS: Readonly<Record<string, readonly [items: string, children: string | null]>> = {
  movie: ['movies', null],
  show: ['shows', 'episodes'],
  artist: ['artists', 'tracks'],
  photo: ['photos', null],
};
