import { UtorrentController } from '../../../server/torrents/torrent-client.controller';
import { TorrentClientRegistry } from '../../../server/torrents/torrent-client.registry';
import { describeTorrentRoutes } from '../torrents/torrent-controller.cases';

describe('UtorrentController (the seed routes)', () => {
  const ctx = describeTorrentRoutes(UtorrentController, '/api/utorrent', 'seedAlias');

  it('speaks for the uTorrent alias', async () => {
    ctx.service().health.mockResolvedValue({ status: 'ok', version: 'build 1', latency_ms: 1 });
    await ctx.admin().get('/api/utorrent/health').expect(200);
    expect(ctx.mock(TorrentClientRegistry).seedAlias).toHaveBeenCalledWith('utorrent');
  });
});
