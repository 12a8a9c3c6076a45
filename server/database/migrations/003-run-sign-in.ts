import type { Kysely } from 'kysely';

/**
 * What each person of a run types into Seerr's sign-in, and (for created accounts) the server whose
 * password suffix made the first password. Never the password itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ['sign_in', 'sign_in_method', 'settings_from'])
    await db.schema.alterTable('sync_run_user').addColumn(column, 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['sign_in', 'sign_in_method', 'settings_from'])
    await db.schema.alterTable('sync_run_user').dropColumn(column).execute();
}
