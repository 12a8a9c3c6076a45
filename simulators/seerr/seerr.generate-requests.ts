import { SeededRandom } from '../core';
import { MediaRequestStatus as R, MediaServerType, MediaStatus as M, Permission } from './seerr.constants';
import type { SeasonRequestRow } from './seerr.model';
import type { SeerrState } from './seerr.state';
import { makeTitle } from './seerr.titles';
import { isoSeconds } from './seerr.generate-users';

const REQUESTS_FROM = Date.UTC(2025, 2, 1);
const REQUESTS_SPAN = 355 * 86_400_000;
/** Titles Seerr can look up although nobody requested them. */
const EXTRA_TITLES = 40;

function requestStatus(rng: SeededRandom): number {
  const roll = rng.next();
  if (roll < 0.15) return R.PENDING;
  if (roll < 0.4) return R.APPROVED;
  if (roll < 0.45) return R.DECLINED;
  if (roll < 0.5) return R.FAILED;
  return R.COMPLETED;
}

/** A media status consistent with the request's; COMPLETED requests are the ones whose media got DELETED. */
function mediaStatus(rng: SeededRandom, status: number, tv: boolean): number {
  if (rng.chance(0.02)) return M.BLOCKLISTED;
  switch (status) {
    case R.PENDING:
      return M.PENDING;
    case R.DECLINED:
      return M.UNKNOWN;
    case R.FAILED:
      return M.PROCESSING;
    case R.APPROVED:
      return rng.pick([M.PROCESSING, M.PROCESSING, M.AVAILABLE, tv ? M.PARTIALLY_AVAILABLE : M.PROCESSING]);
    default:
      return rng.pick([
        M.AVAILABLE,
        M.AVAILABLE,
        M.AVAILABLE,
        M.DELETED,
        tv ? M.PARTIALLY_AVAILABLE : M.AVAILABLE,
      ]);
  }
}

function uniqueTmdbId(rng: SeededRandom, used: Set<number>): number {
  let id = rng.int(100, 999_999);
  while (used.has(id)) id = rng.int(100, 999_999);
  used.add(id);
  return id;
}

export function generateRequests(state: SeerrState, seed: number, count: number): void {
  const rng = new SeededRandom(seed);
  const userIds = [...state.users.keys()];
  const managers = [...state.users.values()]
    .filter((u) => u.permissions & (Permission.ADMIN | Permission.MANAGE_REQUESTS))
    .map((u) => u.id);
  const plex = state.settings.main.mediaServerType === MediaServerType.PLEX;
  const used = new Set<number>();
  let seasonId = 1;
  for (let i = 0; i < count; i++) {
    const tv = rng.chance(0.4);
    const type = tv ? 'tv' : 'movie';
    const title = makeTitle(rng, uniqueTmdbId(rng, used), type);
    state.titles[type].set(title.tmdbId, title);
    const created = REQUESTS_FROM + ((i + 1) / (count + 1)) * REQUESTS_SPAN;
    const createdAt = isoSeconds(created);
    const updatedAt = isoSeconds(created + rng.int(60, 86_400) * 1000);
    const status = requestStatus(rng);
    const is4k = rng.chance(0.05);
    const mStatus = mediaStatus(rng, status, tv);
    const onServer = mStatus >= M.PROCESSING && mStatus !== M.BLOCKLISTED;
    const mediaId = state.media.size + 1;
    state.media.set(mediaId, {
      id: mediaId,
      mediaType: type,
      tmdbId: title.tmdbId,
      tvdbId: tv ? rng.int(70_000, 450_000) : null,
      imdbId: tv ? null : `tt${rng.int(100_000, 9_999_999)}`,
      status: is4k ? M.UNKNOWN : mStatus,
      status4k: is4k ? mStatus : M.UNKNOWN,
      createdAt,
      updatedAt,
      serviceId: onServer && !is4k ? 0 : null,
      serviceId4k: onServer && is4k ? 0 : null,
      externalServiceId: onServer && !is4k ? rng.int(1, 5000) : null,
      externalServiceId4k: onServer && is4k ? rng.int(1, 5000) : null,
      ratingKey: plex && mStatus >= M.PARTIALLY_AVAILABLE ? String(rng.int(1000, 99_999)) : null,
      jellyfinMediaId: !plex && mStatus >= M.PARTIALLY_AVAILABLE ? rng.hex(32) : null,
    });
    const seasons: SeasonRequestRow[] = [];
    const seasonCount = tv ? rng.int(1, title.numberOfSeasons) : 0;
    for (let s = 1; s <= seasonCount; s++) {
      seasons.push({ id: seasonId++, seasonNumber: s, status, createdAt, updatedAt });
    }
    state.addRequest({
      status,
      type,
      is4k,
      isAutoRequest: rng.chance(0.05),
      createdAt,
      updatedAt,
      serverId: 0,
      profileId: tv ? rng.pick([4, 6]) : rng.pick([4, 5]),
      rootFolder: tv ? '/tv' : '/movies',
      languageProfileId: tv ? 1 : null,
      tags: [],
      seasons,
      mediaId,
      // Skewed so that a few users have many requests and most have few or none.
      requestedById: userIds[Math.floor(rng.next() ** 2 * userIds.length)],
      modifiedById: status === R.PENDING || managers.length === 0 ? null : rng.pick(managers),
    });
  }
  for (let i = 0; i < EXTRA_TITLES; i++) {
    const type = i % 3 === 0 ? 'tv' : 'movie';
    const title = makeTitle(rng, uniqueTmdbId(rng, used), type);
    state.titles[type].set(title.tmdbId, title);
  }
}
