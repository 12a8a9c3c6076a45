import { Injectable } from '@nestjs/common';
import { ConfigStore } from '../config/config.store';
import { applySettingsPatch } from '../config/settings-patch';
import { ServiceContainers } from '../containers/service-containers';
import { applyClientSettings, clientSettings } from '../torrents/torrent-settings';
import { TorrentsService } from '../torrents/torrents.service';
import { UpstreamHttp } from '../upstream/upstream-http.service';
import { RtorrentClient } from './rtorrent.client';
import { DEFAULT_RPC_PATH } from './rtorrent.http';
import type { RestartedDto, RutorrentSettingsDto, UpdateRutorrentSettingsDto } from './rutorrent.dto';

/** The torrent routes of rTorrent (through ruTorrent's XML-RPC mount), its settings, and its restart. */
@Injectable()
export class RutorrentService extends TorrentsService {
  constructor(
    http: UpstreamHttp,
    config: ConfigStore,
    private readonly containers: ServiceContainers,
  ) {
    super(new RtorrentClient(http, config), config);
  }

  settings(): RutorrentSettingsDto {
    const section = this.config.get().rutorrent ?? {};
    return {
      ...clientSettings(this.config, 'rutorrent'),
      rpc_path: section.rpc_path || DEFAULT_RPC_PATH,
      container: section.container || null,
      download_dir: section.download_dir || null,
    };
  }

  async updateSettings(dto: UpdateRutorrentSettingsDto): Promise<RutorrentSettingsDto> {
    await this.config.update((draft) => {
      const section = (draft.rutorrent ??= {});
      applyClientSettings(section, dto);
      applySettingsPatch(section, dto, ['rpc_path', 'container', 'download_dir']);
    });
    return this.settings();
  }

  /**
   * rTorrent has no restart call, only shutdown; restarting it needs the runtime that supervises it, so
   * this restarts its container: rutorrent.container, else the one Applications links to rTorrent (501
   * with how to set that up when there is none).
   */
  async restart(): Promise<RestartedDto> {
    const container = await this.containers.restart('rutorrent', 'rTorrent');
    this.forget();
    return { restarted: container };
  }
}
