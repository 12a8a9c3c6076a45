export * from './model';
export { createPlexWorld } from './generate';
export { historyAt, liveSessions, terminateSession, type LiveSession, type SessionState } from './timeline';
