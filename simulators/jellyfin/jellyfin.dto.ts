import type { JellyfinState, JellyfinUser } from './jellyfin.state';

export const JELLYFIN_PRODUCT_NAME = 'Jellyfin Server';

/** UserConfiguration as a default account has it (no `Email`: Jellyfin keeps none). */
const CONFIGURATION_JSON = JSON.stringify({
  PlayDefaultAudioTrack: true,
  SubtitleLanguagePreference: '',
  DisplayMissingEpisodes: false,
  GroupedFolders: [],
  SubtitleMode: 'Default',
  DisplayCollectionsView: false,
  EnableLocalPassword: false,
  OrderedViews: [],
  LatestItemsExcludes: [],
  MyMediaExcludes: [],
  HidePlayedInLatest: true,
  RememberAudioSelections: true,
  RememberSubtitleSelections: true,
  EnableNextEpisodeAutoPlay: true,
});

/** UserPolicy in the server's key order; per-user flags are merged over it. */
const DEFAULT_POLICY = {
  IsAdministrator: false,
  IsHidden: true,
  EnableCollectionManagement: false,
  EnableSubtitleManagement: false,
  EnableLyricManagement: false,
  IsDisabled: false,
  BlockedTags: [],
  AllowedTags: [],
  EnableUserPreferenceAccess: true,
  AccessSchedules: [],
  BlockUnratedItems: [],
  EnableRemoteControlOfOtherUsers: false,
  EnableSharedDeviceControl: true,
  EnableRemoteAccess: true,
  EnableLiveTvManagement: false,
  EnableLiveTvAccess: true,
  EnableMediaPlayback: true,
  EnableAudioPlaybackTranscoding: true,
  EnableVideoPlaybackTranscoding: true,
  EnablePlaybackRemuxing: true,
  ForceRemoteSourceTranscoding: false,
  EnableContentDeletion: false,
  EnableContentDeletionFromFolders: [],
  EnableContentDownloading: true,
  EnableSyncTranscoding: true,
  EnableMediaConversion: true,
  EnabledDevices: [],
  EnableAllDevices: true,
  EnabledChannels: [],
  EnableAllChannels: true,
  EnabledFolders: [] as string[],
  EnableAllFolders: true,
  InvalidLoginAttemptCount: 0,
  LoginAttemptsBeforeLockout: -1,
  MaxActiveSessions: 0,
  EnablePublicSharing: true,
  BlockedMediaFolders: [],
  BlockedChannels: [],
  RemoteClientBitrateLimit: 0,
  AuthenticationProviderId: 'Jellyfin.Server.Implementations.Users.DefaultAuthenticationProvider',
  PasswordResetProviderId: 'Jellyfin.Server.Implementations.Users.DefaultPasswordResetProvider',
  SyncPlayAccess: 'CreateAndJoinGroups',
};

/**
 * UserDto. Jellyfin omits null properties, so a user without an avatar has no `PrimaryImageTag` and
 * one who never logged in has no `LastLoginDate` (JSON.stringify drops the undefined ones).
 */
export function jellyfinUserJson(user: JellyfinUser, serverId: string): string {
  const head = JSON.stringify({
    Name: user.Name,
    ServerId: serverId,
    Id: user.Id,
    PrimaryImageTag: user.PrimaryImageTag,
    HasPassword: user.HasPassword,
    HasConfiguredPassword: user.HasPassword,
    HasConfiguredEasyPassword: false,
    EnableAutoLogin: user.EnableAutoLogin,
    LastLoginDate: user.LastLoginDate,
    LastActivityDate: user.LastActivityDate,
  });
  const policy = JSON.stringify({ ...DEFAULT_POLICY, ...user.Policy });
  return `${head.slice(0, -1)},"Configuration":${CONFIGURATION_JSON},"Policy":${policy}}`;
}

export function publicSystemInfo(state: JellyfinState, localAddress: string): Record<string, unknown> {
  return {
    LocalAddress: localAddress,
    ServerName: state.serverName,
    Version: state.version,
    ProductName: JELLYFIN_PRODUCT_NAME,
    OperatingSystem: '',
    Id: state.serverId,
    StartupWizardCompleted: true,
  };
}

export function systemInfo(state: JellyfinState, localAddress: string): Record<string, unknown> {
  return {
    ...publicSystemInfo(state, localAddress),
    OperatingSystemDisplayName: '',
    PackageName: 'jellyfin-docker',
    HasPendingRestart: false,
    IsShuttingDown: false,
    SupportsLibraryMonitor: true,
    WebSocketPortNumber: Number(new URL(localAddress).port || 8096),
    CompletedInstallations: [],
    CanSelfRestart: true,
    CanLaunchWebBrowser: false,
    ProgramDataPath: '/config',
    WebPath: '/jellyfin/jellyfin-web',
    ItemsByNamePath: '/config/metadata',
    CachePath: '/cache',
    LogPath: '/config/log',
    InternalMetadataPath: '/config/metadata',
    TranscodingTempPath: '/cache/transcodes',
    CastReceiverApplications: [
      { Id: 'F007D354', Name: 'Stable' },
      { Id: '6F511C87', Name: 'Unstable' },
    ],
    HasUpdateAvailable: false,
    EncoderLocation: 'System',
    SystemArchitecture: 'X64',
  };
}
