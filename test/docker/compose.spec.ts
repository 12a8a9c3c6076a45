import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { load } from 'js-yaml';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'docker-compose.yml.example');

interface Service {
  environment?: Record<string, string>;
  group_add?: string[];
  networks?: Record<string, unknown>;
  volumes?: string[];
  restart?: string;
  user?: string;
  labels?: Record<string, string>;
}

/** `docker-compose config` of the example: what compose itself makes of the file, as an object. */
async function composeConfig(
  env: Record<string, string> = {},
): Promise<{ services: Record<string, Service>; networks: Record<string, { external?: boolean }> }> {
  if (spawnSync('sh', ['-c', 'command -v docker-compose']).status !== 0)
    throw new Error('docker-compose is not installed; run: apt-get install -y docker-compose');
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!('DOCKER_GID' in env)) delete childEnv.DOCKER_GID;
  // An empty env file: a developer's .env in the checkout must not fill in DOCKER_GID here.
  const dir = mkdtempSync(path.join(tmpdir(), 'compose-'));
  try {
    writeFileSync(path.join(dir, 'empty.env'), '');
    const args = ['--env-file', path.join(dir, 'empty.env'), '-f', EXAMPLE, 'config'];
    const { stdout } = await run('docker-compose', args, { cwd: ROOT, env: childEnv });
    return load(stdout) as never;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('docker-compose.yml.example', () => {
  it('is valid for docker-compose 1.29 and mounts the socket, /config and the saltbox network', async () => {
    const config = await composeConfig();
    const panel = config.services['seedbox-panel'];
    expect(panel.volumes).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/opt\/seedbox-panel:\/config(:rw)?$/),
        expect.stringMatching(/^\/var\/run\/docker\.sock:\/var\/run\/docker\.sock(:rw)?$/),
      ]),
    );
    // Without DOCKER_GID in the environment or a .env file: the default group.
    expect(panel.group_add).toEqual(['998']);
    expect(Object.keys(panel.networks ?? {})).toEqual(['saltbox']);
    expect(config.networks.saltbox.external).toBe(true);
    expect(panel.restart).toBe('unless-stopped');
    expect(panel.environment?.TZ).toBeTruthy();
    // A subnet (the saltbox network's), not `true` or a hop count that any client could use.
    expect(panel.environment?.TRUST_PROXY).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
    expect(panel.labels?.['traefik.enable']).toBe('true');
    expect(panel.labels?.['traefik.http.services.seedbox-panel.loadbalancer.server.port']).toBe('8000');
  });

  it('takes the socket group from DOCKER_GID', async () => {
    const config = await composeConfig({ DOCKER_GID: '2375' });
    expect(config.services['seedbox-panel'].group_add).toEqual(['2375']);
  });
});
