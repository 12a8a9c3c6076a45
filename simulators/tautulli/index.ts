export { createTautulliSimulator, type TautulliSimulator } from './tautulli.simulator';
export {
  DEFAULT_TAUTULLI_API_KEY,
  type TautulliSimulatorOptions,
  type TautulliState,
} from './tautulli.state';
export { TAUTULLI_COMMANDS } from './tautulli.command-list';
export { isGrouped, playedAt } from './tautulli.history-rows';
