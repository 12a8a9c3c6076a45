import { type TorrentDto } from '../../../client/src/app/api';

/** A torrent with every field set; `overrides` give the ones a test is about. */
export function torrent(overrides: Partial<TorrentDto> & Pick<TorrentDto, 'hash'>): TorrentDto {
  return {
    added: '2026-01-01T00:00:00Z',
    client: 'utorrent',
    down_rate: 0,
    eta: 0,
    label: '',
    name: overrides.hash,
    progress: 1,
    ratio: 1,
    size: 100,
    state: 'seeding',
    up_rate: 0,
    ...overrides,
  };
}

/** An upper-case 40-hex info-hash ending in `n`. */
export const hash = (n: number): string => n.toString(16).toUpperCase().padStart(40, '0');
