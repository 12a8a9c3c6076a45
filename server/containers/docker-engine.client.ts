import { Injectable, NotFoundException } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { ConfigStore } from '../config/config.store';
import { UpstreamError } from '../upstream/upstream-error';
import { UpstreamHttp, type UpstreamRequest } from '../upstream/upstream-http.service';
import { DOCKER, dockerFailure } from './docker-failures';
import type { DockerContainerInspect, DockerContainerStats, DockerContainerSummary } from './docker.wire';

export type ContainerAction = 'start' | 'stop' | 'restart';

/** Docker's own stop grace period, in seconds. */
export const DEFAULT_STOP_SECONDS = 10;

export interface LogRequest {
  tail: number | 'all';
  /** Epoch seconds; lines before it are left out. */
  since?: number;
  follow?: boolean;
}

function dockerMessage(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { message?: string }).message;
  } catch {
    return undefined;
  }
}

/**
 * The panel's one client of the Docker Engine API, on its Unix socket (DOCKER_HOST=unix://…, else
 * DOCKER_SOCKET, default /var/run/docker.sock) or a socket proxy (DOCKER_HOST=tcp://…). Paths carry no
 * API version, so the engine answers in its own (1.41 on Debian's 20.10; Docker 29 refuses versions
 * below 1.44). Reads are not retried: on a local socket a failure does not pass in a quarter second.
 */
@Injectable()
export class DockerEngineClient {
  constructor(
    private readonly http: UpstreamHttp,
    private readonly config: ConfigStore,
  ) {}

  /** The socket path, or undefined when DOCKER_HOST points at a TCP socket proxy. */
  get socketPath(): string | undefined {
    const host = this.config.env.dockerHost ?? this.config.env.dockerSocket;
    return host.startsWith('http') ? undefined : host;
  }

  /** How messages name where Docker is: "socket /var/run/docker.sock" or the proxy's address. */
  get where(): string {
    return this.socketPath ? `socket ${this.socketPath}` : (this.config.env.dockerHost ?? '');
  }

  private get timeoutMs(): number {
    return this.config.env.upstreamTimeoutMs;
  }

  /** `GET /version`: the engine's version, the cheapest call that proves it answers JSON. */
  async version(): Promise<string> {
    const answer = await this.json<{ Version?: unknown }>({ path: '/version' });
    return typeof answer?.Version === 'string' ? answer.Version : 'unknown';
  }

  /** `GET /containers/json?all=1`, with Docker's label filter when given (`key=value` or `key`). */
  list(label?: string): Promise<DockerContainerSummary[]> {
    return this.json<DockerContainerSummary[]>({
      path: '/containers/json',
      query: { all: 1, filters: label ? JSON.stringify({ label: [label] }) : undefined },
    });
  }

  inspect(ref: string): Promise<DockerContainerInspect> {
    return this.json<DockerContainerInspect>({ path: `/containers/${encodeURIComponent(ref)}/json` }, ref);
  }

  /** One reading at once (`one-shot`, API 1.41); without it the engine waits a second for two. */
  stats(id: string): Promise<DockerContainerStats> {
    return this.json<DockerContainerStats>(
      { path: `/containers/${encodeURIComponent(id)}/stats`, query: { stream: 'false', 'one-shot': 'true' } },
      id,
    );
  }

  /**
   * `POST /containers/{ref}/start|stop|restart`. False when nothing changed: Docker answers 304 to
   * starting a running container or stopping a stopped one.
   */
  async act(ref: string, action: ContainerAction, seconds = DEFAULT_STOP_SECONDS): Promise<boolean> {
    const res = await this.call<undefined>(
      {
        path: `/containers/${encodeURIComponent(ref)}/${action}`,
        method: 'POST',
        query: action === 'start' ? {} : { t: seconds },
        expect: 'none',
        acceptStatus: (status) => status === 304,
        // The engine answers a stop or restart once the grace period has run out.
        timeoutMs: (action === 'start' ? 0 : seconds * 1000) + this.timeoutMs,
      },
      ref,
    );
    return res.status !== 304;
  }

  /** The log answer as it arrives (multiplexed unless the container has a TTY); `signal` ends it. */
  async logs(ref: string, req: LogRequest, signal: AbortSignal): Promise<Readable> {
    const request = this.request({
      path: `/containers/${encodeURIComponent(ref)}/logs`,
      query: {
        stdout: 1,
        stderr: 1,
        timestamps: 1,
        tail: req.tail,
        since: req.since,
        follow: req.follow ? 1 : undefined,
      },
    });
    try {
      return (await this.http.stream(request, signal)).body;
    } catch (err) {
      throw this.failure(err, ref, this.timeoutMs);
    }
  }

  private async json<T>(req: Partial<UpstreamRequest> & { path: string }, ref?: string): Promise<T> {
    return (await this.call<T>(req, ref)).data;
  }

  private async call<T>(req: Partial<UpstreamRequest> & { path: string }, ref?: string) {
    try {
      return await this.http.request<T>(this.request(req));
    } catch (err) {
      throw this.failure(err, ref, req.timeoutMs ?? this.timeoutMs);
    }
  }

  private request(req: Partial<UpstreamRequest> & { path: string }): UpstreamRequest {
    const socketPath = this.socketPath;
    return {
      service: DOCKER,
      baseUrl: socketPath ? 'http://docker' : (this.config.env.dockerHost as string),
      socketPath,
      retry: false,
      errorMessage: dockerMessage,
      ...req,
    };
  }

  private failure(err: unknown, ref: string | undefined, timeoutMs: number): unknown {
    if (ref !== undefined && err instanceof UpstreamError && err.upstreamStatus === 404) {
      return new NotFoundException(`Docker has no container named ${ref}.`);
    }
    return dockerFailure(err, this.where, this.socketPath, timeoutMs);
  }
}
