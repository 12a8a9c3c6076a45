import { defaultDeletionCap, planSync } from '../../../server/sync/sync-plan';
import type { SyncPlan } from '../../../server/sync/sync-plan.types';
import { IN_LINE, input, media, OWNER, seerr, server } from './plan-fixtures';

const names = (list: Array<{ username: string }>) => list.map((x) => x.username).sort();
const skipCodes = (plan: SyncPlan) => Object.fromEntries(plan.skips.map((s) => [s.username, s.code]));
/** Skips other than the Seerr owner's own (always listed as protected when on no media server). */
const otherSkips = (plan: SyncPlan) => plan.skips.filter((s) => s.code !== 'owner');

describe('sync plan: creating users', () => {
  it('creates a new media user with username + suffix, e-mail, default permissions and the server limit', () => {
    const plan = planSync(
      input({
        servers: [
          server('Plex', [media('Alice', { email: 'alice@mail.test' })], {
            password_suffix: '!P1x',
            request_limit: 3,
          }),
        ],
        options: { defaultPermissions: 32 | 262144 },
      }),
    );
    expect(plan.creates).toEqual([
      {
        username: 'Alice',
        email: 'alice@mail.test',
        sources: ['Plex'],
        settings_from: 'Plex',
        password: 'Alice!P1x',
        weak_password: false,
        permissions: 32 | 262144,
        quota: { limit: 3, days: 7 },
      },
    ]);
  });

  it.each([
    ['plexUsername', seerr(7, { username: null, plexUsername: 'BOB', email: 'bob@plex.test', userType: 1 })],
    ['jellyfinUsername', seerr(7, { username: null, jellyfinUsername: 'bob', email: 'bob', userType: 3 })],
    ['username', seerr(7, { username: 'Bob', email: 'other@mail.test' })],
    [
      'display name',
      seerr(7, { username: null, plexUsername: null, displayName: 'bob', email: 'x@mail.test' }),
    ],
    ['e-mail', seerr(7, { username: 'robert', email: 'Bob@Mail.test' })],
    [
      'e-mail equal to the user name (local user created without e-mail)',
      seerr(7, { username: 'robert', email: 'bob' }),
    ],
  ])('matches an existing Seerr user by %s instead of creating a duplicate', (_how, existing) => {
    const plan = planSync(
      input({
        servers: [server('Plex', [media('bob', { email: 'bob@mail.test' })])],
        seerrUsers: [OWNER, { ...existing, ...IN_LINE }],
      }),
    );
    expect(plan.creates).toEqual([]);
    expect(plan.people.find((p) => p.username === 'bob')).toMatchObject({ seerr_id: 7, status: 'synced' });
    expect(plan.unchanged).toBe(1);
  });

  it('merges people case-insensitively across servers: first spelling, first e-mail, every source, first server settings', () => {
    const plan = planSync(
      input({
        servers: [
          server('Plex', [media('Carol')], { password_suffix: '-plex', request_limit: 10 }),
          server('Jelly', [media('carol', { email: 'carol@jf.test' }), media('dave')], {
            type: 'jellyfin',
            password_suffix: '-jf',
            request_limit: 2,
          }),
        ],
      }),
    );
    expect(plan.creates.map((c) => [c.username, c.email, c.sources, c.password, c.quota?.limit])).toEqual([
      ['Carol', 'carol@jf.test', ['Plex', 'Jelly'], 'Carol-plex', 10],
      ['dave', null, ['Jelly'], 'dave-jf', 2],
    ]);
    expect(plan.source_servers).toEqual({ carol: ['Plex', 'Jelly'], dave: ['Jelly'] });
    expect(plan.people.find((p) => p.username === 'Carol')?.types).toEqual(['plex', 'jellyfin']);
  });

  it('flags a generated password shorter than 8 characters', () => {
    const plan = planSync(input({ servers: [server('Plex', [media('ed')], { password_suffix: '1' })] }));
    expect(plan.creates[0]).toMatchObject({ password: 'ed1', weak_password: true });
  });

  it('never matches one Seerr user to two people', () => {
    const plan = planSync(
      input({
        servers: [
          server('Plex', [
            media('fay', { email: 'shared@mail.test' }),
            media('gus', { email: 'shared@mail.test' }),
          ]),
        ],
        seerrUsers: [OWNER, seerr(9, { username: 'fay', email: 'shared@mail.test', ...IN_LINE })],
      }),
    );
    // fay matches by name and e-mail; gus only shares the e-mail, so creating gus would clash with it.
    expect(plan.people.find((p) => p.username === 'fay')).toMatchObject({ seerr_id: 9, status: 'synced' });
    expect(names(plan.creates)).toEqual([]);
    expect(plan.skips).toContainEqual({
      username: 'gus',
      seerr_id: null,
      code: 'ambiguous',
      reason: 'Seerr user #9 (fay) also matches fay: not written until it is told apart',
    });
  });

  it('never takes a user name that is someone’s e-mail for that someone', () => {
    const robin = seerr(5, { username: 'robin.smith', email: 'robin.smith@example.test', ...IN_LINE });
    const plan = planSync(
      input({
        servers: [server('Jelly', [media('robin.smith@example.test'), media('robin.smith')])],
        seerrUsers: [OWNER, robin],
        options: { removeMissing: true },
      }),
    );
    expect(plan.people.find((p) => p.username === 'robin.smith')).toMatchObject({ seerr_id: 5 });
    expect(names(plan.creates)).toEqual([]);
    expect(plan.skips).toContainEqual(
      expect.objectContaining({
        username: 'robin.smith@example.test',
        code: 'ambiguous',
        reason: expect.stringMatching(/^Its name is the e-mail of Seerr user #5 \(robin\.smith\)/),
      }),
    );
    expect(plan.deletions).toEqual([]);
  });

  it('skips a person who could be either of two Seerr users, deleting neither', () => {
    const plan = planSync(
      input({
        servers: [server('Plex', [media('kit', { email: 'kit@mail.test' })])],
        seerrUsers: [
          OWNER,
          seerr(7, { username: 'kit', email: 'other@mail.test', ...IN_LINE }),
          seerr(8, { username: 'kitty', email: 'kit@mail.test', ...IN_LINE }),
        ],
        options: { removeMissing: true },
      }),
    );
    expect(plan.skips).toContainEqual(
      expect.objectContaining({
        username: 'kit',
        code: 'ambiguous',
        reason: expect.stringMatching(/#7.*#8/),
      }),
    );
    expect(plan.creates).toEqual([]);
    expect(plan.deletions).toEqual([]);
  });
});

describe('sync plan: who is skipped', () => {
  it.each([
    ['disabled accounts', media('hal', { disabled: true }), 'disabled', /Disabled on Plex/],
    [
      'managed Home users without a user name',
      media('', { managed: true }),
      'no-username',
      /Plex Home user without a user name/,
    ],
  ])('skips %s with a reason', (_what, user, code, reason) => {
    const plan = planSync(input({ servers: [server('Plex', [user])] }));
    expect(plan.creates).toEqual([]);
    expect(otherSkips(plan)).toEqual([
      expect.objectContaining({ code, reason: expect.stringMatching(reason) }),
    ]);
  });

  it('syncs a person disabled on one server but active on another', () => {
    const plan = planSync(
      input({
        servers: [server('Plex', [media('ivy', { disabled: true })]), server('Jelly', [media('IVY')])],
      }),
    );
    expect(names(plan.creates)).toEqual(['IVY']);
    expect(otherSkips(plan)).toEqual([]);
  });

  it('treats users named like object internals as ordinary names', () => {
    const plan = planSync(
      input({
        servers: [server('Plex', [media('__proto__'), media('constructor')])],
        userSettings: JSON.parse('{"__proto__": {"blocked": true}}'),
      }),
    );
    expect(names(plan.creates)).toEqual(['constructor']);
    expect(skipCodes(plan).__proto__).toBe('blocked');
  });

  it('never syncs a blocked user', () => {
    const plan = planSync(
      input({ servers: [server('Plex', [media('Jack')])], userSettings: { jack: { blocked: true } } }),
    );
    expect(plan.creates).toEqual([]);
    expect(skipCodes(plan)).toEqual({ Jack: 'blocked', owner: 'owner' });
    expect(plan.people[0]).toMatchObject({ status: 'blocked', reason: 'Blocked in the panel: never synced' });
  });
});

describe('sync plan: keeping quotas in line', () => {
  it('updates the quota of a synced user when the server limit changed, and leaves matching ones alone', () => {
    const plan = planSync(
      input({
        servers: [server('Plex', [media('kim'), media('lee')], { request_limit: 5 })],
        seerrUsers: [
          OWNER,
          seerr(2, {
            username: 'kim',
            movieQuotaLimit: 3,
            movieQuotaDays: 7,
            tvQuotaLimit: 3,
            tvQuotaDays: 7,
          }),
          seerr(3, { username: 'lee', ...IN_LINE }),
        ],
      }),
    );
    expect(plan.updates).toEqual([
      {
        username: 'kim',
        seerr_id: 2,
        quota_from: { limit: 3, days: 7 },
        quota_to: { limit: 5, days: 7 },
        reason: 'Request limit of Plex is 5 per 7 days',
      },
    ]);
    expect(plan.unchanged).toBe(1);
  });

  it('leaves quotas alone when the server has no request limit', () => {
    const plan = planSync(
      input({
        servers: [server('Plex', [media('kim')], { request_limit: undefined })],
        seerrUsers: [OWNER, seerr(2, { username: 'kim' })],
      }),
    );
    expect(plan.updates).toEqual([]);
  });

  it('does not try to set quotas Seerr ignores (owner and administrators)', () => {
    const plan = planSync(
      input({
        servers: [server('Plex', [media('owner'), media('mia')])],
        seerrUsers: [OWNER, seerr(4, { username: 'mia', permissions: 2 })],
      }),
    );
    expect(plan.updates).toEqual([]);
    expect(skipCodes(plan)).toEqual({ owner: 'quota-ignored', mia: 'quota-ignored' });
  });
});

describe('sync plan: removing users', () => {
  const stale = [
    OWNER,
    seerr(5, { username: 'gone' }),
    seerr(6, { username: 'boss', permissions: 8 }),
    seerr(8, { username: null, plexUsername: 'keeper', email: 'k@mail.test' }),
  ];
  const servers = [server('Plex', [media('present')])];

  it('removes nobody when removal is off, saying why', () => {
    const plan = planSync(input({ servers, seerrUsers: stale }));
    expect(plan.deletions).toEqual([]);
    expect(skipCodes(plan)).toMatchObject({ gone: 'removal-off', keeper: 'removal-off' });
  });

  it('removes users on no media server, but never user 1, an admin or an immune user', () => {
    const plan = planSync(
      input({
        servers,
        seerrUsers: stale,
        userSettings: { keeper: { immune: true } },
        options: { removeMissing: true },
      }),
    );
    expect(plan.deletions).toEqual([
      { username: 'gone', seerr_id: 5, reason: 'On no media server; removal is on' },
    ]);
    expect(skipCodes(plan)).toMatchObject({ owner: 'owner', boss: 'admin', keeper: 'immune' });
  });

  it("removes a blocked user's existing account only when removal is on", () => {
    const base = {
      servers: [server('Plex', [media('nia')])],
      seerrUsers: [OWNER, seerr(10, { username: 'nia', ...IN_LINE })],
      userSettings: { nia: { blocked: true } },
    };
    expect(planSync(input(base)).deletions).toEqual([]);
    expect(planSync(input({ ...base, options: { removeMissing: true } })).deletions).toEqual([
      { username: 'nia', seerr_id: 10, reason: 'Blocked in the panel; removal is on' },
    ]);
  });

  it.each([
    [
      'a server failed',
      [
        server('Plex', [media('present')]),
        server('Jelly', new Error('Jellyfin did not answer within 10 s.')),
      ],
      /Jelly could not be read \(Jellyfin did not answer within 10 s\.\)/,
    ],
    [
      'a server returned no users',
      [server('Plex', [media('present')]), server('Emby', [])],
      /Emby returned no users/,
    ],
    [
      'a Plex server listed only the owner the panel added (include_owner)',
      [server('Plex', [media('owner', { owner: true, admin: true })]), server('Emby', [media('present')])],
      /Plex returned no users besides its owner/,
    ],
  ])('refuses every deletion when %s', (_why, failing, reason) => {
    const plan = planSync(input({ servers: failing, seerrUsers: stale, options: { removeMissing: true } }));
    expect(plan.deletions).toEqual([]);
    expect(plan.guard).toMatchObject({ deletions_allowed: false, reason: expect.stringMatching(reason) });
    expect(skipCodes(plan).gone).toBe('server-failed');
  });

  it('reports server errors and still creates users from the servers that answered', () => {
    const plan = planSync(
      input({ servers: [server('Plex', [media('olga')]), server('Jelly', new Error('down'))] }),
    );
    expect(names(plan.creates)).toEqual(['olga']);
    expect(plan.server_errors).toEqual([{ server: 'Jelly', error: 'down' }]);
  });
});

describe('sync plan: explaining unmatched Seerr users', () => {
  it('says a person may be on an unreadable server rather than on none', () => {
    const plan = planSync(
      input({
        servers: [server('Plex', [media('pat')]), server('Jelly', new Error('down'))],
        seerrUsers: [OWNER, seerr(3, { username: 'quin' })],
      }),
    );
    expect(plan.skips.find((s) => s.username === 'quin')?.reason).toBe(
      'On none of the media servers that answered (Jelly could not be read); removal is off',
    );
  });
});

describe('sync plan: deletion cap', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => seerr(100 + i, { username: `old${i}` }));
  const servers = [server('Plex', [media('present')])];

  it.each([
    [10, 5],
    [49, 5],
    [50, 5],
    [51, 6],
    [2000, 200],
  ])('defaults to the larger of 5 and 10 %% of %i Seerr users (%i)', (users, cap) => {
    expect(defaultDeletionCap(users)).toBe(cap);
  });

  it('waits for approval when deletions exceed the cap, unless forced', () => {
    const seerrUsers = [OWNER, ...many(7)];
    const plan = planSync(input({ servers, seerrUsers, options: { removeMissing: true } }));
    expect(plan.deletions).toHaveLength(7);
    expect(plan.guard).toMatchObject({ cap: 5, needs_approval: true, deletions_allowed: true });
    expect(
      planSync(input({ servers, seerrUsers, options: { removeMissing: true, force: true } })).guard
        .needs_approval,
    ).toBe(false);
  });

  it('honours a configured cap', () => {
    const plan = planSync(
      input({ servers, seerrUsers: [OWNER, ...many(3)], options: { removeMissing: true, deletionCap: 2 } }),
    );
    expect(plan.guard).toMatchObject({ cap: 2, needs_approval: true });
    expect(
      planSync(
        input({ servers, seerrUsers: [OWNER, ...many(2)], options: { removeMissing: true, deletionCap: 2 } }),
      ).guard.needs_approval,
    ).toBe(false);
  });
});

