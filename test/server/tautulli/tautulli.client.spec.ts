import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigStore } from '../../../server/config/config.store';
import { TautulliClient } from '../../../server/tautulli/tautulli.client';
import { UpstreamError } from '../../../server/upstream/upstream-error';
import { UpstreamHttp } from '../../../server/upstream/upstream-http.service';
import { baseConfig } from '../support/test-panel';

const KEY = '0123456789abcdef0123456789abcdef';

interface Answer {
  status: number;
  body: unknown;
  type?: string;
}

const ok = (data: unknown, message: string | null = null): Answer => ({
  status: 200,
  body: { response: { result: 'success', message, data } },
});
const error = (message: string | null, status = 400): Answer => ({
  status,
  body: { response: { result: 'error', message, data: {} } },
});

/** A stub Tautulli: answers per `cmd`, records every query. */
class StubTautulli {
  answers = new Map<string, Answer | ((q: URLSearchParams) => Answer)>();
  queries: URLSearchParams[] = [];
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://stub');
      this.queries.push(url.searchParams);
      if (url.pathname !== '/tautulli/api/v2') {
        res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html>404 Not Found</html>');
        return;
      }
      const entry = this.answers.get(url.searchParams.get('cmd') ?? '');
      const answer = typeof entry === 'function' ? entry(url.searchParams) : (entry ?? error(null));
      res
        .writeHead(answer.status, { 'Content-Type': answer.type ?? 'application/json;charset=UTF-8' })
        .end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }
}

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof UpstreamError)) throw new Error(`expected an UpstreamError, got ${String(err)}`);
  return err;
}

