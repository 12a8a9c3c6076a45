import { json, type SimResponse } from '../core';
import { Permission } from './seerr.constants';
import type { SeerrContext, SeerrRoute } from './seerr.context';
import { handlerError } from './seerr.errors';
import { mediaJson, userRead } from './seerr.json';
import type { EmailAgentSettings } from './seerr.model';

function status(ctx: SeerrContext): SimResponse {
  const { version, commitTag } = ctx.state.settings;
  return json(200, { version, commitTag, updateAvailable: false, commitsBehind: 0, restartRequired: false });
}

function appData(ctx: SeerrContext): SimResponse {
  return json(200, { appData: true, appDataPath: ctx.state.settings.appDataPath, appDataPermissions: true });
}

function about(ctx: SeerrContext): SimResponse {
  const { settings, media, requests } = ctx.state;
  return json(200, {
    version: settings.version,
    totalMediaItems: media.size,
    totalRequests: requests.size,
    tz: settings.tz,
    appDataPath: settings.appDataPath,
  });
}

/** lodash merge: nested objects merge key by key, everything else replaces. */
function merge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      current &&
      typeof current === 'object'
    ) {
      merge(current as Record<string, unknown>, value as Record<string, unknown>);
    } else if (value !== undefined) {
      target[key] = value;
    }
  }
}

function postMain(ctx: SeerrContext): SimResponse {
  merge(ctx.state.settings.main, ctx.body);
  return json(200, ctx.state.settings.main);
}

/** The e-mail agent is replaced wholesale by its POST. */
function postEmail(ctx: SeerrContext): SimResponse {
  ctx.state.settings.email = ctx.body as EmailAgentSettings;
  return json(200, ctx.state.settings.email);
}

function me(ctx: SeerrContext): SimResponse {
  const user = ctx.user;
  const required = ctx.state.settings.email.options?.userEmailRequired === true;
  const warnings = required && !/^[^@\s]+@[^@\s]+$/.test(user.email) ? ['userEmailRequired'] : [];
  return json(200, userRead(ctx.state, user, { showFiltered: true, withSettings: true, warnings }));
}

function mediaInfo(ctx: SeerrContext, kind: 'movie' | 'tv', tmdbId: number) {
  for (const m of ctx.state.media.values())
    if (m.mediaType === kind && m.tmdbId === tmdbId) return mediaJson(m);
  return undefined;
}

/** TMDB failures and unknown ids are both 500s, never 404. */
function movie(ctx: SeerrContext): SimResponse {
  const id = Number(ctx.params.movieId);
  const t = ctx.state.titles.movie.get(id);
  if (!t) return handlerError(500, 'Unable to retrieve movie.');
  return json(200, {
    ...{ id, adult: false, imdbId: null, title: t.title, originalTitle: t.title, originalLanguage: 'en' },
    ...{ releaseDate: t.date, overview: t.overview, posterPath: t.posterPath, backdropPath: null },
    ...{ runtime: 100 + (id % 60), status: 'Released', genres: [], mediaInfo: mediaInfo(ctx, 'movie', id) },
  });
}

function tv(ctx: SeerrContext): SimResponse {
  const id = Number(ctx.params.tvId);
  const t = ctx.state.titles.tv.get(id);
  if (!t) return handlerError(500, 'Unable to retrieve series.');
  const seasons = Array.from({ length: t.numberOfSeasons }, (_, i) => ({
    id: id * 100 + i + 1,
    seasonNumber: i + 1,
  }));
  return json(200, {
    ...{ id, name: t.title, originalName: t.title, originalLanguage: 'en', firstAirDate: t.date },
    ...{ overview: t.overview, posterPath: t.posterPath, backdropPath: null, status: 'Returning Series' },
    ...{ numberOfSeasons: t.numberOfSeasons, seasons, genres: [], mediaInfo: mediaInfo(ctx, 'tv', id) },
  });
}

export const settingsRoutes: SeerrRoute[] = [
  { method: 'GET', path: '/status', guard: 'public', handler: status },
  { method: 'GET', path: '/status/appdata', guard: 'public', handler: appData },
  { method: 'GET', path: '/settings/about', guard: Permission.ADMIN, handler: about },
  {
    method: 'GET',
    path: '/settings/main',
    guard: Permission.ADMIN,
    handler: (ctx) => json(200, ctx.state.settings.main),
  },
  { method: 'POST', path: '/settings/main', guard: Permission.ADMIN, handler: postMain },
  {
    method: 'GET',
    path: '/settings/notifications/email',
    guard: Permission.ADMIN,
    handler: (ctx) => json(200, ctx.state.settings.email),
  },
  { method: 'POST', path: '/settings/notifications/email', guard: Permission.ADMIN, handler: postEmail },
  { method: 'GET', path: '/auth/me', guard: 0, handler: me },
  { method: 'GET', path: '/movie/{movieId}', guard: 0, handler: movie },
  { method: 'GET', path: '/tv/{tvId}', guard: 0, handler: tv },
];
