export * from './emby.simulator';
export * from './emby.state';
