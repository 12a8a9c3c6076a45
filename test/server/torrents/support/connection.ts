import type { TorrentClientConnection } from '../../../../server/torrents/torrent-client.interface';

/** The sentences the seed's uTorrent and rTorrent sections give (see torrent-client-connections.ts). */
const SEED: Record<'uTorrent' | 'rTorrent', Pick<TorrentClientConnection, 'credentialHint' | 'setupHint'>> = {
  uTorrent: {
    credentialHint: 'UTORRENT_USERNAME and UTORRENT_PASSWORD, or the username and password in its Settings',
    setupHint:
      'set UTORRENT_URL, UTORRENT_USERNAME and UTORRENT_PASSWORD, or its URL, username and password in Settings.',
  },
  rTorrent: {
    credentialHint: 'RUTORRENT_USERNAME and RUTORRENT_PASSWORD, or the username and password in its Settings',
    setupHint:
      'set RUTORRENT_URL (and RUTORRENT_USERNAME and RUTORRENT_PASSWORD when its web server asks for them), or its URL in Settings.',
  },
};

/**
 * A client connection as the registry resolves the seed's `utorrent`/`rutorrent` section: `service`
 * picks the hints ('uTorrent' unless given). Tests that change settings mutate the returned object
 * behind the getter they pass to the client.
 */
export function testConnection(
  overrides: Partial<TorrentClientConnection> & { url: string },
): TorrentClientConnection {
  const service = overrides.service ?? 'uTorrent';
  const hints = SEED[service as keyof typeof SEED] ?? SEED.uTorrent;
  return {
    id: service.toLowerCase() === 'rtorrent' ? 'rutorrent' : service.toLowerCase(),
    service,
    username: '',
    password: '',
    ...hints,
    ...overrides,
  };
}
