import { torrentsSharingData } from '../../../server/torrents/shared-data';
import type { DataLocation } from '../../../server/torrents/torrent.types';

const at = (hash: string, path: string): DataLocation => ({
  hash,
  name: `name-${hash}`,
  path,
  refusal: null,
});

describe('torrentsSharingData', () => {
  const album = at('A', '/downloads/Album');
  it.each([
    ['the same folder under another hash', at('B', '/downloads/Album'), true],
    ['the same folder with a trailing slash', at('B', '/downloads/Album/'), true],
    ['one file inside the folder', at('B', '/downloads/Album/CD1/01.flac'), true],
    ['the folder holding it', at('B', '/downloads'), true],
    ['a neighbour with a longer name', at('B', '/downloads/Album (Deluxe)'), false],
    ['a neighbour sharing a prefix', at('B', '/downloads/Albums'), false],
    ['a torrent whose client does not say', at('B', ''), false],
  ])('%s: %s', (_what, other, shared) => {
    expect(torrentsSharingData(album, [album, other])).toEqual(shared ? [{ hash: 'B', name: 'name-B' }] : []);
  });

  it('compares Windows paths without case and with either separator', () => {
    const file = at('A', 'D:\\Downloads\\Movie.mkv');
    expect(torrentsSharingData(file, [file, at('B', 'd:/downloads/movie.mkv')])).toHaveLength(1);
    expect(torrentsSharingData(file, [file, at('C', 'D:\\Downloads\\Movie.mkv.part')])).toHaveLength(0);
  });

  it('never matches when the target has no path, and never the target itself', () => {
    expect(torrentsSharingData(at('A', ''), [at('A', ''), at('B', '/x')])).toEqual([]);
    expect(torrentsSharingData(album, [album])).toEqual([]);
  });
});
