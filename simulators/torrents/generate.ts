import { SeededRandom } from '../core/random';

export const TORRENT_KINDS = [
  'downloading',
  'seeding',
  'paused',
  'stopped',
  'queued',
  'checking',
  'error',
  'finished',
] as const;
export type TorrentKind = (typeof TORRENT_KINDS)[number];

/** A client-neutral torrent; each simulator maps `kind` onto its own state model. */
export interface TorrentSeed {
  hash: string;
  name: string;
  kind: TorrentKind;
  /** uTorrent "[F]": started outside the queue. */
  forced: boolean;
  label: string;
  size: number;
  files: { path: string; size: number }[];
  done: number;
  uploaded: number;
  /** Nominal rates while active, bytes/s. */
  downRate: number;
  upRate: number;
  /** Epoch seconds. */
  addedAt: number;
  completedAt: number;
  createdAt: number;
  peers: { connected: number; swarm: number };
  seeds: { connected: number; swarm: number };
  /** A rate-wobble phase, so torrents do not all move in step. */
  phase: number;
}

export const DEFAULT_LABELS = ['Movies', 'TV', 'Music', 'Linux', ''];

const WEIGHTS: [TorrentKind, number][] = [
  ['seeding', 40],
  ['downloading', 15],
  ['paused', 10],
  ['stopped', 8],
  ['finished', 10],
  ['queued', 8],
  ['checking', 3],
  ['error', 6],
];
const TITLES = ['Blue.Harbor', 'The.Long.Night', 'Iron.Valley', 'Quiet.Signal', 'Paper.Moons', 'Night.Train'];
const SHOWS = ['Station.Eleven', 'Dark.Waters', 'The.Office.Hours', 'Northern.Lights', 'Cold.Case.Files'];
const ALBUMS = ['Aurora - Echoes', 'The Rivers - Live 2019', 'Nova Quartet - Winter', 'Low Tide - Demos'];
const DISTROS = [
  'debian-12.5.0-amd64-netinst.iso',
  'ubuntu-24.04-live-server-amd64.iso',
  'Fedora-41-x86_64.iso',
];
const GIB = 1024 ** 3;

function pickKind(rng: SeededRandom, index: number): TorrentKind {
  // The first eight cover every kind, so even a tiny world shows every state.
  if (index < TORRENT_KINDS.length) return TORRENT_KINDS[index];
  let roll = rng.int(1, 100);
  for (const [kind, weight] of WEIGHTS) if ((roll -= weight) <= 0) return kind;
  return 'seeding';
}

function nameFor(rng: SeededRandom, label: string, index: number): string {
  const n = index + 1;
  switch (label) {
    case 'TV':
      return `${rng.pick(SHOWS)}.S0${rng.int(1, 9)}E${String(rng.int(1, 24)).padStart(2, '0')}.1080p.WEB-DL.x264-${n}`;
    case 'Music':
      return `${rng.pick(ALBUMS)} (${2000 + rng.int(0, 24)}) [FLAC] #${n}`;
    case 'Linux':
      return rng.pick(DISTROS).replace('.iso', `-${n}.iso`);
    default:
      return `${rng.pick(TITLES)}.${1980 + rng.int(0, 44)}.${rng.pick(['720p', '1080p', '2160p'])}.BluRay.x265-${n}`;
  }
}

/** The deterministic torrent world of `count` torrents for `seed`, relative to `now` (epoch ms). */
export function generateTorrents(options: {
  seed: number;
  count: number;
  labels?: string[];
  now: number;
}): TorrentSeed[] {
  const rng = new SeededRandom(options.seed);
  const labels = options.labels ?? DEFAULT_LABELS;
  const nowS = Math.floor(options.now / 1000);
  const out: TorrentSeed[] = new Array<TorrentSeed>(options.count);
  for (let i = 0; i < options.count; i++) {
    const kind = pickKind(rng, i);
    const label = labels.length ? rng.pick(labels) : '';
    const name = nameFor(rng, label, i);
    const size = Math.floor(Math.exp(rng.next() * Math.log((60 * GIB) / (50 * 2 ** 20))) * 50 * 2 ** 20);
    const complete = kind === 'seeding' || kind === 'finished' || (kind === 'error' && rng.chance(0.3));
    const done = complete ? size : Math.floor(size * rng.next() * 0.95);
    const addedAt = nowS - rng.int(600, 90 * 86400);
    const multi = label === 'TV' || label === 'Music' ? rng.chance(0.5) : false;
    const seedsSwarm = rng.int(0, 400);
    const peersSwarm = rng.int(0, 200);
    out[i] = {
      hash: rng.hex(40).toUpperCase(),
      name,
      kind,
      forced: (kind === 'downloading' || kind === 'seeding') && rng.chance(0.05),
      label,
      size,
      files: multi
        ? [
            { path: `${name}/${name}.mkv`, size: size - 4096 },
            { path: `${name}/info.nfo`, size: 4096 },
          ]
        : [{ path: name, size }],
      done,
      uploaded: Math.floor(done * rng.next() * (complete ? 3 : 0.5)),
      downRate: kind === 'error' ? 0 : rng.int(50, 8000) * 1024,
      upRate: kind === 'error' ? 0 : rng.int(0, 2000) * 1024,
      addedAt,
      completedAt: complete ? rng.int(addedAt, nowS) : 0,
      createdAt: addedAt - rng.int(0, 30 * 86400),
      peers: { connected: Math.min(peersSwarm, rng.int(0, 30)), swarm: peersSwarm },
      seeds: { connected: Math.min(seedsSwarm, rng.int(0, 30)), swarm: seedsSwarm },
      phase: rng.int(0, 1_000_000),
    };
  }
  return out;
}
