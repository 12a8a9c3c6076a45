import type { Figure } from './figures';
import type { ReliabilityWorld } from './world';

/** Sign-in names an attacker controls without an account: each ends up as an audit actor and a CSV cell. */
const HOSTILE_NAMES = [
  '=HYPERLINK("http://evil.example","x")',
  '+1+cmd|calc',
  '-2+3',
  '@SUM(1)',
  '\t=1+1',
  'a;=cmd|calc',
  'b,+cmd',
  'c\t-cmd',
  'd; @cmd',
  'e\n=cmd',
];

/** Splits CSV text (RFC 4180: quoted cells, "" for a quote) into rows of [cell text, was quoted]. */
function parseCsv(text: string): [string, boolean][][] {
  const rows: [string, boolean][][] = [];
  let row: [string, boolean][] = [];
  let cell = '';
  let quoted = false;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') inQuotes = false;
      else cell += ch;
    } else if (ch === '"') {
      inQuotes = true;
      quoted = true;
    } else if (ch === ',' || ch === '\n') {
      row.push([cell.replace(/\r$/, ''), quoted]);
      cell = '';
      quoted = false;
      if (ch === '\n') {
        rows.push(row);
        row = [];
      }
    } else cell += ch;
  }
  return rows;
}

/** Places a spreadsheet in any locale could start a formula: the cell start, or after , ; tab CR LF. */
const formulaStarts = (cell: string) => cell.match(/(?:^|[,;\t\r\n])[ ]*[=+\-@\t\r]/g)?.length ?? 0;

/** Failed sign-ins with formula-shaped names, then the audit CSV: no cell may start a formula. */
export async function checkCsv(world: ReliabilityWorld): Promise<Figure[]> {
  for (const [i, username] of HOSTILE_NAMES.entries())
    await world.request(
      'POST',
      '/api/auth/login',
      { username, password: 'not-the-password' },
      { auth: false, ip: `198.51.100.${100 + i}`, keep: false },
    );
  const csv = await world.request('GET', '/api/audit/export?action=auth.login', undefined, { keep: false });
  const rows = parseCsv(csv.text).slice(1);
  const cells = rows.flat();
  // The actor column, with the defusing quotes taken out again.
  const actors = new Set(rows.map((row) => row[2]?.[0].replace(/'/g, '')));
  const hostileRows = HOSTILE_NAMES.filter((name) => actors.has(name)).length;
  const formulas = cells.reduce((n, [cell]) => n + formulaStarts(cell), 0);
  const unquoted = cells.filter(([, quoted]) => !quoted).length;
  return [
    {
      check: 'CSV export',
      figure: `sign-ins with formula-shaped names exported (of ${HOSTILE_NAMES.length})`,
      value: hostileRows,
      pass: hostileRows === HOSTILE_NAMES.length,
    },
    {
      check: 'CSV export',
      figure: `formula starts in ${cells.length} cells, at the start or after any separator (must be 0)`,
      value: formulas,
      pass: formulas === 0 && cells.length > 0,
    },
    { check: 'CSV export', figure: 'cells not quoted (must be 0)', value: unquoted, pass: unquoted === 0 },
  ];
}
