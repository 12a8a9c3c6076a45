import { Injectable, NotImplementedException } from '@nestjs/common';
import { ConfigStore } from '../config/config.store';
import { ContainersService } from './containers.service';
import { DockerEngineClient } from './docker-engine.client';
import { configuredContainers, type LinkedService } from './service-links';

/** How long a service gets to stop before Docker kills it on a restart (PMS flushes its database). */
const SERVICE_STOP_SECONDS = 30;

/**
 * Restarts the container that runs a service (Plex has no restart API, rTorrent only shuts down): the one
 * named in config.json, else the one the Applications list links to the service.
 */
@Injectable()
export class ServiceContainers {
  constructor(
    private readonly docker: DockerEngineClient,
    private readonly containers: ContainersService,
    private readonly config: ConfigStore,
  ) {}

  /** The container restarted. 501 with how to set it up when no container runs the service. */
  async restart(service: LinkedService, display: string): Promise<string> {
    const name = configuredContainers(this.config.get())[service] ?? (await this.linked(service, display));
    return this.restartNamed(name);
  }

  /**
   * The container a restart would use, or why there is none (the 501 sentence), without restarting
   * anything: pages show the restart button disabled with the reason instead of refusing it later.
   */
  async target(
    service: LinkedService,
    display: string,
  ): Promise<{ container: string | null; reason: string | null }> {
    const named = configuredContainers(this.config.get())[service];
    if (named) return { container: named, reason: null };
    try {
      return { container: await this.linked(service, display), reason: null };
    } catch (err) {
      if (err instanceof NotImplementedException) return { container: null, reason: err.message };
      throw err;
    }
  }

  /** Restarts a container by its name (a torrent client instance's `container`). */
  async restartNamed(name: string): Promise<string> {
    await this.docker.act(name, 'restart', SERVICE_STOP_SECONDS);
    this.containers.invalidate();
    return name;
  }

  /** The 501 for a service without a container, saying which setting names it. */
  noContainer(display: string, setting: string, problem = ''): NotImplementedException {
    return new NotImplementedException(
      `${display} has no restart API. To restart it from the panel, set ${setting} to its Docker container name ` +
        `and mount the Docker socket (${this.docker.socketPath ?? this.docker.where}) into the panel's container.${problem}`,
    );
  }

  private async linked(service: LinkedService, display: string): Promise<string> {
    let problem = '';
    try {
      const found = (await this.containers.list()).containers.find((c) => c.service === service);
      if (found) return found.name;
      problem = ` No container Docker shows runs ${display} by its image or name.`;
    } catch (err) {
      problem = ` Docker could not be read: ${(err as Error).message}`;
    }
    throw this.noContainer(display, `"${service}.container" in config.json`, problem);
  }
}
