import { type RunCredentialsDto } from '../../api';

export const SHEET_COLUMNS = ['User', 'Sign in with (E-mail field)', 'First password', 'Password rule'];

/** The printable sheet's rows; a missing password says why instead. */
export function credentialsSheetRows(sheet: RunCredentialsDto): string[][] {
  return sheet.users.map((u) => [
    u.username,
    u.sign_in ?? '—',
    u.password ?? 'not known: see the rule',
    u.password_rule,
  ]);
}

export function sheetTitle(sheet: RunCredentialsDto): string {
  return `Seerr sign-ins created by sync run #${sheet.run_id}`;
}

/**
 * Writes the sheet into a document of its own (a new window) with DOM text nodes only, so no user
 * name can inject markup, and opens the print dialog. Nothing is kept once the window is closed.
 */
export function printCredentialsSheet(win: Window, sheet: RunCredentialsDto): void {
  const doc = win.document;
  doc.title = sheetTitle(sheet);
  const style = doc.createElement('style');
  style.textContent =
    'body{font:14px system-ui,sans-serif;margin:24px}table{border-collapse:collapse;width:100%}' +
    'th,td{border:1px solid #999;padding:6px 8px;text-align:left;vertical-align:top}' +
    'td:nth-child(2),td:nth-child(3){font-family:monospace}p{color:#444}';
  doc.head.appendChild(style);
  const h1 = doc.createElement('h1');
  h1.textContent = sheetTitle(sheet);
  const note = doc.createElement('p');
  note.textContent =
    'Seerr signs local accounts in by e-mail only: type the "Sign in with" value into its E-mail field. ' +
    'Each first password stays valid until it is changed in Seerr. Keep this sheet private.';
  const table = doc.createElement('table');
  const head = table.createTHead().insertRow();
  for (const title of SHEET_COLUMNS) {
    const th = doc.createElement('th');
    th.textContent = title;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const cells of credentialsSheetRows(sheet)) {
    const tr = body.insertRow();
    for (const text of cells) tr.insertCell().textContent = text;
  }
  doc.body.append(h1, note, table);
  win.focus();
  win.print();
}
