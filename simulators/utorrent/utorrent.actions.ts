import { hashOfUrl, nameFromUrl, parseMagnet } from '../torrents';
import { peerRows } from './utorrent.peers';
import { applySetting, settingsRows } from './utorrent.settings';
import { magnetTiers, trackerText } from './utorrent.trackers';
import type { UtorrentState, UtTorrent } from './utorrent.state';
import { Bit } from './utorrent.status';

/** Extra members of the answer besides `build` (e.g. `{ props: [...] }`), or undefined for none. */
export type ActionResult = Record<string, unknown> | undefined;
type Action = (
  state: UtorrentState,
  hashes: UtTorrent[],
  query: URLSearchParams,
  emptyLists: boolean,
) => ActionResult;

const setBits =
  (set: number, clear: number): Action =>
  (state, hashes) => {
    for (const t of hashes) state.setStatus(t, (t.status & ~clear) | set);
    return undefined;
  };

const remove =
  (withData: boolean): Action =>
  (state, hashes) => {
    for (const t of hashes) {
      state.remove(t.hash);
      if (withData) state.deletedData.push(t.hash);
    }
    return undefined;
  };

/** Moves within the queue positions (incomplete, queue-managed torrents), as `list=1` shows them. */
const moveInQueue =
  (where: (index: number, length: number) => number): Action =>
  (state, hashes) => {
    for (const t of hashes) {
      const ranked = [...state.queuePositions().keys()];
      const at = ranked.indexOf(t.hash);
      if (at < 0) continue;
      ranked.splice(at, 1);
      const to = Math.max(0, Math.min(ranked.length, where(at, ranked.length)));
      state.queue.splice(state.queue.indexOf(t.hash), 1);
      const anchor = to < ranked.length ? state.queue.indexOf(ranked[to]) : state.queue.length;
      state.queue.splice(anchor, 0, t.hash);
    }
    return undefined;
  };

/** `setprops`: `hash=H&s=NAME&v=VALUE` pairs, each applying to the hash before it. */
const setprops: Action = (state, _hashes, query) => {
  let current: UtTorrent | undefined;
  let name: string | undefined;
  for (const [key, value] of query) {
    if (key === 'hash') current = state.get(value);
    else if (key === 's') name = value;
    else if (key === 'v' && current && name) setProp(current, name, value);
  }
  return undefined;
};

function setProp(t: UtTorrent, name: string, value: string): void {
  const n = Number.parseInt(value, 10) || 0;
  const numeric: Record<string, keyof UtTorrent['props']> = {
    seed_ratio: 'seedRatio',
    seed_time: 'seedTime',
    ulrate: 'ulrate',
    dlrate: 'dlrate',
    superseed: 'superseed',
    dht: 'dht',
    pex: 'pex',
    seed_override: 'seedOverride',
    ulslots: 'ulslots',
  };
  if (name === 'label') t.label = value;
  else if (name === 'trackers') t.props.trackers = value;
  else if (numeric[name]) (t.props as unknown as Record<string, number>)[numeric[name]] = n;
}

const getprops: Action = (_state, hashes) => ({
  props: hashes.map((t) => ({
    hash: t.hash,
    trackers: t.props.trackers,
    ulrate: t.props.ulrate,
    dlrate: t.props.dlrate,
    superseed: t.props.superseed,
    dht: t.props.dht,
    pex: t.props.pex,
    seed_override: t.props.seedOverride,
    seed_ratio: t.props.seedRatio,
    seed_time: t.props.seedTime,
    ulslots: t.props.ulslots,
  })),
});

/** `getfiles` rows: name, size, downloaded, priority, then uTorrent 3.x's piece/stream columns. */
const getfiles: Action = (state, hashes, _query, empty) => {
  const now = state.now();
  const files: unknown[] = [];
  for (const t of hashes) {
    let left = t.transfer.doneAt(now);
    const rows = empty
      ? []
      : t.files.map((f) => {
          const got = Math.min(left, f.size);
          left -= got;
          return [
            f.path
              .split('/')
              .slice(t.files.length > 1 ? 1 : 0)
              .join('\\'),
            f.size,
            got,
            f.priority,
            0,
            Math.ceil(f.size / 262144),
            false,
            0,
            0,
            0,
            0,
            -1,
            0,
          ];
        });
    files.push(t.hash, rows);
  }
  return { files };
};

