import { type PlexDecision } from '../../api';
import { type ChipLook } from '../../common/status-chip.component';

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
