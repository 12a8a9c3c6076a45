import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { ServiceContainers } from '../containers/service-containers';
import { TautulliClient } from '../tautulli/tautulli.client';
import { UpstreamError } from '../upstream/upstream-error';
import { NamedCache } from '../upstream/named-cache';
import { PlexClient } from './plex.client';
import type {
  PlexActionResultDto,
  PlexHistoryPageDto,
  PlexLibraryDto,
  PlexLibraryStatsDto,
  PlexRestartResultDto,
  PlexRestartTargetDto,
  PlexScanResultDto,
  PlexTerminateResultDto,
} from './plex.dto';
import { DEFAULT_STOP_MESSAGE } from './plex-requests.dto';
import type { PlexHistoryQueryDto } from './plex-requests.dto';
import { LIBRARY_LEVELS, type PlexSection } from './plex.wire';

const LIBRARY_TTL_MS = 60_000;
const ACCOUNTS_TTL_MS = 5 * 60_000;

/**
 * The Plex tab's meaning on top of PlexClient: libraries with their counts, history with user names,
 * scans, optimisation and restarts.
 */
@Injectable()
export class PlexService {
  private readonly logger = new Logger(PlexService.name);

  /** Library lists and per-library stats (one entry per library, plus the list). */
  readonly libraryCache = new NamedCache<PlexLibraryDto[] | PlexLibraryStatsDto>(
    'plex-libraries',
    LIBRARY_TTL_MS,
    200,
    'a library list costs PMS one count query per library level; the Plex tab reads it on every visit, ' +
      'and it changes only on scans (which clear it)',
  );
  /** Account id → name, for history rows. */
  private readonly accountCache = new NamedCache<Map<number, string>>(
    'plex-accounts',
    ACCOUNTS_TTL_MS,
    10,
    'history rows carry only account ids; every history page needs the names, which rarely change',
  );

  constructor(
    private readonly client: PlexClient,
    private readonly containers: ServiceContainers,
    private readonly tautulli: TautulliClient,
  ) {}

  /** Every library with its item count, size and running time. */
  libraries(): Promise<PlexLibraryDto[]> {
    return this.cached('list', async () => {
      const [sections, storage] = await Promise.all([this.client.sections(), this.client.storage()]);
      return Promise.all(
        sections.map(async (section): Promise<PlexLibraryDto> => {
          const levels = LIBRARY_LEVELS[section.type] ?? [];
          const top = levels[0];
          const leaf = levels.length > 1 ? levels[levels.length - 1] : undefined;
          const [items, leaves] = await Promise.all([
            top ? this.client.count(section.key, top.type) : 0,
            leaf ? this.client.count(section.key, leaf.type) : null,
          ]);
          return {
            ...section,
            item_count: items,
            child_count: leaves,
            size_bytes: storage.get(section.key)?.size_bytes ?? null,
            duration_ms: storage.get(section.key)?.duration_ms ?? null,
          };
        }),
      );
    });
  }

  /** One library in detail: the count of every level and its plays. */
  libraryStats(key: string): Promise<PlexLibraryStatsDto> {
    return this.cached(`stats|${key}`, async (): Promise<PlexLibraryStatsDto> => {
      const section = await this.section(key);
      const levels = LIBRARY_LEVELS[section.type] ?? [];
      const [counts, storage, plays] = await Promise.all([
        Promise.all(
          levels.map(async (l) => ({ level: l.level, count: await this.client.count(key, l.type) })),
        ),
        this.client.storage(),
        this.client.plays(key),
      ]);
      return {
        ...section,
        item_count: counts[0]?.count ?? 0,
        child_count: counts.length > 1 ? counts[counts.length - 1].count : null,
        size_bytes: storage.get(key)?.size_bytes ?? null,
        duration_ms: storage.get(key)?.duration_ms ?? null,
        counts,
        plays,
      };
    });
  }

