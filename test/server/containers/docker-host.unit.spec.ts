import { EnvironmentError, readEnvironment } from '../../../server/config/panel-environment';

describe('DOCKER_HOST and DOCKER_SOCKET', () => {
  it('defaults to /var/run/docker.sock and keeps DOCKER_SOCKET working', () => {
    expect(readEnvironment({})).toMatchObject({
      dockerSocket: '/var/run/docker.sock',
      dockerHost: undefined,
    });
    expect(readEnvironment({ DOCKER_SOCKET: '/run/user/1000/docker.sock' }).dockerSocket).toBe(
      '/run/user/1000/docker.sock',
    );
  });

  it('reads DOCKER_HOST as the Docker CLI does: unix:///path, or tcp://host:port of a socket proxy', () => {
    expect(readEnvironment({ DOCKER_HOST: 'unix:///run/docker.sock' }).dockerHost).toBe('/run/docker.sock');
    expect(readEnvironment({ DOCKER_HOST: 'tcp://127.0.0.1:2375' }).dockerHost).toBe('http://127.0.0.1:2375');
  });

  it('refuses anything else, naming the variable', () => {
    expect(() => readEnvironment({ DOCKER_HOST: '/var/run/docker.sock' })).toThrow(EnvironmentError);
    expect(() => readEnvironment({ DOCKER_HOST: 'ssh://me@box' })).toThrow(
      'DOCKER_HOST must be unix:///path/to/docker.sock or tcp://host:port (got "ssh://me@box")',
    );
  });
});
