import { ContainerRuntimeClient } from '../../../server/container/container-runtime.client';
import { UpstreamError } from '../../../server/upstream/upstream-error';
import { startFakeDocker, type FakeDocker } from '../../support/fake-docker';
import { startTestPanel, type TestPanel } from '../support/test-panel';

describe('container runtime client', () => {
  let docker: FakeDocker;
  let panel: TestPanel;
  let runtime: ContainerRuntimeClient;
  beforeAll(async () => {
    docker = await startFakeDocker(['plex']);
    panel = await startTestPanel(undefined, { DOCKER_SOCKET: docker.socketPath });
    runtime = panel.app.get(ContainerRuntimeClient);
  });
  afterAll(async () => {
    await panel.close();
    await docker.stop();
  });

  it('restarts a named container through the Docker socket', async () => {
    await runtime.restart('Plex', 'plex', 'plex.container');
    expect(docker.restarts).toEqual(['plex']);
  });

  it('answers 501 saying how to enable restarts when no container is named', async () => {
    const err = await runtime
      .restart('Plex', undefined, 'plex.container')
      .catch((e: unknown) => e as { getStatus(): number; message: string });
    expect(err.getStatus()).toBe(501);
    expect(err.message).toMatch(/set "plex.container" in config.json .* mount the Docker socket/);
  });

  it("names Docker and the container when Docker refuses, with Docker's own message", async () => {
    const err = await runtime
      .restart('Plex', 'plexx', 'plex.container')
      .catch((e: unknown) => e as UpstreamError);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.message).toBe('Docker (container plexx) answered HTTP 404: No such container: plexx');
  });
});