  async history(query: PlexHistoryQueryDto): Promise<PlexHistoryPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.page_size ?? 25;
    const accounts = await this.accountCache.get(this.client.baseUrl, () => this.client.accounts());
    const { total, items } = await this.client.history(
      {
        start: (page - 1) * pageSize,
        size: pageSize,
        accountId: query.account_id,
        libraryKey: query.library_key,
      },
      accounts,
    );
    return { page, page_size: pageSize, total, items };
  }

  async scan(key: string, forced?: boolean): Promise<PlexScanResultDto> {
    const force = forced ?? false;
    const section = await this.section(key);
    await this.client.scan(key, force);
    this.invalidate();
    this.logger.log(`Asked Plex to ${force ? 'refresh' : 'scan'} the library "${section.title}" (${key})`);
    return {
      library_key: key,
      library: section.title,
      message: `Plex is ${force ? 'scanning and refreshing the metadata of' : 'scanning'} the library "${section.title}".`,
    };
  }

  async optimize(): Promise<PlexActionResultDto> {
    const activity = await this.client.optimize();
    this.logger.log(`Asked Plex to optimize its database${activity ? ` (activity ${activity})` : ''}`);
    return { message: 'Plex is optimizing its database in the background.' };
  }

  /**
   * PMS has no HTTP endpoint that restarts it (only an update install does): Docker must, through the
   * container named in plex.container or else the one Applications links to Plex.
   */
  async restart(): Promise<PlexRestartResultDto> {
    const container = await this.containers.restart('plex', 'Plex');
    this.invalidate();
    this.logger.log(`Restarted the Plex container ${container}`);
    return {
      container,
      message: `The Plex container "${container}" was restarted; Plex will be back in a few seconds.`,
    };
  }

  /**
   * Stops one stream with a message on the player. Through Tautulli's `terminate_session` when Tautulli
   * is configured (it works with the session key as Tautulli knows it), else with PMS's own terminate.
   * The session is looked up first, so an id that is not playing is a 404, not an upstream failure.
   */
  async terminate(sessionId: string, text?: string): Promise<PlexTerminateResultDto> {
    const message = text?.trim() || DEFAULT_STOP_MESSAGE;
    const session = (await this.client.sessions()).sessions.find((s) => s.session_id === sessionId);
    if (!session) throw new NotFoundException(`Plex has no session ${sessionId} playing; it may have ended.`);
    const via = this.tautulli.configured() ? 'tautulli' : 'plex';
    try {
      if (via === 'tautulli') await this.tautulli.terminate(session.session_key, session.session_id, message);
      else await this.client.terminate(session.session_id, message);
    } catch (err) {
      if (via === 'plex' && err instanceof UpstreamError && err.upstreamStatus === 404)
        throw new NotFoundException(`Plex has no session ${sessionId} playing; it may have ended.`);
      throw err;
    }
    this.logger.log(`Stopped the stream of "${session.title}" for ${session.user} through ${via}`);
    return {
      session_id: session.session_id,
      title: session.title,
      user: session.user,
      via,
      message: `Stopped "${session.title}" for ${session.user}.`,
    };
  }

  /** The container a restart would use, or why Plex cannot be restarted from the panel. */
  restartTarget(): Promise<PlexRestartTargetDto> {
    return this.containers.target('plex', 'Plex');
  }

  /** One cache for both shapes, keyed by the server's URL so a changed URL never sees old figures. */
  private cached<T extends PlexLibraryDto[] | PlexLibraryStatsDto>(
    key: string,
    load: () => Promise<T>,
  ): Promise<T> {
    return this.libraryCache.get(`${this.client.baseUrl}|${key}`, load) as Promise<T>;
  }

  invalidate(): void {
    this.libraryCache.invalidate();
    this.accountCache.invalidate();
  }

  private async section(key: string): Promise<PlexSection> {
    const section = (await this.client.sections()).find((s) => s.key === key);
    if (!section) throw new NotFoundException(`Plex has no library with key ${key}.`);
    return section;
  }
}
