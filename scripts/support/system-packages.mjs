// The Debian packages the test suites need beside node_modules: chromium for the browser tests, what
// test/peers/rtorrent-peer.sh runs (rtorrent behind nginx, curl and openssl for its auth, mktorrent),
// the daemons of the qBittorrent, Transmission and Deluge peers (each peer script writes its config
// before the first start; policy-rc.d below keeps Debian from starting them with their defaults), ss
// for the peers' loopback-only checks, and docker-compose (the CLI only, no daemon) for
// test/docker/compose.spec.ts. Installed once here, before jest, so parallel suites never race for apt.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync, writeFileSync } from 'node:fs';

/** [package, the file or command that proves it is installed] */
export const SYSTEM_PACKAGES = [
  ['chromium', '/usr/bin/chromium'],
  ['rtorrent', 'rtorrent'],
  ['nginx', 'nginx'],
  ['curl', 'curl'],
  ['openssl', 'openssl'],
  ['mktorrent', 'mktorrent'],
  ['qbittorrent-nox', 'qbittorrent-nox'],
  ['transmission-daemon', 'transmission-daemon'],
  ['deluged', 'deluged'],
  ['deluge-web', 'deluge-web'],
  ['iproute2', 'ss'],
  ['docker-compose', 'docker-compose'],
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
  // Debian starts the services a package brings (docker-compose recommends docker.io, whose dockerd
  // would start with its defaults): a policy-rc.d that refuses every start keeps the install from it.
  const policy = '/usr/sbin/policy-rc.d';
  const madePolicy = !existsSync(policy);
  if (madePolicy) {
    writeFileSync(policy, '#!/bin/sh\nexit 101\n');
    chmodSync(policy, 0o755);
  }
  const failed = [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...missing],
  ].find((args) => spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env }).status !== 0);
  if (madePolicy) rmSync(policy, { force: true });
  if (failed) {
    process.stderr.write(`apt-get ${failed[0]} failed; run: apt-get update && ${install}\n`);
    process.exit(1);
  }
}
