import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { ConfigStore } from '../config/config.store';
import { ConcurrencyLimit } from '../upstream/concurrency-limit';
import { NamedCache } from '../upstream/named-cache';
import { containerFilter, filterText } from './container-filter';
import type { CpuSample } from './container-stats';
import { containerName, containerView } from './container-view';
import type {
  ContainerActionResultDto,
  ContainerDto,
  ContainerFilterDto,
  ContainerListDto,
} from './containers.dto';
import { type ContainerAction, DockerEngineClient } from './docker-engine.client';
import type { DockerContainerStats } from './docker.wire';
import { configuredContainers, linkServices } from './service-links';

const LIST_TTL_MS = 3000;
/** Inspects and stats in flight at once: each stats read costs the engine a cgroup walk. */
const READS_AT_ONCE = 4;

/**
 * The stack's containers for the Applications page, and their start, stop and restart. One Docker read
 * (list, inspect, stats) per refresh serves every viewer; only the containers the filter shows can be
 * acted on, so the panel never becomes a remote for every container on the host.
 */
@Injectable()
export class ContainersService {
  private readonly logger = new Logger(ContainersService.name);
  private readonly lists = new NamedCache<ContainerListDto>(
    'docker-containers',
    LIST_TTL_MS,
    4,
    'a refresh costs Docker a list, an inspect per container and a stats read per running one; every open ' +
      'Applications page and service card reads it',
  );
  /** Each container's last CPU reading, to compute CPU % over the time between refreshes (see cpuPercent). */
  private readonly samples = new Map<string, CpuSample>();

  constructor(
    private readonly docker: DockerEngineClient,
    private readonly config: ConfigStore,
  ) {}

  filter(): ContainerFilterDto {
    return containerFilter(this.config.get());
  }

  list(): Promise<ContainerListDto> {
    const filter = this.filter();
    return this.lists.get(JSON.stringify(filter), () => this.read(filter));
  }

  /** The shown container of this name; 404 when Docker has none, or the filter leaves it out. */
  async shown(name: string): Promise<ContainerDto> {
    const list = await this.list();
    const container = list.containers.find((c) => c.name === name);
    if (container) return container;
    throw new NotFoundException(
      list.filter.mode === 'all'
        ? `Docker has no container named ${name}.`
        : `Docker has no container named ${name} among those the panel shows (${filterText(list.filter)}).`,
    );
  }

  async act(name: string, action: ContainerAction, seconds?: number): Promise<ContainerActionResultDto> {
    const container = await this.shown(name);
    const changed = await this.docker.act(name, action, seconds);
    this.lists.invalidate();
    const after = await this.docker.inspect(name);
    this.logger.log(
      `${action} ${name}: ${changed ? 'done' : 'nothing to do'}, now ${after.State?.Status ?? '?'}`,
    );
    return {
      name,
      action,
      state: after.State?.Status ?? container.state,
      changed,
      service: container.service,
    };
  }

  /** Forgets the cached list (after an action elsewhere, a filter change). */
  invalidate(): void {
    this.lists.invalidate();
  }

  private async read(filter: ContainerFilterDto): Promise<ContainerListDto> {
    const summaries = await this.docker.list(filter.mode === 'label' ? filter.label : undefined);
    const wanted =
      filter.mode === 'named' ? summaries.filter((s) => filter.names.includes(containerName(s))) : summaries;
    const limit = new ConcurrencyLimit(READS_AT_ONCE);
    const readings = await Promise.all(
      wanted.map((summary) =>
        limit.run(async () => {
          // Gone between the list and now: left out, as the next list would.
          const inspect = await this.docker.inspect(summary.Id).catch((err: unknown) => {
            if (err instanceof NotFoundException) return undefined;
            throw err;
          });
          if (!inspect) return undefined;
          const stats = inspect.State?.Status === 'running' ? await this.stats(summary.Id) : undefined;
          return { summary, inspect, stats, previous: this.samples.get(summary.Id) };
        }),
      ),
    );
    const now = Date.now();
    const present = readings.filter((r) => r !== undefined);
    const links = linkServices(
      configuredContainers(this.config.get()),
      present.map((r) => ({ name: containerName(r.summary), image: r.summary.Image ?? '' })),
    );
    const containers = present.map((reading) => {
      const { dto, sample } = containerView(reading, links.get(containerName(reading.summary)) ?? null, now);
      if (sample) this.samples.set(reading.summary.Id, sample);
      else this.samples.delete(reading.summary.Id);
      return dto;
    });
    for (const id of [...this.samples.keys()])
      if (!present.some((r) => r.summary.Id === id)) this.samples.delete(id);
    containers.sort((a, b) => a.name.localeCompare(b.name));
    return { containers, read_at: new Date(now).toISOString(), filter };
  }

  /** A container's stats; a failed read leaves its figures null (documented) instead of failing the list. */
  private async stats(id: string): Promise<DockerContainerStats | undefined> {
    try {
      return await this.docker.stats(id);
    } catch (err) {
      this.logger.debug(`No stats for ${id.slice(0, 12)}: ${(err as Error).message}`);
      return undefined;
    }
  }
}
