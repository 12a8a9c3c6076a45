import { UnexpectedAnswer } from '../upstream/unexpected-answer';
import type { MediaServerInfo, MediaUser } from './media-server.types';

/**
 * Jellyfin forked from Emby (MediaBrowser), and both still serve the same UserDto and SystemInfo:
 * PascalCase keys, 32-hex ids, null values omitted. Neither has e-mail addresses or an owner; the
 * user's `Policy` carries the disabled and administrator flags.
 */
type Dto = Record<string, unknown>;

function isDto(value: unknown): value is Dto {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function mediaBrowserUser(dto: unknown): MediaUser {
  if (!isDto(dto)) throw new UnexpectedAnswer('a user is not an object');
  const id = typeof dto.Id === 'string' ? dto.Id : '';
  const name = typeof dto.Name === 'string' ? dto.Name : '';
  if (!id || !name) throw new UnexpectedAnswer('a user without Id or Name');
  const policy = isDto(dto.Policy) ? dto.Policy : {};
  return {
    id,
    username: name,
    email: null,
    disabled: policy.IsDisabled === true,
    managed: false,
    admin: policy.IsAdministrator === true,
    owner: false,
  };
}

/** Jellyfin `GET /Users` (and Emby's undocumented twin): a bare array. */
export function mediaBrowserUsers(body: unknown): MediaUser[] {
  if (!Array.isArray(body)) throw new UnexpectedAnswer('the user list is not a list');
  return body.map(mediaBrowserUser);
}

/** Emby `GET /Users/Query`: `{Items, TotalRecordCount}`, the count taken before paging. */
export function embyUserPage(body: unknown): { users: MediaUser[]; total: number } {
  if (!isDto(body) || !Array.isArray(body.Items)) throw new UnexpectedAnswer('no Items list');
  const total = typeof body.TotalRecordCount === 'number' ? body.TotalRecordCount : body.Items.length;
  return { users: body.Items.map(mediaBrowserUser), total };
}

/** `GET /System/Info`. */
export function mediaBrowserInfo(body: unknown): MediaServerInfo {
  if (!isDto(body) || typeof body.Version !== 'string') throw new UnexpectedAnswer('no Version');
  return { name: typeof body.ServerName === 'string' ? body.ServerName : '', version: body.Version };
}

/**
 * The server's own error sentence: ASP.NET ProblemDetails (`title`, `errors`) or the plain text both
 * servers use for exceptions ("Access token is invalid or expired."). Auth failures often have no body.
 */
export function mediaBrowserErrorMessage(body: string): string | undefined {
  const trimmed = body.trim();
  if (!trimmed) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (isDto(parsed) && typeof parsed.title === 'string') return parsed.title;
    if (typeof parsed === 'string') return parsed;
    return undefined;
  } catch {
    return trimmed.length <= 300 && !trimmed.startsWith('<') ? trimmed : undefined;
  }
}
