import type { PlexNode } from '../plex/plex.format';
import type { PlexTvServer, PlexTvState } from './plextv.state';

export interface ConnectionFlags {
  https: boolean;
  relay: boolean;
  ipv6: boolean;
}

interface Connection {
  protocol: string;
  address: string;
  port: number;
  uri: string;
  local: boolean;
  relay: boolean;
  IPv6: boolean;
}

export interface Resource {
  name: string;
  product: string;
  productVersion: string;
  platform: string;
  platformVersion: string;
  device: string;
  clientIdentifier: string;
  createdAt: number;
  lastSeenAt: number;
  provides: string;
  publicAddress: string;
  accessToken: string | null;
  httpsRequired: boolean;
  connections: Connection[];
}

function connections(server: PlexTvServer, flags: ConnectionFlags): Connection[] {
  if (server.url) {
    // A reachable simulator: its real URL is the only connection worth offering.
    const url = new URL(server.url);
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const protocol = url.protocol.replace(':', '');
    const uri = `${protocol}://${url.host}`;
    return [{ protocol, address: url.hostname, port, uri, local: true, relay: false, IPv6: false }];
  }
  const hash = server.machineIdentifier.slice(0, 16);
  const make = (address: string, port: number, local: boolean, relay = false, IPv6 = false): Connection => {
    const protocol = flags.https || relay ? 'https' : 'http';
    const host = protocol === 'https' ? `${address.replace(/[.:]/g, '-')}.${hash}.plex.direct` : address;
    return { protocol, address, port, uri: `${protocol}://${host}:${port}`, local, relay, IPv6 };
  };
  const out = [make(server.localAddress, server.port, true), make(server.publicAddress, server.port, false)];
  if (flags.ipv6) out.push(make('2001:db8::20', server.port, false, false, true));
  if (flags.relay) out.push(make('139.162.10.20', 8443, false, true));
  return out;
}

/** The owner's servers, then one client device (discovery lists every device of the account). */
export function resources(state: PlexTvState, flags: ConnectionFlags): Resource[] {
  const servers = state.servers.map((s): Resource => ({
    name: s.name,
    product: 'Plex Media Server',
    productVersion: s.productVersion,
    platform: 'Linux',
    platformVersion: '6.1.0',
    device: 'PC',
    clientIdentifier: s.machineIdentifier,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    provides: 'server',
    publicAddress: s.publicAddress,
    accessToken: s.accessToken,
    httpsRequired: false,
    connections: connections(s, flags),
  }));
  const phone: Resource = {
    name: 'Pixel 8',
    product: 'Plex for Android (Mobile)',
    productVersion: '10.14.0.323',
    platform: 'Android',
    platformVersion: '14',
    device: 'Pixel 8',
    clientIdentifier: `${state.owner.uuid}-android`,
    createdAt: state.owner.joinedAt + 86_400 * 3000,
    lastSeenAt: state.servers[0]?.lastSeenAt ?? state.owner.joinedAt,
    provides: 'client,player,pubsub-player',
    publicAddress: '203.0.113.20',
    accessToken: null,
    httpsRequired: false,
    connections: [],
  };
  return [...servers, phone];
}

const iso = (s: number) => new Date(s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function common(r: Resource) {
  return {
    owned: true,
    home: false,
    synced: false,
    relay: true,
    presence: true,
    httpsRequired: r.httpsRequired,
    publicAddressMatches: true,
    dnsRebindingProtection: false,
    natLoopbackSupported: true,
  };
}

/** `/api/v2/resources` JSON: an array, ISO timestamps, `ownerId: null` for the caller's own devices. */
export function resourceJson(r: Resource): Record<string, unknown> {
  const { createdAt, lastSeenAt, connections: conns, ...rest } = r;
  return {
    ...rest,
    createdAt: iso(createdAt),
    lastSeenAt: iso(lastSeenAt),
    ownerId: null,
    sourceTitle: null,
    ...common(r),
    connections: conns,
  };
}

/** `/api/resources` (v1 XML): `Device` with `Connection` children, Unix timestamps, booleans 0/1. */
export function resourcesV1Node(list: readonly Resource[]): PlexNode {
  return {
    tag: 'MediaContainer',
    attrs: { size: list.length },
    children: list.map((r) => {
      const { connections: conns, accessToken, ...attrs } = r;
      return {
        tag: 'Device',
        attrs: { ...attrs, accessToken: accessToken ?? '', ...common(r) },
        children: conns.map((c) => ({
          tag: 'Connection',
          attrs: { protocol: c.protocol, address: c.address, port: c.port, uri: c.uri, local: c.local },
        })),
      };
    }),
  };
}

/** `/api/v2/resources` without `Accept: application/json` (element names inferred, not verified). */
export function resourcesV2XmlNode(list: readonly Resource[]): PlexNode {
  return {
    tag: 'resources',
    attrs: { size: list.length },
    children: list.map((r) => {
      const { connections: conns, accessToken, ...attrs } = r;
      return {
        tag: 'resource',
        attrs: {
          ...attrs,
          createdAt: iso(r.createdAt),
          lastSeenAt: iso(r.lastSeenAt),
          accessToken: accessToken ?? '',
          ...common(r),
        },
        children: conns.length
          ? [
              {
                tag: 'connections',
                attrs: {},
                children: conns.map((c) => ({ tag: 'connection', attrs: { ...c } })),
              },
            ]
          : [],
      };
    }),
  };
}
