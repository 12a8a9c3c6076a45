import { SERVICE_ENVIRONMENT } from '../config/config.environment';
import type { TorrentClientSection } from '../config/config.schema';
import type { ConfigStore } from '../config/config.store';
import { applySettingsPatch, keepEmptySecrets, keepUrlCredentials } from '../config/settings-patch';
import { withoutCredentials } from '../common/url-credentials';
import type { TorrentClientSettingsDto, UpdateTorrentClientSettingsDto } from './torrent-settings.dto';
import type { SeedClientKind } from './torrent-client-connections';

export const DEFAULT_POLL_SECONDS = 10;

/** The common part of a client's settings, with the environment variables overriding its section. */
export function clientSettings(config: ConfigStore, kind: SeedClientKind): TorrentClientSettingsDto {
  const section: TorrentClientSection = config.get()[kind] ?? {};
  const mine = Object.entries(SERVICE_ENVIRONMENT)
    .filter(([, [s]]) => s === kind)
    .map(([name]) => name);
  return {
    url: withoutCredentials(section.url ?? ''),
    username: section.username ?? '',
    password_set: !!section.password,
    poll_seconds: section.poll_seconds ?? DEFAULT_POLL_SECONDS,
    overridden_by_env: config.overrides().filter((name) => mine.includes(name)),
  };
}

/** Copies the given common fields onto the file's section; the password only when sent. */
export function applyClientSettings(
  section: TorrentClientSection,
  dto: UpdateTorrentClientSettingsDto,
): void {
  applySettingsPatch(section, keepUrlCredentials(keepEmptySecrets(dto, ['password']), section.url), [
    'url',
    'username',
    'password',
    'poll_seconds',
  ]);
}
