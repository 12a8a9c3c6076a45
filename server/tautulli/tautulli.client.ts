import { Injectable } from '@nestjs/common';
import { ConfigStore } from '../config/config.store';
import { UpstreamError } from '../upstream/upstream-error';
import { UpstreamHttp } from '../upstream/upstream-http.service';
import { mapAnswer } from '../upstream/unexpected-answer';
import type {
  TautulliActivityDto,
  TautulliHealthDto,
  TautulliHistoryItemDto,
  TautulliLibraryDto,
  TautulliPlaysDto,
  TautulliServerInfoDto,
  TautulliStatsType,
  TautulliStatusDto,
  TautulliUserDto,
} from './tautulli.dto';
import {
  activityKnown,
  adminIds,
  envelope,
  homeStatCards,
  inProgress,
  isRealUser,
  tablePage,
  tautulliActivity,
  tautulliHealth,
  tautulliHistoryItem,
  tautulliLibrary,
  tautulliPlays,
  tautulliServerInfo,
  tautulliStatus,
  tautulliUser,
  type Row,
  type TablePage,
} from './tautulli.wire';

export const TAUTULLI = 'Tautulli';

/** Failures that still prove Tautulli is listening (it answered, only not as hoped). */
const ANSWERED = new Set(['unauthorized', 'status']);

type Params = Record<string, string | number | undefined>;

/** Rows per DataTables page when a whole table is read; a seedbox has tens of users, not thousands. */
const TABLE_PAGE = 500;
const MAX_TABLE_PAGES = 100;

/** A page of `get_history` and its filters (days are `YYYY-MM-DD`, both ends included). */
export interface HistoryRequest {
  start: number;
  length: number;
  userId?: number;
  sectionId?: string;
  mediaType?: string;
  after?: string;
  before?: string;
}

export interface HomeStatsRequest {
  days: number;
  count: number;
  statsType: TautulliStatsType;
}

/**
 * The only code that speaks to Tautulli (`{url}/api/v2?apikey=…&cmd=…`). Tautulli answers every error
 * but an internal exception (500) with HTTP 400 and `response.result = "error"`, so the client reads the
 * envelope whatever the status and turns Tautulli's own message into a sentence. Settings are read at
 * every call.
 */
@Injectable()
export class TautulliClient {
  constructor(
    private readonly http: UpstreamHttp,
    private readonly config: ConfigStore,
  ) {}

  /** The base URL in force (with no trailing slash), for cache keys. */
  get baseUrl(): string {
    return (this.config.get().tautulli?.url ?? '').trim().replace(/\/+$/, '');
  }

  async health(): Promise<TautulliHealthDto> {
    const started = Date.now();
    const data = await this.command('get_tautulli_info');
    return this.map(() => tautulliHealth(data, Date.now() - started));
  }

  async status(): Promise<TautulliStatusDto> {
    const [info, server] = await Promise.all([
      this.command('get_tautulli_info'),
      this.command('server_status'),
    ]);
    return this.map(() => tautulliStatus(info, server));
  }

  async serverInfo(): Promise<TautulliServerInfoDto> {
    const data = await this.command('get_server_info');
    return this.map(() => tautulliServerInfo(data));
  }

  async activity(): Promise<TautulliActivityDto> {
    const data = await this.command('get_activity');
    if (!activityKnown(data))
      throw new UpstreamError(
        TAUTULLI,
        'status',
        'Tautulli cannot reach Plex Media Server, so it cannot tell what is playing; check Plex, and ' +
          "the Plex server in Tautulli's settings.",
      );
    return this.map(() => tautulliActivity(data));
  }

  /**
   * The home-stat cards, `count` rows each. `stats_count` is always sent: the code defaults to 10 while
   * the docstring says 5. With `statId`, Tautulli answers that one card alone (handled by the mapper).
   */
  async homeStats(req: HomeStatsRequest, statId?: string): Promise<Map<string, Row[]>> {
    const data = await this.command('get_home_stats', {
      time_range: req.days,
      stats_type: req.statsType,
      stats_start: 0,
      stats_count: req.count,
      stat_id: statId,
    });
    return this.map(() => homeStatCards(data));
  }