describe('sync plan: disabled people', () => {
  it('keeps a disabled person with a Seerr account as one skipped row, never a deletion "on no media server"', () => {
    const plan = planSync(
      input({
        servers: [server('Emby', [media('kim', { disabled: true })], { type: 'emby' })],
        seerrUsers: [OWNER, seerr(8, { username: 'kim' })],
        options: { removeMissing: true },
      }),
    );
    expect(plan.deletions).toEqual([]);
    expect(otherSkips(plan)).toEqual([
      { username: 'kim', seerr_id: 8, code: 'disabled', reason: 'Disabled on Emby' },
    ]);
    expect(plan.people.filter((p) => p.username.toLowerCase() === 'kim')).toEqual([
      expect.objectContaining({
        status: 'skipped',
        reason: 'Disabled on Emby',
        seerr_id: 8,
        sources: ['Emby'],
      }),
    ]);
  });

  it('gives a person disabled on two servers one skip naming both', () => {
    const plan = planSync(
      input({
        servers: [
          server('Plex', [media('lee', { disabled: true })]),
          server('Emby', [media('LEE', { disabled: true })]),
        ],
      }),
    );
    expect(otherSkips(plan)).toEqual([
      expect.objectContaining({ username: 'lee', code: 'disabled', reason: 'Disabled on Plex and Emby' }),
    ]);
    expect(plan.people).toHaveLength(2); // lee and the owner on no server
    expect(plan.creates).toEqual([]);
  });
});

