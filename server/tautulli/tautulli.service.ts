import { Injectable, Logger } from '@nestjs/common';
import { NamedCache } from '../upstream/named-cache';
import { TautulliRestartWatcher } from './tautulli-restart.watcher';
import { TautulliClient } from './tautulli.client';
import type {
  TautulliHistoryPageDto,
  TautulliLibraryDto,
  TautulliRestartDto,
  TautulliRestartStatusDto,
  TautulliStatsDto,
  TautulliUserDto,
} from './tautulli.dto';
import type { TautulliHistoryQueryDto, TautulliStatsQueryDto } from './tautulli-requests.dto';
import { tautulliStats } from './tautulli.wire';

const CACHE_TTL_MS = 30_000;
/** Enough rows for every library of any server: the libraries card then sums to the period's totals. */
const ALL_LIBRARIES = 1000;

type Cached = TautulliStatsDto | TautulliUserDto[] | TautulliLibraryDto[];

/** The Tautulli tab's meaning on top of TautulliClient: cached statistics, users and libraries. */
@Injectable()
export class TautulliService {
  private readonly logger = new Logger(TautulliService.name);

  readonly cache = new NamedCache<Cached>(
    'tautulli',
    CACHE_TTL_MS,
    100,
    'home stats, users and libraries each make Tautulli scan its whole history database; the tab ' +
      'reads them on every visit and a half-minute-old figure is as good as a fresh one',
  );

  constructor(
    private readonly client: TautulliClient,
    private readonly restarts: TautulliRestartWatcher,
  ) {}

  stats(query: TautulliStatsQueryDto): Promise<TautulliStatsDto> {
    const req = { days: query.days ?? 30, count: query.count ?? 10, statsType: query.stats_type ?? 'plays' };
    return this.cached(`stats|${req.days}|${req.count}|${req.statsType}`, async () => {
      const [cards, libraries] = await Promise.all([
        this.client.homeStats(req),
        this.client.homeStats({ ...req, count: ALL_LIBRARIES }, 'top_libraries'),
      ]);
      return tautulliStats(cards, libraries.get('top_libraries') ?? [], {
        days: req.days,
        stats_type: req.statsType,
      });
    });
  }

  users(): Promise<TautulliUserDto[]> {
    return this.cached('users', () => this.client.users());
  }

  libraries(): Promise<TautulliLibraryDto[]> {
    return this.cached('libraries', () => this.client.libraries());
  }

  async history(query: TautulliHistoryQueryDto): Promise<TautulliHistoryPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.page_size ?? 25;
    const { total, totalDuration, items } = await this.client.history({
      start: (page - 1) * pageSize,
      length: pageSize,
      userId: query.user_id,
      sectionId: query.section_id,
      mediaType: query.media_type,
      after: query.from,
      before: query.to,
    });
    return { page, page_size: pageSize, total, total_duration: totalDuration, items };
  }

  /** One cache for every shape, keyed by Tautulli's URL so a changed URL never sees old figures. */
  private cached<T extends Cached>(key: string, load: () => Promise<T>): Promise<T> {
    return this.cache.get(`${this.client.baseUrl}|${key}`, load) as Promise<T>;
  }

  async restart(): Promise<TautulliRestartDto> {
    const said = await this.client.restart();
    this.cache.invalidate();
    this.logger.log(`Asked Tautulli to restart; it said "${said}"`);
    this.restarts.follow(() => this.cache.invalidate());
    return {
      message:
        'Tautulli is restarting; it will be unreachable for a few seconds. GET /api/tautulli/restart tells ' +
        'whether it came back.',
    };
  }

  restartStatus(): TautulliRestartStatusDto {
    return this.restarts.status();
  }
}
