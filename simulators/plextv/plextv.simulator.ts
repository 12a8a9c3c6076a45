import { Simulator, type SimHandler, type SimRequest, type SimResponse } from '../core';
import { escapeXml, toXml, type PlexNode } from '../plex/plex.format';
import {
  resourceJson,
  resources,
  resourcesV1Node,
  resourcesV2XmlNode,
  type ConnectionFlags,
} from './plextv.resources';
import { createPlexTvState, type PlexTvSimulatorOptions, type PlexTvState } from './plextv.state';
import { sharedServersNode, usersNode } from './plextv.xml';
import { ownerJson, ownerXmlNode } from './plextv.user';

export interface PlexTvSimulator {
  sim: Simulator;
  state: PlexTvState;
}

const XML_TYPE = 'application/xml; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

const xmlAnswer = (status: number, node: PlexNode): SimResponse => ({
  status,
  headers: { 'Content-Type': XML_TYPE },
  body: toXml(node),
});

/** v1 error document (third-party observation; the exact text varies). */
export function v1Error(status: number, message: string): SimResponse {
  return {
    status,
    headers: { 'Content-Type': XML_TYPE },
    body: `<?xml version="1.0" encoding="UTF-8"?><errors><error>${escapeXml(message)}</error></errors>`,
  };
}

/** v2 speaks JSON only when `Accept` is exactly `application/json`; a list such as axios' default gets XML. */
function v2Json(req: SimRequest): boolean {
  return req.headers.accept === 'application/json';
}

function v2Error(req: SimRequest, status: number, code: number, message: string): SimResponse {
  if (v2Json(req))
    return {
      status,
      headers: { 'Content-Type': JSON_TYPE },
      body: JSON.stringify({ errors: [{ code, message, status }] }),
    };
  return {
    status,
    headers: { 'Content-Type': XML_TYPE },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<errors>\n  <error code="${code}" message="${escapeXml(message)}" status="${status}"/>\n</errors>\n`,
  };
}

function tokenOf(req: SimRequest): string | undefined {
  const header = req.headers['x-plex-token'];
  return req.query.get('X-Plex-Token') ?? (Array.isArray(header) ? header[0] : header);
}

function flagsOf(req: SimRequest): ConnectionFlags {
  return {
    https: req.query.get('includeHttps') === '1',
    relay: req.query.get('includeRelay') === '1',
    ipv6: req.query.get('includeIPv6') === '1',
  };
}

export function createPlexTvSimulator(options: PlexTvSimulatorOptions = {}): PlexTvSimulator {
  const state = createPlexTvState(options);
  const authorised = (req: SimRequest) => tokenOf(req) === state.token && !req.faults.badAuth;
  const v1 =
    (handler: SimHandler): SimHandler =>
    (req) =>
      authorised(req) ? handler(req) : v1Error(401, 'Invalid authentication token.');
  const v2 =
    (handler: SimHandler): SimHandler =>
    (req) => {
      if (!req.headers['x-plex-client-identifier'])
        return v2Error(req, 400, 1000, 'X-Plex-Client-Identifier is missing');
      if (!authorised(req)) return v2Error(req, 401, 1001, 'User could not be authenticated');
      return handler(req);
    };

  const sim = new Simulator({
    name: 'plextv',
    seed: options.seed ?? 1,
    errorResponse: (status, req) =>
      req.path.startsWith('/api/v2/')
        ? v2Error(req, status, 0, status === 429 ? 'Too Many Requests' : 'Internal Server Error')
        : v1Error(status, status === 429 ? 'Too Many Requests' : 'Internal Server Error'),
    notFound: () => v1Error(404, 'Not Found'),
  });

  sim.route(
    'GET',
    '/api/users',
    v1((req) => xmlAnswer(200, usersNode(state, req.faults.emptyLists ? [] : state.users))),
  );
  sim.route(
    'GET',
    '/api/servers/:machineIdentifier/shared_servers',
    v1((req) => {
      // Only the token owner's servers exist here; anything else is "not found" (inferred).
      const server = state.serversById.get(req.params.machineIdentifier);
      if (!server) return v1Error(404, 'Not Found');
      return xmlAnswer(200, sharedServersNode(server, req.faults.emptyLists ? [] : state.users));
    }),
  );
  sim.route(
    'GET',
    '/api/resources',
    v1((req) => xmlAnswer(200, resourcesV1Node(req.faults.emptyLists ? [] : resources(state, flagsOf(req))))),
  );
  sim.route(
    'GET',
    '/api/v2/user',
    v2((req) =>
      v2Json(req)
        ? { status: 200, headers: { 'Content-Type': JSON_TYPE }, body: JSON.stringify(ownerJson(state)) }
        : xmlAnswer(200, ownerXmlNode(state)),
    ),
  );
  sim.route(
    'GET',
    '/api/v2/resources',
    v2((req) => {
      const list = req.faults.emptyLists ? [] : resources(state, flagsOf(req));
      return v2Json(req)
        ? {
            status: 200,
            headers: { 'Content-Type': JSON_TYPE },
            body: JSON.stringify(list.map(resourceJson)),
          }
        : xmlAnswer(200, resourcesV2XmlNode(list));
    }),
  );
  // Older JSON account endpoint Seerr still uses.
  sim.route(
    'GET',
    '/users/account.json',
    v1(() => ({
      status: 200,
      headers: { 'Content-Type': JSON_TYPE },
      body: JSON.stringify({ user: ownerJson(state) }),
    })),
  );
  return { sim, state };
}
