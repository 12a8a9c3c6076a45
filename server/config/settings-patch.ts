import { hasCredentials, withoutCredentials } from '../common/url-credentials';

/** A PATCH body for some keys of a config section: each may be a value, `null`, or absent. */
export type SettingsPatch<T, K extends keyof T> = { readonly [P in K]?: T[P] | null };

/** Turns a sent value into what the file keeps (trimmed, trailing slash dropped, …). */
export type SettingsNormalisers<T, K extends keyof T> = {
  readonly [P in K]?: (value: NonNullable<T[P]>) => T[P];
};

/**
 * Applies the keys of a settings PATCH to a config section: a value sets (through its normaliser, if
 * any), `null` clears (the key leaves the section, so the default applies), absent keeps.
 */
export function applySettingsPatch<T extends object, K extends keyof T>(
  section: T,
  patch: SettingsPatch<T, K>,
  keys: readonly K[],
  normalise: SettingsNormalisers<T, K> = {},
): void {
  for (const key of keys) {
    const value = patch[key];
    if (value === null) delete section[key];
    else if (value !== undefined) {
      const normaliser = normalise[key];
      section[key] = normaliser ? normaliser(value) : value;
    }
  }
}

/** The usual normaliser of an upstream base URL: trimmed, without trailing slashes. */
export const baseUrl = (url: string): string => url.trim().replace(/\/+$/, '');

export const trimmed = (value: string): string => value.trim();

/**
 * Secrets are write-only, so a settings form that never shows them sends them back empty (Seerrsync's
 * does): an empty string for one of `keys` is dropped from the patch (the saved secret stays), while
 * `null` still removes it.
 */
export function keepEmptySecrets<T extends object>(patch: T, keys: readonly (keyof T)[]): T {
  const out = { ...patch };
  for (const key of keys)
    if (typeof out[key] === 'string' && (out[key] as string).trim() === '') delete out[key];
  return out;
}

/**
 * Settings show a URL without its `user:pass@`, and their forms send the URL back: one sent back as shown
 * (the stored URL minus its credentials, give or take a trailing slash) keeps the stored credentials.
 */
export function keepUrlCredentials<T extends { url?: string | null }>(
  patch: T,
  stored: string | undefined,
): T {
  if (typeof patch.url !== 'string' || !stored || !hasCredentials(stored)) return patch;
  return baseUrl(patch.url) === baseUrl(withoutCredentials(stored)) ? { ...patch, url: stored } : patch;
}
