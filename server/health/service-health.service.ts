import { HttpException, Injectable } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { ConfigStore } from '../config/config.store';
import { DockerEngineClient } from '../containers/docker-engine.client';
import { MediaServersService, isEnabled } from '../media-servers/media-servers.service';
import { PlexClient } from '../plex/plex.client';
import { SeerrClient } from '../seerr/seerr.client';
import { TautulliClient } from '../tautulli/tautulli.client';
import { MergedTorrentsService } from '../torrents/merged-torrents.service';
import { SingleFlight } from '../upstream/single-flight';
import { UpstreamError } from '../upstream/upstream-error';
import type { ServiceHealthDto, ServiceHealthListDto, ServiceKind } from './health.dto';

type Probe = { version: string | null; detail: string };

function sentence(service: string, err: unknown): string {
  return err instanceof HttpException
    ? err.message
    : `${service} could not be read because of an unexpected error.`;
}

/**
 * Every upstream of the stack, probed the way its own page reads it, so the Dashboard's dots, the
 * pages and readiness agree: Seerr with the API key (`/settings/about`), media servers by a fresh read
 * of their user lists (as the sync reads them), Plex's `/identity`, Tautulli's `get_tautulli_info`, torrent
 * clients through the merged list's pollers, Docker's `/version`. Concurrent callers (the Dashboard and
 * a readiness probe) share one round of probes.
 */
@Injectable()
export class ServiceHealthService {
  private readonly round = new SingleFlight<ServiceHealthListDto>();

  constructor(
    private readonly config: ConfigStore,
    private readonly seerr: SeerrClient,
    private readonly mediaServers: MediaServersService,
    private readonly plex: PlexClient,
    private readonly tautulli: TautulliClient,
    private readonly torrents: MergedTorrentsService,
    private readonly docker: DockerEngineClient,
  ) {}

  check(): Promise<ServiceHealthListDto> {
    return this.round.run('all', async () => {
      const groups = await Promise.all([
        this.seerrHealth(),
        this.mediaServerHealth(),
        this.probe('plex', 'plex', 'Plex', !!this.config.get().plex?.url?.trim(), async () => {
          const h = await this.plex.health();
          return { version: h.version, detail: `Plex answered in ${h.latency_ms} ms: version ${h.version}.` };
        }),
        this.probe(
          'tautulli',
          'tautulli',
          'Tautulli',
          !!this.config.get().tautulli?.url?.trim(),
          async () => {
            const h = await this.tautulli.health();
            return {
              version: h.version,
              detail: `Tautulli answered in ${h.latency_ms} ms: version ${h.version}.`,
            };
          },
        ),
        this.torrentHealth(),
        this.dockerHealth(),
      ]);
      return { services: groups.flat(), checked_at: new Date().toISOString() };
    });
  }

  private seerrHealth(): Promise<ServiceHealthDto> {
    return this.probe('seerr', 'seerr', 'Seerr', !!this.config.get().seerr.url.trim(), async () => {
      const about = await this.seerr.about();
      return { version: about.version, detail: `Seerr ${about.version} answered with the API key.` };
    });
  }

  /** Each enabled server's user list, read afresh as the sync reads it (a failure also clears its card's cache). */
  private async mediaServerHealth(): Promise<ServiceHealthDto[]> {
    const servers = this.config.get().media_servers;
    const reads = new Map((await this.mediaServers.probeAll(servers)).map((r) => [r.server, r]));
    return servers.map((server) => {
      const base = { id: `media-server:${server.name}`, kind: 'media-server' as const, name: server.name };
      const read = reads.get(server);
      if (!isEnabled(server) || !read)
        return {
          ...base,
          state: 'off',
          version: null,
          detail: `${server.name} is disabled: the sync does not read it.`,
        };
      if (!read.ok) return { ...base, state: 'down', version: null, detail: read.error };
      const n = read.users.length;
      return {
        ...base,
        state: 'up',
        version: null,
        detail: `${server.name} listed ${n} user${n === 1 ? '' : 's'}.`,
      };
    });
  }

  /** Each active client's last poll, read through the merged list (which polls a client nobody watched). */
  private async torrentHealth(): Promise<ServiceHealthDto[]> {
    const stats = await this.torrents.stats();
    return stats.clients.map((client) => ({
      id: `torrent-client:${client.id}`,
      kind: 'torrent-client',
      name: client.name,
      state: client.connected ? 'up' : 'down',
      version: null,
      detail: client.connected
        ? `${client.name} answered with ${client.total} torrent${client.total === 1 ? '' : 's'}.`
        : (client.error ?? `${client.name} has not answered yet.`),
    }));
  }

  /** Docker is off when no DOCKER_HOST is set and the socket file is absent: the panel runs without it. */
  private dockerHealth(): Promise<ServiceHealthDto> {
    const socket = this.docker.socketPath;
    return this.probe('docker', 'docker', 'Docker', !socket || existsSync(socket), async () => {
      const version = await this.docker.version();
      return { version, detail: `Docker ${version} answered on ${this.docker.where}.` };
    });
  }

  private async probe(
    id: string,
    kind: ServiceKind,
    name: string,
    configured: boolean,
    read: () => Promise<Probe>,
  ): Promise<ServiceHealthDto> {
    const base = { id, kind, name };
    if (!configured) return { ...base, state: 'off', version: null, detail: `${name} is not set up.` };
    try {
      return { ...base, state: 'up', ...(await read()) };
    } catch (err) {
      if (err instanceof UpstreamError && err.kind === 'not-configured')
        return { ...base, state: 'off', version: null, detail: err.message };
      return { ...base, state: 'down', version: null, detail: sentence(name, err) };
    }
  }
}

/** Readiness's line for the upstreams: failing when any configured one is down. */
export function servicesCheck(list: ServiceHealthListDto): { ok: boolean; detail: string } {
  const down = list.services.filter((s) => s.state === 'down');
  const up = list.services.filter((s) => s.state === 'up');
  if (down.length)
    return { ok: false, detail: `Down: ${down.map((s) => `${s.name} (${s.detail})`).join('; ')}` };
  if (!up.length) return { ok: true, detail: 'No upstream service is set up.' };
  return { ok: true, detail: `Every service that is set up answers: ${up.map((s) => s.name).join(', ')}.` };
}
