import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Readable } from 'node:stream';
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import { redactObject, secretRedactor } from '../common/redact';
import { DatabaseService } from '../database/database.service';
import type { AuditLogTable, Database } from '../database/database.schema';
import type { Selectable } from 'kysely';
import { isDiskFull } from '../common/disk-full';
import { auditCsv } from './audit.csv';
import { AuditBacklog, type AuditRow } from './audit-backlog';

/** How often entries waiting for disk space are tried again. */
const AUDIT_RETRY_MS = 5000;
import type {
  AuditActionsDto,
  AuditEntryDto,
  AuditFilterDto,
  AuditListQueryDto,
  AuditPageDto,
  NewAuditEntry,
} from './audit.dto';

type AuditQuery = SelectQueryBuilder<Database, 'audit_log', object>;

const SEARCHED_COLUMNS = ['actor', 'action', 'target', 'ip', 'detail'] as const;

/** Case-insensitive "column contains text", with LIKE's wildcards in the text taken literally. */
function containsText(
  eb: ExpressionBuilder<Database, 'audit_log'>,
  column: (typeof SEARCHED_COLUMNS)[number],
  text: string,
) {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return eb(sql<string>`lower(${sql.ref(column)})`, 'like', sql<string>`${pattern} escape '\\'`);
}

/**
 * A column's text with secrets taken out. Actors and targets are often read from request bodies before
 * validation, so any JSON value can arrive here: it is stored as text rather than refused.
 */
function redactedText(value: unknown, max: number): string | null {
  if (value === undefined || value === null || value === '') return null;
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? typeof value);
  return secretRedactor.redactText(text).slice(0, max);
}

export function toAuditEntry(row: Selectable<AuditLogTable>): AuditEntryDto {
  let detail: Record<string, unknown> = {};
  try {
    detail = JSON.parse(row.detail) as Record<string, unknown>;
  } catch {
    detail = { raw: row.detail };
  }
  return { ...row, detail };
}

/** The append-only audit log: entries are added and read, never changed; retention removes old ones. */
@Injectable()
export class AuditService implements OnModuleDestroy {
  private readonly logger = new Logger(AuditService.name);
  /** Writes still running: the audit interceptor does not hold the response for them. */
  private readonly writing = new Set<Promise<void>>();
  private readonly waiting = new AuditBacklog();
  private retry?: NodeJS.Timeout;

  constructor(private readonly database: DatabaseService) {}

  /**
   * Adds an entry, with secrets (query tokens, passkeys, user:pass@ in URLs, configured values) taken out
   * of every column before it reaches the database. Never throws: a failure to audit is logged.
   */
  record(entry: NewAuditEntry): Promise<void> {
    const write = this.insert(entry).finally(() => this.writing.delete(write));
    this.writing.add(write);
    return write;
  }

  /** Resolves once every entry recorded so far is in the database (or its failure was logged). */
  async written(): Promise<void> {
    while (this.writing.size) await Promise.all([...this.writing]);
  }

  /** Entries waiting for disk space, for readiness. */
  get backlog(): { waiting: number; lost: number } {
    return { waiting: this.waiting.size, lost: this.waiting.lost };
  }

  onModuleDestroy(): void {
    clearTimeout(this.retry);
  }

  private async insert(entry: NewAuditEntry): Promise<void> {
    let row: AuditRow;
    try {
      row = {
        time: new Date().toISOString(),
        actor: redactedText(entry.actor, 200) ?? 'anonymous',
        ip: entry.ip ?? '',
        action: entry.action,
        target: redactedText(entry.target, 500),
        outcome: entry.outcome,
        status_code: entry.status_code ?? null,
        detail: JSON.stringify(redactObject(entry.detail ?? {})),
      };
    } catch (err) {
      this.logger.error(`Could not record the audit entry ${entry.action}: ${(err as Error).message}`);
      return;
    }
    // Behind a backlog the new entry waits its turn, so the log stays in order.
    if (this.waiting.size) {
      this.waiting.add(row);
      await this.flushBacklog();
      return;
    }
    try {
      await this.write(row);
    } catch (err) {
      if (isDiskFull(err)) {
        this.waiting.add(row);
        this.scheduleRetry();
        this.logger.error(
          `The disk is full: the audit entry ${entry.action} waits in memory until there is space.`,
        );
      } else {
        this.logger.error(`Could not write the audit entry ${entry.action}: ${(err as Error).message}`);
      }
    }
  }

  private async write(row: AuditRow): Promise<void> {
    await this.database.db.insertInto('audit_log').values(row).execute();
  }

  private async flushBacklog(): Promise<void> {
    try {
      await this.waiting.flush((row) => this.write(row));
      this.logger.log('There is disk space again: the waiting audit entries are written.');
    } catch (err) {
      if (!isDiskFull(err))
        this.logger.error(`Could not write the waiting audit entries: ${(err as Error).message}`);
      this.scheduleRetry();
    }
  }

  private scheduleRetry(): void {
    clearTimeout(this.retry);
    this.retry = setTimeout(() => {
      const write = this.flushBacklog().finally(() => this.writing.delete(write));
      this.writing.add(write);
    }, AUDIT_RETRY_MS);
    this.retry.unref();
  }

  async list(query: AuditListQueryDto): Promise<AuditPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.page_size ?? 50;
    const filtered = this.filtered(query);
    const { total } = await filtered
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    const sort = query.sort ?? 'time';
    const order = query.order ?? 'desc';
    const rows = await filtered
      .selectAll()
      .orderBy(sort, order)
      .orderBy('id', order)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
    return { items: rows.map(toAuditEntry), total: Number(total), page, page_size: pageSize };
  }

  /** The matching entries as a CSV download, oldest first. */
  exportCsv(filter: AuditFilterDto): Readable {
    return Readable.from(auditCsv(this.iterate(filter)));
  }

  /** All matching entries, oldest first, read in batches so a large log never sits in memory at once. */
  async *iterate(filter: AuditFilterDto, batchSize = 1000): AsyncGenerator<AuditEntryDto> {
    let lastId = 0;
    for (;;) {
      const rows = await this.filtered(filter)
        .selectAll()
        .where('id', '>', lastId)
        .orderBy('id', 'asc')
        .limit(batchSize)
        .execute();
      for (const row of rows) yield toAuditEntry(row);
      if (rows.length < batchSize) return;
      lastId = rows[rows.length - 1].id;
    }
  }

  async actions(): Promise<AuditActionsDto> {
    const rows = await this.database.db
      .selectFrom('audit_log')
      .select('action')
      .distinct()
      .orderBy('action')
      .execute();
    return { actions: rows.map((r) => r.action) };
  }

  /** Deletes entries older than `days` days; returns how many went. */
  async prune(days: number, now = Date.now()): Promise<number> {
    const cutoff = new Date(now - days * 24 * 3600 * 1000).toISOString();
    const result = await this.database.db
      .deleteFrom('audit_log')
      .where('time', '<', cutoff)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private filtered(filter: AuditFilterDto): AuditQuery {
    let query: AuditQuery = this.database.db.selectFrom('audit_log');
    if (filter.action) query = query.where('action', '=', filter.action);
    const actor = filter.actor;
    if (actor) query = query.where((eb) => containsText(eb, 'actor', actor));
    if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
    if (filter.from) query = query.where('time', '>=', new Date(filter.from).toISOString());
    if (filter.to) query = query.where('time', '<=', new Date(filter.to).toISOString());
    const text = filter.q;
    if (text)
      query = query.where((eb) => eb.or(SEARCHED_COLUMNS.map((column) => containsText(eb, column, text))));
    return query;
  }
}
