import { existsSync, readFileSync, statSync } from 'node:fs';
import {
  bdecode,
  hashOfUrl,
  nameFromUrl,
  parseMagnet,
  parseTorrentFile,
  type BValue,
  type TorrentMeta,
} from '../torrents';
import { D_COMMANDS, type Ctx } from './rtorrent.commands';
import { I4, RpcFault, type RpcValue } from './xmlrpc';

/**
 * The trackers rtorrent takes from a .torrent: `announce-list` flattened tier by tier when present
 * (BEP 12: it then ignores `announce`), else `announce`.
 */
function trackersOf(file: Buffer, meta: TorrentMeta): string[] {
  const text = (v: BValue) => (Buffer.isBuffer(v) ? v.toString('utf8') : '');
  try {
    const root = bdecode(file).value as { 'announce-list'?: BValue };
    const tiers = root['announce-list'];
    if (Array.isArray(tiers) && tiers.length) {
      return tiers.flatMap((tier) => (Array.isArray(tier) ? tier.map(text) : [])).filter(Boolean);
    }
  } catch {
    // parseTorrentFile already accepted it
  }
  return meta.announce ? [meta.announce] : [];
}

function fromUri(uri: string): { meta?: TorrentMeta; tied: string; trackers?: string[] } {
  const magnet = parseMagnet(uri);
  const pseudo = (hash: string, name: string): TorrentMeta => {
    // The simulator fetches nothing: size is made up from the hash, stably.
    const size = (parseInt(hash.slice(0, 8), 16) % 8192) * 1048576 + 104857600;
    return {
      hash,
      name,
      size,
      multiFile: false,
      files: [{ path: name, size }],
      pieceLength: 0,
      announce: '',
    };
  };
  if (magnet) {
    const meta = pseudo(magnet.hash, magnet.name ?? `${magnet.hash}.meta`);
    return { meta, tied: '', trackers: new URLSearchParams(uri.slice('magnet:?'.length)).getAll('tr') };
  }
  if (/^https?:\/\//i.test(uri)) return { meta: pseudo(hashOfUrl(uri), nameFromUrl(uri)), tied: '' };
  // A path is read on "the rtorrent host": here, this machine.
  if (!existsSync(uri)) return { tied: '' };
  const file = readFileSync(uri);
  const meta = parseTorrentFile(file);
  // rtorrent 0.9.8 with DHT off refuses a torrent with no `announce` key ("Could not find any trackers");
  // an empty announce is accepted.
  if (!meta?.hasAnnounce) return { tied: uri };
  return { meta, tied: uri, trackers: trackersOf(file, meta) };
}

/** Bytes of the torrent's data already on disk at its path, checked by size like a fast resume. */
function bytesOnDisk(directory: string, meta: TorrentMeta): number {
  let found = 0;
  for (const f of meta.files) {
    const path = meta.multiFile ? `${directory}/${f.path}` : `${directory}/${meta.name}`;
    try {
      if (statSync(path).size === f.size) found += f.size;
    } catch {
      // missing: still to download
    }
  }
  return found;
}

/**
 * load.start / load.normal / load.raw_start / load.raw: both forms answer `<i4>0</i4>` at once, even
 * when the torrent is rejected; the error only reaches rtorrent's log.
 */
export const loader =
  (raw: boolean, start: boolean) =>
  (ctx: Ctx, params: RpcValue[]): RpcValue => {
    if (params[0] !== '') throw new RpcFault(-503, 'Wrong object type.');
    const source = params[1];
    let meta: TorrentMeta | undefined;
    let tied = '';
    let trackers: string[] | undefined;
    if (raw && Buffer.isBuffer(source)) {
      meta = parseTorrentFile(source);
      if (meta) trackers = trackersOf(source, meta);
    } else if (!raw && typeof source === 'string') ({ meta, tied, trackers } = fromUri(source));
    if (raw && meta && !meta.hasAnnounce) meta = undefined;
    if (!meta || ctx.state.torrents.has(meta.hash)) return new I4(0);

    const t = ctx.state.loaded(meta, 0, tied);
    if (trackers) t.trackers = trackers;
    for (const command of params.slice(2)) {
      if (typeof command !== 'string') continue;
      const eq = command.indexOf('=');
      const run = D_COMMANDS[eq < 0 ? command : command.slice(0, eq)];
      const args = eq < 0 || eq === command.length - 1 ? [] : command.slice(eq + 1).split(',');
      try {
        run?.(ctx, t, args);
      } catch {
        // a failing on-load command is logged by rtorrent, not answered
      }
    }
    const onDisk = bytesOnDisk(t.directory, meta);
    t.transfer.done = onDisk;
    t.sessionBase.done = onDisk;
    if (onDisk >= meta.size) t.finishedAt = Math.floor(ctx.now / 1000);
    ctx.state.add(t);
    if (start && ctx.state.startDelayMs > 0) {
      // The item is there at once, started on a later tick of rTorrent's main loop.
      setTimeout(() => {
        if (ctx.state.torrents.get(t.hash) === t)
          D_COMMANDS['d.start']({ ...ctx, now: ctx.state.now() }, t, []);
      }, ctx.state.startDelayMs).unref();
    } else if (start) D_COMMANDS['d.start'](ctx, t, []);
    return new I4(0);
  };