describe('TautulliClient over the reference wire variants', () => {
  const stub = new StubTautulli();
  let store: ConfigStore;
  let client: TautulliClient;

  beforeAll(async () => {
    await stub.start();
    store = new ConfigStore({
      file: '/nonexistent/config.json',
      // Tautulli may live under an HTTP root; the client keeps it.
      initial: baseConfig({ tautulli: { url: `${stub.url}/tautulli/`, api_key: KEY } }),
      env: {},
      persist: false,
    });
    client = new TautulliClient(new UpstreamHttp(new HttpService(axios.create())), store);
  });
  afterAll(() => stub.stop());
  beforeEach(() => {
    stub.answers.clear();
    stub.queries = [];
  });

  it('sends apikey and cmd on /api/v2 under the HTTP root', async () => {
    stub.answers.set('get_tautulli_info', ok({ tautulli_version: 'v2.14.2' }));
    expect(await client.health()).toEqual({ version: 'v2.14.2', latency_ms: expect.any(Number) });
    expect(Object.fromEntries(stub.queries[0])).toEqual({ apikey: KEY, cmd: 'get_tautulli_info' });
  });

  describe('error envelopes (every error is HTTP 400 with result "error")', () => {
    it.each([
      [
        'a wrong key',
        error('Invalid apikey'),
        'Tautulli rejected the API key ("Invalid apikey"); set TAUTULLI_API_KEY or the API key in Settings → Tautulli (Tautulli shows it under Settings → Web Interface → API).',
      ],
      [
        'the API turned off',
        error('API not enabled'),
        "Tautulli's API is turned off; enable it in Tautulli under Settings → Web Interface → Enable API.",
      ],
      [
        'an unknown command',
        error('Unknown command: get_activity. Possible commands are: arnold, …'),
        'Tautulli does not know the command "get_activity"; it is older than the panel needs (v2.x).',
      ],
      [
        'a command that returned nothing',
        error(null),
        'Tautulli could not run get_activity (it returned nothing).',
      ],
      [
        'a command-specific message',
        error('No session found.'),
        'Tautulli could not run get_activity: No session found.',
      ],
      [
        'an internal exception (HTTP 500)',
        error('Check the logs for errors', 500),
        'Tautulli answered HTTP 500: Check the logs for errors',
      ],
      [
        'an error envelope with HTTP 200 (the legacy /api path)',
        {
          status: 200,
          body: { response: { result: 'error', message: 'Please use the /api/v2 endpoint.', data: {} } },
        },
        'Tautulli could not run get_activity: Please use the /api/v2 endpoint.',
      ],
    ])('maps %s to a 502 with its sentence', async (_what, answer, sentence) => {
      stub.answers.set('get_activity', answer);
      const err = await failure(client.activity());
      expect(err.getStatus()).toBe(502);
      expect(err.message).toBe(sentence);
    });

    it.each([
      [
        'HTML',
        { status: 200, body: '<html>login</html>', type: 'text/html' },
        'Tautulli answered with something that is not valid JSON (an HTML page; is the URL right?).',
      ],
      [
        'JSON without the envelope',
        { status: 200, body: { hello: 1 } },
        'Tautulli answered in a shape the panel does not understand (no {"response": {"result": …}} envelope); is the URL Tautulli\'s?',
      ],
      [
        'a garbled body',
        { status: 200, body: '{"response": {"res' },
        'Tautulli answered with something that is not valid JSON.',
      ],
    ])('maps %s to a 502', async (_what, answer, sentence) => {
      stub.answers.set('get_activity', answer);
      const err = await failure(client.activity());
      expect(err.getStatus()).toBe(502);
      expect(err.message).toBe(sentence);
    });

    it('names the URL when /api/v2 is not there', async () => {
      await store.update((c) => void (c.tautulli = { url: stub.url, api_key: KEY }));
      try {
        const err = await failure(client.activity());
        expect(err.message).toBe(
          "Tautulli answered HTTP 404 for /api/v2; check its URL (with Tautulli's HTTP root, if it has one).",
        );
      } finally {
        await store.update((c) => void (c.tautulli = { url: `${stub.url}/tautulli`, api_key: KEY }));
      }
    });

    it('answers 503 naming what to set when the key is missing, and calls nothing', async () => {
      await store.update((c) => void (c.tautulli = { url: stub.url }));
      try {
        const err = await failure(client.activity());
        expect(err.getStatus()).toBe(503);
        expect(err.message).toBe(
          'Tautulli is not configured: set TAUTULLI_URL and TAUTULLI_API_KEY, or its URL and API key in Settings.',
        );
        expect(stub.queries).toEqual([]);
      } finally {
        await store.update((c) => void (c.tautulli = { url: `${stub.url}/tautulli`, api_key: KEY }));
      }
    });
  });

  describe('get_activity', () => {
    it('reads numbers sent as strings and the decisions', async () => {
      stub.answers.set(
        'get_activity',
        ok({
          stream_count: '2',
          stream_count_direct_play: 1,
          stream_count_direct_stream: 0,
          stream_count_transcode: 1,
          total_bandwidth: 25318,
          lan_bandwidth: 25318,
          wan_bandwidth: 0,
          sessions: [
            {
              session_key: '27',
              session_id: 'abc',
              user: 'alice',
              user_id: 133788,
              friendly_name: 'Alice',
              full_title: 'Some Show - Pilot',
              media_type: 'episode',
              library_name: 'TV Shows',
              player: 'DESKTOP-1',
              platform: 'Windows',
              product: 'Plex for Windows',
              ip_address: '192.168.1.20',
              state: 'playing',
              progress_percent: '45',
              bandwidth: '21740',
              location: 'lan',
              transcode_decision: 'transcode',
              quality_profile: '4 Mbps 720p',
            },
            { session_key: '28', transcode_decision: 'copy', progress_percent: '', bandwidth: '' },
          ],
        }),
      );
      const a = await client.activity();
      expect(a).toMatchObject({
        stream_count: 2,
        direct_play: 1,
        transcodes: 1,
        total_bandwidth_kbps: 25318,
      });
      expect(a.streams[0]).toEqual({
        session_id: 'abc',
        session_key: '27',
        user_id: 133788,
        user: 'alice',
        friendly_name: 'Alice',
        title: 'Some Show - Pilot',
        media_type: 'episode',
        library: 'TV Shows',
        player: 'DESKTOP-1',
        platform: 'Windows',
        product: 'Plex for Windows',
        ip_address: '192.168.1.20',
        state: 'playing',
        progress_percent: 45,
        bandwidth_kbps: 21740,
        location: 'lan',
        decision: 'transcode',
        quality_profile: '4 Mbps 720p',
      });
      expect(a.streams[1]).toMatchObject({
        decision: 'direct_stream',
        progress_percent: 0,
        bandwidth_kbps: null,
      });
    });

    it('reads the idle sample as no streams', async () => {
      stub.answers.set(
        'get_activity',
        ok({
          lan_bandwidth: 0,
          sessions: [],
          stream_count: '0',
          stream_count_direct_play: 0,
          stream_count_direct_stream: 0,
          stream_count_transcode: 0,
          total_bandwidth: 0,
          wan_bandwidth: 0,
        }),
      );
      expect(await client.activity()).toEqual({
        stream_count: 0,
        direct_play: 0,
        direct_stream: 0,
        transcodes: 0,
        total_bandwidth_kbps: 0,
        lan_bandwidth_kbps: 0,
        wan_bandwidth_kbps: 0,
        streams: [],
      });
    });
  });

  describe('get_home_stats quirks', () => {
    const card = {
      stat_id: 'top_libraries',
      stat_type: 'total_plays',
      rows: [{ section_id: 1, total_plays: 4 }],
    };

    it.each([
      ['a list of cards', [card]],
      ['the one card itself (with stat_id)', card],
    ])('reads %s', async (_what, data) => {
      stub.answers.set('get_home_stats', ok(data));
      const cards = await client.homeStats({ days: 7, count: 3, statsType: 'duration' }, 'top_libraries');
      expect(cards.get('top_libraries')).toEqual([{ section_id: 1, total_plays: 4 }]);
    });

    it('always sends stats_count (the code defaults to 10, the docs say 5)', async () => {
      stub.answers.set('get_home_stats', ok([]));
      expect((await client.homeStats({ days: 7, count: 3, statsType: 'plays' })).size).toBe(0);
      expect(Object.fromEntries(stub.queries[0])).toMatchObject({
        time_range: '7',
        stats_type: 'plays',
        stats_start: '0',
        stats_count: '3',
      });
      expect(stub.queries[0].has('stat_id')).toBe(false);
    });

    it('refuses a card list that is neither', async () => {
      stub.answers.set('get_home_stats', ok('nonsense'));
      const err = await failure(client.homeStats({ days: 7, count: 3, statsType: 'plays' }));
      expect(err.message).toContain('get_home_stats is not a list of cards');
    });
  });

  it('reads a whole DataTables table page by page', async () => {
    const users = Array.from({ length: 620 }, (_, i) => ({
      user_id: String(i + 1),
      username: `u${i + 1}`,
      friendly_name: '',
      plays: String(i),
      duration: i * 60,
      last_seen: i ? 1716201234 : null,
      is_active: 1,
    }));
    // The users table has no is_admin: it comes from get_users.
    stub.answers.set('get_users', ok([{ user_id: '1', username: 'u1', is_admin: 1 }]));
    stub.answers.set('get_users_table', (q) => {
      const start = Number(q.get('start'));
      const length = Number(q.get('length'));
      return ok({
        draw: 1,
        recordsTotal: 620,
        recordsFiltered: 620,
        data: users.slice(start, start + length),
      });
    });
    const all = await client.users();
    expect(all).toHaveLength(620);
    const table = stub.queries.filter((q) => q.get('cmd') === 'get_users_table');
    expect(table.map((q) => [q.get('start'), q.get('length')])).toEqual([
      ['0', '500'],
      ['500', '500'],
    ]);
    expect(all[0]).toEqual({
      user_id: 1,
      username: 'u1',
      friendly_name: 'u1',
      email: null,
      plays: 0,
      duration_seconds: 0,
      last_seen: null,
      last_played: null,
      platform: null,
      player: null,
      ip_address: null,
      is_active: true,
      is_admin: true,
    });
    expect(all[1].last_seen).toBe('2024-05-20T10:33:54.000Z');
  });

  it('reads the reference history sample', async () => {
    stub.answers.set(
      'get_history',
      ok({
        draw: 1,
        recordsTotal: 1000,
        recordsFiltered: 1000,
        total_duration: '42 days 5 hrs 18 mins',
        filter_duration: '42 days 5 hrs 18 mins',
        data: [
          {
            row_id: 1124,
            date: 1716201234,
            started: 1716201234,
            stopped: 1716203900,
            duration: 2666,
            play_duration: 2666,
            paused_counter: 0,
            user_id: 133788,
            user: 'alice',
            friendly_name: 'Alice',
            platform: 'Windows',
            product: 'Plex for Windows',
            player: 'DESKTOP-1',
            ip_address: '192.168.1.20',
            location: 'lan',
            media_type: 'episode',
            full_title: 'Some Show - Pilot',
            title: 'Pilot',
            transcode_decision: 'direct play',
            percent_complete: 89,
            watched_status: 1,
            state: null,
          },
        ],
      }),
    );
    const page = await client.history({ start: 0, length: 1, userId: 133788 });
    expect(Object.fromEntries(stub.queries[0])).toMatchObject({
      cmd: 'get_history',
      start: '0',
      length: '1',
      order_column: 'date',
      order_dir: 'desc',
      user_id: '133788',
      include_activity: '0',
    });
    expect(page).toEqual({
      total: 1000,
      totalDuration: '42 days 5 hrs 18 mins',
      items: [
        {
          id: 1124,
          started: '2024-05-20T10:33:54.000Z',
          first_started: '2024-05-20T10:33:54.000Z',
          group_count: 1,
          stopped: '2024-05-20T11:18:20.000Z',
          duration_seconds: 2666,
          paused_seconds: 0,
          user_id: 133788,
          user: 'alice',
          friendly_name: 'Alice',
          title: 'Some Show - Pilot',
          media_type: 'episode',
          platform: 'Windows',
          player: 'DESKTOP-1',
          ip_address: '192.168.1.20',
          decision: 'direct_play',
          percent_complete: 89,
          watched: true,
        },
      ],
    });
  });

  it('restarts without retrying and returns what Tautulli said', async () => {
    stub.answers.set('restart', ok({}, 'Restarting Tautulli'));
    expect(await client.restart()).toBe('Restarting Tautulli');
    stub.answers.set('restart', error('Check the logs for errors', 503));
    stub.queries = [];
    await failure(client.restart());
    expect(stub.queries).toHaveLength(1);
  });
});
