import { statSync } from 'node:fs';
import { UpstreamError } from '../upstream/upstream-error';

export const DOCKER = 'Docker';

/** The group that owns the socket, for the `group_add` advice; undefined when it cannot be read. */
export function socketGroup(socketPath: string): number | undefined {
  try {
    return statSync(socketPath).gid;
  } catch {
    return undefined;
  }
}

/**
 * A transport failure on Docker's socket as the sentence that says what to change: a socket that is not
 * there was not mounted, a refused one belongs to a group the panel's user is not in, a timeout names
 * Docker. Failures with an HTTP answer (Docker's own message) pass unchanged.
 */
export function dockerFailure(
  err: unknown,
  where: string,
  socketPath: string | undefined,
  timeoutMs: number,
): unknown {
  if (!(err instanceof UpstreamError) || err.service !== DOCKER) return err;
  const code = err.transportCode;
  if (err.kind === 'timeout') {
    return new UpstreamError(
      DOCKER,
      'timeout',
      `Docker (${where}) did not answer within ${timeoutMs / 1000} s.`,
    );
  }
  if (socketPath && code === 'ENOENT') {
    return new UpstreamError(
      DOCKER,
      'refused',
      `Docker's socket ${socketPath} does not exist in the panel's container. Mount it: ` +
        `docker run -v /var/run/docker.sock:${socketPath} …, or in docker-compose.yml under the panel's ` +
        `volumes: - /var/run/docker.sock:${socketPath} (or set DOCKER_HOST=unix:///path to where it is).`,
    );
  }
  if (socketPath && (code === 'EACCES' || code === 'EPERM')) {
    const gid = socketGroup(socketPath);
    return new UpstreamError(
      DOCKER,
      'refused',
      `Docker's socket ${socketPath} refused the panel (permission denied): the panel's user is not in the ` +
        `socket's group. Add that group's id to the panel's container: group_add: ["${gid ?? 'GID'}"] in ` +
        `docker-compose.yml (docker run --group-add ${gid ?? 'GID'}); find it with stat -c %g /var/run/docker.sock on the host.`,
    );
  }
  if (code === 'ECONNREFUSED') {
    return new UpstreamError(
      DOCKER,
      'refused',
      `Nothing answers on Docker's ${socketPath ? `socket ${socketPath}` : `address ${where}`} (connection refused); is the Docker daemon running?`,
    );
  }
  if (err.kind === 'reset' || err.kind === 'dns') {
    return new UpstreamError(
      DOCKER,
      err.kind,
      `Docker (${where}) closed the connection before answering in full${code ? ` (${code})` : ''}.`,
    );
  }
  return err;
}
