import { json, Simulator, type SimResponse } from '../core';
import type { Person } from '../world';
import { authRoutes } from './seerr.auth';
import { SEERR_BASE } from './seerr.constants';
import type { SeerrRoute } from './seerr.context';
import { generateRequests } from './seerr.generate-requests';
import { generateUsers } from './seerr.generate-users';
import { injectedError, notFound, operationHandler, wrongMethodHandler } from './seerr.pipeline';
import { requestRoutes } from './seerr.requests';
import { defaultSettings, type SettingsOptions } from './seerr.settings-defaults';
import { settingsRoutes } from './seerr.settings';
import { HTTP_METHODS, seerrSpec } from './seerr.openapi';
import { PasswordHashing, type PasswordHashingOptions } from './seerr.password-hashing';
import { SeerrState } from './seerr.state';
import { userQuota } from './seerr.user-list';
import { userSettingsRoutes } from './seerr.user-settings';
import { userRoutes } from './seerr.users';

export interface SeerrSimulatorOptions extends SettingsOptions {
  seed?: number;
  /** Local users (username set, userType 2). */
  localUsers?: number;
  /** Plex-linked users (username null, plexUsername set). */
  plexUsers?: number;
  /** Jellyfin/Emby-linked users (username null, jellyfinUsername set, e-mail = that name). */
  jellyfinUsers?: number;
  requests?: number;
  /** People for the generated users, in order: Plex-linked, then Jellyfin-linked, then local. */
  people?: Person[];
  /** User 1, the owner (ADMIN), linked to the configured media server. */
  owner?: Person;
  /** What hashing a new user's password costs (none by default). */
  passwordHashing?: Partial<PasswordHashingOptions>;
}

export const SEERR_DEFAULT_OWNER: Person = {
  username: 'admin',
  email: 'admin@example.test',
  displayName: 'Admin',
};
const DEFAULT_SEED = 5055;

const IMPLEMENTED: SeerrRoute[] = [
  ...userRoutes,
  ...userSettingsRoutes,
  ...requestRoutes,
  ...settingsRoutes,
  ...authRoutes,
  { method: 'GET', path: '/user/{userId}/quota', guard: 0, handler: userQuota },
];

/** A Seerr server (`/api/v1`): every path of the real OpenAPI spec is routed and validated like Seerr does. */
export class SeerrSimulator extends Simulator {
  readonly passwordHashing = new PasswordHashing();

  constructor(
    readonly state: SeerrState,
    seed: number,
  ) {
    super({
      name: 'seerr',
      seed,
      notFound: (req) => notFound(state, req),
      errorResponse: injectedError,
      control: (method, what, body) => networkControl(state, method, what, body),
    });
    const implemented = new Map(IMPLEMENTED.map((r) => [`${r.method} ${r.path}`, r]));
    for (const spec of seerrSpec().routes) {
      for (const method of HTTP_METHODS) {
        const op = spec.operations.get(method);
        const handler = op
          ? operationHandler(state, spec.template, op, implemented.get(`${method} ${spec.template}`))
          : wrongMethodHandler(state);
        const creates = method === 'POST' && spec.template === '/user';
        const served = creates ? this.passwordHashing.around(handler) : handler;
        this.route(method, SEERR_BASE + spec.pattern, served);
      }
    }
  }

  get apiKey(): string {
    return this.state.settings.main.apiKey;
  }

  /** Settings → Network → Enable CSRF Protection; takes effect at once (Seerr itself needs a restart). */
  setCsrfProtection(on: boolean): void {
    this.state.settings.network.csrfProtection = on;
  }
}

/**
 * `GET|PUT /__sim/settings/network` (`{"csrfProtection": true}`): lets another process flip CSRF mode.
 * Not Seerr's own POST /settings/network, which CSRF mode itself would block.
 */
function networkControl(
  state: SeerrState,
  method: string,
  what: string,
  body: Buffer,
): SimResponse | undefined {
  if (what !== 'settings/network') return undefined;
  if (method === 'GET') return json(200, state.settings.network);
  if (method !== 'PUT' && method !== 'POST') return undefined;
  let input: unknown;
  try {
    input = JSON.parse(body.toString('utf8') || '{}');
  } catch {
    return json(400, { error: 'body must be JSON' });
  }
  const on = (input as { csrfProtection?: unknown } | null)?.csrfProtection;
  if (typeof on !== 'boolean') return json(400, { error: 'csrfProtection must be a boolean' });
  state.settings.network.csrfProtection = on;
  return json(200, state.settings.network);
}

export function createSeerrSimulator(options: SeerrSimulatorOptions = {}): SeerrSimulator {
  const seed = options.seed ?? DEFAULT_SEED;
  const state = new SeerrState(defaultSettings(options));
  generateUsers(state, {
    seed,
    localUsers: options.localUsers ?? 10,
    plexUsers: options.plexUsers ?? 10,
    jellyfinUsers: options.jellyfinUsers ?? 5,
    people: options.people,
    owner: options.owner ?? SEERR_DEFAULT_OWNER,
  });
  generateRequests(state, seed + 1, options.requests ?? 120);
  const sim = new SeerrSimulator(state, seed);
  if (options.passwordHashing) sim.passwordHashing.configure(options.passwordHashing);
  return sim;
}
