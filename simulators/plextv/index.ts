export { createPlexTvSimulator, v1Error, type PlexTvSimulator } from './plextv.simulator';
export {
  DEFAULT_PLEXTV_TOKEN,
  type PlexTvOwner,
  type PlexTvServer,
  type PlexTvServerSpec,
  type PlexTvShare,
  type PlexTvSimulatorOptions,
  type PlexTvState,
  type PlexTvUser,
} from './plextv.state';
