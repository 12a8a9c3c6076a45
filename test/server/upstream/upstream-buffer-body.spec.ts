import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UpstreamHttp } from '../../../server/upstream/upstream-http.service';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Every byte value, with sequences that are not UTF-8 (a lone 0xff, a cut multi-byte character). */
const BYTES = Buffer.concat([
  Buffer.from(Array.from({ length: 256 }, (_v, i) => i)),
  Buffer.from([0xe2, 0x82, 0x0d, 0x0a, 0x00, 0xc3]),
]);

describe('UpstreamHttp sends a Buffer body as it is', () => {
  let server: Server;
  let baseUrl: string;
  const received: Received[] = [];
  const http = new UpstreamHttp(new HttpService(axios.create()));
  const post = (path: string, body: unknown, headers?: Record<string, string>) =>
    http.request<unknown>({
      service: 'Recorder',
      baseUrl,
      path,
      method: 'POST',
      body,
      headers,
      expect: 'json',
    });

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks),
        });
        if (req.url === '/moved') {
          res.writeHead(307, { Location: '/upload' }).end();
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    received.length = 0;
  });

  it("sends the bytes unchanged with the caller's content type and their exact length", async () => {
    const type = 'multipart/form-data; boundary=----seedbox-panel-test';
    expect((await post('/upload', BYTES, { 'Content-Type': type })).data).toEqual({ ok: true });
    expect(received).toHaveLength(1);
    const [got] = received;
    expect(got.method).toBe('POST');
    expect(got.headers['content-type']).toBe(type);
    expect(got.headers['content-length']).toBe(String(BYTES.length));
    expect(got.body.equals(BYTES)).toBe(true);
  });

  it('never labels a Buffer as JSON, even when the caller gives no content type', async () => {
    await post('/upload', BYTES);
    expect(received[0].headers['content-type'] ?? '').not.toMatch(/json/);
    expect(received[0].body.equals(BYTES)).toBe(true);
  });

  it('keeps the bytes across a same-origin 307 redirect', async () => {
    await post('/moved', BYTES, { 'Content-Type': 'application/x-bittorrent' });
    expect(received.map((r) => [r.method, r.url])).toEqual([
      ['POST', '/moved'],
      ['POST', '/upload'],
    ]);
    expect(received[1].headers['content-type']).toBe('application/x-bittorrent');
    expect(received[1].body.equals(BYTES)).toBe(true);
  });

  it('still sends an object as JSON and a string as it is', async () => {
    await post('/upload', { name: 'x', n: 1 });
    await post('/upload', '<methodCall/>', { 'Content-Type': 'text/xml' });
    expect(received[0].headers['content-type']).toBe('application/json');
    expect(received[0].body.toString('utf8')).toBe('{"name":"x","n":1}');
    expect(received[1].headers['content-type']).toBe('text/xml');
    expect(received[1].body.toString('utf8')).toBe('<methodCall/>');
  });
});
