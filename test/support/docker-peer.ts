import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const DOCKER_PEER_SCRIPT = path.join(REPO_ROOT, 'test', 'peers', 'docker-peer.sh');
/** Debian's docker.io client, matching its dockerd 20.10 (/usr/local/bin/docker may be another one). */
export const DOCKER_CLI = '/usr/bin/docker';

export type DockerPeerImage = 'busybox' | 'node';

export interface DockerPeer {
  /** The engine's unix socket, e.g. /tmp/dp-AbC123/docker.sock (what DOCKER_SOCKET takes). */
  socketPath: string;
  /** unix:///…/docker.sock (what DOCKER_HOST takes). */
  dockerHost: string;
  /** The busybox image, always loaded: seedbox-peer/busybox:latest. */
  image: string;
  /** node:20-bookworm-slim (a local stand-in), when asked for with `images: ['node']`. */
  nodeImage?: string;
  /** overlay2, or vfs where overlay2 cannot run. */
  storageDriver: string;
  /** The peer's state dir (data root, exec root, dockerd.log); removed by stop(). */
  dir: string;
  /** Runs /usr/bin/docker -H <this engine> ARGS; rejects on a non-zero exit. */
  docker(...args: string[]): Promise<{ stdout: string; stderr: string }>;
  /** Stops the containers, dockerd and its containerd, unmounts and removes the state dir. */
  stop(): Promise<void>;
}

/** Environment without what would point the docker CLI somewhere else than `-H`. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const key of ['DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH', 'DOCKER_CONFIG'])
    delete env[key];
  return env;
}

function mountedBelow(dir: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((target) => target === dir || target.startsWith(`${dir}/`));
}

function logTail(file: string, lines = 30): string {
  if (!existsSync(file)) return '(no dockerd.log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Starts a REAL Docker engine (Debian's dockerd 20.10, apt-installed when missing) in a fresh state
 * dir under /tmp, listening only on its own unix socket, with the busybox image loaded (and
 * node:20-bookworm-slim when asked for). The images are made once per machine and cached in
 * DOCKER_PEER_CACHE (default /var/cache/seedbox-panel/docker-peer); the first start with `node` takes
 * minutes (debootstrap), later ones seconds. Containers must run with `--network none` (there is no
 * bridge); builds with `--network host`. Needs root. Throws with the script's output and the tail of
 * dockerd.log when the engine cannot start.
 */
export async function startDockerPeer(options: { images?: DockerPeerImage[] } = {}): Promise<DockerPeer> {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'The tests against a real Docker engine need root to run dockerd (test/peers/docker-peer.sh); run jest as root.',
    );
  }
  const images = options.images ?? ['busybox'];
  // Short: the state dir holds unix sockets (containerd's is exec/containerd/containerd.sock).
  const dir = mkdtempSync('/tmp/dp-');
  const env = cleanEnv({ DOCKER_PEER_DIR: dir, DOCKER_PEER_IMAGES: images.join(',') });
  const script = (command: string) =>
    run('bash', [DOCKER_PEER_SCRIPT, command], { env, timeout: 1_800_000, maxBuffer: 16 << 20 });
  let info: string;
  try {
    info = (await script('start')).stdout;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    const tail = logTail(path.join(dir, 'dockerd.log'));
    await script('stop').catch(() => undefined);
    if (mountedBelow(dir).length === 0) rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `docker peer could not start (${DOCKER_PEER_SCRIPT}): ${e.message}\n` +
        `--- stdout\n${e.stdout ?? ''}\n--- stderr\n${e.stderr ?? ''}\n--- ${dir}/dockerd.log (tail)\n${tail}`,
    );
  }
  const value = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(info)?.[1];
  const dockerHost = value('DOCKER_HOST') ?? '';
  const docker = (...args: string[]) =>
    run(DOCKER_CLI, ['-H', dockerHost, ...args], {
      env: cleanEnv({}),
      timeout: 300_000,
      maxBuffer: 64 << 20,
    });
  return {
    socketPath: value('SOCKET') ?? '',
    dockerHost,
    image: value('BUSYBOX_IMAGE') ?? '',
    nodeImage: value('NODE_IMAGE'),
    storageDriver: value('STORAGE_DRIVER') ?? '',
    dir,
    docker,
    stop: async () => {
      try {
        await script('stop');
      } catch (err) {
        const e = err as { stdout?: string; stderr?: string; message: string };
        throw new Error(`docker peer did not stop cleanly: ${e.message}\n${e.stderr ?? ''}`);
      }
      const left = mountedBelow(dir);
      // Never delete through a mount: whatever is still mounted there is not ours to remove.
      if (left.length > 0) throw new Error(`docker peer left mounts below ${dir}: ${left.join(', ')}`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
