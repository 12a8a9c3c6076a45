import { Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sync_run')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('trigger', 'text', (c) =>
      c.notNull().check(sql`trigger in ('manual', 'schedule', 'api', 'cli')`),
    )
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('counts', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('server_errors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('timings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('message', 'text')
    .execute();
  await db.schema.createIndex('sync_run_started').on('sync_run').column('started_at').execute();
  await db.schema
    .createTable('sync_run_user')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('run_id', 'integer', (c) => c.notNull().references('sync_run.id').onDelete('cascade'))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('seerr_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .execute();
  await db.schema.createIndex('sync_run_user_run').on('sync_run_user').column('run_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sync_run_user').execute();
  await db.schema.dropTable('sync_run').execute();
}
