import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigStore } from '../../../server/config/config.store';
import { PlexClientIdentifier } from '../../../server/plex-common/plex-client-identifier.service';
import { PlexClient } from '../../../server/plex/plex.client';
import { type UpstreamError } from '../../../server/upstream/upstream-error';
import { UpstreamHttp } from '../../../server/upstream/upstream-http.service';
import { baseConfig } from '../support/test-panel';
import {
  ACCOUNTS,
  COUNT_IN_HEADER_ONLY,
  EPISODE_COUNT,
  HISTORY,
  IDENTITY,
  IDLE_SESSIONS,
  MACHINE_ID,
  PROVIDERS,
  ROOT,
  SECTIONS,
  SESSIONS,
  VERSION,
  type PlexSample,
} from './support/plex-samples';

const TOKEN = 'reference-token-0001';

/** A stub PMS answering the reference samples in one format whatever the Accept header says. */
class StubPms {
  format: 'xml' | 'json' = 'json';
  routes = new Map<string, PlexSample>();
  requests: Array<{ method: string; path: string; query: URLSearchParams; headers: IncomingHttpHeaders }> =
    [];
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://stub');
      this.requests.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
      });
      if (url.pathname !== '/identity' && req.headers['x-plex-token'] !== TOKEN) {
        res
          .writeHead(401, { 'Content-Type': 'text/html' })
          .end('<html><body><h1>401 Unauthorized</h1></body></html>');
        return;
      }
      const sample = this.routes.get(`${req.method} ${url.pathname}`);
      if (!sample) {
        res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html>404</html>');
        return;
      }
      const body = this.format === 'json' ? JSON.stringify(sample.json) : sample.xml;
      const type = this.format === 'json' ? 'application/json' : 'text/xml;charset=utf-8';
      res.writeHead(200, { 'Content-Type': type, ...sample.headers }).end(body);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }
}

