import { createHash } from 'node:crypto';
import type { SimRequest, SimResponse } from '../core';
import { liveSessions, type PlexWorld } from '../media-library';

/** RFC 6455's fixed GUID for `Sec-WebSocket-Accept`. */
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export function websocketAccept(key: string): string {
  return createHash('sha1').update(`${key}${WS_GUID}`).digest('base64');
}

/** One unmasked text frame (servers never mask), with the 7-, 16- or 64-bit length form. */
export function textFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const n = payload.length;
  const head =
    n < 126
      ? Buffer.from([0x81, n])
      : n < 65_536
        ? Buffer.from([0x81, 126, n >> 8, n & 0xff])
        : Buffer.concat([Buffer.from([0x81, 127]), bigEndian64(n)]);
  return Buffer.concat([head, payload]);
}

function bigEndian64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

/** PMS's `playing` notification for each session, as Tautulli's activity monitor receives them. */
function playingNotifications(world: PlexWorld): string[] {
  return liveSessions(world).map((s) =>
    JSON.stringify({
      NotificationContainer: {
        type: 'playing',
        size: 1,
        PlaySessionStateNotification: [
          {
            sessionKey: s.sessionKey,
            clientIdentifier: s.device.clientId,
            guid: '',
            ratingKey: s.item.ratingKey,
            url: '',
            key: `/library/metadata/${s.item.ratingKey}`,
            viewOffset: s.viewOffset,
            playQueueItemID: 0,
            state: s.state,
          },
        ],
      },
    }),
  );
}

/**
 * `/:/websockets/notifications`, the WebSocket Tautulli keeps open to PMS. The upgrade is answered with
 * 101 and a correct `Sec-WebSocket-Accept`; the server then sends one `playing` notification per live
 * session and stays quiet (frames from the client are not read). Null for a request that is not a
 * WebSocket upgrade (the caller answers PMS's 400).
 */
export function notificationsSocket(world: PlexWorld, req: SimRequest): SimResponse | null {
  const upgrade = String(req.headers.upgrade ?? '').toLowerCase();
  const key = req.headers['sec-websocket-key'];
  if (upgrade !== 'websocket' || typeof key !== 'string' || !key) return null;
  return {
    status: 101,
    headers: { Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Accept': websocketAccept(key) },
    stream: (res) => {
      for (const message of playingNotifications(world)) res.socket?.write(textFrame(message));
    },
  };
}
