export { createPlexSimulator, plexHtmlError, type PlexSimulator } from './plex.simulator';
export {
  DEFAULT_PMS_TOKEN,
  type PlexActivity,
  type PlexSimulatorOptions,
  type PlexState,
} from './plex.state';