  /**
   * Every user with plays, time played and when last seen (`get_users_table`, read whole), without
   * Tautulli's "Local" pseudo-user. The table has no `is_admin`, so `get_users` supplies it.
   */
  async users(): Promise<TautulliUserDto[]> {
    const [rows, users] = await Promise.all([
      this.table('get_users_table', { order_column: 'last_seen', order_dir: 'desc' }),
      this.command('get_users'),
    ]);
    return this.map(() => {
      const admins = adminIds(users);
      return rows.filter(isRealUser).map((r) => tautulliUser(r, admins));
    });
  }

  /** Every library with counts and plays (`get_libraries_table`, read whole). */
  async libraries(): Promise<TautulliLibraryDto[]> {
    const rows = await this.table('get_libraries_table', { order_column: 'section_name', order_dir: 'asc' });
    return this.map(() => rows.map(tautulliLibrary));
  }

  /**
   * One page of the finished plays, newest first. `include_activity=0` keeps plays in progress out (2.17
   * lists them first, counted in `recordsFiltered`); any that still come are dropped and uncounted.
   */
  async history(
    req: HistoryRequest,
  ): Promise<{ total: number; totalDuration: string; items: TautulliHistoryItemDto[] }> {
    // `after`/`before` include their day (datafactory compares `date(started) >= after`); one day
    // alone is `start_date`, as Tautulli's own history page sends it.
    const oneDay = req.after !== undefined && req.after === req.before;
    const data = await this.command('get_history', {
      start: req.start,
      length: req.length,
      order_column: 'date',
      order_dir: 'desc',
      user_id: req.userId,
      section_id: req.sectionId,
      media_type: req.mediaType,
      start_date: oneDay ? req.after : undefined,
      after: oneDay ? undefined : req.after,
      before: oneDay ? undefined : req.before,
      include_activity: 0,
    });
    return this.map(() => {
      const page = tablePage(data, 'get_history');
      const finished = page.rows.filter((r) => !inProgress(r));
      return {
        total: Math.max(0, page.recordsFiltered - (page.rows.length - finished.length)),
        totalDuration: typeof page.raw.filter_duration === 'string' ? page.raw.filter_duration : '',
        items: finished.map(tautulliHistoryItem),
      };
    });
  }

  /** Plays per day over the last `days` (30 by default). */
  async playsByDate(range?: number): Promise<TautulliPlaysDto> {
    const days = range ?? 30;
    const data = await this.command('get_plays_by_date', { time_range: days, y_axis: 'plays' });
    return this.map(() => tautulliPlays(data, days));
  }

  /** Whether a URL and API key are set (the Plex tab stops streams through Tautulli when they are). */
  configured(): boolean {
    const { url, api_key } = this.config.get().tautulli ?? {};
    return !!url?.trim() && !!api_key?.trim();
  }

  /**
   * Stops a stream, `message` shown on the player. Tautulli finds the session by its key (falling back
   * to the id) and asks PMS to stop it; any failure is an error envelope ("Failed to terminate
   * session: …"). Never retried: a second call would fail on the session already gone.
   */
  async terminate(sessionKey: string, sessionId: string, message: string): Promise<void> {
    await this.call('terminate_session', { session_key: sessionKey, session_id: sessionId, message }, false);
  }

  /** Tautulli restarts itself: it answers at once, then its port closes for a few seconds. */
  async restart(): Promise<string> {
    const answer = await this.call('restart', {}, false);
    return answer.message ?? 'Restarting Tautulli';
  }

  /**
   * Whether Tautulli's port answers at all (`status`, no retries), for following a restart: refused,
   * reset or timed-out connections are "down"; any Tautulli answer, even an error envelope, is "up".
   */
  async answers(): Promise<boolean> {
    try {
      await this.call('status', {}, false);
      return true;
    } catch (err) {
      if (err instanceof UpstreamError && ANSWERED.has(err.kind)) return true;
      return false;
    }
  }

