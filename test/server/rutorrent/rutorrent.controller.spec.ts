import { NotImplementedException } from '@nestjs/common';
import { RutorrentController } from '../../../server/rutorrent/rutorrent.controller';
import { RutorrentService } from '../../../server/rutorrent/rutorrent.service';
import { badRequest } from '../support/controller-setup';
import { describeTorrentRoutes } from '../torrents/torrent-controller.cases';

describe(RutorrentController.name, () => {
  const ctx = describeTorrentRoutes(RutorrentController, RutorrentService, '/api/rutorrent');

  describe('PUT /api/rutorrent/settings, fields only rTorrent has', () => {
    it('passes them, null clearing', async () => {
      const torrents = ctx.mock(RutorrentService);
      torrents.updateSettings.mockResolvedValue({} as never);
      const body = { rpc_path: '/RPC2', container: null, download_dir: '/downloads' };
      await ctx.admin().put('/api/rutorrent/settings').send(body).expect(200);
      expect(torrents.updateSettings).toHaveBeenCalledWith(body);
    });

    it.each([
      [{ rpc_path: 'RPC2' }, 'rpc_path must start with /'],
      [{ rpc_path: '/RPC 2' }, 'rpc_path must start with /'],
      [{ container: '_rtorrent' }, 'container must be a Docker container name'],
      [{ download_dir: 'downloads' }, 'download_dir must be an absolute path'],
      [{ download_dir: 5 }, 'download_dir must be a string'],
    ])('refuses %j with 400', async (body, message) => {
      const res = await ctx.admin().put('/api/rutorrent/settings').send(body).expect(400);
      expect(res.body).toEqual(badRequest(message));
    });
  });

  describe('POST /api/rutorrent/restart', () => {
    it('restarts the container, answering 200', async () => {
      ctx.mock(RutorrentService).restart.mockResolvedValue({ restarted: 'rutorrent' });
      const res = await ctx.admin().post('/api/rutorrent/restart').expect(200);
      expect(res.body).toEqual({ restarted: 'rutorrent' });
    });

    it('answers 501 with the sentence when no container is set', async () => {
      const message = 'No container is configured: set rutorrent.container.';
      ctx.mock(RutorrentService).restart.mockRejectedValue(new NotImplementedException(message));
      const res = await ctx.admin().post('/api/rutorrent/restart').expect(501);
      expect(res.body).toEqual({ statusCode: 501, error: 'Not Implemented', message, detail: message });
    });
  });
});
