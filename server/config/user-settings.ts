import type { UserSettingSection } from './config.schema';

/**
 * `user_settings` is keyed by user names, which come from media servers and the API: a user may be
 * called `constructor` or `__proto__`. Only own properties count, and writes define them, so such a
 * name is an ordinary entry rather than a prototype.
 */
export function getUserSetting(
  settings: Record<string, UserSettingSection>,
  key: string,
): UserSettingSection | undefined {
  return Object.hasOwn(settings, key) ? settings[key] : undefined;
}

export function setUserSetting(
  settings: Record<string, UserSettingSection>,
  key: string,
  value: UserSettingSection,
): void {
  Object.defineProperty(settings, key, { value, enumerable: true, writable: true, configurable: true });
}
