import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import BetterSqlite3 from 'better-sqlite3';
import { closeSync, openSync } from 'node:fs';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { ConfigStore } from '../config/config.store';
import { PRIVATE_FILE_MODE } from '../config/private-files';
import type { Database } from './database.schema';
import { PanelMigrations } from './migrations';

/** The embedded SQLite database beside config.json: opened and migrated at start-up, closed on shutdown. */
@Injectable()
export class DatabaseService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DatabaseService.name);
  private kysely?: Kysely<Database>;

  constructor(private readonly config: ConfigStore) {}

  get db(): Kysely<Database> {
    if (!this.kysely) throw new Error('The database is not open yet.');
    return this.kysely;
  }

  async onModuleInit(): Promise<void> {
    // SQLite gives its -wal and -shm files the database file's mode, so creating it private covers all three.
    closeSync(openSync(this.config.databaseFile, 'a', PRIVATE_FILE_MODE));
    const sqlite = new BetterSqlite3(this.config.databaseFile);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    this.kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    const { error, results } = await new Migrator({
      db: this.kysely,
      provider: new PanelMigrations(),
    }).migrateToLatest();
    for (const result of results ?? []) {
      if (result.status === 'Success') this.logger.log(`Applied database migration ${result.migrationName}`);
    }
    if (error)
      throw new Error(
        `The database ${this.config.databaseFile} could not be migrated: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      );
  }

  async onModuleDestroy(): Promise<void> {
    await this.kysely?.destroy();
    this.kysely = undefined;
  }

  async check(): Promise<{ ok: boolean; detail: string }> {
    try {
      await sql`select 1`.execute(this.db);
      return { ok: true, detail: 'SQLite database is open and answering' };
    } catch (err) {
      return { ok: false, detail: `SQLite database is not answering: ${(err as Error).message}` };
    }
  }
}
