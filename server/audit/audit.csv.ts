import type { AuditEntryDto } from './audit.dto';

export const AUDIT_CSV_COLUMNS = [
  'id',
  'time',
  'actor',
  'ip',
  'action',
  'target',
  'outcome',
  'status_code',
  'detail',
] as const;

/**
 * One CSV cell: quoted when needed, and a leading = + - @ (or tab/CR) defused with a quote so a
 * spreadsheet never runs an audit value as a formula.
 */
export function csvCell(value: unknown): string {
  let text =
    value === null || value === undefined
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : `${value as string | number}`;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(entry: AuditEntryDto): string {
  return `${AUDIT_CSV_COLUMNS.map((column) => csvCell(entry[column])).join(',')}\r\n`;
}

export async function* auditCsv(entries: AsyncIterable<AuditEntryDto>): AsyncGenerator<string> {
  yield csvHeader();
  for await (const entry of entries) yield csvRow(entry);
}
