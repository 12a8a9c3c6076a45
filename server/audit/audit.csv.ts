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

/** Where a spreadsheet may start a new cell: the separators of every locale, and line breaks. */
const CELL_BREAKS = new Set([',', ';', '\t', '\r', '\n']);
/** What makes a spreadsheet read a cell as a formula (a leading tab or CR is trimmed, then read). */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Puts a `'` before every = + - @ tab or CR that could start a cell: at the start of the text and after
 * any , ; tab CR or LF (spaces between are skipped), so that `a;=cmd` stays text even in a spreadsheet
 * that splits on `;` or ignores the quotes.
 */
export function defuseFormulas(text: string): string {
  let out = '';
  let cellStart = true;
  for (const ch of text) {
    if (cellStart && FORMULA_START.has(ch)) out += "'";
    out += ch;
    if (CELL_BREAKS.has(ch)) cellStart = true;
    else if (ch !== ' ') cellStart = false;
  }
  return out;
}

/** One CSV cell: always quoted, with its formulas defused, so a spreadsheet never runs an audit value. */
export function csvCell(value: unknown): string {
  const text =
    value === null || value === undefined
      ? ''
      : typeof value === 'object'
        ? JSON.stringify(value)
        : `${value as string | number}`;
  return `"${defuseFormulas(text).replace(/"/g, '""')}"`;
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
