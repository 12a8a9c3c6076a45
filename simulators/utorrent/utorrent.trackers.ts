import { bdecode, type BValue, type TorrentMeta } from '../torrents';

/**
 * getprops' `trackers` text as uTorrent writes it: one announce URL a line (CRLF), a blank line
 * between tiers, and a line end after the last one; "" for a torrent without trackers.
 */
export function trackerText(tiers: string[][]): string {
  return tiers
    .filter((tier) => tier.length > 0)
    .map((tier) => tier.map((url) => `${url}\r\n`).join(''))
    .join('\r\n');
}

/** The tiers of an uploaded .torrent: `announce-list` when it has one, else `announce`, else none. */
export function announceTiers(file: Buffer, meta: TorrentMeta): string[][] {
  const text = (v: BValue) => (Buffer.isBuffer(v) ? v.toString('utf8') : '');
  try {
    const list = (bdecode(file).value as { 'announce-list'?: BValue })['announce-list'];
    if (Array.isArray(list) && list.length > 0)
      return list.map((tier) => (Array.isArray(tier) ? tier.map(text).filter(Boolean) : []));
  } catch {
    // parseTorrentFile already read it
  }
  return meta.announce ? [[meta.announce]] : [];
}

/** A magnet's trackers: each `tr=` is a tier of its own. */
export function magnetTiers(uri: string): string[][] {
  return new URLSearchParams(uri.slice(uri.indexOf('?') + 1)).getAll('tr').map((url) => [url]);
}
