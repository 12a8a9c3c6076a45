import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TransmissionClient } from '../../../../server/torrents/clients/transmission/transmission.client';
import type { TorrentClientConnection } from '../../../../server/torrents/torrent-client.interface';
import {
  createTransmissionSimulator,
  TRANSMISSION_PASSWORD,
  TRANSMISSION_USERNAME,
} from '../../../../simulators/transmission';
import { upstreamFailure } from '../../support/upstream-failure';
import { testHttp } from '../support/transport';

/**
 * The RPC transport's traps over real HTTP: answers no real daemon gives, but a proxy, another
 * service on the port or a broken build can, and 3.00's lockout after 100 failed logins.
 */
const SERVICE = 'Box Transmission';

function connectionTo(url: string, password = TRANSMISSION_PASSWORD): TorrentClientConnection {
  return {
    id: 'box-transmission',
    service: SERVICE,
    url,
    username: TRANSMISSION_USERNAME,
    password,
    credentialHint: `the username and password of ${SERVICE} on the Torrent clients page`,
    setupHint: 'set its URL on the Torrent clients page',
  };
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe('TransmissionRpc against answers that break the protocol', () => {
  let server: Server;
  let handler: Handler;
  let url: string;
  let client: TransmissionClient;

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => handler(req, res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    client = new TransmissionClient(testHttp(), () => connectionTo(url));
  });

  /** Answers 409 (with `id`) to a request without that id, and `reply` to the one with it. */
  const daemon =
    (reply: (res: ServerResponse) => void, id = 'abc123'): Handler =>
    (req, res) => {
      if (req.headers['x-transmission-session-id'] !== id) {
        res
          .writeHead(409, { 'X-Transmission-Session-Id': id, 'Content-Type': 'text/html' })
          .end('<h1>409</h1>');
      } else reply(res);
    };
  const json = (body: unknown) => (res: ServerResponse) =>
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));

  it('a 409 to its own fresh id (a proxy dropping the header) is a 502 sentence, after one resend', async () => {
    let calls = 0;
    handler = (_req, res) => {
      calls++;
      res.writeHead(409, { 'X-Transmission-Session-Id': `id-${calls}` }).end();
    };
    const err = await upstreamFailure(client.list());
    expect(err.getStatus()).toBe(502);
    expect(err.message).toBe(
      `${SERVICE} refused its own session id twice (HTTP 409); is a proxy in front of it dropping the X-Transmission-Session-Id header?`,
    );
    // The handshake, the call, and its one resend: no loop.
    expect(calls).toBe(3);
  });

  it('a 409 without the session id header is an invalid answer', async () => {
    handler = (_req, res) => res.writeHead(409).end();
    const err = await upstreamFailure(client.version());
    expect(err.kind).toBe('invalid-response');
    expect(err.getStatus()).toBe(502);
    expect(err.message).toContain('HTTP 409 without an X-Transmission-Session-Id header');
  });

  it.each([
    ['not an object', [1, 2]],
    ['no result', { arguments: {} }],
    ['torrents not an array', { result: 'success', arguments: { torrents: 'none' } }],
    [
      'a status outside 0..6',
      { result: 'success', arguments: { torrents: [{ hashString: 'ab', status: 9 }] } },
    ],
  ])('valid JSON of the wrong shape (%s) is a 502 invalid-response', async (_what, body) => {
    handler = daemon(json(body));
    const err = await upstreamFailure(client.list());
    expect(err.kind).toBe('invalid-response');
    expect(err.getStatus()).toBe(502);
    expect(err.message).toMatch(new RegExp(`^${SERVICE}`));
    expect(err.message).not.toContain('abc123');
  });

  it('a result other than "success" is a 502 sentence quoting it', async () => {
    handler = daemon(json({ result: 'method name not recognized', arguments: {} }));
    const err = await upstreamFailure(client.version());
    expect(err.getStatus()).toBe(502);
    expect(err.message).toBe(`${SERVICE} refused session-get: method name not recognized.`);
  });

  it('an HTML page at the RPC path (the web UI, another service) says to check the URL', async () => {
    handler = (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html></html>');
    const err = await upstreamFailure(client.list());
    expect(err.kind).toBe('invalid-response');
    expect(err.message).toContain(`an HTML page instead of RPC JSON at ${url}/transmission/rpc`);
  });

  it('the web UI address is taken as its RPC endpoint', async () => {
    let path = '';
    const empty = daemon(json({ result: 'success', arguments: { torrents: [] } }));
    handler = (req, res) => {
      path = req.url ?? '';
      empty(req, res);
    };
    client = new TransmissionClient(testHttp(), () => connectionTo(`${url}/transmission/web/`));
    expect(await client.list()).toEqual([]);
    expect(path).toBe('/transmission/rpc');
  });
});

describe('TransmissionRpc against 3.00’s lockout after failed logins', () => {
  it('after 100 failed logins every call is a 403 sentence asking for a restart, never the password', async () => {
    const sim = createTransmissionSimulator({ torrents: 1 });
    await sim.start();
    try {
      const wrong = new TransmissionClient(testHttp(), () => connectionTo(sim.url, 'guessed-secret'));
      for (let i = 0; i < 99; i++) expect((await upstreamFailure(wrong.list())).upstreamStatus).toBe(401);
      const locked = await upstreamFailure(wrong.list());
      expect(locked.kind).toBe('unauthorized');
      expect(locked.getStatus()).toBe(502);
      expect(locked.message).toBe(
        `${SERVICE} refuses every login after too many failed ones (HTTP 403); restart transmission-daemon, then check the username and password of ${SERVICE} on the Torrent clients page.`,
      );
      // Even the right password is refused now, until the daemon restarts.
      const right = new TransmissionClient(testHttp(), () => connectionTo(sim.url));
      expect((await upstreamFailure(right.list())).upstreamStatus).toBe(403);
      sim.restart();
      expect(await right.list()).toHaveLength(1);
      expect(locked.message).not.toContain('guessed-secret');
    } finally {
      await sim.stop();
    }
  });
});
