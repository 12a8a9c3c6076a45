import { Injectable } from '@nestjs/common';
import { ConfigStore } from '../config/config.store';
import { clientSettings, applyClientSettings } from '../torrents/torrent-settings';
import { TorrentClientSettingsDto, UpdateTorrentClientSettingsDto } from '../torrents/torrent-settings.dto';
import { TorrentsService } from '../torrents/torrents.service';
import { UpstreamHttp } from '../upstream/upstream-http.service';
import { UtorrentClient } from './utorrent.client';

/** The torrent routes of uTorrent, plus its settings. */
@Injectable()
export class UtorrentService extends TorrentsService {
  constructor(http: UpstreamHttp, config: ConfigStore) {
    super(new UtorrentClient(http, config), config);
  }

  settings(): TorrentClientSettingsDto {
    return clientSettings(this.config, 'utorrent');
  }

  async updateSettings(dto: UpdateTorrentClientSettingsDto): Promise<TorrentClientSettingsDto> {
    await this.config.update((draft) => applyClientSettings((draft.utorrent ??= {}), dto));
    return this.settings();
  }
}
