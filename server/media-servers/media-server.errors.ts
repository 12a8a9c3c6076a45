import type { MediaServerSection } from '../config/config.schema';
import { UpstreamError } from '../upstream/upstream-error';

const TYPE_NAMES = { plex: 'Plex', jellyfin: 'Jellyfin', emby: 'Emby' } as const;

/** How every message names a configured server: "Plex (Main Plex)", "Jellyfin (Jelly)". */
export function serverLabel(entry: Pick<MediaServerSection, 'type' | 'name'>): string {
  return `${TYPE_NAMES[entry.type]} (${entry.name})`;
}

/** A server entry without the URL or token a call needs: 503, so nothing is sent anywhere. */
export function requireSetting(service: string, value: string | undefined, what: 'URL' | 'token'): string {
  if (value?.trim()) return value.trim();
  throw new UpstreamError(
    service,
    'not-configured',
    `${service} has no ${what} set; add it in the settings.`,
  );
}

/** The sentence for a failed read: the upstream's own (it names the server), or a generic one. */
export function failureSentence(service: string, err: unknown): string {
  if (err instanceof UpstreamError) return err.message;
  return `${service} could not be read: ${err instanceof Error ? err.message : String(err)}.`;
}

export function isUnauthorized(err: unknown): boolean {
  return err instanceof UpstreamError && err.kind === 'unauthorized';
}
