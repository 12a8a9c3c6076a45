import { type ChipLook } from '../../common/status-chip.component';

/** A container's state as Docker reports it (`State.Status`). */
export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

/** A container's health check result; `null` when the image defines no health check. */
export type ContainerHealth = 'healthy' | 'unhealthy' | 'starting';

/** The services the panel knows, each of which may be linked to its container. */
export type LinkedService = 'plex' | 'tautulli' | 'utorrent' | 'rutorrent' | 'seerr';

/** Start, stop or restart one container. */
export type ContainerAction = 'start' | 'stop' | 'restart';

export const STATE_LOOKS: Readonly<Record<ContainerState, ChipLook>> = {
  running: { label: 'Running', tone: 'success', icon: 'play_circle' },
  restarting: { label: 'Restarting', tone: 'info', icon: 'autorenew' },
  paused: { label: 'Paused', tone: 'warning', icon: 'pause_circle' },
  created: { label: 'Created', tone: 'neutral', icon: 'fiber_new' },
  removing: { label: 'Removing', tone: 'warning', icon: 'delete' },
  exited: { label: 'Exited', tone: 'neutral', icon: 'stop_circle' },
  dead: { label: 'Dead', tone: 'error', icon: 'error' },
};

export const UNKNOWN_STATE: ChipLook = { label: 'Unknown', tone: 'neutral', icon: 'help' };

export const HEALTH_LOOKS: Readonly<Record<ContainerHealth, ChipLook>> = {
  healthy: { label: 'Healthy', tone: 'success', icon: 'favorite' },
  unhealthy: { label: 'Unhealthy', tone: 'error', icon: 'heart_broken' },
  starting: { label: 'Starting', tone: 'info', icon: 'hourglass_top' },
};

export const SERVICE_NAMES: Readonly<Record<LinkedService, string>> = {
  plex: 'Plex',
  tautulli: 'Tautulli',
  utorrent: 'uTorrent',
  rutorrent: 'rTorrent',
  seerr: 'Seerr',
};

export const ACTION_LOOKS: Readonly<
  Record<ContainerAction, { readonly label: string; readonly doing: string; readonly icon: string }>
> = {
  start: { label: 'Start', doing: 'Starting', icon: 'play_arrow' },
  stop: { label: 'Stop', doing: 'Stopping', icon: 'stop' },
  restart: { label: 'Restart', doing: 'Restarting', icon: 'restart_alt' },
};

/** Whether an action means something in a state: a running container is not started again. */
export function actionApplies(action: ContainerAction, state: string): boolean {
  const up = state === 'running' || state === 'restarting' || state === 'paused';
  switch (action) {
    case 'start':
      return !up && state !== 'removing';
    case 'stop':
      return up;
    case 'restart':
      return state !== 'removing' && state !== 'dead';
  }
}

/** Where a container is in Applications: its name in the URL filters the list to it. */
export function applicationLink(name: string): { readonly path: string; readonly query: { q: string } } {
  return { path: '/applications', query: { q: name } };
}