/** `getpeers`: `[hash, rows]` per known hash, as getfiles; no peers while the torrent moves no bytes. */
const getpeers: Action = (state, hashes, _query, empty) => {
  const now = state.now();
  return { peers: hashes.flatMap((t) => [t.hash, empty ? [] : peerRows(state, t, now)]) };
};

/** `setprio&hash=H&p=0..3&f=INDEX[&f=…]`: file priority (0 = skip, 2 = normal). */
const setprio: Action = (_state, hashes, query) => {
  const p = Number.parseInt(query.get('p') ?? '', 10);
  if (!(p >= 0 && p <= 3)) return undefined;
  for (const t of hashes)
    for (const f of query.getAll('f')) if (t.files[Number(f)]) t.files[Number(f)].priority = p;
  return undefined;
};

/** `add-url&s=URL|magnet`; a `:COOKIE:` suffix carries a cookie for the fetch. Errors reach only the log. */
const addUrl: Action = (state, _hashes, query) => {
  const url = (query.get('s') ?? '').split(':COOKIE:')[0];
  const magnet = parseMagnet(url);
  if (!magnet && !/^https?:\/\//i.test(url)) return undefined;
  const hash = magnet?.hash ?? hashOfUrl(url);
  if (state.torrents.has(hash)) return undefined;
  const size = (parseInt(hash.slice(0, 8), 16) % (8 * 1024)) * 1024 * 1024 + 100 * 1024 * 1024;
  const t = state.added({
    hash,
    name: magnet ? (magnet.name ?? hash) : nameFromUrl(url),
    size,
    url: magnet ? '' : url,
  });
  // A magnet's trackers are its tr= parameters (none: uTorrent finds peers by DHT alone).
  if (magnet) t.props.trackers = trackerText(magnetTiers(url));
  const path = query.get('path');
  if (path) t.savePath = `${state.options.downloadDir}\\${path}\\${t.name}`;
  state.add(t);
  return undefined;
};

const setsetting: Action = (state, _hashes, query) => {
  const names = query.getAll('s');
  const values = query.getAll('v');
  names.forEach((name, i) => applySetting(state.settings, name, values[i] ?? ''));
  return undefined;
};

const getxferhist: Action = (state) => {
  const days = Array.from({ length: 31 }, (_, i) => (i === 0 ? 0 : 1 + ((i * 2654435761) % 7919)) * 1048576);
  return {
    transfer_history: {
      daily_download: days,
      daily_upload: days.map((d) => Math.floor(d * 1.7)),
      daily_local_download: days.map(() => 0),
      daily_local_upload: days.map(() => 0),
      start_time: Math.floor(state.now() / 1000) - 31 * 86400,
    },
  };
};

const running = Bit.STARTED | Bit.PAUSED | Bit.QUEUED | Bit.CHECKING | Bit.START_AFTER_CHECK;

/** Every `action=` the simulator knows; another name is answered with 400 `invalid request`. */
export const ACTIONS: Record<string, Action> = {
  start: setBits(Bit.STARTED | Bit.QUEUED, Bit.PAUSED),
  forcestart: setBits(Bit.STARTED, Bit.QUEUED | Bit.PAUSED),
  stop: setBits(0, running),
  pause: (state, hashes) => {
    for (const t of hashes)
      if (t.status & (Bit.STARTED | Bit.CHECKING)) state.setStatus(t, t.status | Bit.PAUSED);
    return undefined;
  },
  unpause: setBits(0, Bit.PAUSED),
  recheck: (state, hashes) => {
    for (const t of hashes) state.startCheck(t);
    return undefined;
  },
  remove: remove(false),
  removetorrent: remove(false),
  removedata: remove(true),
  removedatatorrent: remove(true),
  queueup: moveInQueue((at) => at - 1),
  queuedown: moveInQueue((at) => at + 1),
  queuetop: moveInQueue(() => 0),
  queuebottom: moveInQueue((_at, length) => length),
  setprops,
  getprops,
  getfiles,
  getpeers,
  setprio,
  'add-url': addUrl,
  getsettings: (state, _h, _q, empty) => ({ settings: empty ? [] : settingsRows(state.settings) }),
  setsetting,
  getxferhist,
};
