import { csvCell, csvRow } from '../../../server/audit/audit.csv';
import { ENTRY } from './audit-entry.fixture';

/** Where a spreadsheet could start a cell inside `text` (its start, or after , ; tab CR LF and spaces) with a formula character. */
function formulaStarts(text: string): string[] {
  return [...text.matchAll(/(?:^|[,;\t\r\n])[ ]*([=+\-@\t\r])/g)].map((m) => m[0]);
}

const unquote = (cell: string): string => {
  expect(cell).toMatch(/^"[\s\S]*"$/);
  return cell.slice(1, -1).replace(/""/g, '"');
};

describe('audit CSV cells', () => {
  const dangerous = [
    '=cmd|calc',
    '+1+1',
    '-2',
    '@SUM(A1)',
    '\t=1',
    '\r=1',
    'a;=cmd|calc',
    'a,+1',
    'a\t-1',
    'a;  @x',
    'line\n=HYPERLINK("x")',
    'a;\t=1',
    { note: 'x;=cmd' },
  ];

  it.each(dangerous.map((v) => [JSON.stringify(v), v]))(
    'quotes %s and leaves no formula at its start or after any separator',
    (_name, value) => {
      const text = unquote(csvCell(value));
      expect(formulaStarts(text)).toEqual([]);
    },
  );

  it('keeps the text otherwise as it was, with a quote before each defused character', () => {
    expect(csvCell('a;=cmd')).toBe(`"a;'=cmd"`);
    expect(csvCell('=1, -2')).toBe(`"'=1, '-2"`);
    expect(csvCell('say "hi", friend')).toBe('"say ""hi"", friend"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(42)).toBe('"42"');
  });

  it('quotes every cell of a row', () => {
    const row = csvRow({ ...ENTRY, actor: 'x;=cmd', target: 'a-b' }).replace(/\r\n$/, '');
    expect(row).toBe(
      '"1","2026-01-02T03:04:05.000Z","x;\'=cmd","127.0.0.1","auth.login","a-b","ok","200","{}"',
    );
  });
});
