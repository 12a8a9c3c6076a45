import { Injectable, Logger } from '@nestjs/common';
import { withoutCredentials } from '../common/url-credentials';
import { SERVICE_ENVIRONMENT } from '../config/config.environment';
import type { PanelConfig } from '../config/config.schema';
import { ConfigStore } from '../config/config.store';
import {
  applySettingsPatch,
  baseUrl,
  keepEmptySecrets,
  keepUrlCredentials,
  trimmed,
} from '../config/settings-patch';
import type { TautulliSettingsDto } from './tautulli.dto';
import type { UpdateTautulliSettingsDto } from './tautulli-requests.dto';
import { TautulliService } from './tautulli.service';

/** The Tautulli connection as Settings edits it: the key is write-only, env variables win over the file. */
@Injectable()
export class TautulliSettingsService {
  private readonly logger = new Logger(TautulliSettingsService.name);

  constructor(
    private readonly config: ConfigStore,
    private readonly tautulli: TautulliService,
  ) {}

  get(): TautulliSettingsDto {
    return this.view(this.config.get());
  }

  async update(dto: UpdateTautulliSettingsDto): Promise<TautulliSettingsDto> {
    const saved = await this.config.update((draft) => {
      const tautulli = { ...draft.tautulli };
      const patch = keepUrlCredentials(keepEmptySecrets(dto, ['api_key']), tautulli.url);
      applySettingsPatch(tautulli, patch, ['url', 'api_key'], { url: baseUrl, api_key: trimmed });
      for (const key of ['url', 'api_key'] as const) if (!tautulli[key]) delete tautulli[key];
      if (Object.keys(tautulli).length) draft.tautulli = tautulli;
      else delete draft.tautulli;
    });
    this.tautulli.cache.invalidate();
    this.logger.log(`Tautulli settings changed: ${Object.keys(dto).join(', ') || 'nothing'}`);
    return this.view(saved);
  }

  private view(config: PanelConfig): TautulliSettingsDto {
    return {
      url: withoutCredentials(config.tautulli?.url ?? ''),
      api_key_set: !!config.tautulli?.api_key?.trim(),
      overridden_by_env: this.config
        .overrides()
        .filter((name) => SERVICE_ENVIRONMENT[name as keyof typeof SERVICE_ENVIRONMENT][0] === 'tautulli'),
    };
  }
}
