import { shortPage } from '../core/faults';
import { json, Simulator, text, type SimHandler, type SimRequest, type SimResponse } from '../core/simulator';
import { normaliseGuid } from '../mediabrowser';
import { ADMIN_REQUIRED, authenticate, isAdministrator, type EmbyCaller } from './emby.auth';
import { publicSystemInfo, systemInfo } from './emby.dto';
import { DEFAULT_EMBY_SEED, EmbyState, type EmbySimulatorOptions, type EmbyUser } from './emby.state';
import { listFilters, pageOf } from './emby.query';

type AuthedHandler = (req: SimRequest, caller: EmbyCaller) => SimResponse;
type Access = 'anonymous' | 'user' | 'admin';

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };

function rawJson(body: string): SimResponse {
  return { status: 200, headers: JSON_TYPE, body };
}

/** An Emby 4.8 server: system info and users, every route also reachable under `/emby`. */
export class EmbySimulator extends Simulator {
  readonly state: EmbyState;

  constructor(options: EmbySimulatorOptions = {}) {
    super({
      name: 'emby',
      seed: options.seed ?? DEFAULT_EMBY_SEED,
      errorResponse: (status) => text(status, status === 500 ? 'Error processing request.' : ''),
    });
    this.state = new EmbyState(options);
    this.registerRoutes();
  }

  private get localAddress(): string {
    return this.url || 'http://127.0.0.1:8096';
  }

  private registerRoutes(): void {
    this.both('GET', '/System/Info/Public', 'anonymous', () =>
      json(200, publicSystemInfo(this.state, this.localAddress)),
    );
    this.both('GET', '/System/Info', 'user', () => json(200, systemInfo(this.state, this.localAddress)));
    this.both('GET', '/Users/Public', 'anonymous', (req) => this.publicUsers(req));
    this.both('GET', '/Users/Query', 'admin', (req) => this.queryUsers(req));
    this.both('GET', '/Users', 'user', (req) => this.listUsers(req));
    this.both('GET', '/Users/:userId', 'user', (req) => this.getUser(req));
    this.both('DELETE', '/Users/:userId', 'admin', (req) => this.deleteUser(req));
    this.both('POST', '/Users/:userId/Delete', 'admin', (req) => this.deleteUser(req));
  }

  /** Registers `pattern` and `/emby` + `pattern`, both counted under the unprefixed key. */
  private both(method: string, pattern: string, access: Access, handler: AuthedHandler): void {
    const guarded: SimHandler =
      access === 'anonymous' ? (req) => handler(req, { kind: 'apiKey' }) : this.guard(access, handler);
    const key = () => `${method} ${pattern}`;
    this.route(method, pattern, guarded, { key });
    this.route(method, `/emby${pattern}`, guarded, { key });
  }

  private guard(access: Access, handler: AuthedHandler): SimHandler {
    return (req) => {
      const caller = authenticate(req, this.state);
      if ('status' in caller) return caller;
      if (access === 'admin' && !isAdministrator(caller)) return text(403, ADMIN_REQUIRED);
      return handler(req, caller);
    };
  }

  /** `{"Items":[…],"TotalRecordCount":N}`; the count is taken after filtering, before paging. */
  private queryUsers(req: SimRequest): SimResponse {
    if (req.faults.emptyLists) return rawJson('{"Items":[],"TotalRecordCount":0}');
    const filters = listFilters(req.query);
    const matching = this.state.memo(`filtered:${filters.key}`, () => filters.apply(this.state.sorted()));
    const page = pageOf(req.query, matching.length);
    if (page.start === 0 && page.end === matching.length && !req.faults.shortPages) {
      return rawJson(
        this.state.memo(`query:${filters.key}`, () => this.queryBody(matching, matching.length)),
      );
    }
    const slice = matching.slice(page.start, page.end);
    const rows = req.faults.shortPages ? shortPage(slice, page.start) : slice;
    return rawJson(this.queryBody(rows, matching.length));
  }

  private queryBody(items: readonly EmbyUser[], total: number): string {
    return `{"Items":${this.state.jsonArray(items)},"TotalRecordCount":${total}}`;
  }

  /** The bare array form (not in Emby's OpenAPI, but Seerr relies on it). */
  private listUsers(req: SimRequest): SimResponse {
    if (req.faults.emptyLists) return rawJson('[]');
    const filters = listFilters(req.query, false);
    return rawJson(
      this.state.memo(`users:${filters.key}`, () => this.state.jsonArray(filters.apply(this.state.sorted()))),
    );
  }

  private publicUsers(req: SimRequest): SimResponse {
    if (req.faults.emptyLists) return rawJson('[]');
    return rawJson(
      this.state.memo('public', () =>
        this.state.jsonArray(this.state.sorted().filter((u) => !u.Policy.IsHidden && !u.Policy.IsDisabled)),
      ),
    );
  }

  private findUser(req: SimRequest): EmbyUser | undefined {
    const id = normaliseGuid(req.params.userId);
    return id === undefined ? undefined : this.state.getUser(id);
  }

  private getUser(req: SimRequest): SimResponse {
    const user = this.findUser(req);
    return user ? rawJson(this.state.userJson(user)) : text(404, 'User not found');
  }

  private deleteUser(req: SimRequest): SimResponse {
    const user = this.findUser(req);
    if (!user) return text(404, 'User not found');
    if (
      user.Policy.IsAdministrator &&
      this.state.users.filter((u) => u.Policy.IsAdministrator).length === 1
    ) {
      return text(
        400,
        `The user '${user.Name}' cannot be deleted because there must be at least one admin user in the system.`,
      );
    }
    this.state.removeUser(user.Id);
    return { status: 204, body: '' };
  }
}

export function createEmbySimulator(options: EmbySimulatorOptions = {}): EmbySimulator {
  return new EmbySimulator(options);
}
