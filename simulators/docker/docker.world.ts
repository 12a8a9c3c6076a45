import type { ContainerSeed } from './docker.state';

const SHOW = { 'seedbox-panel.show': 'true' };
const LOG_START = Date.UTC(2026, 0, 1, 8, 0, 0);

const lines = (texts: string[], stream: 'stdout' | 'stderr' = 'stdout') =>
  texts.map((text, i) => ({ time: LOG_START + i * 60_000, stream, text }));

/**
 * The demo's engine: the stack's services in their usual images (so the panel links them by image),
 * plus a container that exited with an error, one that keeps restarting, and one without the label.
 */
export const DEFAULT_CONTAINERS: ContainerSeed[] = [
  {
    name: 'plex',
    image: 'lscr.io/linuxserver/plex:latest',
    labels: SHOW,
    health: 'healthy',
    cpuNanosPerSecond: 350e6,
    memoryBytes: 812 * 2 ** 20,
    logs: lines([
      '[s6-init] making user provided files available',
      'Starting Plex Media Server.',
      'Critical: libusb_init failed',
    ]),
  },
  {
    name: 'tautulli',
    image: 'tautulli/tautulli:v2.14.6',
    labels: SHOW,
    health: 'healthy',
    cpuNanosPerSecond: 20e6,
    memoryBytes: 143 * 2 ** 20,
    logs: lines(['Tautulli WebStart :: Starting Tautulli web server on http://0.0.0.0:8181/']),
  },
  {
    name: 'rutorrent',
    image: 'crazymax/rtorrent-rutorrent:4.3.6-0.9.8-0.13.8',
    labels: SHOW,
    cpuNanosPerSecond: 120e6,
    memoryBytes: 230 * 2 ** 20,
    logs: lines(['Setting up rTorrent...', 'Fixing perms...', 'rtorrent: Starting...']),
  },
  {
    name: 'utorrent',
    image: 'ekho/utorrent:latest',
    labels: SHOW,
    tty: true,
    cpuNanosPerSecond: 60e6,
    logs: lines(['utserver: starting']),
  },
  {
    name: 'seerr',
    image: 'ghcr.io/seerr-team/seerr:latest',
    labels: SHOW,
    health: 'unhealthy',
    cpuNanosPerSecond: 30e6,
    memoryBytes: 310 * 2 ** 20,
    logs: [
      ...lines(['[Info][Server]: Server ready on port 5055']),
      ...lines(['[Error][Jobs]: Plex Sync failed: connect ECONNREFUSED'], 'stderr'),
    ],
  },
  {
    name: 'nightly-backup',
    image: 'busybox:latest',
    labels: SHOW,
    status: 'exited',
    exitCode: 1,
    startedAt: LOG_START,
    finishedAt: LOG_START + 90_000,
    restartPolicy: 'no',
    logs: lines(['backup: starting', 'backup: /data is not mounted'], 'stderr'),
  },
  {
    name: 'flaky-worker',
    image: 'busybox:latest',
    labels: SHOW,
    status: 'restarting',
    exitCode: 2,
    restartCount: 14,
    restartPolicy: 'always',
    finishedAt: LOG_START,
    logs: lines(['worker: cannot reach queue'], 'stderr'),
  },
  { name: 'portainer', image: 'portainer/portainer-ce:2.21.4', cpuNanosPerSecond: 5e6 },
];
