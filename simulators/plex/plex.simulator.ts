import { Simulator, type SimHandler, type SimResponse } from '../core';
import {
  historyAt,
  liveSessions,
  PLEX_TYPE_NUMBERS,
  terminateSession,
  type ItemType,
} from '../media-library';
import { container, pagedAnswer, plexAnswer } from './plex.format';
import { filterHistory, historyNode, sessionsNode } from './plex.sessions';
import {
  activitiesNode,
  createPlexState,
  startActivity,
  type PlexSimulatorOptions,
  type PlexState,
} from './plex.state';
import { notificationsSocket } from './plex.websocket';
import { accountsNode, identityNode, itemNode, providersNode, rootNode, sectionsNode } from './plex.views';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** PMS answers errors with a tiny HTML page (clients should not parse it). */
export function plexHtmlError(status: number): SimResponse {
  const title = STATUS_TEXT[status] ?? 'Error';
  return {
    status,
    headers: { 'Content-Type': 'text/html' },
    body: `<html><head><title>${title}</title></head><body><h1>${status} ${title}</h1></body></html>`,
  };
}

const EMPTY_OK: SimResponse = { status: 200, body: '' };
const TYPE_BY_NUMBER = new Map(Object.entries(PLEX_TYPE_NUMBERS).map(([t, n]) => [String(n), t as ItemType]));

export interface PlexSimulator {
  sim: Simulator;
  state: PlexState;
}

export function createPlexSimulator(options: PlexSimulatorOptions = {}): PlexSimulator {
  const state = createPlexState(options);
  const world = state.world;
  const sim = new Simulator({
    name: 'plex',
    seed: world.seed,
    errorResponse: (status) => plexHtmlError(status),
    notFound: () => plexHtmlError(404),
  });

  const authed =
    (handler: SimHandler): SimHandler =>
    (req) => {
      const header = req.headers['x-plex-token'];
      const token = req.query.get('X-Plex-Token') ?? (Array.isArray(header) ? header[0] : header);
      const ok = token === state.token || (state.allowNoToken && token === undefined);
      return ok && !req.faults.badAuth ? handler(req) : plexHtmlError(401);
    };
  const get = (path: string, handler: SimHandler) => sim.route('GET', path, authed(handler));

  get('/', (req) => {
    const transcoding = liveSessions(world).filter(
      (s) => s.decision === 'transcode' && s.item.type !== 'track',
    );
    return plexAnswer(req, rootNode(world, transcoding.length));
  });
  // /identity is the one endpoint PMS serves without a token.
  sim.route('GET', '/identity', (req) => plexAnswer(req, identityNode(world)));

  const sections: SimHandler = (req) =>
    plexAnswer(req, sectionsNode(req.faults.emptyLists ? [] : world.libraries, world.clock()));
  get('/library/sections', sections);
  get('/library/sections/all', sections);

  get('/library/sections/:key/all', (req) => {
    const lib = world.librariesByKey.get(req.params.key);
    if (!lib) return plexHtmlError(404);
    const type = req.query.has('type') ? TYPE_BY_NUMBER.get(req.query.get('type') ?? '') : lib.type;
    const items = req.faults.emptyLists || !type ? [] : (lib.itemsByType.get(type) ?? []);
    const attrs = {
      allowSync: true,
      identifier: 'com.plexapp.plugins.library',
      librarySectionID: lib.key,
      librarySectionTitle: lib.title,
      librarySectionUUID: lib.uuid,
      title1: lib.title,
      viewGroup: type ?? lib.type,
    };
    return pagedAnswer(req, items, attrs, (item) => itemNode(item));
  });

  const refresh: SimHandler = (req) => {
    const key = req.params.key;
    const libs =
      key === 'all' ? world.libraries : [world.librariesByKey.get(key)].filter((l) => l !== undefined);
    if (!libs.length) return plexHtmlError(404);
    const now = world.clock();
    const force = req.query.get('force') === '1';
    state.scans.push({ key, force, path: req.query.get('path') ?? undefined, at: now });
    for (const lib of libs) {
      // The scan runs in the background: answer at once, `refreshing` stays true for scanMs.
      lib.refreshingUntil = now + state.scanMs;
      lib.scannedAt = Math.floor((now + state.scanMs) / 1000);
      startActivity(state, {
        type: force ? 'library.refresh.items' : 'library.update.section',
        title: force ? 'Refreshing' : 'Scanning',
        subtitle: lib.title,
        durationMs: state.scanMs,
        sectionKey: lib.key,
      });
    }
    return EMPTY_OK;
  };
  get('/library/sections/:key/refresh', refresh);
  sim.route('POST', '/library/sections/:key/refresh', authed(refresh));
  sim.route(
    'DELETE',
    '/library/sections/:key/refresh',
    authed((req) => {
      const libs = world.libraries.filter((l) => req.params.key === 'all' || l.key === req.params.key);
      if (!libs.length) return plexHtmlError(404);
      for (const lib of libs) lib.refreshingUntil = 0;
      state.activities = state.activities.filter((a) => !libs.some((l) => l.key === a.sectionKey));
      return EMPTY_OK;
    }),
  );

  const optimize: SimHandler = (req) => {
    state.optimizations++;
    const activity = startActivity(state, {
      type: 'database.optimize',
      title: 'Optimizing database',
      subtitle: '',
      durationMs: 10_000,
    });
    return req.query.get('async') === '1'
      ? { ...EMPTY_OK, headers: { 'X-Plex-Activity': activity.uuid } }
      : EMPTY_OK;
  };
  sim.route('PUT', '/library/optimize', authed(optimize));
  sim.route('POST', '/butler/OptimizeDatabase', authed(optimize));
  get('/activities', (req) => plexAnswer(req, activitiesNode(state, world.clock(), req.faults.emptyLists)));

  get('/library/metadata/:ratingKey', (req) => {
    const item = world.items.get(req.params.ratingKey);
    if (!item) return plexHtmlError(404);
    const lib = world.librariesByKey.get(item.librarySectionID);
    const node = itemNode(item, {
      librarySectionID: item.librarySectionID,
      librarySectionTitle: lib?.title ?? '',
    });
    return plexAnswer(req, container({ size: 1, librarySectionID: item.librarySectionID }, [node]));
  });

  get('/media/providers', (req) =>
    plexAnswer(
      req,
      providersNode(req.faults.emptyLists ? [] : world.libraries, req.query.get('includeStorage') === '1'),
    ),
  );
  get('/accounts', (req) => plexAnswer(req, accountsNode(req.faults.emptyLists ? [] : world.users)));

  get('/status/sessions', (req) =>
    plexAnswer(req, sessionsNode(world, req.faults.emptyLists ? [] : liveSessions(world))),
  );
  get('/status/sessions/history/all', (req) => {
    const all = req.faults.emptyLists ? [] : filterHistory(req, historyAt(world));
    return pagedAnswer(req, all, {}, historyNode);
  });
  get('/status/sessions/terminate', (req) => {
    const id = req.query.get('sessionId');
    if (!world.server.plexPass) return plexHtmlError(403);
    if (!id) return plexHtmlError(400);
    if (!terminateSession(world, id)) return plexHtmlError(404);
    state.terminations.push({ sessionId: id, reason: req.query.get('reason') ?? '' });
    return EMPTY_OK;
  });

  // The WebSocket Tautulli keeps open for PMS's notifications (the router takes the ":" segment as a wildcard).
  get('/:/websockets/notifications', (req) => notificationsSocket(world, req) ?? plexHtmlError(400));

  return { sim, state };
}
