/* eslint-disable @typescript-eslint/no-explicit-any -- parsed upstream answers are walked freely in assertions */
import { connect } from 'node:net';
import { createPlexWorld, liveSessions, type PlexWorld } from '../../simulators/media-library';
import { createPlexSimulator, DEFAULT_PMS_TOKEN, type PlexSimulator } from '../../simulators/plex';
import { websocketAccept } from '../../simulators/plex/plex.websocket';

const T0 = 1_750_000_000_000 + 90_000;
const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

/** Reads unmasked text frames (7- and 16-bit lengths) from the bytes after the HTTP head. */
function frames(bytes: Buffer): string[] {
  const out: string[] = [];
  let at = 0;
  while (at + 2 <= bytes.length) {
    let n = bytes[at + 1] & 0x7f;
    let head = 2;
    if (n === 126) [n, head] = [bytes.readUInt16BE(at + 2), 4];
    if (at + head + n > bytes.length) break;
    out.push(bytes.subarray(at + head, at + head + n).toString('utf8'));
    at += head + n;
  }
  return out;
}

/** A raw WebSocket handshake; resolves once the head and `count` frames have arrived. */
function handshake(url: string, path: string, count: number): Promise<{ head: string; frames: string[] }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () =>
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
          `Sec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      ),
    );
    let got = Buffer.alloc(0);
    const check = () => {
      const end = got.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = got.subarray(0, end).toString('latin1');
      const rest = frames(got.subarray(end + 4));
      if (!head.startsWith('HTTP/1.1 101') || rest.length >= count) {
        socket.destroy();
        resolve({ head, frames: rest });
      }
    };
    socket.on('data', (chunk: Buffer) => {
      got = Buffer.concat([got, chunk]);
      check();
    });
    socket.on('error', reject);
  });
}

describe('Plex simulator: what Tautulli needs to agree on transcodes', () => {
  let world: PlexWorld;
  let plex: PlexSimulator;
  beforeAll(async () => {
    world = createPlexWorld({ seed: 21, historySize: 10, sessions: 6, clock: () => T0 });
    plex = createPlexSimulator({ world });
    await plex.sim.start();
  });
  afterAll(() => plex.sim.stop());

  it('puts a decision on the Part and every Stream of a session', async () => {
    const res = await fetch(`${plex.sim.url}/status/sessions`, {
      headers: { 'X-Plex-Token': DEFAULT_PMS_TOKEN, Accept: 'application/json' },
    });
    const sessions = ((await res.json()) as any).MediaContainer.Metadata as any[];
    const live = liveSessions(world);
    expect(sessions).toHaveLength(live.length);
    const wire = { 'direct play': 'directplay', copy: 'copy', transcode: 'transcode' };
    for (const [i, s] of live.entries()) {
      const part = sessions[i].Media[0].Part[0];
      expect(part.decision).toBe(wire[s.decision]);
      const types = part.Stream.map((x: any) => x.streamType);
      expect(types).toEqual(s.item.type === 'track' ? [2] : [1, 2]);
      expect(new Set(part.Stream.map((x: any) => x.decision))).toEqual(new Set([wire[s.decision]]));
    }
    const xml = await fetch(`${plex.sim.url}/status/sessions?X-Plex-Token=${DEFAULT_PMS_TOKEN}`);
    expect(await xml.text()).toMatch(/<Stream [^>]*decision="(directplay|copy|transcode)"/);
  });

  it('answers the notifications WebSocket upgrade and sends a playing notification per session', async () => {
    const live = liveSessions(world);
    const path = `/:/websockets/notifications?X-Plex-Token=${DEFAULT_PMS_TOKEN}`;
    const { head, frames: got } = await handshake(plex.sim.url, path, live.length);
    expect(head).toMatch(/^HTTP\/1\.1 101 /);
    expect(head).toContain(`Sec-WebSocket-Accept: ${websocketAccept(KEY)}`);
    // RFC 6455's own example key and answer.
    expect(websocketAccept(KEY)).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    const notes = got.map((f) => JSON.parse(f).NotificationContainer);
    expect(notes.map((n) => [n.type, n.PlaySessionStateNotification[0].sessionKey])).toEqual(
      live.map((s) => ['playing', s.sessionKey]),
    );
  });

  it('refuses the notifications path without a token or without an upgrade', async () => {
    const noToken = await handshake(plex.sim.url, '/:/websockets/notifications', 0);
    expect(noToken.head).toMatch(/^HTTP\/1\.1 401 /);
    const plain = await fetch(`${plex.sim.url}/:/websockets/notifications?X-Plex-Token=${DEFAULT_PMS_TOKEN}`);
    expect(plain.status).toBe(400);
  });
});