describe('PlexClient over the reference wire variants', () => {
  const stub = new StubPms();
  let dir: string;
  let store: ConfigStore;
  let client: PlexClient;

  beforeAll(async () => {
    await stub.start();
    dir = mkdtempSync(join(tmpdir(), 'plex-client-'));
    store = new ConfigStore({
      file: join(dir, 'config.json'),
      initial: baseConfig({ plex: { url: `${stub.url}/`, token: TOKEN } }),
      env: {},
      persist: false,
    });
    client = new PlexClient(
      new UpstreamHttp(new HttpService(axios.create())),
      store,
      new PlexClientIdentifier(store),
    );
    for (const [route, sample] of Object.entries({
      'GET /identity': IDENTITY,
      'GET /': ROOT,
      'GET /library/sections': SECTIONS,
      'GET /library/sections/2/all': EPISODE_COUNT,
      'GET /library/sections/1/all': COUNT_IN_HEADER_ONLY,
      'GET /media/providers': PROVIDERS,
      'GET /status/sessions': SESSIONS,
      'GET /status/sessions/history/all': HISTORY,
      'GET /accounts': ACCOUNTS,
      'GET /library/sections/2/refresh': { xml: '', json: '' },
      'PUT /library/optimize': { xml: '', json: '', headers: { 'X-Plex-Activity': 'act-1' } },
    }))
      stub.routes.set(route, sample);
  });
  afterAll(async () => {
    await stub.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    stub.requests = [];
    stub.routes.set('GET /status/sessions', SESSIONS);
  });

  describe.each(['json', 'xml'] as const)('answers in %s', (format) => {
    beforeEach(() => (stub.format = format));

    it('reads /identity without a token, and / with it', async () => {
      expect(await client.health()).toEqual({
        version: VERSION,
        machine_identifier: MACHINE_ID,
        claimed: true,
        latency_ms: expect.any(Number),
      });
      expect(await client.status()).toEqual({
        name: 'seedbox',
        version: VERSION,
        platform: 'Linux',
        platform_version: '6.1.0',
        machine_identifier: MACHINE_ID,
        plex_pass: true,
        my_plex_username: 'owner@example.org',
        active_transcodes: 2,
        updated_at: '2024-05-20T10:13:20.000Z',
      });
    });

    it('lists sections with their locations and refreshing flag', async () => {
      const sections = await client.sections();
      expect(sections).toEqual([
        {
          key: '1',
          title: 'Movies',
          type: 'movie',
          agent: 'tv.plex.agents.movie',
          scanner: 'Plex Movie',
          refreshing: false,
          scanned_at: '2024-05-20T09:56:40.000Z',
          locations: ['/data/movies'],
        },
        expect.objectContaining({ key: '2', type: 'show', refreshing: true, locations: ['/data/tv'] }),
      ]);
    });

    it('counts with an empty page, from totalSize or from the total-size header', async () => {
      expect(await client.count('2', 4)).toBe(3745);
      const asked = stub.requests[0].query;
      expect(Object.fromEntries(asked)).toEqual({
        type: '4',
        includeCollections: '0',
        'X-Plex-Container-Start': '0',
        'X-Plex-Container-Size': '0',
      });
      expect(await client.count('1', 1)).toBe(1200);
    });

    it('reads size and running time per library, null where PMS has none', async () => {
      const storage = await client.storage();
      expect(storage.get('1')).toEqual({ size_bytes: 5000000000000, duration_ms: 8640000000 });
      expect(storage.get('2')).toEqual({ size_bytes: null, duration_ms: null });
    });

    it('maps sessions: user, title, player, state, progress, bandwidth, decision', async () => {
      const s = await client.sessions();
      expect(s).toMatchObject({
        count: 2,
        transcodes: 1,
        total_bandwidth_kbps: 22060,
        lan_bandwidth_kbps: 21740,
        wan_bandwidth_kbps: 320,
      });
      expect(s.sessions[0]).toEqual({
        session_id: 'hq5bq3wf0c7s1k9l2m3n4o5p',
        session_key: '27',
        user: 'alice',
        title: 'Some Show - S01E01 - Pilot',
        media_type: 'episode',
        library: 'TV Shows',
        player: 'Chrome',
        product: 'Plex Web',
        platform: 'Chrome',
        address: '192.168.1.20',
        state: 'playing',
        progress_percent: 40,
        view_offset_ms: 1200000,
        duration_ms: 2998272,
        bandwidth_kbps: 21740,
        location: 'lan',
        decision: 'transcode',
        video_decision: 'transcode',
        audio_decision: 'copy',
        transcode_progress: 12.5,
        transcode_speed: 3.2,
        transcode_hw: true,
        details: expect.objectContaining({ container: 'mkv' }),
      });
      // The video is converted (the reference sample says so in either format).
      expect(s.sessions[0].details.transcode_reason).toMatch(/^Video /);
      expect(s.sessions[1].details.transcode_reason).toBeNull();
      expect(s.sessions[1]).toMatchObject({
        title: 'Band - Song',
        user: 'bob',
        state: 'paused',
        decision: 'direct_play',
        transcode_progress: null,
        progress_percent: 25,
      });
    });

    it('reads an idle server (no Metadata key at all) as no sessions, not an error', async () => {
      stub.routes.set('GET /status/sessions', IDLE_SESSIONS);
      expect(await client.sessions()).toMatchObject({
        count: 0,
        transcodes: 0,
        total_bandwidth_kbps: 0,
        sessions: [],
      });
    });

    it('pages history with X-Plex-Container-Start/Size and names accounts', async () => {
      const accounts = await client.accounts();
      expect([...accounts]).toEqual([
        [1, 'alice'],
        [5, 'bob'],
      ]);
      const page = await client.history({ start: 50, size: 2, accountId: 1 }, accounts);
      const asked = stub.requests[stub.requests.length - 1].query;
      expect(asked.get('X-Plex-Container-Start')).toBe('50');
      expect(asked.get('X-Plex-Container-Size')).toBe('2');
      expect(asked.get('sort')).toBe('viewedAt:desc');
      expect(asked.get('accountID')).toBe('1');
      expect(page.total).toBe(1534);
      expect(page.items).toEqual([
        {
          id: '88123',
          title: 'Some Show - S01E01 - Pilot',
          media_type: 'episode',
          library_key: '2',
          rating_key: '5678',
          viewed_at: '2024-05-20T10:33:54.000Z',
          account_id: 1,
          user: 'alice',
        },
        expect.objectContaining({ id: '88122', title: 'Some Movie', account_id: 5, user: 'bob' }),
      ]);
    });
  });

  it('sends the token, JSON Accept and client headers, and never retries a scan', async () => {
    await client.scan('2', true);
    const scan = stub.requests[0];
    expect(scan.method).toBe('GET');
    expect(scan.query.get('force')).toBe('1');
    expect(scan.headers).toMatchObject({
      accept: 'application/json',
      'x-plex-token': TOKEN,
      'x-plex-product': 'Seedbox Panel',
      'x-plex-client-identifier': expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(await client.optimize()).toBe('act-1');
    expect(stub.requests[1]).toMatchObject({ method: 'PUT', path: '/library/optimize' });
    expect(stub.requests[1].query.get('async')).toBe('1');
  });

  it('names the token when PMS answers 401', async () => {
    await store.update((c) => void (c.plex = { url: stub.url, token: 'wrong-plex-token' }));
    const err = (await client.status().catch((e: unknown) => e)) as UpstreamError;
    expect(err.getStatus()).toBe(502);
    expect(err.message).toBe(
      "Plex rejected the token (HTTP 401); set the server owner's X-Plex-Token in PLEX_TOKEN or in Settings → Plex.",
    );
    await store.update((c) => void (c.plex = { url: stub.url, token: TOKEN }));
  });

  it('answers 503 naming what to set, without calling anything, when not configured', async () => {
    await store.update((c) => void (c.plex = { url: stub.url }));
    const err = (await client.sessions().catch((e: unknown) => e)) as UpstreamError;
    expect(err.getStatus()).toBe(503);
    expect(err.message).toBe(
      'Plex is not configured: set PLEX_URL and PLEX_TOKEN, or its URL and token in Settings.',
    );
    // /identity needs no token, so the health check still works with the URL alone.
    stub.format = 'json';
    await expect(client.health()).resolves.toMatchObject({ version: VERSION });
    await store.update((c) => void (c.plex = { url: stub.url, token: TOKEN }));
  });

  it('turns an answer without MediaContainer into a 502 sentence', async () => {
    stub.routes.set('GET /status/sessions', { xml: '<Other/>', json: { Other: {} } });
    for (const format of ['json', 'xml'] as const) {
      stub.format = format;
      const err = (await client.sessions().catch((e: unknown) => e)) as UpstreamError;
      expect(err.getStatus()).toBe(502);
      expect(err.message).toBe('Plex answered in a shape the panel does not understand (no MediaContainer).');
    }
  });
});
