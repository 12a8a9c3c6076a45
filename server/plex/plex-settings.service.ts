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
import type { PlexSettingsDto } from './plex.dto';
import type { UpdatePlexSettingsDto } from './plex-requests.dto';
import { PlexService } from './plex.service';

/** The Plex connection as Settings edits it: the token is write-only, env variables win over the file. */
@Injectable()
export class PlexSettingsService {
  private readonly logger = new Logger(PlexSettingsService.name);

  constructor(
    private readonly config: ConfigStore,
    private readonly plex: PlexService,
  ) {}

  get(): PlexSettingsDto {
    return this.view(this.config.get());
  }

  async update(dto: UpdatePlexSettingsDto): Promise<PlexSettingsDto> {
    const saved = await this.config.update((draft) => {
      const plex = { ...draft.plex };
      const patch = keepUrlCredentials(keepEmptySecrets(dto, ['token']), plex.url);
      applySettingsPatch(plex, patch, ['url', 'token', 'container'], {
        url: baseUrl,
        token: trimmed,
        container: trimmed,
      });
      for (const key of ['url', 'token', 'container'] as const) if (!plex[key]) delete plex[key];
      if (Object.keys(plex).length) draft.plex = plex;
      else delete draft.plex;
    });
    this.plex.invalidate();
    this.logger.log(`Plex settings changed: ${Object.keys(dto).join(', ') || 'nothing'}`);
    return this.view(saved);
  }

  private view(config: PanelConfig): PlexSettingsDto {
    return {
      url: withoutCredentials(config.plex?.url ?? ''),
      token_set: !!config.plex?.token?.trim(),
      container: config.plex?.container?.trim() || null,
      overridden_by_env: this.config
        .overrides()
        .filter((name) => SERVICE_ENVIRONMENT[name as keyof typeof SERVICE_ENVIRONMENT][0] === 'plex'),
    };
  }
}
