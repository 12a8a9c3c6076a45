import {
  RutorrentSettingsController,
  UtorrentSettingsController,
} from '../../../server/torrents/seed-settings.controller';
import { SeedSettingsService } from '../../../server/torrents/seed-settings.service';
import type { TorrentClientSettingsDto } from '../../../server/torrents/torrent-settings.dto';
import { badRequest, useController } from '../support/controller-setup';

const SETTINGS: TorrentClientSettingsDto = {
  url: 'http://127.0.0.1:8080',
  username: 'admin',
  password_set: true,
  poll_seconds: 10,
  overridden_by_env: [],
};

describe.each([
  [UtorrentSettingsController, '/api/utorrent/settings', 'utorrent', 'updateUtorrent'],
  [RutorrentSettingsController, '/api/rutorrent/settings', 'rutorrent', 'updateRutorrent'],
] as const)('%p', (controller, path, read, update) => {
  const ctx = useController(controller);
  const settings = () => ctx.mock(SeedSettingsService);

  it('GET returns the settings', async () => {
    settings()[read].mockReturnValue(SETTINGS as never);
    const res = await ctx.admin().get(path).expect(200);
    expect(res.body).toEqual(SETTINGS);
  });

  it('PUT saves the partial update', async () => {
    settings()[update].mockResolvedValue(SETTINGS as never);
    const body = { url: '', username: 'admin', password: 'pw', poll_seconds: 5 };
    const res = await ctx.admin().put(path).send(body).expect(200);
    expect(res.body).toEqual(SETTINGS);
    expect(settings()[update]).toHaveBeenCalledWith(body);
  });

  it.each([
    [{ url: '127.0.0.1:8080' }, 'url must be an http:// or https:// URL, or empty'],
    [{ url: null }, 'url must be a string'],
    [{ username: 7 }, 'username must be a string'],
    [{ password: 42 }, 'password must be a string'],
    [{ poll_seconds: 0 }, 'poll_seconds must not be less than 1'],
    [{ poll_seconds: 3601 }, 'poll_seconds must not be greater than 3600'],
    [{ password_set: false }, 'password_set should not exist'],
  ])('PUT refuses %j with 400', async (body, message) => {
    const res = await ctx.admin().put(path).send(body).expect(400);
    expect(res.body).toEqual(badRequest(message));
    expect(settings()[update]).not.toHaveBeenCalled();
  });
});

describe('PUT /api/rutorrent/settings, fields only rTorrent has', () => {
  const ctx = useController(RutorrentSettingsController);

  it('passes them, null clearing', async () => {
    ctx.mock(SeedSettingsService).updateRutorrent.mockResolvedValue({} as never);
    const body = { rpc_path: '/RPC2', container: null, download_dir: '/downloads' };
    await ctx.admin().put('/api/rutorrent/settings').send(body).expect(200);
    expect(ctx.mock(SeedSettingsService).updateRutorrent).toHaveBeenCalledWith(body);
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
