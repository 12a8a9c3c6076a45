import { ContainerRuntimeClient } from '../../../server/container/container-runtime.client';
import { UpstreamError } from '../../../server/upstream/upstream-error';
import { startFakeDocker, type FakeDocker } from '../../support/fake-docker';
import { startTestPanel, type TestPanel } from '../support/test-panel';

async function rejection<T>(promise: Promise<unknown>): Promise<T> {
  try {
    await promise;
  } catch (err) {
    return err as T;
  }
  throw new Error('expected a rejection');
}

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
    const err = await rejection<{ getStatus(): number; message: string }>(
      runtime.restart('Plex', undefined, 'plex.container'),
    );
    expect(err.getStatus()).toBe(501);
    expect(err.message).toMatch(/set "plex.container" in config.json .* mount the Docker socket/);
  });

  it("names Docker and the container when Docker refuses, with Docker's own message", async () => {
    const err = await rejection<UpstreamError>(runtime.restart('Plex', 'plexx', 'plex.container'));
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err.message).toBe('Docker (container plexx) answered HTTP 404: No such container: plexx');
  });
});
