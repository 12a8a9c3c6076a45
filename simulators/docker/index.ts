export * from './docker.logs';
export * from './docker.simulator';
export * from './docker.state';
export * from './docker.wire';
export { DEFAULT_CONTAINERS } from './docker.world';
