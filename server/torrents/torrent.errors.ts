import { NotFoundException } from '@nestjs/common';
import { UpstreamError } from '../upstream/upstream-error';
import type { TorrentClientConnection } from './torrent-client.interface';

/** What a refused-password sentence tells the user to check, for a client that has environment variables. */
export function environmentCredentialHint(envPrefix: string): string {
  return `${envPrefix}_USERNAME and ${envPrefix}_PASSWORD, or the username and password in its Settings`;
}

/**
 * The 401 sentence for a client's login: it names the settings to fix (`connection.credentialHint`),
 * never the secret.
 */
export function credentialsRefused(
  connection: Pick<TorrentClientConnection, 'service' | 'credentialHint'>,
  status: number,
): UpstreamError {
  const { service } = connection;
  return new UpstreamError(
    service,
    'unauthorized',
    `${service} refused the panel's username or password (HTTP ${status}); check ${connection.credentialHint}.`,
    status,
  );
}

/** Re-words the transport's generic 401/403 sentence so it names the username and password. */
export function withCredentialHint(
  err: unknown,
  connection: Pick<TorrentClientConnection, 'service' | 'credentialHint'>,
): unknown {
  if (err instanceof UpstreamError && err.kind === 'unauthorized')
    return credentialsRefused(connection, err.upstreamStatus ?? 401);
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

/** The sentence for a hash the client does not know. */
function unknownHashSentence(service: string, hash: string): string {
  return `${service} has no torrent with hash ${hash.toUpperCase()}.`;
}

/** A batch outcome for a hash the client does not know (never thrown: the others still run). */
export function unknownHashOutcome(
  service: string,
  hash: string,
): { hash: string; ok: false; error: string; notFound: true } {
  return { hash, ok: false, notFound: true, error: unknownHashSentence(service, hash) };
}

/** The 404 for a detail of a hash the client does not know (removed since the list was read). */
export function unknownTorrent(service: string, hash: string): NotFoundException {
  return new NotFoundException(unknownHashSentence(service, hash));
}
