import type { MediaServerSection } from '../../../server/config/config.schema';
import { EmbyClient } from '../../../server/media-servers/emby.client';
import { createEmbySimulator, DEFAULT_EMBY_API_KEY, type EmbySimulator } from '../../../simulators/emby';
import {
  createJellyfinSimulator,
  DEFAULT_JELLYFIN_API_KEY,
  type JellyfinSimulator,
} from '../../../simulators/jellyfin';
import { clientKit, entry, upstreamFailure, type ClientKit } from './support/media-clients';

interface SimUser {
  Id: string;
  Name: string;
  Policy: { IsAdministrator: boolean; IsDisabled: boolean };
}

const expected = (users: readonly SimUser[]) =>
  users
    .map((u) => ({
      id: u.Id,
      username: u.Name,
      email: null,
      disabled: u.Policy.IsDisabled,
      managed: false,
      admin: u.Policy.IsAdministrator,
      owner: false,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

describe('Jellyfin and Emby clients (simulators)', () => {
  let jellyfin: JellyfinSimulator;
  let emby: EmbySimulator;
  let kit: ClientKit;

  const jellyfinEntry = (o: Partial<MediaServerSection> = {}) =>
    entry({ type: 'jellyfin', name: 'Jelly', url: jellyfin.url, token: DEFAULT_JELLYFIN_API_KEY, ...o });
  const embyEntry = (o: Partial<MediaServerSection> = {}) =>
    entry({ type: 'emby', name: 'Embassy', url: emby.url, token: DEFAULT_EMBY_API_KEY, ...o });

  beforeAll(async () => {
    // 12.0: legacy authorization off, as on a fresh 12.0 install.
    jellyfin = createJellyfinSimulator({ users: 45 });
    emby = createEmbySimulator({ users: 23 });
    await jellyfin.start();
    await emby.start();
    kit = clientKit({ UPSTREAM_TIMEOUT_MS: '3000' });
  });
  afterEach(() => {
    jellyfin.resetFaults();
    emby.resetFaults();
    jellyfin.resetCounters();
    emby.resetCounters();
  });
  afterAll(async () => {
    await jellyfin.stop();
    await emby.stop();
    kit.cleanup();
  });

  describe('Jellyfin', () => {
    it('lists every user with the disabled and admin flags, no e-mail', async () => {
      expect(jellyfin.state.legacyAuth).toBe(false);
      const users = await kit.factory.create(jellyfinEntry()).listUsers();
      expect(byId(users)).toEqual(expected(jellyfin.state.users));
      expect(users.some((u) => u.disabled)).toBe(true);
      expect(users.some((u) => u.admin)).toBe(true);
    });

    it('authenticates with Authorization: MediaBrowser, which 12.0 accepts where X-Emby-Token is ignored', async () => {
      const legacy = await upstreamFailure(
        kit.http.request({
          service: 'Jellyfin (legacy probe)',
          baseUrl: jellyfin.url,
          path: '/Users',
          headers: { 'X-Emby-Token': DEFAULT_JELLYFIN_API_KEY },
        }),
      );
      expect(legacy.kind).toBe('unauthorized');
      await expect(kit.factory.create(jellyfinEntry()).listUsers()).resolves.toHaveLength(45);
    });

    it('reads the server name and version', async () => {
      expect(await kit.factory.create(jellyfinEntry()).info()).toEqual({
        name: jellyfin.state.serverName,
        version: jellyfin.state.version,
      });
    });

    it('answers an empty list as []', async () => {
      jellyfin.setFaults({ emptyLists: true });
      expect(await kit.factory.create(jellyfinEntry()).listUsers()).toEqual([]);
    });

    it.each([
      ['a hang', { hang: true }, 504, /^Jellyfin \(Jelly\) at .+ did not answer within 3 s\.$/],
      [
        'HTTP 500',
        { errorRate: 1, errorStatus: 500 },
        502,
        /^Jellyfin \(Jelly\) answered HTTP 500: Error processing request\.$/,
      ],
      [
        'a refused key',
        { badAuth: true },
        502,
        /^Jellyfin \(Jelly\) refused the panel's credentials \(HTTP 401\)/,
      ],
      [
        'garbage',
        { garbage: true },
        502,
        /^Jellyfin \(Jelly\) answered with something that is not valid JSON\.$/,
      ],
      [
        'an HTML page',
        { wrongContentType: true },
        502,
        /not valid JSON \(an HTML page; is the URL right\?\)/,
      ],
    ])('turns %s into an UpstreamError naming the server', async (_what, faults, status, message) => {
      jellyfin.setFaults(faults);
      const err = await upstreamFailure(kit.factory.create(jellyfinEntry()).listUsers());
      expect(err.getStatus()).toBe(status);
      expect(err.message).toMatch(message);
      expect(err.message).not.toContain(DEFAULT_JELLYFIN_API_KEY);
    });
  });

  describe('Emby', () => {
    it('pages through /Users/Query until TotalRecordCount', async () => {
      const client = new EmbyClient(kit.http, embyEntry(), 5);
      const users = await client.listUsers();
      expect(byId(users)).toEqual(expected(emby.state.users));
      expect(users).toHaveLength(23);
      expect(emby.count('GET /Users/Query')).toBe(5);
    });

    it('reads everything in one page by default, with X-Emby-Token', async () => {
      const users = await kit.factory.create(embyEntry()).listUsers();
      expect(byId(users)).toEqual(expected(emby.state.users));
      expect(emby.count('GET /Users/Query')).toBe(1);
    });

    it('reads the server name and version', async () => {
      expect(await kit.factory.create(embyEntry()).info()).toEqual({
        name: emby.state.serverName,
        version: emby.state.version,
      });
    });

    it('answers an empty list as [] after one request', async () => {
      emby.setFaults({ emptyLists: true });
      expect(await kit.factory.create(embyEntry()).listUsers()).toEqual([]);
      expect(emby.count('GET /Users/Query')).toBe(1);
    });

    it.each([
      ['a hang', { hang: true }, 504, /^Emby \(Embassy\) at .+ did not answer within 3 s\.$/],
      [
        'HTTP 500',
        { errorRate: 1, errorStatus: 500 },
        502,
        /^Emby \(Embassy\) answered HTTP 500: Error processing request\.$/,
      ],
      [
        'a refused key',
        { badAuth: true },
        502,
        /^Emby \(Embassy\) refused the panel's credentials \(HTTP 401\)/,
      ],
      [
        'garbage',
        { garbage: true },
        502,
        /^Emby \(Embassy\) answered with something that is not valid JSON\.$/,
      ],
    ])('turns %s into an UpstreamError naming the server', async (_what, faults, status, message) => {
      emby.setFaults(faults);
      const err = await upstreamFailure(kit.factory.create(embyEntry()).listUsers());
      expect(err.getStatus()).toBe(status);
      expect(err.message).toMatch(message);
    });
  });
});
