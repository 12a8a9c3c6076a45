import { Injectable } from '@nestjs/common';
import { ConfigStore } from '../config/config.store';
import { applySettingsPatch } from '../config/settings-patch';
import { ContainerRuntimeClient } from '../container/container-runtime.client';
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
    private readonly runtime: ContainerRuntimeClient,
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
   * this restarts its container (501 with how to set that up when none is configured).
   */
  async restart(): Promise<RestartedDto> {
    const container = this.config.get().rutorrent?.container;
    await this.runtime.restart('rTorrent', container, 'rutorrent.container');
    this.forget();
    return { restarted: container as string };
  }
}
