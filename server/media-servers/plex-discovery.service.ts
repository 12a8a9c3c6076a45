import { Injectable } from '@nestjs/common';
import { MediaServerClientFactory } from './media-server-client.factory';
import type { PlexServerDto } from './media-servers.dto';

/** The Plex Media Servers a plex.tv account can use, to fill in a server entry (URL, machine id). */
@Injectable()
export class PlexDiscoveryService {
  constructor(private readonly clients: MediaServerClientFactory) {}

  async servers(token: string): Promise<PlexServerDto[]> {
    const resources = await this.clients.plexTv(token).servers();
    return resources.map((r) => ({
      name: r.name,
      machine_identifier: r.machineIdentifier,
      owned: r.owned,
      connections: r.connections.map((c) => ({ uri: c.uri, local: c.local, relay: c.relay })),
    }));
  }
}
