import { rateScale } from './utorrent.list';
import type { UtorrentState, UtTorrent } from './utorrent.state';
import { isTransferring } from './utorrent.status';

const CLIENTS = [
  'µTorrent 3.5.5',
  'qBittorrent 4.5.2',
  'Transmission 3.00',
  'libTorrent 0.13.8',
  'Deluge 2.0.3',
];
/** Documentation networks (RFC 5737, RFC 3849): made-up peers never point at a real host. */
const NETWORKS = ['192.0.2', '198.51.100', '203.0.113'];

/** A stable byte of the torrent's hash for peer `index`, so the same torrent always has the same peers. */
function byte(t: UtTorrent, index: number, at: number): number {
  const i = (index * 2 + at) % 39;
  return parseInt(t.hash.slice(i, i + 2), 16) || 0;
}

/**
 * The 22-column `getpeers` rows of one torrent (uTorrent 3.x): country, ip, reverse DNS, uTP, port,
 * client, flags, progress ‰, down and up B/s, requests out/in, waited, uploaded, downloaded, hash
 * errors, peer download rate, max up/down, queued, inactive, relevance. Peers are connected only while
 * bytes move, as many as the list's connected-peer and connected-seed columns say: the seeds first
 * (they send the download), then the leechers (they take the upload).
 */
export function peerRows(state: UtorrentState, t: UtTorrent, now: number): unknown[][] {
  if (!isTransferring(t.status)) return [];
  const seeds = t.seeds.connected;
  const leechers = t.peers.connected;
  const rates = t.transfer.ratesAt(now);
  const scale = rateScale(state, now);
  const down = seeds > 0 ? Math.floor((rates.down * scale.down) / seeds) : 0;
  const up = leechers > 0 ? Math.floor((rates.up * scale.up) / leechers) : 0;
  return Array.from({ length: seeds + leechers }, (_p, index) => {
    const seed = index < seeds;
    const v6 = index % 7 === 6;
    const ip = v6
      ? `2001:db8::${byte(t, index, 0).toString(16)}`
      : `${NETWORKS[index % NETWORKS.length]}.${1 + (byte(t, index, 0) % 254)}`;
    const got = t.transfer.uploadedAt(now);
    return [
      v6 ? '' : 'US',
      ip,
      '',
      index % 3 === 0 ? 1 : 0,
      6881 + (byte(t, index, 1) % 100),
      CLIENTS[byte(t, index, 2) % CLIENTS.length],
      seed ? 'D' : 'U',
      seed ? 1000 : byte(t, index, 3) * 3,
      seed ? down : 0,
      seed ? 0 : up,
      seed ? 4 : 0,
      seed ? 0 : 2,
      0,
      seed ? 0 : Math.floor(got / Math.max(1, leechers)),
      0,
      0,
      0,
      0,
      0,
      0,
      byte(t, index, 4) % 30,
      50,
    ];
  });
}
