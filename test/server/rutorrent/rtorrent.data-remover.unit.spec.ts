import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DataPlan,
  type RtDataInfo,
  panelView,
  planDataRemoval,
  removeData,
} from '../../../server/torrents/clients/rtorrent/rtorrent.data-remover';

describe('deleting a torrent’s data only inside the download directory', () => {
  let root: string;
  let dl: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'rt-remover-'));
    dl = join(root, 'downloads');
    mkdirSync(dl);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const planFor = async (over: Partial<RtDataInfo> = {}, configuredDir?: string): Promise<DataPlan> => {
    const info = {
      downloadDir: dl,
      basePath: join(dl, 'file.bin'),
      multiFile: false,
      files: ['file.bin'],
      ...over,
    };
    return planDataRemoval(info, await panelView(info.downloadDir, configuredDir));
  };
  const ok = (plan: DataPlan) => {
    if (!plan.ok) throw new Error(`refused: ${plan.refusal.reason}`);
    return plan;
  };
  const refusal = (plan: DataPlan) => {
    if (plan.ok) throw new Error('the plan was accepted');
    return plan.refusal;
  };

  it('deletes a single file and a multi-file folder, leaving other content', async () => {
    writeFileSync(join(dl, 'file.bin'), 'x');
    writeFileSync(join(dl, 'neighbour.bin'), 'x');
    expect(await removeData(ok(await planFor()))).toMatchObject({ data: 'deleted' });
    expect(existsSync(join(dl, 'file.bin'))).toBe(false);
    expect(existsSync(join(dl, 'neighbour.bin'))).toBe(true);

    mkdirSync(join(dl, 'Album', 'CD1'), { recursive: true });
    writeFileSync(join(dl, 'Album', 'CD1', 'a.flac'), 'x');
    writeFileSync(join(dl, 'Album', 'cover.jpg'), 'x');
    const multi = await planFor({
      basePath: join(dl, 'Album'),
      multiFile: true,
      files: ['CD1/a.flac', 'cover.jpg'],
    });
    expect(await removeData(ok(multi))).toMatchObject({
      data: 'deleted',
      message: expect.stringMatching(/2 files/),
    });
    expect(existsSync(join(dl, 'Album'))).toBe(false);
  });

  it('keeps a folder that holds files the torrent does not own', async () => {
    mkdirSync(join(dl, 'Album'));
    writeFileSync(join(dl, 'Album', 'a.flac'), 'x');
    writeFileSync(join(dl, 'Album', 'mine.txt'), 'x');
    await removeData(ok(await planFor({ basePath: join(dl, 'Album'), multiFile: true, files: ['a.flac'] })));
    expect(existsSync(join(dl, 'Album', 'mine.txt'))).toBe(true);
  });

  it.each([
    ['outside the download directory', { basePath: '/etc/passwd' }, /outside rTorrent's download directory/],
    ['no path at all', { basePath: '' }, /did not say where/],
    ['a path climbing out', { basePath: `${'/x'}/../etc` }, /outside/],
    [
      'a file climbing out of its folder',
      { basePath: 'DL/Album', multiFile: true, files: ['../../etc/passwd'] },
      /leads outside/,
    ],
    ['no download directory', { downloadDir: '' }, /directory.default\) is not set/],
    ['root as download directory', { downloadDir: '/' }, /directory.default\) is not set/],
    // rTorrent 0.9.8's default directory.default is "./": it then reports paths relative to its own cwd.
    ['a relative data path', { downloadDir: './', basePath: './file.bin' }, /relative path "\.\/file\.bin"/],
    [
      'a relative download directory',
      { downloadDir: 'downloads' },
      /directory.default\) is the relative path/,
    ],
    ['data that is not there', { basePath: 'DL/missing.bin', files: ['missing.bin'] }, /none of its files/],
  ])('refuses %s before anything is removed', async (_what, over, reason) => {
    const o = { ...over } as Partial<RtDataInfo>;
    if (typeof o.basePath === 'string') o.basePath = o.basePath.replace('DL', dl);
    writeFileSync(join(dl, 'file.bin'), 'x');
    expect(refusal(await planFor(o)).reason).toMatch(reason);
  });

  it('never resolves a relative path against the panel’s own working directory', async () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      writeFileSync(join(root, 'file.bin'), 'the panel’s own file');
      const r = refusal(await planFor({ downloadDir: './', basePath: './file.bin' }));
      expect(r.path).toBe('./file.bin');
      expect(existsSync(join(root, 'file.bin'))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  it('maps rTorrent’s path to where the panel sees it (rutorrent.download_dir)', async () => {
    writeFileSync(join(dl, 'file.bin'), 'x');
    const plan = ok(
      await planFor({ downloadDir: '/data/torrents', basePath: '/data/torrents/file.bin' }, dl),
    );
    expect(plan.root).toBe(join(dl, 'file.bin'));
    await removeData(plan);
    expect(existsSync(join(dl, 'file.bin'))).toBe(false);
  });

  it('says so when the panel cannot see the directory', async () => {
    const r = refusal(await planFor({ downloadDir: '/data/torrents', basePath: '/data/torrents/file.bin' }));
    expect(r.reason).toMatch(/cannot see the download directory at \/data\/torrents/);
    expect(r.path).toBe('/data/torrents/file.bin');
  });

  it('does not follow a symlinked folder out of the download directory', async () => {
    const outside = join(root, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'victim.txt'), 'x');
    symlinkSync(outside, join(dl, 'Linked'));
    const plan = ok(await planFor({ basePath: join(dl, 'Linked'), multiFile: true, files: ['victim.txt'] }));
    expect(await removeData(plan)).toMatchObject({ data: 'manual' });
    expect(existsSync(join(outside, 'victim.txt'))).toBe(true);
  });
});
