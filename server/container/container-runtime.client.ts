import { Injectable, NotImplementedException } from '@nestjs/common';
import { ConfigStore } from '../config/config.store';
import { UpstreamError } from '../upstream/upstream-error';
import { UpstreamHttp } from '../upstream/upstream-http.service';

/**
 * Restarts a service's container through the Docker Engine API on its Unix socket. Plex has no
 * restart API and rTorrent only shuts down, so a restart needs the runtime that supervises them.
 */
@Injectable()
export class ContainerRuntimeClient {
  constructor(
    private readonly http: UpstreamHttp,
    private readonly config: ConfigStore,
  ) {}

  get socketPath(): string {
    return this.config.env.dockerSocket;
  }

  /**
   * `POST /containers/{name}/restart`. Throws 501 with how to enable it when no container is named,
   * and an UpstreamError naming Docker when the socket is missing or the container unknown.
   */
  async restart(
    service: string,
    container: string | undefined,
    configKey: string,
    timeoutSeconds = 30,
  ): Promise<void> {
    if (!container) {
      throw new NotImplementedException(
        `${service} has no restart API. To restart it from the panel, set "${configKey}" in config.json to its Docker ` +
          `container name and mount the Docker socket (${this.socketPath}) into the panel's container.`,
      );
    }
    try {
      await this.http.request({
        service: `Docker (container ${container})`,
        baseUrl: 'http://docker',
        path: `/containers/${encodeURIComponent(container)}/restart`,
        query: { t: timeoutSeconds },
        method: 'POST',
        socketPath: this.socketPath,
        expect: 'none',
        timeoutMs: (timeoutSeconds + 15) * 1000,
        errorMessage: (body) => {
          try {
            return (JSON.parse(body) as { message?: string }).message;
          } catch {
            return undefined;
          }
        },
      });
    } catch (err) {
      if (err instanceof UpstreamError && err.kind === 'refused') {
        throw new UpstreamError(
          err.service,
          'refused',
          `The Docker socket ${this.socketPath} is not reachable; mount it into the panel's container to restart ${service}.`,
        );
      }
      throw err;
    }
  }
}
