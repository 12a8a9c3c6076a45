import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The flags `npm run serve` and the Docker image start the panel with. */
export const PANEL_NODE_FLAGS = '--max-semi-space-size=4 --max-old-space-size=192';

/** A loopback port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
}

/** Peak resident memory of a process so far, in MB (Linux /proc). */
export function peakRssMb(pid: number): number {
  return statusKb(pid, 'VmHWM') / 1024;
}

/** Current resident memory of a process, in MB (Linux /proc). */
export function rssMb(pid: number): number {
  return statusKb(pid, 'VmRSS') / 1024;
}

/** User + system CPU seconds a process has used (/proc/PID/stat fields 14 and 15, in clock ticks). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
