import { Injectable } from '@nestjs/common';
import { ConfigStore } from '../config/config.store';
import { TorrentClientFactory } from '../torrents/torrent-client.factory';
import { clientSettings, applyClientSettings } from '../torrents/torrent-settings';
import { TorrentClientSettingsDto, UpdateTorrentClientSettingsDto } from '../torrents/torrent-settings.dto';
import { TorrentsService } from '../torrents/torrents.service';

/** The torrent routes of uTorrent, plus its settings. */
@Injectable()
export class UtorrentService extends TorrentsService {
  constructor(factory: TorrentClientFactory, config: ConfigStore) {
    super(factory.create('utorrent'), config);
  }

  settings(): TorrentClientSettingsDto {
    return clientSettings(this.config, 'utorrent');
  }

  async updateSettings(dto: UpdateTorrentClientSettingsDto): Promise<TorrentClientSettingsDto> {
    await this.config.update((draft) => applyClientSettings((draft.utorrent ??= {}), dto));
    return this.settings();
  }
}
