import { TorrentClientSettingsController } from '../../../server/torrents/torrent-client-settings.controller';
import { TorrentClientSettingsService } from '../../../server/torrents/torrent-client-settings.service';
import { badRequest, useController } from '../support/controller-setup';

const ENTRY = {
  id: 'seedbox-qbit',
  name: 'Seedbox qBit',
  type: 'qbittorrent' as const,
  url: 'http://127.0.0.1:8081',
  username: 'admin',
  has_password: true,
  rpc_path: null,
  download_dir: null,
  container: null,
  enabled: true,
  poll_seconds: 10,
};
const NEW = {
  name: 'Seedbox qBit',
  type: 'qbittorrent',
  url: 'http://127.0.0.1:8081',
  password: 'pw-123456',
};
const NAME_RULE =
  "must start with a letter or digit, contain a letter a-z or a digit, and hold only letters, digits, spaces and . _ - ( ) + '";
const TYPES = 'utorrent, rtorrent, rutorrent, qbittorrent, transmission, deluge';

type Case = [Record<string, unknown>, string];
/** Titled by the sentence: the bodies themselves make unreadable titles. */
const bySentence = (cases: Case[]) => cases.map(([change, message]) => [message, change] as const);

/** Fields the create, update and test bodies all refuse, with the pipe's sentence. */
const BAD_FIELDS: Case[] = [
  [{ name: ' Box' }, `name ${NAME_RULE}`],
  [{ name: 'a/b' }, `name ${NAME_RULE}`],
  [{ name: '日本' }, `name ${NAME_RULE}`],
  [{ name: 'x'.repeat(65) }, 'name must be shorter than or equal to 64 characters'],
  [{ type: 'bitcomet' }, `type must be one of: ${TYPES}`],
  [{ url: 'ftp://box.example' }, 'url must be an http:// or https:// URL'],
  [{ url: '127.0.0.1:8080' }, 'url must be an http:// or https:// URL'],
  [{ username: 7 }, 'username must be a string'],
  [{ password: 'p'.repeat(1001) }, 'password must be shorter than or equal to 1000 characters'],
  [
    { rpc_path: 'plugins/http rpc' },
    'rpc_path must be a path without spaces, such as /RPC2 or plugins/httprpc/action.php',
  ],
  [{ download_dir: 'downloads' }, 'download_dir must be an absolute path'],
  [{ container: '-qbit' }, 'container must be a Docker container name'],
  [{ enabled: 'yes' }, 'enabled must be true or false'],
  [{ enabled: null }, 'enabled must be true or false'],
  [{ poll_seconds: 0 }, 'poll_seconds must not be less than 1'],
  [{ poll_seconds: 3601 }, 'poll_seconds must not be greater than 3600'],
  [{ poll_seconds: 1.5 }, 'poll_seconds must be an integer number'],
  [{ has_password: true }, 'has_password should not exist'],
];

describe(TorrentClientSettingsController.name, () => {
  const ctx = useController(TorrentClientSettingsController);
  const service = () => ctx.mock(TorrentClientSettingsService);

  it('GET /api/torrents/settings lists the entries', async () => {
    service().list.mockReturnValue([ENTRY]);
    const res = await ctx.admin().get('/api/torrents/settings').expect(200);
    expect(res.body).toEqual([ENTRY]);
  });

  describe('POST /api/torrents/settings', () => {
    it('creates the entry and answers 201 with it', async () => {
      service().create.mockResolvedValue(ENTRY);
      const body = { ...NEW, username: 'admin', rpc_path: null, enabled: false, poll_seconds: 5 };
      const res = await ctx.admin().post('/api/torrents/settings').send(body).expect(201);
      expect(res.body).toEqual(ENTRY);
      expect(service().create).toHaveBeenCalledWith(body);
    });

    it.each(
      bySentence([
        ...BAD_FIELDS,
        [{ name: undefined }, 'name should not be empty'],
        [{ name: '' }, 'name should not be empty'],
        [{ type: undefined }, `type must be one of: ${TYPES}`],
        [{ url: undefined }, 'url should not be empty'],
      ]),
    )('400: %s', async (message, change) => {
      const res = await ctx
        .admin()
        .post('/api/torrents/settings')
        .send({ ...NEW, ...change })
        .expect(400);
      expect(res.body).toEqual(badRequest(message));
      expect(service().create).not.toHaveBeenCalled();
    });
  });

  describe('PUT /api/torrents/settings/:id', () => {
    it('passes the id and the partial update, nulls included', async () => {
      service().update.mockResolvedValue(ENTRY);
      const body = { url: 'http://127.0.0.1:8082', container: null, password: '' };
      const res = await ctx.admin().put('/api/torrents/settings/seedbox-qbit').send(body).expect(200);
      expect(res.body).toEqual(ENTRY);
      expect(service().update).toHaveBeenCalledWith('seedbox-qbit', body);
    });

    it.each(
      bySentence([
        ...BAD_FIELDS,
        [{ name: null }, 'name must be a string'],
        [{ url: null }, 'url must be a string'],
      ]),
    )('400: %s', async (message, body) => {
      const res = await ctx.admin().put('/api/torrents/settings/seedbox-qbit').send(body).expect(400);
      expect(res.body).toEqual(badRequest(message));
      expect(service().update).not.toHaveBeenCalled();
    });
  });

  it('DELETE /api/torrents/settings/:id removes the entry and answers it', async () => {
    service().remove.mockResolvedValue(ENTRY);
    const res = await ctx.admin().delete('/api/torrents/settings/seedbox-qbit').expect(200);
    expect(res.body).toEqual(ENTRY);
    expect(service().remove).toHaveBeenCalledWith('seedbox-qbit');
  });

  describe('POST /api/torrents/settings/test', () => {
    it('answers 200 with the outcome, a failure too', async () => {
      const failure = { ok: false, error: 'Seedbox qBit refused the connection.' };
      service().test.mockResolvedValue(failure);
      const body = { ...NEW, id: 'seedbox-qbit', password: '' };
      const res = await ctx.admin().post('/api/torrents/settings/test').send(body).expect(200);
      expect(res.body).toEqual(failure);
      expect(service().test).toHaveBeenCalledWith(body);
    });

    it.each(
      bySentence([
        ...BAD_FIELDS,
        [{ name: undefined }, 'name should not be empty'],
        [{ url: undefined }, 'url should not be empty'],
        [{ id: 5 }, 'id must be a string'],
      ]),
    )('400: %s', async (message, change) => {
      const res = await ctx
        .admin()
        .post('/api/torrents/settings/test')
        .send({ ...NEW, ...change })
        .expect(400);
      expect(res.body).toEqual(badRequest(message));
      expect(service().test).not.toHaveBeenCalled();
    });
  });
});
