import { json, Simulator, type SimHandler, type SimRequest, type SimResponse } from '../core/simulator';
import { normaliseGuid, parseBool, queryValue } from '../mediabrowser';
import { authenticate, isAdministrator, type JellyfinCaller } from './jellyfin.auth';
import { JELLYFIN_PRODUCT_NAME, publicSystemInfo, systemInfo } from './jellyfin.dto';
import {
  exceptionText,
  FORBIDDEN,
  invalidValue,
  jellyfinError,
  problem,
  rawJson,
  UNAUTHORIZED,
} from './jellyfin.responses';
import {
  DEFAULT_JELLYFIN_SEED,
  JellyfinState,
  type JellyfinSimulatorOptions,
  type JellyfinUser,
} from './jellyfin.state';

type AuthedHandler = (req: SimRequest, caller: JellyfinCaller) => SimResponse;

/** A Jellyfin server (10.10 … 12.0): system info, users, and the version-dependent auth rules. */
export class JellyfinSimulator extends Simulator {
  readonly state: JellyfinState;

  constructor(options: JellyfinSimulatorOptions = {}) {
    super({
      name: 'jellyfin',
      seed: options.seed ?? DEFAULT_JELLYFIN_SEED,
      errorResponse: jellyfinError,
      // ASP.NET's 404 for an unknown route has no body.
      notFound: () => ({ status: 404, body: '' }),
    });
    this.state = new JellyfinState(options);
    this.registerRoutes();
  }

  private get localAddress(): string {
    return this.url || 'http://127.0.0.1:8096';
  }

  private registerRoutes(): void {
    this.route('GET', '/System/Info/Public', () =>
      json(200, publicSystemInfo(this.state, this.localAddress)),
    );
    this.route(
      'GET',
      '/System/Info',
      this.authed(() => json(200, systemInfo(this.state, this.localAddress))),
    );
    this.route('GET', '/System/Ping', () => json(200, JELLYFIN_PRODUCT_NAME));
    this.route('POST', '/System/Ping', () => json(200, JELLYFIN_PRODUCT_NAME));
    this.route(
      'GET',
      '/Users',
      this.authed((req) => this.listUsers(req)),
    );
    this.route('GET', '/Users/Public', (req) => this.publicUsers(req));
    this.route(
      'GET',
      '/Users/Me',
      this.authed((_req, caller) => this.me(caller)),
    );
    this.route(
      'GET',
      '/Users/:userId',
      this.authed((req) => this.getUser(req)),
    );
    this.route(
      'DELETE',
      '/Users/:userId',
      this.authed((req) => this.deleteUser(req), true),
    );
  }

  /** `[Authorize]` (any valid token) or `RequiresElevation` (administrator or API key). */
  private authed(handler: AuthedHandler, elevated = false): SimHandler {
    return (req) => {
      const caller = authenticate(req, this.state);
      if (typeof caller === 'string') return UNAUTHORIZED;
      if (elevated && !isAdministrator(caller)) return FORBIDDEN;
      return handler(req, caller);
    };
  }

  private listUsers(req: SimRequest): SimResponse {
    const rawHidden = queryValue(req.query, 'isHidden');
    const rawDisabled = queryValue(req.query, 'isDisabled');
    const isHidden = parseBool(rawHidden);
    const isDisabled = parseBool(rawDisabled);
    if (isHidden === 'invalid') return invalidValue('isHidden', rawHidden ?? '');
    if (isDisabled === 'invalid') return invalidValue('isDisabled', rawDisabled ?? '');
    if (req.faults.emptyLists) return rawJson('[]');
    const body = this.state.memo(`users:${isHidden}:${isDisabled}`, () =>
      this.state.jsonArray(
        this.state
          .sorted()
          .filter(
            (u) =>
              (isHidden === undefined || u.Policy.IsHidden === isHidden) &&
              (isDisabled === undefined || u.Policy.IsDisabled === isDisabled),
          ),
      ),
    );
    return rawJson(body);
  }

  /** Login-screen users: neither hidden nor disabled (the loopback caller counts as local network). */
  private publicUsers(req: SimRequest): SimResponse {
    if (req.faults.emptyLists) return rawJson('[]');
    return rawJson(
      this.state.memo('public', () =>
        this.state.jsonArray(this.state.sorted().filter((u) => !u.Policy.IsHidden && !u.Policy.IsDisabled)),
      ),
    );
  }

  /** An API key has no user behind it, so `/Users/Me` is a bare `BadRequest()`. */
  private me(caller: JellyfinCaller): SimResponse {
    return caller.kind === 'user' ? rawJson(this.state.userJson(caller.user)) : problem(400);
  }

  private findUser(req: SimRequest): JellyfinUser | SimResponse {
    const id = normaliseGuid(req.params.userId);
    if (!id) return invalidValue('userId', req.params.userId);
    return this.state.getUser(id) ?? { status: 404, body: '' };
  }

  private getUser(req: SimRequest): SimResponse {
    const found = this.findUser(req);
    if ('status' in found) return found.status === 404 ? json(404, 'User not found') : found;
    return rawJson(this.state.userJson(found));
  }

  private deleteUser(req: SimRequest): SimResponse {
    const found = this.findUser(req);
    if ('status' in found) return found.status === 404 ? problem(404) : found;
    if (this.state.isLastAdmin(found)) {
      // UserManager.DeleteUserAsync throws an ArgumentException; the middleware maps it to 400.
      return exceptionText(
        400,
        `The user '${found.Name}' cannot be deleted because there must be at least one admin user in the system. (Parameter 'userId')`,
      );
    }
    this.state.removeUser(found.Id);
    return { status: 204, body: '' };
  }
}

export function createJellyfinSimulator(options: JellyfinSimulatorOptions = {}): JellyfinSimulator {
  return new JellyfinSimulator(options);
}
