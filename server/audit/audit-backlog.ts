import type { Insertable } from 'kysely';
import type { AuditLogTable } from '../database/database.schema';

export type AuditRow = Insertable<AuditLogTable>;

/** How many entries wait in memory for disk space before the oldest are given up (and counted). */
export const AUDIT_BACKLOG_LIMIT = 5000;

/**
 * Audit entries that could not be written because the disk was full, kept in order until a write works
 * again. A full disk must not erase the record of what was tried while it was full.
 */
export class AuditBacklog {
  private readonly rows: AuditRow[] = [];
  /** Entries given up because the backlog was at its limit. */
  lost = 0;

  get size(): number {
    return this.rows.length;
  }

  add(row: AuditRow): void {
    this.rows.push(row);
    if (this.rows.length > AUDIT_BACKLOG_LIMIT) {
      this.rows.shift();
      this.lost++;
    }
  }

  /** Writes the waiting rows oldest first; stops at the first failure and keeps the rest. */
  async flush(write: (row: AuditRow) => Promise<void>): Promise<void> {
    while (this.rows.length) {
      await write(this.rows[0]);
      this.rows.shift();
    }
  }
}
