import { unexpectedAnswer } from '../upstream/unexpected-answer';
import type { SeerrRequest, SeerrUser } from './seerr.types';

/** Seerr's JSON as it arrives (users, pages, requests), and the pure mapping to the panel's shapes. */

export const SEERR = 'Seerr';

export interface SeerrPage<T> {
  pageInfo: { pages: number; pageSize?: number; results: number; page: number };
  results: T[];
}

export type WireUser = Partial<SeerrUser> & { id: number };

export interface WireRequest {
  id: number;
  status: number;
  type: 'movie' | 'tv';
  createdAt: string;
  is4k?: boolean;
  media?: { id: number; tmdbId: number; status: number; status4k: number } | null;
  requestedBy?: { id: number; displayName?: string } | null;
}

/**
 * Seerr's own sentence from an error body: handler errors and the validator carry `message`, the
 * permission guard's 403 carries `error` instead.
 */
export function seerrMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; error?: unknown };
    const text =
      typeof parsed.message === 'string'
        ? parsed.message
        : typeof parsed.error === 'string'
          ? parsed.error
          : undefined;
    return text?.slice(0, 300);
  } catch {
    return undefined;
  }
}

/** A page of a list endpoint, checked enough that a wrong answer is an error rather than an empty list. */
export function asPage<T>(data: unknown, what: string): SeerrPage<T> {
  const page = data as Partial<SeerrPage<T>> | null;
  if (
    !page ||
    typeof page !== 'object' ||
    !Array.isArray(page.results) ||
    typeof page.pageInfo?.results !== 'number'
  ) {
    throw unexpectedAnswer(SEERR, `not ${what}`);
  }
  return page as SeerrPage<T>;
}

const nullable = <T>(value: T | null | undefined): T | null => value ?? null;

export function toSeerrUser(u: WireUser): SeerrUser {
  return {
    id: u.id,
    email: u.email ?? '',
    username: nullable(u.username),
    plexUsername: nullable(u.plexUsername),
    jellyfinUsername: nullable(u.jellyfinUsername),
    // Seerr computes it as the first non-empty of these, and only after a database read (not on POST /user).
    displayName: u.displayName || u.username || u.plexUsername || u.jellyfinUsername || u.email || '',
    userType: u.userType ?? 0,
    permissions: u.permissions ?? 0,
    movieQuotaLimit: nullable(u.movieQuotaLimit),
    movieQuotaDays: nullable(u.movieQuotaDays),
    tvQuotaLimit: nullable(u.tvQuotaLimit),
    tvQuotaDays: nullable(u.tvQuotaDays),
    requestCount: u.requestCount ?? 0,
    createdAt: u.createdAt ?? '',
  };
}

export function toSeerrRequest(r: WireRequest): SeerrRequest {
  return {
    id: r.id,
    status: r.status,
    type: r.type,
    createdAt: r.createdAt,
    is4k: r.is4k === true,
    media: {
      id: r.media?.id ?? 0,
      tmdbId: r.media?.tmdbId ?? 0,
      status: r.media?.status ?? 0,
      status4k: r.media?.status4k ?? 0,
    },
    requestedBy: { id: r.requestedBy?.id ?? 0, displayName: r.requestedBy?.displayName ?? '' },
  };
}
