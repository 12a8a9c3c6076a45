import { Injectable, Logger, type MessageEvent } from '@nestjs/common';
import { HttpException } from '@nestjs/common';
import { Observable } from 'rxjs';
import { ConfigStore } from '../config/config.store';
import { UpstreamError } from '../upstream/upstream-error';
import type { ContainerLogBatchDto, ContainerLogsDto } from './containers.dto';
import { ContainersService } from './containers.service';
import { DOCKER } from './docker-failures';
import { DockerEngineClient, type LogRequest } from './docker-engine.client';
import { LogDemuxer, type LogLine, logText, searchLines } from './docker-logs';

export const DEFAULT_TAIL = 200;

/** A followed log's failure after it opened: the stream ends after this event. */
export interface LogFailureEvent {
  statusCode: number;
  message: string;
}

/** A container's log: a tail to read or download, with a search, and a followed stream. */
@Injectable()
export class ContainerLogsService {
  private readonly logger = new Logger(ContainerLogsService.name);

  constructor(
    private readonly docker: DockerEngineClient,
    private readonly containers: ContainersService,
    private readonly config: ConfigStore,
  ) {}

  async tail(name: string, tail = DEFAULT_TAIL, search?: string, since?: string): Promise<ContainerLogsDto> {
    const lines = await this.read(name, { tail, since: since ? Date.parse(since) / 1000 : undefined });
    return { name, lines: searchLines(lines, search), truncated: lines.length >= tail };
  }

  /** The log as `docker logs -t` prints it (stderr lines marked), for a file download. */
  async download(name: string, tail?: number): Promise<string> {
    return logText(await this.read(name, { tail: tail ?? 'all' }));
  }

  /**
   * The log as it grows: a `lines` event per chunk Docker sends, the last `tail` lines first. Unsubscribing
   * (the browser left, or its session ended) aborts the Docker request, so no follow outlives its reader.
   * Called before the stream opens, so an unknown or hidden container is a 404, not an event.
   */
  async follow(name: string, tail = 0): Promise<Observable<MessageEvent>> {
    await this.containers.shown(name);
    const tty = (await this.docker.inspect(name)).Config?.Tty === true;
    return new Observable<MessageEvent>((subscriber) => {
      // Opened on subscription, so a stream nobody reads (the client left during the checks) opens nothing.
      const abort = new AbortController();
      const demux = new LogDemuxer(tty);
      const emit = (lines: LogLine[]) => {
        if (lines.length) subscriber.next({ type: 'lines', data: { lines } satisfies ContainerLogBatchDto });
      };
      const broke = (err: Error) => {
        if (abort.signal.aborted) return;
        this.logger.debug(`The followed log of ${name} broke off: ${err.message}`);
        subscriber.next({ type: 'failure', data: this.failure(err) });
        subscriber.complete();
      };
      this.docker.logs(name, { tail, follow: true }, abort.signal).then((body) => {
        if (abort.signal.aborted) return void body.destroy();
        abort.signal.addEventListener('abort', () => body.destroy(), { once: true });
        body.on('data', (chunk: Buffer) => emit(demux.push(chunk)));
        body.on('end', () => {
          emit(demux.end());
          subscriber.complete();
        });
        body.on('error', broke);
      }, broke);
      return () => abort.abort();
    });
  }

  private failure(err: Error): LogFailureEvent {
    if (err instanceof HttpException) return { statusCode: err.getStatus(), message: err.message };
    return {
      statusCode: 502,
      message: `Docker closed the log of the container before it ended (${err.message}).`,
    };
  }

  /** The whole answer, demultiplexed, under the panel's cap on upstream answers. */
  private async read(name: string, req: LogRequest): Promise<LogLine[]> {
    await this.containers.shown(name);
    const tty = (await this.docker.inspect(name)).Config?.Tty === true;
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.config.env.upstreamTimeoutMs);
    const capBytes = this.config.env.upstreamMaxBodyMb * 2 ** 20;
    const demux = new LogDemuxer(tty);
    const lines: LogLine[] = [];
    let bytes = 0;
    try {
      const body = await this.docker.logs(name, req, abort.signal);
      for await (const chunk of body as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        if (bytes > capBytes) {
          body.destroy();
          throw new UpstreamError(
            DOCKER,
            'too-large',
            `Docker sent a log larger than ${this.config.env.upstreamMaxBodyMb} MiB; ask for fewer lines (tail).`,
          );
        }
        lines.push(...demux.push(chunk));
      }
    } catch (err) {
      if (abort.signal.aborted) {
        throw new UpstreamError(
          DOCKER,
          'timeout',
          `Docker (${this.docker.where}) did not send the log of ${name} within ${this.config.env.upstreamTimeoutMs / 1000} s.`,
        );
      }
      throw err;
    } finally {
      clearTimeout(timer);
    }
    return [...lines, ...demux.end()];
  }
}
