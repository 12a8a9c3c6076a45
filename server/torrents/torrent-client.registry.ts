import {
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  Optional,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ConfigStore } from '../config/config.store';
import { ServiceContainers } from '../containers/service-containers';
import { UpstreamHttp } from '../upstream/upstream-http.service';
import { TORRENT_CLIENT_FACTORIES } from './clients';
import { DEFAULT_ADD_CONFIRM_TIMING, type AddConfirmTiming } from './torrent-client.interface';
import {
  seedAliasOf,
  torrentClientInstances,
  type SeedClientKind,
  type TorrentClientInstanceConfig,
} from './torrent-client-connections';
import { TorrentClientService } from './torrent-client.service';

/** Lets tests shorten how long add-url and upload wait for a new torrent to appear. */
export const ADD_CONFIRM_TIMING = Symbol('ADD_CONFIRM_TIMING');

interface Entry {
  config: TorrentClientInstanceConfig;
  /** URL, credentials and paths: a change means another session, so the list is read again. */
  identity: string;
  service: TorrentClientService;
}

const identityOf = (c: TorrentClientInstanceConfig): string =>
  JSON.stringify([c.kind, c.url, c.username, c.password, c.rpc_path ?? '', c.download_dir ?? '']);

/**
 * Every torrent client instance of the configuration, each with its own client, poller, caches and event
 * streams. Built at start and kept in step with config.json: a new entry gets an instance, a removed one
 * is closed, a changed connection forgets its session and list, a renamed one keeps running.
 */
@Injectable()
export class TorrentClientRegistry implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TorrentClientRegistry.name);
  private entries = new Map<string, Entry>();
  private unsubscribe?: () => void;
  private readonly changeListeners = new Set<() => void>();
  private readonly timing: AddConfirmTiming;

  constructor(
    private readonly http: UpstreamHttp,
    private readonly config: ConfigStore,
    private readonly containers: ServiceContainers,
    @Optional() @Inject(ADD_CONFIRM_TIMING) timing?: AddConfirmTiming,
  ) {
    this.timing = timing ?? DEFAULT_ADD_CONFIRM_TIMING;
    this.sync();
  }

  onApplicationBootstrap(): void {
    this.unsubscribe = this.config.onChange(() => this.sync());
  }

  async onModuleDestroy(): Promise<void> {
    this.unsubscribe?.();
    await Promise.all([...this.entries.values()].map((e) => e.service.close()));
  }

  /** Every instance, the seed's two first (configured or not), in config order. */
  all(): TorrentClientService[] {
    return [...this.entries.values()].map((e) => e.service);
  }

  /** The instances that are configured and enabled: what the merged list and the dashboard show. */
  active(): TorrentClientService[] {
    return [...this.entries.values()].filter((e) => e.config.active).map((e) => e.service);
  }

  /** Called after the instances changed (one added, removed, enabled, disabled or reconnected). */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** The instance of an id; 404 naming the ids there are. */
  get(id: string): TorrentClientService {
    const entry = this.entries.get(id);
    if (entry) return entry.service;
    const known = this.active().map((s) => s.id);
    throw new NotFoundException(
      `No torrent client has the id "${id}"; ` +
        (known.length ? `the configured ones are ${known.join(', ')}.` : 'none is configured.'),
    );
  }

  /** What /api/utorrent and /api/rutorrent speak for (see seedAliasOf). */
  seedAlias(kind: SeedClientKind): TorrentClientService {
    const config = seedAliasOf(
      [...this.entries.values()].map((e) => e.config),
      kind,
    );
    return this.get(config.id);
  }

  /**
   * Restarts the container that runs an instance (no client has a restart call that brings it back):
   * its `container` setting; for the seed's two also the container Applications links to them.
   */
  async restart(service: TorrentClientService): Promise<string> {
    const config = service.instance();
    const named = config.container?.trim();
    let restarted: string;
    if (config.seed && config.kind === 'utorrent')
      restarted = await this.containers.restart('utorrent', config.service);
    else if (config.seed) restarted = await this.containers.restart('rutorrent', config.service);
    else if (named) restarted = await this.containers.restartNamed(named);
    else
      throw this.containers.noContainer(config.service, 'its container (Torrent clients → Docker container)');
    service.forget();
    return restarted;
  }

  private sync(): void {
    const wanted = torrentClientInstances(this.config.get());
    const next = new Map<string, Entry>();
    for (const config of wanted) {
      const before = this.entries.get(config.id);
      const identity = identityOf(config);
      if (before && before.config.kind === config.kind) {
        before.config = config;
        if (before.identity !== identity) {
          before.identity = identity;
          before.service.forget();
        }
        next.set(config.id, before);
        continue;
      }
      if (before) void this.close(before);
      next.set(config.id, this.create(config, identity));
    }
    for (const [id, entry] of this.entries) if (!next.has(id)) void this.close(entry);
    this.entries = next;
    for (const listener of this.changeListeners) listener();
  }

  private create(config: TorrentClientInstanceConfig, identity: string): Entry {
    const entry = { config, identity } as Entry;
    const client = TORRENT_CLIENT_FACTORIES[config.kind](this.http, () => entry.config, this.timing);
    entry.service = new TorrentClientService(client, () => entry.config);
    return entry;
  }

  private async close(entry: Entry): Promise<void> {
    try {
      await entry.service.close();
    } catch (err) {
      this.logger.warn(`Closing torrent client ${entry.config.id} failed: ${(err as Error).message}`);
    }
  }
}
