import type { EmbyState, EmbyUser } from './emby.state';

/** UserConfiguration of a default account (no `Email`: Emby keeps none). */
const CONFIGURATION_JSON = JSON.stringify({
  PlayDefaultAudioTrack: true,
  SubtitleLanguagePreference: '',
  DisplayMissingEpisodes: false,
  SubtitleMode: 'Default',
  EnableLocalPassword: false,
  OrderedViews: [],
  LatestItemsExcludes: [],
  MyMediaExcludes: [],
  HidePlayedInLatest: true,
  HidePlayedInMoreLikeThis: false,
  HidePlayedInSuggestions: false,
  RememberAudioSelections: true,
  RememberSubtitleSelections: true,
  EnableNextEpisodeAutoPlay: true,
  ResumeRewindSeconds: 0,
  IntroSkipMode: 'ShowButton',
});

/** UserPolicy in the server's key order; per-user flags are merged over it. */
const DEFAULT_POLICY = {
  IsAdministrator: false,
  IsHidden: true,
  IsHiddenRemotely: true,
  IsHiddenFromUnusedDevices: true,
  IsDisabled: false,
  LockedOutDate: 0,
  AllowTagOrRating: false,
  BlockedTags: [],
  IsTagBlockingModeInclusive: false,
  IncludeTags: [],
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
  EnableContentDeletion: false,
  RestrictedFeatures: [],
  EnableContentDeletionFromFolders: [],
  EnableContentDownloading: true,
  EnableSubtitleDownloading: false,
  EnableSubtitleManagement: false,
  EnableSyncTranscoding: true,
  EnableMediaConversion: true,
  EnabledChannels: [],
  EnableAllChannels: true,
  EnabledFolders: [] as string[],
  EnableAllFolders: true,
  InvalidLoginAttemptCount: 0,
  EnablePublicSharing: true,
  RemoteClientBitrateLimit: 0,
  AuthenticationProviderId: 'Emby.Server.Implementations.Library.DefaultAuthenticationProvider',
  ExcludedSubFolders: [],
  SimultaneousStreamLimit: 0,
  EnabledDevices: [],
  EnableAllDevices: true,
  AllowCameraUpload: true,
  AllowSharingPersonalItems: false,
};

/** Emby's UserDto; null properties are left out (JSON.stringify drops the undefined ones). */
export function embyUserJson(user: EmbyUser, serverId: string): string {
  const head = JSON.stringify({
    Name: user.Name,
    ServerId: serverId,
    Prefix: user.Name.charAt(0).toUpperCase(),
    ConnectUserName: user.ConnectUserName,
    ConnectLinkType: user.ConnectLinkType,
    DateCreated: user.DateCreated,
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

/** No `ProductName` (Jellyfin has one); instead local and remote address lists. */
export function publicSystemInfo(state: EmbyState, localAddress: string): Record<string, unknown> {
  const wan = `http://203.0.113.30:${new URL(localAddress).port || 8096}`;
  return {
    LocalAddress: localAddress,
    LocalAddresses: [localAddress],
    WanAddress: wan,
    RemoteAddresses: [wan],
    ServerName: state.serverName,
    Version: state.version,
    Id: state.serverId,
  };
}

export function systemInfo(state: EmbyState, localAddress: string): Record<string, unknown> {
  const port = Number(new URL(localAddress).port || 8096);
  return {
    SystemUpdateLevel: 'Release',
    OperatingSystemDisplayName: 'Linux',
    PackageName: 'emby-server-docker',
    HasPendingRestart: false,
    IsShuttingDown: false,
    OperatingSystem: 'Linux',
    SupportsLibraryMonitor: true,
    SupportsLocalPortConfiguration: true,
    SupportsWakeServer: true,
    WebSocketPortNumber: port,
    CompletedInstallations: [],
    CanSelfRestart: true,
    CanSelfUpdate: false,
    CanLaunchWebBrowser: false,
    ProgramDataPath: '/config',
    ItemsByNamePath: '/config/metadata',
    CachePath: '/config/cache',
    LogPath: '/config/logs',
    InternalMetadataPath: '/config/metadata',
    TranscodingTempPath: '/config/transcoding-temp',
    HttpServerPortNumber: port,
    SupportsHttps: false,
    HttpsPortNumber: 8920,
    HasUpdateAvailable: false,
    SupportsAutoRunAtStartup: false,
    HardwareAccelerationRequiresPremiere: false,
    ...publicSystemInfo(state, localAddress),
  };
}
