import { chmodSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Only the panel's user may read what it keeps: tokens, password hashes, the audit log. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIRECTORY_MODE = 0o700;

/** The files the panel keeps beside config.json (SQLite adds -wal and -shm to the database). */
export function panelFiles(configFile: string, directory: string): string[] {
  const database = join(directory, 'seedbox-panel.db');
  return [
    configFile,
    `${configFile}.bak`,
    join(directory, '.jwt-secret'),
    join(directory, 'seedbox-panel.lock'),
    database,
    `${database}-wal`,
    `${database}-shm`,
  ];
}

/**
 * Takes group and other permissions off the panel's files (a config.json copied in with 0644, a database
 * made by an older version). Returns the files it could not change, for a warning.
 */
export function restrictPanelFiles(files: readonly string[]): string[] {
  const refused: string[] = [];
  for (const file of files) {
    if (!existsSync(file)) continue;
    try {
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, PRIVATE_FILE_MODE);
    } catch {
      refused.push(file);
    }
  }
  return refused;
}
