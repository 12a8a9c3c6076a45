import { type MergedClientStateDto } from '../../../client/src/app/api';
import { type TorrentRow } from '../../../client/src/app/features/torrents/torrent-query';

/** The client instance the fixtures belong to unless a test says otherwise. */
export const SEEDBOX = { id: 'seedbox-ut', name: 'Seedbox uTorrent', kind: 'utorrent' } as const;

/** A row of the merged list with every field set; `overrides` give the ones a test is about. */
export function torrent(overrides: Partial<TorrentRow> & Pick<TorrentRow, 'hash'>): TorrentRow {
  return {
    added: '2026-01-01T00:00:00Z',
    client: SEEDBOX.kind,
    client_id: SEEDBOX.id,
    client_name: SEEDBOX.name,
    down_rate: 0,
    eta: 0,
    label: '',
    name: overrides.hash,
    progress: 1,
    ratio: 1,
    size: 100,
    stale: false,
    state: 'seeding',
    tracker: '',
    up_rate: 0,
    ...overrides,
  };
}

/** One client instance's entry of a merged page or `clients` event: connected, at `revision`. */
export function clientState(
  overrides: Partial<MergedClientStateDto> & Pick<MergedClientStateDto, 'revision'>,
): MergedClientStateDto {
  return {
    connected: true,
    error: null,
    id: SEEDBOX.id,
    kind: SEEDBOX.kind,
    name: SEEDBOX.name,
    stale: false,
    total: 0,
    updated_at: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

/** An upper-case 40-hex info-hash ending in `n`. */
export const hash = (n: number): string => n.toString(16).toUpperCase().padStart(40, '0');
