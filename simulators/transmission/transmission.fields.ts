import type { TransmissionState, TrTorrent } from './transmission.state';
import { TrStatus } from './transmission.state';

type Field = (t: TrTorrent, now: number, state: TransmissionState) => unknown;

/** TR_ETA_NOT_AVAIL and TR_ETA_UNKNOWN; TR_RATIO_NA and TR_RATIO_INF. */
const ETA_NOT_AVAIL = -1;
const ETA_UNKNOWN = -2;
const RATIO_NA = -1;
const RATIO_INF = -2;

const size = (t: TrTorrent) => (t.hasMetadata ? t.transfer.size : 0);
const have = (t: TrTorrent, now: number) => (t.hasMetadata ? t.transfer.doneAt(now) : 0);
// The simulator downloads everything it has (a real daemon counts data found on disk as "have" only).
const downloaded = have;

function rates(t: TrTorrent, now: number, state: TransmissionState): { down: number; up: number } {
  const s = state.status(t, now);
  if (s !== TrStatus.DOWNLOAD && s !== TrStatus.SEED) return { down: 0, up: 0 };
  return t.transfer.ratesAt(now);
}

function ratio(t: TrTorrent, now: number): number {
  const up = t.transfer.uploadedAt(now);
  // tr_getRatio(uploadedEver, downloadedEver || haveValid)
  const base = downloaded(t, now) || have(t, now);
  if (base > 0) return Math.round((up / base) * 10000) / 10000;
  return up > 0 ? RATIO_INF : RATIO_NA;
}

function eta(t: TrTorrent, now: number, state: TransmissionState): number {
  const s = state.status(t, now);
  if (s !== TrStatus.DOWNLOAD || !t.hasMetadata) return s === TrStatus.DOWNLOAD ? ETA_UNKNOWN : ETA_NOT_AVAIL;
  const left = size(t) - have(t, now);
  if (left <= 0) return ETA_NOT_AVAIL;
  const down = rates(t, now, state).down;
  return down > 0 ? Math.ceil(left / down) : ETA_UNKNOWN;
}

function fileStats(t: TrTorrent, now: number) {
  let left = have(t, now);
  return t.files.map((f) => {
    const got = Math.min(left, f.length);
    left -= got;
    return { bytesCompleted: got, priority: f.priority, wanted: f.wanted };
  });
}

function trackerStats(t: TrTorrent, now: number, state: TransmissionState) {
  const running = state.status(t, now) !== TrStatus.STOPPED;
  const nowS = Math.floor(now / 1000);
  return t.trackers.map((announce, id) => {
    const url = new URL(announce);
    const announced = running || t.addedDate < nowS - 60;
    return {
      announce,
      announceState: running ? 1 : 0,
      downloadCount: announced ? t.seeds.swarm * 3 : -1,
      hasAnnounced: announced,
      hasScraped: announced,
      host: `${url.protocol}//${url.host}`,
      id,
      isBackup: false,
      lastAnnouncePeerCount: announced ? Math.min(50, t.leechers.swarm + t.seeds.swarm) : 0,
      lastAnnounceResult: announced ? 'Success' : '',
      lastAnnounceStartTime: announced ? nowS - 120 : 0,
      lastAnnounceSucceeded: announced,
      lastAnnounceTime: announced ? nowS - 119 : 0,
      lastAnnounceTimedOut: false,
      lastScrapeResult: '',
      lastScrapeStartTime: announced ? nowS - 120 : 0,
      lastScrapeSucceeded: announced,
      lastScrapeTime: announced ? nowS - 119 : 0,
      lastScrapeTimedOut: false,
      leecherCount: announced ? t.leechers.swarm : -1,
      nextAnnounceTime: running ? nowS + 1680 : 0,
      nextScrapeTime: running ? nowS + 1680 : 0,
      scrape: announce.replace(/\/announce$/, '/scrape'),
      scrapeState: running ? 1 : 0,
      seederCount: announced ? t.seeds.swarm : -1,
      tier: id,
    };
  });
}

/** The torrent-get fields the simulator computes; any other name answers 0, as 3.00 does. */
export const FIELDS: Record<string, Field> = {
  id: (t) => t.id,
  hashString: (t) => t.hashString,
  name: (t) => t.name,
  status: (t, now, s) => s.status(t, now),
  error: (t) => t.error,
  errorString: (t) => t.errorString,
  percentDone: (t, now) => (size(t) ? Math.floor((have(t, now) / size(t)) * 10000) / 10000 : 0),
  totalSize: size,
  sizeWhenDone: (t) => t.files.reduce((sum, f) => sum + (f.wanted ? f.length : 0), 0),
  leftUntilDone: (t, now) => Math.max(0, size(t) - have(t, now)),
  haveValid: have,
  downloadedEver: downloaded,
  uploadedEver: (t, now) => t.transfer.uploadedAt(now),
  rateDownload: (t, now, s) => rates(t, now, s).down,
  rateUpload: (t, now, s) => rates(t, now, s).up,
  uploadRatio: ratio,
  eta,
  addedDate: (t) => t.addedDate,
  doneDate: (t) => t.doneDate,
  activityDate: (t, now, s) =>
    rates(t, now, s).down + rates(t, now, s).up > 0 ? Math.floor(now / 1000) : t.addedDate,
  labels: (t) => [...t.labels],
  downloadDir: (t) => t.downloadDir,
  isFinished: () => false,
  isStalled: () => false,
  queuePosition: (t, _now, s) => [...s.torrents.values()].indexOf(t),
  recheckProgress: (t, now) => (t.checkUntil > now ? 0.5 : 0),
  metadataPercentComplete: (t) => (t.hasMetadata ? 1 : 0),
  magnetLink: (t) => t.magnetLink,
  peersConnected: (t, now, s) => (s.status(t, now) === TrStatus.STOPPED ? 0 : t.peers.length),
  files: (t, now) =>
    fileStats(t, now).map((st, i) => ({
      bytesCompleted: st.bytesCompleted,
      length: t.files[i].length,
      name: t.files[i].name,
    })),
  fileStats,
  priorities: (t) => t.files.map((f) => f.priority),
  wanted: (t) => t.files.map((f) => (f.wanted ? 1 : 0)),
  peers: (t, now, s) =>
    s.status(t, now) === TrStatus.STOPPED
      ? []
      : t.peers.map((p) => ({
          address: p.address,
          clientIsChoked: false,
          clientIsInterested: true,
          clientName: p.clientName,
          flagStr: 'TDEI',
          isDownloadingFrom: p.rateToClient > 0,
          isEncrypted: true,
          isIncoming: false,
          isUTP: false,
          isUploadingTo: p.rateToPeer > 0,
          peerIsChoked: false,
          peerIsInterested: true,
          port: p.port,
          progress: p.progress,
          rateToClient: p.rateToClient,
          rateToPeer: p.rateToPeer,
        })),
  trackers: (t) =>
    t.trackers.map((announce, id) => ({
      announce,
      id,
      scrape: announce.replace(/\/announce$/, '/scrape'),
      tier: id,
    })),
  trackerStats,
  downloadLimit: (t) => t.downloadLimit,
  downloadLimited: (t) => t.downloadLimited,
  uploadLimit: (t) => t.uploadLimit,
  uploadLimited: (t) => t.uploadLimited,
};

export function torrentFields(
  t: TrTorrent,
  fields: readonly string[],
  now: number,
  state: TransmissionState,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of fields) out[name] = FIELDS[name] ? FIELDS[name](t, now, state) : 0;
  return out;
}
