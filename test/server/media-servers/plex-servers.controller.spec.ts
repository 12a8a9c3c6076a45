import { PlexDiscoveryService } from '../../../server/media-servers/plex-discovery.service';
import { PlexServersController } from '../../../server/media-servers/plex-servers.controller';
import { badRequest, useController } from '../support/controller-setup';

describe(PlexServersController.name, () => {
  const ctx = useController(PlexServersController);

  it('GET /api/plex/servers asks plex.tv with the token of the query', async () => {
    const discovery = ctx.mock(PlexDiscoveryService);
    const servers = [{ name: 'Home', machine_identifier: 'abc', owned: true, connections: [] }];
    discovery.servers.mockResolvedValue(servers);
    const res = await ctx.admin().get('/api/plex/servers?token=plex-token').expect(200);
    expect(res.body).toEqual(servers);
    expect(discovery.servers).toHaveBeenCalledWith('plex-token');
  });

  it.each([
    ['', 'token should not be empty'],
    ['?token=', 'token should not be empty'],
    [`?token=${'t'.repeat(1001)}`, 'token must be shorter than or equal to 1000 characters'],
    ['?token=t&token=u', 'token must be a string'],
    ['?token=t&owner=1', 'owner should not exist'],
  ])('refuses %s with 400', async (query, message) => {
    const res = await ctx.admin().get(`/api/plex/servers${query}`).expect(400);
    expect(res.body).toEqual(badRequest(message));
    expect(ctx.mock(PlexDiscoveryService).servers).not.toHaveBeenCalled();
  });
});