  /** Throws the 503 sentence when the URL or key is missing. */
  assertConfigured(): { url: string; apiKey: string } {
    const { url, api_key } = this.config.get().tautulli ?? {};
    if (!url?.trim() || !api_key?.trim()) {
      throw new UpstreamError(
        TAUTULLI,
        'not-configured',
        'Tautulli is not configured: set TAUTULLI_URL and TAUTULLI_API_KEY, or its URL and API key in Settings.',
      );
    }
    return { url: this.baseUrl, apiKey: api_key.trim() };
  }

  private async table(cmd: string, params: Params): Promise<Row[]> {
    const out: Row[] = [];
    for (let n = 0; n < MAX_TABLE_PAGES; n++) {
      const data = await this.command(cmd, { ...params, start: n * TABLE_PAGE, length: TABLE_PAGE });
      const page: TablePage = this.map(() => tablePage(data, cmd));
      out.push(...page.rows);
      if (page.rows.length < TABLE_PAGE || out.length >= page.recordsFiltered) return out;
    }
    return out;
  }

  private async command(cmd: string, params: Params = {}): Promise<unknown> {
    return (await this.call(cmd, params, true)).data;
  }

  private async call(cmd: string, params: Params, retry: boolean) {
    const { url, apiKey } = this.assertConfigured();
    let res;
    try {
      res = await this.http.request<unknown>({
        service: TAUTULLI,
        baseUrl: url,
        path: '/api/v2',
        query: { apikey: apiKey, cmd, ...params },
        expect: 'json',
        retry,
        // Every Tautulli error is HTTP 400 with the envelope: read it instead of failing on the status.
        acceptStatus: (status) => status === 400,
        errorMessage: tautulliMessage,
      });
    } catch (err) {
      if (err instanceof UpstreamError && err.upstreamStatus === 404) {
        throw new UpstreamError(
          TAUTULLI,
          'status',
          `Tautulli answered HTTP 404 for /api/v2; check its URL (with Tautulli's HTTP root, if it has one).`,
          404,
        );
      }
      throw err;
    }
    const answer = this.map(() => envelope(res.data));
    if (answer.result === 'error') throw refusal(cmd, answer.message, res.status);
    return answer;
  }

  private map<T>(mapper: () => T): T {
    return mapAnswer(TAUTULLI, mapper, "is the URL Tautulli's?");
  }
}

/** Tautulli's own sentence from an error body (the 500 "Check the logs for errors" envelope). */
export function tautulliMessage(body: string): string | undefined {
  try {
    const message = (JSON.parse(body) as { response?: { message?: unknown } }).response?.message;
    return typeof message === 'string' && message ? message.slice(0, 300) : undefined;
  } catch {
    return undefined;
  }
}

/** The error envelope as a sentence naming Tautulli ("Invalid apikey", "API not enabled", …). */
export function refusal(cmd: string, message: string | null, status: number): UpstreamError {
  if (message === 'Invalid apikey' || message === 'Parameter apikey is required')
    return new UpstreamError(
      TAUTULLI,
      'unauthorized',
      `Tautulli rejected the API key ("${message}"); set TAUTULLI_API_KEY or the API key in Settings → Tautulli ` +
        '(Tautulli shows it under Settings → Web Interface → API).',
      status,
      message,
    );
  if (message === 'API not enabled')
    return new UpstreamError(
      TAUTULLI,
      'status',
      "Tautulli's API is turned off; enable it in Tautulli under Settings → Web Interface → Enable API.",
      status,
      message,
    );
  if (message?.startsWith('Unknown command'))
    return new UpstreamError(
      TAUTULLI,
      'status',
      `Tautulli does not know the command "${cmd}"; it is older than the panel needs (v2.x).`,
      status,
      message,
    );
  // A command that ran but returned nothing answers 400 with a null message.
  const detail = message ? `: ${message}` : ' (it returned nothing).';
  return new UpstreamError(
    TAUTULLI,
    'status',
    `Tautulli could not run ${cmd}${detail}`,
    status,
    message ?? undefined,
  );
}
