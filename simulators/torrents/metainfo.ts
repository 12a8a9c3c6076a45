import { createHash } from 'node:crypto';
import { bdecode, bencode, type BDict, type BValue } from './bencode';

export interface TorrentFileEntry {
  path: string;
  size: number;
}

/** What a client learns from a .torrent file. */
export interface TorrentMeta {
  /** SHA-1 of the bencoded `info` dictionary, 40 upper-case hex characters. */
  hash: string;
  name: string;
  size: number;
  multiFile: boolean;
  files: TorrentFileEntry[];
  pieceLength: number;
  announce: string;
  /** The file has an `announce` key, even an empty one (rtorrent 0.9.8 accepts an empty one). */
  hasAnnounce?: boolean;
}

const isDict = (v: BValue | undefined): v is BDict =>
  typeof v === 'object' && !Buffer.isBuffer(v) && !Array.isArray(v);
const str = (v: BValue | undefined): string => (Buffer.isBuffer(v) ? v.toString('utf8') : '');

/** Parses a .torrent file; undefined when it is not valid bencoding or has no usable `info`. */
export function parseTorrentFile(buf: Buffer): TorrentMeta | undefined {
  let decoded;
  try {
    decoded = bdecode(buf);
  } catch {
    return undefined;
  }
  const root = decoded.value;
  if (!isDict(root) || !isDict(root.info) || !decoded.infoRange) return undefined;
  const info = root.info;
  const name = str(info['name.utf-8'] ?? info.name);
  if (!name) return undefined;
  let files: TorrentFileEntry[];
  if (Array.isArray(info.files)) {
    files = info.files.filter(isDict).map((f) => ({
      path: Array.isArray(f.path) ? f.path.map(str).join('/') : '',
      size: typeof f.length === 'number' ? f.length : 0,
    }));
  } else if (typeof info.length === 'number') {
    files = [{ path: name, size: info.length }];
  } else {
    return undefined;
  }
  const [start, end] = decoded.infoRange;
  return {
    hash: createHash('sha1').update(buf.subarray(start, end)).digest('hex').toUpperCase(),
    name,
    size: files.reduce((sum, f) => sum + f.size, 0),
    multiFile: Array.isArray(info.files),
    files,
    pieceLength: typeof info['piece length'] === 'number' ? info['piece length'] : 0,
    announce: str(root.announce),
    hasAnnounce: root.announce !== undefined,
  };
}

/** Builds a real single-file .torrent for `data` (piece hashes included), as mktorrent would. */
export function makeTorrentFile(options: {
  name: string;
  data: Buffer;
  /** Omitted: the file has no announce key at all (a trackerless torrent). */
  announce?: string;
  pieceLength?: number;
}): Buffer {
  const pieceLength = options.pieceLength ?? 32768;
  const pieces: Buffer[] = [];
  for (let at = 0; at < options.data.length; at += pieceLength) {
    pieces.push(
      createHash('sha1')
        .update(options.data.subarray(at, at + pieceLength))
        .digest(),
    );
  }
  return bencode({
    ...(options.announce === undefined ? {} : { announce: options.announce }),
    'created by': 'seedbox-panel simulator',
    'creation date': 1716000000,
    info: {
      length: options.data.length,
      name: options.name,
      'piece length': pieceLength,
      pieces: Buffer.concat(pieces),
    },
  });
}

export interface MagnetInfo {
  hash: string;
  name?: string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The info-hash of a magnet URI (`xt=urn:btih:` in hex or base32), upper-case hex. */
export function parseMagnet(uri: string): MagnetInfo | undefined {
  if (!uri.toLowerCase().startsWith('magnet:?')) return undefined;
  const params = new URLSearchParams(uri.slice('magnet:?'.length));
  const xt = params.getAll('xt').find((v) => v.toLowerCase().startsWith('urn:btih:'));
  if (!xt) return undefined;
  const id = xt.slice('urn:btih:'.length);
  let hash: string | undefined;
  if (/^[0-9a-f]{40}$/i.test(id)) hash = id.toUpperCase();
  else if (/^[a-z2-7]{32}$/i.test(id)) hash = base32ToHex(id.toUpperCase());
  if (!hash) return undefined;
  return { hash, name: params.get('dn') ?? undefined };
}

function base32ToHex(input: string): string {
  let bits = '';
  for (const ch of input) bits += BASE32.indexOf(ch).toString(2).padStart(5, '0');
  let hex = '';
  for (let i = 0; i + 4 <= bits.length; i += 4) hex += parseInt(bits.slice(i, i + 4), 2).toString(16);
  return hex.toUpperCase();
}

/** A stable info-hash stand-in for a torrent added by http(s) URL (the simulator fetches nothing). */
export function hashOfUrl(url: string): string {
  return createHash('sha1').update(url).digest('hex').toUpperCase();
}

/** A display name from a URL's last path segment, without `.torrent`. */
export function nameFromUrl(url: string): string {
  try {
    const last = decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? '');
    return last.replace(/\.torrent$/i, '') || new URL(url).hostname;
  } catch {
    return url;
  }
}
