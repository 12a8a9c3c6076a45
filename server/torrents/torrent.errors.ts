import { UpstreamError } from '../upstream/upstream-error';

/**
 * The 401 sentence for a client behind Basic auth: it names the settings to fix, never the secret.
 * `envPrefix` is e.g. "UTORRENT" (UTORRENT_USERNAME / UTORRENT_PASSWORD).
 */
export function credentialsRefused(service: string, envPrefix: string, status: number): UpstreamError {
  return new UpstreamError(
    service,
    'unauthorized',
    `${service} refused the panel's username or password (HTTP ${status}); check ${envPrefix}_USERNAME and ` +
      `${envPrefix}_PASSWORD, or the username and password in its Settings.`,
    status,
  );
}

/** Re-words the transport's generic 401/403 sentence so it names the username and password. */
export function withCredentialHint(err: unknown, service: string, envPrefix: string): unknown {
  if (err instanceof UpstreamError && err.kind === 'unauthorized')
    return credentialsRefused(service, envPrefix, err.upstreamStatus ?? 401);
  return err;
}

export function notConfigured(service: string, what: string): UpstreamError {
  return new UpstreamError(service, 'not-configured', `${service} is not configured: ${what}`);
}

/** The sentence of any failure, for per-hash outcomes and event-stream status. */
export function sentenceOf(err: unknown): string {
  if (err instanceof UpstreamError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
