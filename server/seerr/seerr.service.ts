import { Inject, Injectable, Logger } from '@nestjs/common';
import { DEFAULT_SYNC, type PanelConfig } from '../config/config.schema';
import { ConfigStore } from '../config/config.store';
import { applySettingsPatch, keepEmptySecrets, keepUrlCredentials, trimmed } from '../config/settings-patch';
import { withoutCredentials } from '../common/url-credentials';
import { seerrChecks, sentence } from './seerr.checks';
import { SeerrClient } from './seerr.client';
import { SEERR_SYNC_TIMES, type SeerrSyncTimesSource } from './seerr-sync-times';
import type {
  SeerrConfigDto,
  SeerrLiveDto,
  SeerrOverviewDto,
  SeerrTestResultDto,
  TestSeerrDto,
  UpdateSeerrDto,
} from './seerr.dto';

const SYNC_KEYS = [
  'default_permissions',
  'remove_missing',
  'deletion_cap',
  'concurrency',
  'quota_days',
] as const;

/** The Seerr page: the connection and sync settings (secrets write-only), live figures, and pre-flight checks. */
@Injectable()
export class SeerrService {
  private readonly logger = new Logger(SeerrService.name);

  constructor(
    private readonly client: SeerrClient,
    private readonly config: ConfigStore,
    @Inject(SEERR_SYNC_TIMES) private readonly syncTimes: SeerrSyncTimesSource,
  ) {}

  async overview(): Promise<SeerrOverviewDto> {
    const [live, sync] = await Promise.all([this.live(), this.syncTimes.syncTimes()]);
    return { config: configView(this.config.get()), live, sync };
  }

  async update(sent: UpdateSeerrDto): Promise<SeerrConfigDto> {
    const dto = keepEmptySecrets(sent, ['api_key']);
    const saved = await this.config.update((draft) => {
      // Both keys are required in the Seerrsync format, so null (disconnect, remove) writes ''.
      const patch = keepUrlCredentials(
        { url: dto.url === null ? '' : dto.url, api_key: dto.api_key === null ? '' : dto.api_key },
        draft.seerr.url,
      );
      applySettingsPatch(draft.seerr, patch, ['url', 'api_key'], {
        url: (url) => url.replace(/\/+$/, ''),
        api_key: trimmed,
      });
      if (dto.sync_interval_minutes !== undefined) draft.sync_interval_minutes = dto.sync_interval_minutes;
      const sync = { ...draft.sync };
      applySettingsPatch(sync, dto, SYNC_KEYS);
      if (Object.keys(sync).length) draft.sync = sync;
      else delete draft.sync;
    });
    this.logger.log(`Seerr settings changed: ${Object.keys(dto).join(', ') || 'nothing'}`);
    return configView(saved);
  }

  /** Tests the given values, each absent one replaced by the saved value. Never throws for Seerr's state. */
  async test(dto: TestSeerrDto): Promise<SeerrTestResultDto> {
    const saved = this.config.get().seerr;
    const url = keepUrlCredentials({ url: dto.url ?? saved.url }, saved.url).url;
    const client = this.client.connect({ url, api_key: dto.api_key ?? saved.api_key });
    const checks = await seerrChecks(client);
    return { ok: checks.every((c) => c.ok), checks };
  }

  private async live(): Promise<SeerrLiveDto> {
    try {
      const [about, users, deleted, counts] = await Promise.all([
        this.client.about(),
        this.client.userCount(),
        this.client.countRequests('deleted'),
        // The Requests page's counts come from the same call (GET /request/count).
        this.client.requestCounts(),
      ]);
      return {
        reachable: true,
        version: about.version,
        users,
        total_requests: about.totalRequests,
        media_items: about.totalMediaItems,
        deleted_media_requests: deleted,
        pending_requests: counts.pending,
      };
    } catch (err) {
      return { reachable: false, error: sentence(err) };
    }
  }
}

export function configView(config: PanelConfig): SeerrConfigDto {
  const sync = config.sync ?? {};
  return {
    url: withoutCredentials(config.seerr.url),
    api_key_set: config.seerr.api_key !== '',
    sync_interval_minutes: config.sync_interval_minutes ?? null,
    default_permissions: sync.default_permissions ?? null,
    remove_missing: sync.remove_missing ?? DEFAULT_SYNC.remove_missing,
    deletion_cap: sync.deletion_cap ?? null,
    concurrency: sync.concurrency ?? DEFAULT_SYNC.concurrency,
    quota_days: sync.quota_days ?? DEFAULT_SYNC.quota_days,
  };
}
