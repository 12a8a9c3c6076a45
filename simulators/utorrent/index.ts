export * from './utorrent.simulator';
export * from './utorrent.state';
export * from './utorrent.status';
export { UTORRENT_BUILD } from './utorrent.list';
