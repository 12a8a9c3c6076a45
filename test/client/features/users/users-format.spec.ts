import {
  limitView,
  seerrQuotaText,
  seerrStaleText,
  serverOutageTexts,
  signInText,
} from '../../../../client/src/app/features/users/users-format';

const QUOTA = { movie_limit: 5, movie_days: 7, tv_limit: 5, tv_days: 7 };

describe('users format', () => {
  it.each([
    [{ sign_in: 'ann@mail.test', sign_in_method: 'local', status: 'synced' }, 'ann@mail.test'],
    [{ sign_in: 'PlexAnn', sign_in_method: 'plex', status: 'synced' }, 'PlexAnn (plex)'],
    [{ sign_in: null, sign_in_method: null, status: 'blocked' }, '—'],
    [{ sign_in: null, sign_in_method: null, status: 'unknown' }, '?'],
  ] as const)('shows the sign-in of %j as %s', (user, text) => {
    expect(signInText(user)).toBe(text);
  });

  it('words Seerr quotas, movies and TV apart only when they differ', () => {
    expect(seerrQuotaText(QUOTA)).toBe('5 per 7 days');
    expect(seerrQuotaText({ ...QUOTA, tv_limit: null })).toBe('movies 5 per 7 days, TV Seerr default');
    expect(seerrQuotaText({ movie_limit: null, movie_days: null, tv_limit: null, tv_days: null })).toBe(
      'Seerr default',
    );
  });

  it("shows Seerr's real quota, and the intended limit only when it differs", () => {
    expect(limitView({ seerr_quota: QUOTA, request_limit: null, status: 'synced' })).toEqual({
      seerr: '5 per 7 days',
      intended: null,
    });
    expect(limitView({ seerr_quota: QUOTA, request_limit: 5, status: 'synced' }).intended).toBeNull();
    expect(limitView({ seerr_quota: QUOTA, request_limit: 2, status: 'synced' }).intended).toBe(2);
    expect(limitView({ seerr_quota: null, request_limit: 2, status: 'create' })).toEqual({
      seerr: 'No Seerr account',
      intended: 2,
    });
    expect(limitView({ seerr_quota: null, request_limit: 2, status: 'unknown' }).seerr).toBe('?');
  });

  it('says why Seerr could not be read and how old the list its columns are from is', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(seerrStaleText('Seerr answered HTTP 500.', '2026-01-01T11:56:00Z', now)).toBe(
      'Seerr could not be read (Seerr answered HTTP 500); its columns are from the list read 4 min ago.',
    );
  });

  it('says per unreadable server whether its people are from an older list or missing', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    const data = {
      server_errors: ['Jelly: Jellyfin answered HTTP 500.', 'Jelly 2: refused'],
      stale_servers: [{ name: 'Jelly', read_at: '2026-01-01T10:00:00Z' }],
    };
    expect(serverOutageTexts(data, now)).toEqual([
      'Jelly: Jellyfin answered HTTP 500. Its people are from the list read 2 h ago.',
      'Jelly 2: refused. Its people are missing below.',
    ]);
  });
});
