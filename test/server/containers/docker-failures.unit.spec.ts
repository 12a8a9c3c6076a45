import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerFailure } from '../../../server/containers/docker-failures';
import { transportFailure, UpstreamError } from '../../../server/upstream/upstream-error';

describe('dockerFailure', () => {
  const dir = mkdtempSync(join(tmpdir(), 'docker-failures-'));
  const socket = join(dir, 'docker.sock');
  writeFileSync(socket, '');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const failure = (code: string) =>
    dockerFailure(
      transportFailure('Docker', 'docker', code, 10_000),
      `socket ${socket}`,
      socket,
      10_000,
    ) as UpstreamError;

  it('a missing socket (ENOENT): 502 saying to mount it', () => {
    const err = failure('ENOENT');
    expect(err.getStatus()).toBe(502);
    expect(err.message).toMatch(
      /^Docker's socket .* does not exist in the panel's container\. Mount it: docker run -v \/var\/run\/docker\.sock:/,
    );
  });

  it("permission denied (EACCES): 502 naming group_add with the socket's group id", () => {
    const err = failure('EACCES');
    expect(err.getStatus()).toBe(502);
    expect(err.message).toBe(
      `Docker's socket ${socket} refused the panel (permission denied): the panel's user is not in the socket's group. ` +
        `Add that group's id to the panel's container: group_add: ["${process.getgid?.() ?? 0}"] in docker-compose.yml ` +
        `(docker run --group-add ${process.getgid?.() ?? 0}); find it with stat -c %g /var/run/docker.sock on the host.`,
    );
  });

  it('nobody listening (ECONNREFUSED), a timeout, a reset: sentences naming Docker', () => {
    expect(failure('ECONNREFUSED').message).toBe(
      `Nothing answers on Docker's socket ${socket} (connection refused); is the Docker daemon running?`,
    );
    expect(failure('ETIMEDOUT').getStatus()).toBe(504);
    expect(failure('ETIMEDOUT').message).toBe(`Docker (socket ${socket}) did not answer within 10 s.`);
    expect(failure('ECONNRESET').message).toBe(
      `Docker (socket ${socket}) closed the connection before answering in full (ECONNRESET).`,
    );
  });

  it("passes Docker's own HTTP answers and other services' failures unchanged", () => {
    const status = new UpstreamError('Docker', 'status', 'Docker answered HTTP 500: boom', 500);
    expect(dockerFailure(status, 'x', socket, 1000)).toBe(status);
    const plex = transportFailure('Plex', 'plex', 'ENOENT', 1000);
    expect(dockerFailure(plex, 'x', socket, 1000)).toBe(plex);
  });
});
