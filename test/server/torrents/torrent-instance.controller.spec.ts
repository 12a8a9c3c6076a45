import { TorrentInstanceController } from '../../../server/torrents/torrent-client.controller';
import { TorrentClientRegistry } from '../../../server/torrents/torrent-client.registry';
import { badRequest } from '../support/controller-setup';
import { describeTorrentRoutes, HASH } from './torrent-controller.cases';

describe('TorrentInstanceController (/api/torrents/clients/{id})', () => {
  const ctx = describeTorrentRoutes(TorrentInstanceController, '/api/torrents/clients/seedbox-qbit', 'get');

  it('acts on the instance of the path', async () => {
    ctx.service().act.mockResolvedValue({} as never);
    await ctx.admin().post(`/api/torrents/clients/seedbox-qbit/torrents/${HASH}/pause`).expect(200);
    expect(ctx.mock(TorrentClientRegistry).get).toHaveBeenCalledWith('seedbox-qbit');
  });

  it.each(['Seedbox', 'a_b', '-a', 'a--b'])('refuses the id %s with 400', async (id) => {
    const res = await ctx.admin().get(`/api/torrents/clients/${id}/status`).expect(400);
    expect(res.body).toEqual(badRequest('id must be a torrent client id'));
  });
});
