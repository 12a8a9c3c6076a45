import { NotImplementedException } from '@nestjs/common';
import { RutorrentController } from '../../../server/torrents/torrent-client.controller';
import { TorrentClientRegistry } from '../../../server/torrents/torrent-client.registry';
import { describeTorrentRoutes } from '../torrents/torrent-controller.cases';

describe('RutorrentController (the seed routes)', () => {
  const ctx = describeTorrentRoutes(RutorrentController, '/api/rutorrent', 'seedAlias');

  it('speaks for the rTorrent alias', async () => {
    ctx.service().stats.mockResolvedValue({} as never);
    await ctx.admin().get('/api/rutorrent/stats').expect(200);
    expect(ctx.mock(TorrentClientRegistry).seedAlias).toHaveBeenCalledWith('rutorrent');
  });

  describe('POST /api/rutorrent/restart', () => {
    it('restarts the container, answering 200', async () => {
      ctx.mock(TorrentClientRegistry).restart.mockResolvedValue('rutorrent');
      const res = await ctx.admin().post('/api/rutorrent/restart').expect(200);
      expect(res.body).toEqual({ restarted: 'rutorrent' });
      expect(ctx.mock(TorrentClientRegistry).restart).toHaveBeenCalledWith(ctx.service());
    });

    it('answers 501 with the sentence when no container is set', async () => {
      const message = 'No container is configured: set rutorrent.container.';
      ctx.mock(TorrentClientRegistry).restart.mockRejectedValue(new NotImplementedException(message));
      const res = await ctx.admin().post('/api/rutorrent/restart').expect(501);
      expect(res.body).toEqual({ statusCode: 501, error: 'Not Implemented', message, detail: message });
    });
  });
});
