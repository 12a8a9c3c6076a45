import type { UserTypeValue } from './seerr.constants';

/** Seerr's stored rows, as the simulator keeps them. */

export interface UserSettingsRow {
  id: number;
  locale?: string | null;
  discordId?: string | null;
  discoverRegion?: string | null;
  streamingRegion?: string | null;
  excludedWatchProviders?: string | null;
  originalLanguage?: string | null;
  watchlistSyncMovies?: boolean | null;
  watchlistSyncTv?: boolean | null;
}

export interface SeerrUser {
  id: number;
  /** Unique, stored lower-cased (change it through `SeerrState.setEmail` to keep the index right). */
  email: string;
  plexUsername: string | null;
  jellyfinUsername: string | null;
  /** Null for users imported from Plex/Jellyfin/Emby. */
  username: string | null;
  recoveryLinkExpirationDate: string | null;
  userType: UserTypeValue;
  plexId: number | null;
  jellyfinUserId: string | null;
  permissions: number;
  avatar: string;
  avatarETag: string | null;
  avatarVersion: string | null;
  movieQuotaLimit: number | null;
  movieQuotaDays: number | null;
  tvQuotaLimit: number | null;
  tvQuotaDays: number | null;
  createdAt: string;
  updatedAt: string;
  /** Never serialised (Seerr does not select it); plain text here so tests can check it. */
  password: string | null;
  settings: UserSettingsRow | null;
}

export interface SeerrMedia {
  id: number;
  mediaType: 'movie' | 'tv';
  tmdbId: number;
  tvdbId: number | null;
  imdbId: string | null;
  status: number;
  status4k: number;
  createdAt: string;
  updatedAt: string;
  serviceId: number | null;
  serviceId4k: number | null;
  externalServiceId: number | null;
  externalServiceId4k: number | null;
  ratingKey: string | null;
  jellyfinMediaId: string | null;
}

export interface SeasonRequestRow {
  id: number;
  seasonNumber: number;
  status: number;
  createdAt: string;
  updatedAt: string;
}

export interface SeerrRequest {
  id: number;
  status: number;
  type: 'movie' | 'tv';
  is4k: boolean;
  isAutoRequest: boolean;
  createdAt: string;
  updatedAt: string;
  serverId: number | null;
  profileId: number | null;
  rootFolder: string | null;
  languageProfileId: number | null;
  tags: number[];
  seasons: SeasonRequestRow[];
  mediaId: number;
  requestedById: number;
  modifiedById: number | null;
}

export interface QuotaDefault {
  quotaLimit?: number;
  quotaDays?: number;
}

/** `settings.main` (the keys a sync tool reads, plus what POST /settings/main merges in). */
export interface MainSettings {
  apiKey: string;
  applicationTitle: string;
  applicationUrl: string;
  localLogin: boolean;
  mediaServerLogin: boolean;
  newPlexLogin: boolean;
  defaultPermissions: number;
  defaultQuotas: { movie: QuotaDefault; tv: QuotaDefault };
  mediaServerType: number;
  [key: string]: unknown;
}

/** `settings.notifications.agents.email`: `enabled` decides whether POST /user may omit a password. */
export interface EmailAgentSettings {
  enabled: boolean;
  embedPoster: boolean;
  options: { userEmailRequired: boolean; emailFrom: string; senderName: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** A Radarr/Sonarr server as far as GET /request uses it (profile names, serviceErrors). */
export interface ServarrServer {
  id: number;
  name: string;
  reachable: boolean;
  profiles: { id: number; name: string }[];
}

/** `settings.network`; CSRF protection blocks every write without a token, the API key's included. */
export interface NetworkSettings {
  csrfProtection: boolean;
  [key: string]: unknown;
}

export interface SeerrSettings {
  version: string;
  commitTag: string;
  /** Omitted from /settings/about when undefined (TZ env var unset). */
  tz?: string;
  appDataPath: string;
  main: MainSettings;
  network: NetworkSettings;
  email: EmailAgentSettings;
  radarr: ServarrServer[];
  sonarr: ServarrServer[];
}
