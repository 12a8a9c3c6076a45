// The Debian packages the test suites need beside node_modules: chromium for the browser tests, and what
// test/peers/rtorrent-peer.sh runs (rtorrent behind nginx, curl and openssl for its auth, mktorrent).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** [package, the file or command that proves it is installed] */
export const SYSTEM_PACKAGES = [
  ['chromium', '/usr/bin/chromium'],
  ['rtorrent', 'rtorrent'],
  ['nginx', 'nginx'],
  ['curl', 'curl'],
  ['openssl', 'openssl'],
  ['mktorrent', 'mktorrent'],
];

function installed(probe) {
  if (probe.startsWith('/')) return existsSync(probe);
  // nginx lives in /usr/sbin, which a non-root PATH often leaves out.
  return existsSync(`/usr/sbin/${probe}`) || spawnSync('sh', ['-c', `command -v ${probe}`]).status === 0;
}

export function missingSystemPackages() {
  return SYSTEM_PACKAGES.filter(([, probe]) => !installed(probe)).map(([name]) => name);
}

/**
 * Installs the missing packages as root with apt (`apt-get update` once, then `apt-get install -y`);
 * anyone else gets one line naming the command and the process stops.
 */
export function ensureSystemPackages() {
  const missing = missingSystemPackages();
  if (!missing.length) return;
  const install = `apt-get install -y ${missing.join(' ')}`;
  const canApt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
  if (process.getuid?.() !== 0 || !canApt) {
    process.stderr.write(`Missing system packages; run: sudo apt-get update && sudo ${install}\n`);
    process.exit(1);
  }
  process.stdout.write(`Installing ${missing.join(', ')} from the distribution's packages\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...missing],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (result.status !== 0) {
      process.stderr.write(`apt-get ${args[0]} failed; run: apt-get update && ${install}\n`);
      process.exit(1);
    }
  }
}
