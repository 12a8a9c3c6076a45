import type { Type } from '@nestjs/common';
import { TorrentClientRegistry } from '../../../server/torrents/torrent-client.registry';
import { TorrentClientService } from '../../../server/torrents/torrent-client.service';
import {
  automock,
  badRequest,
  type ControllerContext,
  type Mocked,
  useController,
} from '../support/controller-setup';

const URL_REFUSAL =
  'url must be an http(s):// URL of a .torrent file or a magnet: link (with its info-hash: xt=urn:btih: and 40 hex or 32 base32 characters)';

export const HASH = '3F1C0D2E9B8A47C6A5D4E3F2A1B0C9D8E7F6A5B4';
const HASH_RULE = 'must be a 40-character hexadecimal info-hash';

/** A bencoded single-file torrent: a dictionary with an info dictionary. */
export const TORRENT_FILE = Buffer.from(
  'd4:infod6:lengthi5e4:name5:a.bin12:piece lengthi16384e6:pieces20:aaaaaaaaaaaaaaaaaaaaee',
);

/**
 * The routes every torrent route set has (torrentRoutes), its controller booted alone with the registry
 * mocked: `pick` is how the controller finds its instance (`get` by the path's id, or the seed's
 * `seedAlias`). Returns the context so a spec can add what only its set has.
 */