describe('sync plan: sign-in identifiers', () => {
  const person = (plan: SyncPlan, name: string) => plan.people.find((p) => p.username === name);

  it('signs a planned account in with its e-mail when the server has one, else the lower-cased user name', () => {
    const plan = planSync(
      input({ servers: [server('Plex', [media('Mia', { email: 'Mia@Mail.test' }), media('Ned')])] }),
    );
    expect(person(plan, 'Mia')).toMatchObject({ sign_in: 'mia@mail.test', sign_in_method: 'local' });
    expect(person(plan, 'Ned')).toMatchObject({ sign_in: 'ned', sign_in_method: 'local' });
  });

  it('says Plex and Jellyfin users sign in through their media server, local users with their e-mail', () => {
    const plan = planSync(
      input({
        servers: [server('Plex', [media('ola'), media('pia'), media('quin')])],
        seerrUsers: [
          OWNER,
          seerr(2, { username: null, plexUsername: 'ola', email: 'ola@plex.test', userType: 1, ...IN_LINE }),
          seerr(3, { username: null, jellyfinUsername: 'pia', email: 'pia', userType: 3, ...IN_LINE }),
          seerr(4, { username: 'quin', email: 'Quin@Mail.test', ...IN_LINE }),
        ],
      }),
    );
    expect(person(plan, 'ola')).toMatchObject({ sign_in: 'ola', sign_in_method: 'plex' });
    expect(person(plan, 'pia')).toMatchObject({ sign_in: 'pia', sign_in_method: 'jellyfin' });
    expect(person(plan, 'quin')).toMatchObject({ sign_in: 'quin@mail.test', sign_in_method: 'local' });
  });

  it('has no sign-in for someone with no account and none planned', () => {
    const plan = planSync(
      input({ servers: [server('Plex', [media('Rae')])], userSettings: { rae: { blocked: true } } }),
    );
    expect(person(plan, 'Rae')).toMatchObject({ sign_in: null, sign_in_method: null });
  });
});
