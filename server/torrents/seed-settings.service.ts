import { Injectable } from '@nestjs/common';
import { ConfigStore } from '../config/config.store';
import { applySettingsPatch } from '../config/settings-patch';
import { DEFAULT_RPC_PATH } from './clients/rtorrent/rtorrent.http';
import type { RutorrentSettingsDto, UpdateRutorrentSettingsDto } from './seed-settings.dto';
import { applyClientSettings, clientSettings } from './torrent-settings';
import type { TorrentClientSettingsDto, UpdateTorrentClientSettingsDto } from './torrent-settings.dto';

/** The seed's `utorrent` and `rutorrent` sections of config.json, as their settings routes show them. */
@Injectable()
export class SeedSettingsService {
  constructor(private readonly config: ConfigStore) {}

  utorrent(): TorrentClientSettingsDto {
    return clientSettings(this.config, 'utorrent');
  }

  async updateUtorrent(dto: UpdateTorrentClientSettingsDto): Promise<TorrentClientSettingsDto> {
    await this.config.update((draft) => applyClientSettings((draft.utorrent ??= {}), dto));
    return this.utorrent();
  }

  rutorrent(): RutorrentSettingsDto {
    const section = this.config.get().rutorrent ?? {};
    return {
      ...clientSettings(this.config, 'rutorrent'),
      rpc_path: section.rpc_path || DEFAULT_RPC_PATH,
      container: section.container || null,
      download_dir: section.download_dir || null,
    };
  }

  async updateRutorrent(dto: UpdateRutorrentSettingsDto): Promise<RutorrentSettingsDto> {
    await this.config.update((draft) => {
      const section = (draft.rutorrent ??= {});
      applyClientSettings(section, dto);
      applySettingsPatch(section, dto, ['rpc_path', 'container', 'download_dir']);
    });
    return this.rutorrent();
  }
}
