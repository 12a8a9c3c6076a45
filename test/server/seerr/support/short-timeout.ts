/**
 * The transport reads UPSTREAM_TIMEOUT_MS once, when it is first imported; import this module before
 * anything that loads it so hang tests give up after half a second (jest gives each spec file its own
 * module registry, so this affects only the file importing it).
 */
process.env.UPSTREAM_TIMEOUT_MS ??= '500';

export const SHORT_TIMEOUT_MS = Number(process.env.UPSTREAM_TIMEOUT_MS);
