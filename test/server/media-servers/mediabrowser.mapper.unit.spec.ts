import { UnexpectedAnswer } from '../../../server/upstream/unexpected-answer';
import {
  embyUserPage,
  mediaBrowserErrorMessage,
  mediaBrowserInfo,
  mediaBrowserUsers,
} from '../../../server/media-servers/mediabrowser.mapper';

// Wire samples from the reference (shared/reference/media-and-seerr.md, sections 3.2, 3.3, 4.2, 4.3), trimmed.
const JELLYFIN_USERS = [
  {
    Name: 'jdoe',
    ServerId: 'f3c1a2b4c5d6e7f8a9b0c1d2e3f4a5b6',
    Id: '4e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b',
    HasPassword: true,
    LastLoginDate: '2026-02-25T20:11:03.5531234Z',
    Configuration: { PlayDefaultAudioTrack: true, SubtitleMode: 'Default' },
    Policy: { IsAdministrator: false, IsHidden: true, IsDisabled: false, EnableRemoteAccess: true },
  },
  {
    Name: 'root',
    ServerId: 'f3c1a2b4c5d6e7f8a9b0c1d2e3f4a5b6',
    Id: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    Policy: { IsAdministrator: true, IsHidden: false, IsDisabled: false },
  },
  {
    Name: 'gone',
    Id: '11111111111111111111111111111111',
    Policy: { IsAdministrator: false, IsHidden: false, IsDisabled: true },
  },
];

const EMBY_PAGE = {
  Items: [
    {
      Name: 'jdoe',
      ServerId: 'b7e6d5c4b3a2918f7e6d5c4b3a29180f',
      Prefix: 'J',
      DateCreated: '2024-05-01T12:00:00.0000000Z',
      Id: 'c2672d358bfb473aa1dce7174b50fbd2',
      HasPassword: true,
      Policy: { IsAdministrator: false, IsHidden: true, IsHiddenRemotely: true, IsDisabled: false },
    },
  ],
  TotalRecordCount: 41,
};

const user = (id: string, username: string, flags: { admin?: boolean; disabled?: boolean } = {}) => ({
  id,
  username,
  email: null,
  disabled: flags.disabled ?? false,
  managed: false,
  admin: flags.admin ?? false,
  owner: false,
});

describe('Jellyfin and Emby mapper', () => {
  it('maps Jellyfin /Users: IsDisabled → disabled, IsAdministrator → admin, never an e-mail', () => {
    expect(mediaBrowserUsers(JELLYFIN_USERS)).toEqual([
      user('4e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b', 'jdoe'),
      user('0a1b2c3d4e5f60718293a4b5c6d7e8f9', 'root', { admin: true }),
      user('11111111111111111111111111111111', 'gone', { disabled: true }),
    ]);
  });

  it('does not read IsHidden as anything (it means "not on the login screen")', () => {
    const [hidden] = mediaBrowserUsers(JELLYFIN_USERS);
    expect(hidden).toMatchObject({ disabled: false, admin: false, owner: false });
  });

  it('maps an Emby /Users/Query page with its total', () => {
    expect(embyUserPage(EMBY_PAGE)).toEqual({
      users: [user('c2672d358bfb473aa1dce7174b50fbd2', 'jdoe')],
      total: 41,
    });
    expect(embyUserPage({ Items: [], TotalRecordCount: 0 })).toEqual({ users: [], total: 0 });
  });

  it('reads name and version from /System/Info of either server', () => {
    expect(
      mediaBrowserInfo({ ServerName: 'jf-home', Version: '10.11.5', ProductName: 'Jellyfin Server' }),
    ).toEqual({ name: 'jf-home', version: '10.11.5' });
    expect(mediaBrowserInfo({ ServerName: 'emby-box', Version: '4.8.11.0' })).toEqual({
      name: 'emby-box',
      version: '4.8.11.0',
    });
  });

  it.each([
    ['an object for the Jellyfin list', () => mediaBrowserUsers({ Items: [] })],
    ['a user without an Id', () => mediaBrowserUsers([{ Name: 'x' }])],
    ['an Emby page without Items', () => embyUserPage([])],
    ['system info without a Version', () => mediaBrowserInfo({ ServerName: 'x' })],
  ])('refuses %s', (_what, map) => {
    expect(map).toThrow(UnexpectedAnswer);
  });

  it("extracts the server's own error sentence", () => {
    expect(mediaBrowserErrorMessage('Access token is invalid or expired.')).toBe(
      'Access token is invalid or expired.',
    );
    expect(mediaBrowserErrorMessage('{"title":"Not Found","status":404}')).toBe('Not Found');
    expect(mediaBrowserErrorMessage('')).toBeUndefined();
    expect(mediaBrowserErrorMessage('<html><body>proxy error</body></html>')).toBeUndefined();
  });
});
