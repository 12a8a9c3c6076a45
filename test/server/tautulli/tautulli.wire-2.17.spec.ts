import {
  activityKnown,
  adminIds,
  displayName,
  inProgress,
  isRealUser,
  tautulliHistoryItem,
  tautulliPlays,
  tautulliServerInfo,
  tautulliUser,
} from '../../../server/tautulli/tautulli.wire';

/** Answers of a real Tautulli 2.17.2 that the reference's samples do not show. */
describe('Tautulli 2.17 wire variants', () => {
  it('drops the Total series from the plays per day and their total', () => {
    const plays = tautulliPlays(
      {
        categories: ['2024-05-19', '2024-05-20'],
        series: [
          { name: 'TV', data: [2, 3] },
          { name: 'Movies', data: [1, 0] },
          { name: 'Music', data: [0, 3] },
          { name: 'Total', data: [3, 6] },
        ],
      },
      2,
    );
    expect(plays.series.map((s) => s.name)).toEqual(['TV', 'Movies', 'Music']);
    expect(plays.total).toBe(9);
  });

  it.each([
    [{ row_id: null, id: null, reference_id: null, state: 'playing' }, true],
    [{ row_id: null, state: 'paused' }, true],
    [{ row_id: 5, state: null }, false],
    [{ id: 7 }, false],
  ])('tells a play in progress: %j → %s', (row, expected) => {
    expect(inProgress(row)).toBe(expected);
  });

  it('shows and sorts a grouped row by its latest play, keeping the first', () => {
    const item = tautulliHistoryItem({
      row_id: 12,
      date: 1716203000,
      started: 1716201234,
      stopped: 1716203900,
      group_count: 2,
      group_ids: '11,12',
    });
    expect(item).toMatchObject({
      id: 12,
      started: '2024-05-20T11:03:20.000Z',
      first_started: '2024-05-20T10:33:54.000Z',
      group_count: 2,
    });
  });

  it.each([
    [{ username: 'alice', friendly_name: 'alice', title: 'Alice Liddell' }, 'Alice Liddell'],
    [{ username: 'alice', friendly_name: 'Ally', title: 'Alice Liddell' }, 'Ally'],
    [{ username: 'alice', friendly_name: 'alice', title: '' }, 'alice'],
    [{ username: 'alice', friendly_name: '' }, 'alice'],
  ])('names a user: %j → %s', (row, expected) => {
    expect(displayName(row)).toBe(expected);
  });

  it('takes is_admin from get_users and hides the Local user', () => {
    const admins = adminIds([
      { user_id: '1', is_admin: 1 },
      { user_id: '2', is_admin: 0 },
      { user_id: '0', username: 'Local', is_admin: 0 },
    ]);
    expect([...admins]).toEqual([1]);
    expect(tautulliUser({ user_id: 1, username: 'owner' }, admins).is_admin).toBe(true);
    expect(tautulliUser({ user_id: 2, username: 'friend', is_admin: 1 }, admins).is_admin).toBe(false);
    expect(isRealUser({ user_id: 0, username: 'Local' })).toBe(false);
    expect(isRealUser({ user_id: '2' })).toBe(true);
  });

  it('tells the {} activity of a Tautulli that cannot reach Plex from nothing playing', () => {
    expect(activityKnown({})).toBe(false);
    expect(activityKnown({ stream_count: '0', sessions: [] })).toBe(true);
  });

  it('says unknown for the Plex version and platform Tautulli has not learnt yet', () => {
    expect(tautulliServerInfo({ pms_name: 'Seedbox', pms_version: '', pms_platform: '' })).toMatchObject({
      name: 'Seedbox',
      version: 'unknown',
      platform: 'unknown',
    });
  });
});
