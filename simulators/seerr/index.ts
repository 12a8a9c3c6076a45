export * from './seerr.constants';
export * from './seerr.simulator';
export * from './seerr.state';
export type { SeerrTitle } from './seerr.titles';
