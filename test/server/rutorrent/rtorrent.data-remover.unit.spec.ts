import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planDataRemoval, removeData } from '../../../server/rutorrent/rtorrent.data-remover';

describe('deleting a torrent’s data only inside the download directory', () => {
  let root: string;
  let dl: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'rt-remover-'));
    dl = join(root, 'downloads');
    mkdirSync(dl);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const info = (over: Partial<Parameters<typeof planDataRemoval>[0]> = {}) => ({
    downloadDir: dl,
    basePath: join(dl, 'file.bin'),
    multiFile: false,
    files: ['file.bin'],
    ...over,
  });

  it('deletes a single file and a multi-file folder, leaving other content', async () => {
    writeFileSync(join(dl, 'file.bin'), 'x');
    writeFileSync(join(dl, 'neighbour.bin'), 'x');
    const plan = await planDataRemoval(info());
    expect(plan.ok).toBe(true);
    expect(await removeData(plan as never)).toMatchObject({ data: 'deleted' });
    expect(existsSync(join(dl, 'file.bin'))).toBe(false);
    expect(existsSync(join(dl, 'neighbour.bin'))).toBe(true);

    mkdirSync(join(dl, 'Album', 'CD1'), { recursive: true });
    writeFileSync(join(dl, 'Album', 'CD1', 'a.flac'), 'x');
    writeFileSync(join(dl, 'Album', 'cover.jpg'), 'x');
    const multi = await planDataRemoval(
      info({ basePath: join(dl, 'Album'), multiFile: true, files: ['CD1/a.flac', 'cover.jpg'] }),
    );
    expect(await removeData(multi as never)).toMatchObject({
      data: 'deleted',
      message: expect.stringMatching(/2 files/),
    });
    expect(existsSync(join(dl, 'Album'))).toBe(false);
  });

  it('keeps a folder that holds files the torrent does not own', async () => {
    mkdirSync(join(dl, 'Album'));
    writeFileSync(join(dl, 'Album', 'a.flac'), 'x');
    writeFileSync(join(dl, 'Album', 'mine.txt'), 'x');
    const plan = await planDataRemoval(
      info({ basePath: join(dl, 'Album'), multiFile: true, files: ['a.flac'] }),
    );
    await removeData(plan as never);
    expect(existsSync(join(dl, 'Album', 'mine.txt'))).toBe(true);
  });

  it.each([
    ['outside the download directory', { basePath: '/etc/passwd' }, /outside rTorrent's download directory/],
    ['the download directory itself', { basePath: '' }, /did not say where/],
    ['a path climbing out', { basePath: `${'/x'}/../etc` }, /outside/],
    [
      'a file climbing out of its folder',
      { basePath: 'DL/Album', multiFile: true, files: ['../../etc/passwd'] },
      /leads outside/,
    ],
    ['no download directory', { downloadDir: '' }, /directory.default/],
    ['root as download directory', { downloadDir: '/' }, /directory.default/],
  ])('leaves %s to be removed by hand', async (_what, over, message) => {
    const o = { ...over } as Record<string, unknown>;
    if (typeof o.basePath === 'string') o.basePath = o.basePath.replace('DL', dl);
    const plan = await planDataRemoval(info(o));
    expect(plan.ok).toBe(false);
    if (!plan.ok) {
      expect(plan.outcome.data).toBe('manual');
      expect(plan.outcome.message).toMatch(message);
      expect(plan.outcome.message).toMatch(/by hand/);
    }
  });

  it('maps rTorrent’s path to where the panel sees it (rutorrent.download_dir)', async () => {
    writeFileSync(join(dl, 'file.bin'), 'x');
    const plan = await planDataRemoval(
      info({ downloadDir: '/data/torrents', basePath: '/data/torrents/file.bin' }),
      dl,
    );
    expect(plan).toMatchObject({ ok: true, root: join(dl, 'file.bin') });
    await removeData(plan as never);
    expect(existsSync(join(dl, 'file.bin'))).toBe(false);
  });

  it('says so when the panel cannot see the directory', async () => {
    const plan = await planDataRemoval(
      info({ downloadDir: '/data/torrents', basePath: '/data/torrents/file.bin' }),
    );
    expect(plan.ok).toBe(false);
    if (!plan.ok)
      expect(plan.outcome.message).toMatch(/cannot see the download directory at \/data\/torrents/);
  });

  it('does not follow a symlinked folder out of the download directory', async () => {
    const outside = join(root, 'outside');
    mkdirSync(outside);
    writeFileSync(join(outside, 'victim.txt'), 'x');
    symlinkSync(outside, join(dl, 'Linked'));
    const plan = await planDataRemoval(
      info({ basePath: join(dl, 'Linked'), multiFile: true, files: ['victim.txt'] }),
    );
    expect(await removeData(plan as never)).toMatchObject({ data: 'manual' });
    expect(existsSync(join(outside, 'victim.txt'))).toBe(true);
  });

  it('reports nothing found as manual (a wrong mount is likelier than no data)', async () => {
    const plan = await planDataRemoval(info());
    expect(await removeData(plan as never)).toMatchObject({
      data: 'manual',
      message: expect.stringMatching(/none of its files/),
    });
  });
});
