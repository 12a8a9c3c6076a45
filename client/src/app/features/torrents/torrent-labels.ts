import { type TorrentClientKind, type TorrentState } from '../../api';
import { type ChipLook } from '../../common/status-chip.component';

/** The product behind each kind of client (an instance has a name of its own besides). */
export const CLIENT_PRODUCTS: Readonly<Record<TorrentClientKind, string>> = {
  utorrent: 'uTorrent',
  rutorrent: 'rTorrent',
  qbittorrent: 'qBittorrent',
  transmission: 'Transmission',
  deluge: 'Deluge',
};

/** The card and strip icon of each kind. */
export const CLIENT_ICONS: Readonly<Record<TorrentClientKind, string>> = {
  utorrent: 'swap_vert',
  rutorrent: 'dns',
  qbittorrent: 'cloud_download',
  transmission: 'settings_input_antenna',
  deluge: 'water_drop',
};

export const STATE_LOOKS: Readonly<Record<TorrentState, ChipLook>> = {
  downloading: { label: 'Downloading', tone: 'info', icon: 'download' },
  seeding: { label: 'Seeding', tone: 'success', icon: 'upload' },
  paused: { label: 'Paused', tone: 'warning', icon: 'pause' },
  stopped: { label: 'Stopped', tone: 'neutral', icon: 'stop' },
  queued: { label: 'Queued', tone: 'neutral', icon: 'schedule' },
  checking: { label: 'Checking', tone: 'info', icon: 'fact_check' },
  error: { label: 'Error', tone: 'error', icon: 'error' },
  completed: { label: 'Completed', tone: 'success', icon: 'check_circle' },
};

/** What each action does, for menus, buttons and messages. */
export const ACTION_LOOKS = {
  start: { label: 'Start', done: 'Started', icon: 'play_arrow' },
  stop: { label: 'Stop', done: 'Stopped', icon: 'stop' },
  pause: { label: 'Pause', done: 'Paused', icon: 'pause' },
  resume: { label: 'Resume', done: 'Resumed', icon: 'play_circle' },
  remove: { label: 'Remove…', done: 'Removed', icon: 'delete' },
} as const;

/** Whether an action means something in a state (the others are disabled in the row menu). */
export function actionApplies(action: keyof typeof ACTION_LOOKS, state: TorrentState): boolean {
  switch (action) {
    case 'pause':
      return state === 'downloading' || state === 'seeding' || state === 'queued';
    case 'resume':
      return state === 'paused' || state === 'stopped';
    case 'stop':
      return state !== 'stopped' && state !== 'completed';
    default:
      return true;
  }
}
