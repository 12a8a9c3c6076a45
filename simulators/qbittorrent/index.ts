export * from './qbittorrent.simulator';
export { QbittorrentState, roundLimit, type QbTorrent, type QbState } from './qbittorrent.state';
export { BAN_MS, BANNED_MESSAGE, MAX_FAILED_LOGINS } from './qbittorrent.auth';
export { ETA_INFINITY } from './qbittorrent.rows';
