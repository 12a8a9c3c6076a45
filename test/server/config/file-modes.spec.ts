import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../server/config/config.loader';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('the files the panel keeps are private', () => {
  let panel: TestPanel;
  beforeAll(async () => {
    // startTestPanel writes config.json with the default 0644, as a user copying it in would.
    panel = await startTestPanel(baseConfig());
  });
  afterAll(() => panel.close());

  it('config.json, its backup, the secret, the lock and the database files are 0600', async () => {
    const { access_token } = await panel.login();
    await panel
      .http()
      .put('/api/seerr')
      .auth(access_token, { type: 'bearer' })
      .send({ concurrency: 3 })
      .expect(200);
    await panel.auditWritten();
    const files = readdirSync(panel.dir).filter((name) => statSync(join(panel.dir, name)).isFile());
    expect(files).toEqual(
      expect.arrayContaining([
        'config.json',
        'config.json.bak',
        'seedbox-panel.db',
        'seedbox-panel.db-wal',
        'seedbox-panel.db-shm',
      ]),
    );
    const modes = Object.fromEntries(files.map((name) => [name, modeOf(join(panel.dir, name)).toString(8)]));
    expect(modes).toEqual(Object.fromEntries(files.map((name) => [name, '600'])));
  });
});

describe('a config directory the panel creates', () => {
  it('is 0700, with config.json 0600', async () => {
    const root = mkdtempSync(join(tmpdir(), 'seedbox-modes-'));
    try {
      const file = join(root, 'fresh', 'config.json');
      await loadConfig(file);
      expect(modeOf(join(root, 'fresh')).toString(8)).toBe('700');
      expect(modeOf(file).toString(8)).toBe('600');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
