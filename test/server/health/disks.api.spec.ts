import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configProblems } from '../../../server/config/config.loader';
import { baseConfig, startTestPanel, type TestPanel } from '../support/test-panel';

/** The used share of the filesystem holding `path`, as df computes it. */
function usedPercent(path: string): number {
  const s = statfsSync(path);
  const used = s.blocks - s.bfree;
  return Math.round((used / (used + s.bavail)) * 1000) / 10;
}

describe('GET /api/health/disks', () => {
  const downloads = mkdtempSync(join(tmpdir(), 'seedbox-downloads-'));
  let panel: TestPanel;
  let token: string;
  const disks = async (): Promise<Array<Record<string, unknown>>> =>
    (await panel.http().get('/api/health/disks').auth(token, { type: 'bearer' }).expect(200)).body;

  afterEach(() => panel?.close());
  afterAll(() => rmSync(downloads, { recursive: true, force: true }));

  it('reports the config directory and the download directories when disk_paths is not set', async () => {
    panel = await startTestPanel(baseConfig({ rutorrent: { download_dir: downloads } }));
    token = (await panel.login()).access_token;
    const list = await disks();
    expect(list.map((d) => [d.name, d.path])).toEqual([
      ['Panel config', panel.dir],
      ['rTorrent downloads', downloads],
    ]);
    const [config] = list;
    expect(config).toMatchObject({ warn_percent: 85, critical_percent: 95, error: null });
    expect(config.used_bytes as number).toBeLessThanOrEqual(config.total_bytes as number);
    expect((config.free_bytes as number) + (config.used_bytes as number)).toBeLessThanOrEqual(
      config.total_bytes as number,
    );
    expect(config.used_percent).toBeCloseTo(usedPercent(panel.dir), 0);
  });

  it('reports the configured paths with their level, and a path it cannot read as critical with why', async () => {
    panel = await startTestPanel(
      baseConfig({
        disk_paths: [
          { name: 'Roomy', path: downloads, warn_percent: 100 },
          { name: 'Strict', path: downloads, warn_percent: 1 },
          { name: 'Gone', path: join(downloads, 'missing') },
        ],
      }),
    );
    token = (await panel.login()).access_token;
    const [roomy, strict, gone] = await disks();
    const used = usedPercent(downloads);
    expect(roomy).toMatchObject({ name: 'Roomy', warn_percent: 100, critical_percent: 100 });
    expect(roomy.level).toBe(used >= 100 ? 'critical' : 'ok');
    expect(strict).toMatchObject({ name: 'Strict', warn_percent: 1, critical_percent: 95 });
    expect(strict.level).toBe(used >= 95 ? 'critical' : used >= 1 ? 'warning' : 'ok');
    expect(gone).toMatchObject({
      name: 'Gone',
      level: 'critical',
      used_bytes: null,
      free_bytes: null,
      error: `The free space of ${join(downloads, 'missing')} cannot be read (ENOENT).`,
    });
  });

  it('needs a sign-in', async () => {
    panel = await startTestPanel();
    await panel.http().get('/api/health/disks').expect(401);
  });
});

describe('disk_paths in config.json', () => {
  it('names every bad entry: relative path, missing name, out-of-range warn_percent, duplicate names', () => {
    const problems = configProblems({
      ...baseConfig(),
      disk_paths: [
        { name: 'Media', path: 'data/media' },
        { path: '/data' },
        { name: 'Downloads', path: '/downloads', warn_percent: 0 },
        { name: 'Media', path: '/srv', warn_percent: 101 },
      ],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'disk_paths names must be unique',
        'disk_paths[0].path must be an absolute path',
        'disk_paths[1].name must be a string',
        'disk_paths[2].warn_percent must not be less than 1',
        'disk_paths[3].warn_percent must not be greater than 100',
      ]),
    );
  });

  it('refuses a list that is not an array', () => {
    expect(configProblems({ ...baseConfig(), disk_paths: { name: 'x' } })).toEqual(
      expect.arrayContaining([expect.stringMatching(/disk_paths must be an array/)]),
    );
  });

  it('stops start-up with the problem named', async () => {
    await expect(
      startTestPanel(baseConfig({ disk_paths: [{ name: 'Media', path: 'relative' }] })),
    ).rejects.toThrow('disk_paths[0].path must be an absolute path');
  });
});
