// The Docker engine of `npm run demo`: the project's own test engine (test/peers/docker-peer.sh, a
// dockerd of Debian's docker.io on a private socket) with a few busybox containers, where docker.io is
// installed and the demo runs as root; else none, and the demo uses the Docker Engine simulator.
// DEMO_DOCKER=simulator skips the attempt.
import { existsSync } from 'node:fs';
import { type DockerPeer, startDockerPeer } from '../test/support/docker-peer';

const LABEL = ['--label', 'seedbox-panel.show=true'];

export interface DemoEngine {
  socketPath: string;
  stop(): Promise<void>;
}

/** A real engine with the demo's containers, or null (and why, on stderr) when none can be started. */
export async function startDemoEngine(): Promise<DemoEngine | null> {
  if (process.env.DEMO_DOCKER === 'simulator') return null;
  // The demo never installs packages: without dockerd, or without root to run it, the simulator it is.
  if (!existsSync('/usr/bin/dockerd') || process.getuid?.() !== 0) return null;
  let peer: DockerPeer;
  try {
    peer = await startDockerPeer();
  } catch (err) {
    process.stderr.write(
      `No Docker engine for the demo (${(err as Error).message.split('\n')[0]}); using the simulator.\n`,
    );
    return null;
  }
  const docker = (...args: string[]) => peer.docker(...args);
  const image = peer.image;
  const names = ['web', 'nightly-job', 'crashloop', 'unlabelled'];
  try {
    const common = ['run', '-d', '--network', 'none'];
    await docker(
      ...common,
      ...LABEL,
      '--name',
      'web',
      image,
      'sh',
      '-c',
      'i=0; while true; do echo "GET /status 200 ($i)"; i=$((i+1)); sleep 2; done',
    );
    await docker(
      ...common,
      ...LABEL,
      '--name',
      'nightly-job',
      image,
      'sh',
      '-c',
      'echo backing up; echo "/data is not mounted" >&2; exit 3',
    );
    await docker(
      ...common,
      ...LABEL,
      '--name',
      'crashloop',
      '--restart=always',
      image,
      'sh',
      '-c',
      'echo "cannot reach queue" >&2; sleep 5; exit 1',
    );
    await docker(...common, '--name', 'unlabelled', image, 'sleep', '86400');
  } catch (err) {
    process.stderr.write(
      `The demo's busybox containers could not be created (${(err as Error).message.split('\n')[0]}); using the simulator.\n`,
    );
    await peer.stop().catch(() => undefined);
    return null;
  }
  return {
    socketPath: peer.socketPath,
    stop: async () => {
      await docker('rm', '-f', ...names).catch(() => undefined);
      await peer.stop();
    },
  };
}