export function describeTorrentRoutes(
  controller: Type<unknown>,
  base: string,
  pick: 'get' | 'seedAlias',
): ControllerContext & { service: () => Mocked<TorrentClientService> } {
  const ctx = useController(controller);
  const mocked = automock(TorrentClientService);
  const torrents = () => mocked.value as unknown as Mocked<TorrentClientService>;
  const admin = () => ctx.admin();
  beforeEach(() => {
    mocked.reset();
    ctx.mock(TorrentClientRegistry)[pick].mockReturnValue(torrents() as unknown as TorrentClientService);
  });

  it.each(['health', 'status', 'stats', 'bandwidth'] as const)(
    `GET ${base}/%s returns what the service read`,
    async (name) => {
      const value = { read: name };
      torrents()[name].mockImplementation((() => Promise.resolve(value)) as never);
      const res = await admin().get(`${base}/${name}`).expect(200);
      expect(res.body).toEqual(value);
    },
  );

  describe(`GET ${base}/torrents`, () => {
    it('sends the page the service wrote as JSON text, with the query transformed', async () => {
      torrents().listBody.mockResolvedValue(Buffer.from('{"items":[],"total":0}'));
      const res = await admin()
        .get(`${base}/torrents?state=seeding&sort=ratio&order=desc&page=2`)
        .expect(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.body).toEqual({ items: [], total: 0 });
      expect(torrents().listBody).toHaveBeenCalledWith({
        state: 'seeding',
        sort: 'ratio',
        order: 'desc',
        page: 2,
      });
    });

    it.each([
      [
        'state=done',
        'state must be one of: downloading, seeding, paused, stopped, queued, checking, error, completed',
      ],
      [
        'sort=hash',
        'sort must be one of: name, size, progress, state, down_rate, up_rate, ratio, eta, added, label, tracker, client',
      ],
      ['order=random', 'order must be one of: asc, desc'],
      ['page=0', 'page must not be less than 1'],
      ['page_size=1001', 'page_size must not be greater than 1000'],
      [`q=${'q'.repeat(201)}`, 'q must be shorter than or equal to 200 characters'],
      ['tracker=x', 'tracker should not exist'],
    ])('refuses ?%s with 400', async (query, message) => {
      const res = await admin().get(`${base}/torrents?${query}`).expect(400);
      // The route's JSON content type is set before validation, so the 400 body parses as JSON too.
      expect(res.body).toEqual(badRequest(message));
    });
  });

  describe(`PUT ${base}/bandwidth`, () => {
    it('passes the limits, null meaning unlimited', async () => {
      const limits = { down_rate: 0, up_rate: 0, down_limit: null, up_limit: 1024 };
      torrents().setBandwidth.mockResolvedValue(limits);
      const res = await admin()
        .put(`${base}/bandwidth`)
        .send({ down_limit: null, up_limit: 1024 })
        .expect(200);
      expect(res.body).toEqual(limits);
      expect(torrents().setBandwidth).toHaveBeenCalledWith({ down_limit: null, up_limit: 1024 });
    });

    it.each([
      [{ down_limit: -1 }, 'down_limit must not be less than 0'],
      [{ up_limit: 2 ** 30 + 1 }, `up_limit must not be greater than ${2 ** 30}`],
      [{ up_limit: 'fast' }, 'up_limit must be an integer number'],
      [{ limit: 1 }, 'limit should not exist'],
    ])('refuses %j with 400', async (body, message) => {
      const res = await admin().put(`${base}/bandwidth`).send(body).expect(400);
      expect(res.body).toEqual(badRequest(message));
    });
  });

  describe(`POST ${base}/torrents/add-url`, () => {
    const magnet = `magnet:?xt=urn:btih:${HASH}`;

    it('adds the link and answers 201', async () => {
      const added = { hash: HASH, name: 'Ubuntu' };
      torrents().addUrl.mockResolvedValue(added as never);
      const body = { url: magnet, label: 'linux', start: false };
      const res = await admin().post(`${base}/torrents/add-url`).send(body).expect(201);
      expect(res.body).toEqual(added);
      expect(torrents().addUrl).toHaveBeenCalledWith(body);
    });

    it.each([
      [{}, 'url should not be empty'],
      [{ url: 'ftp://host/file.torrent' }, URL_REFUSAL],
      [{ url: 'magnet:' }, URL_REFUSAL],
      // A magnet without its whole info-hash is refused before the client is asked.
      [{ url: 'magnet:?xt=urn:btih:ABC123&dn=Broken' }, URL_REFUSAL],
      [{ url: 'magnet:?dn=No.Hash&tr=http%3A%2F%2Ftracker' }, URL_REFUSAL],
      [{ url: magnet, label: '' }, 'label must be longer than or equal to 1 characters'],
      [{ url: magnet, label: 'a\u0007b' }, 'label must not contain control characters'],
      [{ url: magnet, start: 'now' }, 'start must be true or false'],
    ])('refuses %j with 400', async (body, message) => {
      const res = await admin().post(`${base}/torrents/add-url`).send(body).expect(400);
      expect(res.body).toEqual(badRequest(message));
      expect(torrents().addUrl).not.toHaveBeenCalled();
    });
  });

  describe(`POST ${base}/torrents/bulk/:action`, () => {
    it.each([
      ['pause', {}, undefined, undefined],
      ['remove', { deleteData: true }, true, undefined],
      ['remove', { deleteData: true, force: true }, true, true],
    ])('runs %s on every hash (deleteData %j, force %j)', async (action, extra, deleteData, force) => {
      const result = { results: [{ hash: HASH, name: 'Ubuntu', ok: true, error: null }] };
      torrents().bulk.mockResolvedValue(result as never);
      const res = await admin()
        .post(`${base}/torrents/bulk/${action}`)
        .send({ hashes: [HASH], ...extra })
        .expect(200);
      expect(res.body).toEqual(result);
      expect(torrents().bulk).toHaveBeenCalledWith(action, [HASH], deleteData, force);
    });

    it.each([
      ['delete', { hashes: [HASH] }, 'action must be one of: start, stop, pause, resume, remove'],
      ['start', {}, 'hashes must be an array'],
      ['start', { hashes: [] }, 'hashes must contain at least 1 elements'],
      ['start', { hashes: HASH }, 'hashes must be an array'],
      ['start', { hashes: [HASH, HASH.toLowerCase()] }, 'hashes must not repeat a hash'],
      ['start', { hashes: ['all'] }, 'hashes must each be a 40-character hexadecimal info-hash'],
      ['start', { hashes: [HASH], deleteData: 'yes' }, 'deleteData must be true or false'],
      ['remove', { hashes: [HASH], force: 1 }, 'force must be true or false'],
    ])('refuses bulk/%s with %j', async (action, body, message) => {
      const res = await admin().post(`${base}/torrents/bulk/${action}`).send(body).expect(400);
      expect(res.body).toEqual(badRequest(message));
      expect(torrents().bulk).not.toHaveBeenCalled();
    });
  });

  describe(`POST ${base}/torrents/:hash/<action>`, () => {
    it.each(['start', 'stop', 'pause', 'resume'])('%s acts on the hash of the path', async (action) => {
      const result = { hash: HASH, name: 'Ubuntu', state: 'paused' };
      torrents().act.mockResolvedValue(result as never);
      const res = await admin().post(`${base}/torrents/${HASH}/${action}`).expect(200);
      expect(res.body).toEqual(result);
      expect(torrents().act).toHaveBeenCalledWith(action, HASH);
    });

    it.each(['all', HASH.slice(1), `${HASH}0`, 'Z'.repeat(40)])(
      'refuses the hash %s with 400',
      async (hash) => {
        const res = await admin().post(`${base}/torrents/${hash}/start`).expect(400);
        expect(res.body).toEqual(badRequest(`hash ${HASH_RULE}`));
        expect(torrents().act).not.toHaveBeenCalled();
      },
    );

    it.each([
      [{}, undefined, undefined],
      [{ deleteData: true }, true, undefined],
      [{ deleteData: true, force: true }, true, true],
    ])('remove with %j passes deleteData %s and force %s to the service', async (body, deleteData, force) => {
      const result = { hash: HASH, name: 'Ubuntu', data: deleteData ? 'deleted' : 'kept' };
      torrents().remove.mockResolvedValue(result as never);
      const res = await admin().post(`${base}/torrents/${HASH}/remove`).send(body).expect(200);
      expect(res.body).toEqual(result);
      expect(torrents().remove).toHaveBeenCalledWith(HASH, deleteData, force);
    });

    it.each([
      [{ deleteData: 1 }, 'deleteData must be true or false'],
      [{ deleteData: true, force: 'yes' }, 'force must be true or false'],
    ])('remove refuses %j', async (body, message) => {
      const res = await admin().post(`${base}/torrents/${HASH}/remove`).send(body).expect(400);
      expect(res.body).toEqual(badRequest(message));
    });
  });

  describe(`POST ${base}/torrents/data-check`, () => {
    it('checks the hashes of the body', async () => {
      const result = { items: [] };
      torrents().checkData.mockResolvedValue(result);
      const res = await admin()
        .post(`${base}/torrents/data-check`)
        .send({ hashes: [HASH] })
        .expect(200);
      expect(res.body).toEqual(result);
      expect(torrents().checkData).toHaveBeenCalledWith([HASH]);
    });

    it.each([
      [{}, 'hashes must be an array'],
      [{ hashes: ['all'] }, 'hashes must each be a 40-character hexadecimal info-hash'],
      [{ hashes: [HASH], deleteData: true }, 'deleteData should not exist'],
    ])('refuses %j', async (body, message) => {
      const res = await admin().post(`${base}/torrents/data-check`).send(body).expect(400);
      expect(res.body).toEqual(badRequest(message));
      expect(torrents().checkData).not.toHaveBeenCalled();
    });
  });

  it(`GET ${base}/events hands the request to the service's stream`, async () => {
    torrents().subscribe.mockImplementation((_req, res) => {
      res.setHeader('Content-Type', 'text/event-stream');
      res.end('event: status\ndata: {}\n\n');
    });
    const res = await ctx.stream(`${base}/events`, '\n\n');
    expect(res).toEqual({
      status: 200,
      contentType: 'text/event-stream',
      text: 'event: status\ndata: {}\n\n',
    });
  });

  describe(`GET ${base}/torrents/:hash`, () => {
    it('answers the detail of the hash of the path', async () => {
      const detail = { hash: HASH, name: 'Ubuntu', files: [], peers: [], trackers: [] };
      torrents().detail.mockResolvedValue(detail as never);
      const res = await admin().get(`${base}/torrents/${HASH}`).expect(200);
      expect(res.body).toEqual(detail);
      expect(torrents().detail).toHaveBeenCalledWith(HASH);
    });

    it('refuses a bad hash with 400', async () => {
      const res = await admin().get(`${base}/torrents/all`).expect(400);
      expect(res.body).toEqual(badRequest(`hash ${HASH_RULE}`));
    });
  });

  describe(`PUT ${base}/torrents/:hash/label`, () => {
    it('sets the label, "" removing it', async () => {
      torrents().setLabel.mockResolvedValue({ hash: HASH, name: 'Ubuntu', label: '' });
      await admin().put(`${base}/torrents/${HASH}/label`).send({ label: '' }).expect(200);
      expect(torrents().setLabel).toHaveBeenCalledWith(HASH, '');
    });

    it.each([
      [{}, 'label must be a string'],
      [{ label: 'a\u0007b' }, 'label must not contain control characters'],
      [{ label: 'x'.repeat(201) }, 'label must be shorter than or equal to 200 characters'],
    ])('refuses %j with 400', async (body, message) => {
      const res = await admin().put(`${base}/torrents/${HASH}/label`).send(body).expect(400);
      expect(res.body).toEqual(badRequest(message));
      expect(torrents().setLabel).not.toHaveBeenCalled();
    });
  });

  describe(`POST ${base}/torrents/upload`, () => {
    it('hands the file and its fields over, answering 201', async () => {
      torrents().addFile.mockResolvedValue({ hash: HASH, name: 'a.bin', state: 'paused' });
      const res = await admin()
        .post(`${base}/torrents/upload`)
        .attach('torrent', TORRENT_FILE, 'a.torrent')
        .field('label', 'linux')
        .field('start', 'false')
        .expect(201);
      expect(res.body).toEqual({ hash: HASH, name: 'a.bin', state: 'paused' });
      expect(torrents().addFile).toHaveBeenCalledWith(TORRENT_FILE, { label: 'linux', start: false });
    });

    it('refuses a request without the file', async () => {
      const res = await admin().post(`${base}/torrents/upload`).field('label', 'x').expect(400);
      expect(res.body.message).toBe('torrent must be a .torrent file sent as the multipart field "torrent"');
    });

    it.each([
      [Buffer.from('magnet:?xt=urn:btih:abc'), 'it does not start with a bencoded dictionary'],
      [Buffer.from('d4:name3:abce'), 'it has no info dictionary'],
      [Buffer.from('d4:infod4:name'), 'its bencoding ends early'],
    ])('refuses a file that is not a torrent (%s)', async (file, why) => {
      const res = await admin()
        .post(`${base}/torrents/upload`)
        .attach('torrent', file, 'x.torrent')
        .expect(400);
      expect(res.body.message).toBe(
        `torrent is not a .torrent file (${why}); choose the .torrent itself, not a magnet or the data.`,
      );
      expect(torrents().addFile).not.toHaveBeenCalled();
    });

    it('refuses a bad start field', async () => {
      const res = await admin()
        .post(`${base}/torrents/upload`)
        .attach('torrent', TORRENT_FILE, 'a.torrent')
        .field('start', 'now')
        .expect(400);
      expect(res.body).toEqual(badRequest('start must be true or false'));
    });
  });

  return Object.assign(ctx, { service: torrents });
}
