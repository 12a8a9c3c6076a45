import { UtorrentController } from '../../../server/utorrent/utorrent.controller';
import { UtorrentService } from '../../../server/utorrent/utorrent.service';
import { describeTorrentRoutes } from '../torrents/torrent-controller.cases';

describe(UtorrentController.name, () => {
  describeTorrentRoutes(UtorrentController, UtorrentService, '/api/utorrent');
});
