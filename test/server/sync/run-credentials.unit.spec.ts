import type { MediaServerSection } from '../../../server/config/config.schema';
import { credentialsCsv, runCredentials } from '../../../server/sync/run-credentials';
import { localSignIn, seerrSignIn } from '../../../server/sync/sign-in';
import { seerr } from './plan-fixtures';

const PLEX = {
  name: 'Plex',
  type: 'plex',
  url: 'http://plex',
  token: 't',
  password_suffix: '!p',
} as MediaServerSection;
const created = (username: string, settings_from: string | null) => ({
  username,
  seerr_id: 9,
  sign_in: username.toLowerCase(),
  sign_in_method: 'local' as const,
  settings_from,
});

describe('run credentials', () => {
  it('makes the first password from the user name and the suffix configured now', () => {
    expect(runCredentials([created('Ann', 'Plex')], [PLEX])).toEqual([
      {
        username: 'Ann',
        seerr_id: 9,
        sign_in: 'ann',
        server: 'Plex',
        password: 'Ann!p',
        password_rule: 'user name + the password suffix of Plex ("!p"); valid until changed in Seerr',
      },
    ]);
  });

  it('gives no password when the server is gone or the run predates sign-ins', () => {
    const rows = runCredentials([created('Bo', 'Gone'), created('Cy', null)], [PLEX]);
    expect(rows.map((r) => r.password)).toEqual([null, null]);
    expect(rows[0].password_rule).toMatch(/Gone is no longer configured/);
  });

  it('quotes every cell and defuses spreadsheet formulas like the audit export', () => {
    const csv = credentialsCsv(runCredentials([created('=cmd|calc', 'Plex')], [PLEX]));
    const [header, line] = csv.split('\r\n');
    expect(header).toBe('username,sign_in,password,password_rule,server,seerr_id');
    expect(line.startsWith(`"'=cmd|calc","'=cmd|calc","'=cmd|calc!p"`)).toBe(true);
  });
});

describe('sign-in identifiers', () => {
  it('is the e-mail when there is one, else the user name, lower-cased as Seerr stores it', () => {
    expect(localSignIn(' Ann@Mail.Test ', 'Ann')).toEqual({
      sign_in: 'ann@mail.test',
      sign_in_method: 'local',
    });
    expect(localSignIn(null, 'Ann')).toEqual({ sign_in: 'ann', sign_in_method: 'local' });
  });

  it.each([
    [
      { userType: 1, plexUsername: 'PlexAnn', username: null },
      { sign_in: 'PlexAnn', sign_in_method: 'plex' },
    ],
    [
      { userType: 3, jellyfinUsername: 'jann', username: null },
      { sign_in: 'jann', sign_in_method: 'jellyfin' },
    ],
    [
      { userType: 4, jellyfinUsername: 'eann', username: null },
      { sign_in: 'eann', sign_in_method: 'emby' },
    ],
    [
      { userType: 2, username: 'ann', email: 'Ann@Mail.Test' },
      { sign_in: 'ann@mail.test', sign_in_method: 'local' },
    ],
  ])('reads a Seerr account of %j as %j', (extra, expected) => {
    expect(seerrSignIn(seerr(5, extra))).toEqual(expected);
  });
});
