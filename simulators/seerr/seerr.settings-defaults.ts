import {
  MediaServerType,
  Permission,
  SEERR_API_KEY,
  SEERR_COMMIT_TAG,
  SEERR_VERSION,
} from './seerr.constants';
import type { SeerrSettings } from './seerr.model';

export interface SettingsOptions {
  apiKey?: string;
  version?: string;
  /** The e-mail notification agent; when off, POST /user without a password is a 500. */
  mailEnabled?: boolean;
  localLogin?: boolean;
  /** Settings → Network → Enable CSRF Protection (off on a fresh install). */
  csrfProtection?: boolean;
  mediaServerType?: number;
  defaultPermissions?: number;
  tz?: string;
}

/** A fresh install's settings (defaultPermissions REQUEST, no default quotas) with the chosen switches. */
export function defaultSettings(options: SettingsOptions): SeerrSettings {
  return {
    version: options.version ?? SEERR_VERSION,
    commitTag: SEERR_COMMIT_TAG,
    tz: options.tz ?? 'Europe/Berlin',
    appDataPath: '/app/config',
    main: {
      apiKey: options.apiKey ?? SEERR_API_KEY,
      appLanguage: 'en',
      applicationTitle: 'Seerr',
      applicationUrl: '',
      cacheImages: false,
      defaultPermissions: options.defaultPermissions ?? Permission.REQUEST,
      defaultQuotas: { movie: {}, tv: {} },
      hideAvailable: false,
      hideBlocklisted: false,
      localLogin: options.localLogin ?? true,
      mediaServerLogin: true,
      newPlexLogin: true,
      discoverRegion: '',
      streamingRegion: '',
      originalLanguage: '',
      blocklistedTags: '',
      blocklistedTagsLimit: 50,
      mediaServerType: options.mediaServerType ?? MediaServerType.PLEX,
      partialRequestsEnabled: true,
      enableSpecialEpisodes: false,
      locale: 'en',
      youtubeUrl: '',
    },
    network: {
      csrfProtection: options.csrfProtection ?? false,
      forceIpv4First: false,
      trustProxy: false,
    },
    email: {
      enabled: options.mailEnabled ?? false,
      embedPoster: true,
      options: {
        userEmailRequired: false,
        emailFrom: '',
        smtpHost: '',
        smtpPort: 587,
        secure: false,
        ignoreTls: false,
        requireTls: false,
        allowSelfSigned: false,
        senderName: 'Seerr',
      },
    },
    radarr: [
      {
        id: 0,
        name: 'Radarr',
        reachable: true,
        profiles: [
          { id: 4, name: 'HD-1080p' },
          { id: 5, name: 'Ultra-HD' },
        ],
      },
    ],
    sonarr: [
      {
        id: 0,
        name: 'Sonarr',
        reachable: true,
        profiles: [
          { id: 4, name: 'HD-1080p' },
          { id: 6, name: 'Any' },
        ],
      },
    ],
  };
}
