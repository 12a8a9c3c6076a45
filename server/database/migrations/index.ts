import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './001-initial';
import * as syncRuns from './002-sync-runs';
import * as runSignIn from './003-run-sign-in';

/** Migrations live in code (not read from a folder) so they work the same from ts-node, jest and dist. */
export class PanelMigrations implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({
      '001-initial': initial,
      '002-sync-runs': syncRuns,
      '003-run-sign-in': runSignIn,
    });
  }
}
