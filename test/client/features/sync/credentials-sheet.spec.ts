import { credentialsSheetRows, sheetTitle } from '../../../../client/src/app/features/sync/credentials-sheet';

describe('credentials sheet', () => {
  const sheet = {
    run_id: 7,
    started_at: '2026-01-01T00:00:00Z',
    users: [
      {
        username: 'Ann',
        seerr_id: 3,
        sign_in: 'ann@mail.test',
        server: 'Plex',
        password: 'Ann!p',
        password_rule: 'rule',
      },
      { username: 'Bo', seerr_id: 4, sign_in: null, server: null, password: null, password_rule: 'gone' },
    ],
  };

  it('lists each new account with its sign-in and first password, saying why one is missing', () => {
    expect(sheetTitle(sheet)).toBe('Seerr sign-ins created by sync run #7');
    expect(credentialsSheetRows(sheet)).toEqual([
      ['Ann', 'ann@mail.test', 'Ann!p', 'rule'],
      ['Bo', '—', 'not known: see the rule', 'gone'],
    ]);
  });
});
