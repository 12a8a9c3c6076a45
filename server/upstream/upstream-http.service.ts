import { HttpService } from '@nestjs/axios';
import { Injectable, Logger, Optional } from '@nestjs/common';
import { ConfigStore } from '../config/config.store';
import type { AxiosRequestConfig, AxiosResponse } from 'axios';
import type { Readable } from 'node:stream';
import { BodyBudget } from './body-budget';
import { sizeText } from '../common/size-text';
import { CappedBody } from './capped-body';
import { isRedirect, nextHop } from './same-origin-redirect';
import { parseAnswer, statusFailure } from './upstream-answer';
import { transportFailure, UpstreamError } from './upstream-error';
import { encodeBody, flatHeaders, type Hop, requestUrl, where } from './upstream-wire';

/** `auto`: JSON when the answer says it is JSON, XML otherwise (plex.tv and PMS pick by Accept, loosely). */
export type UpstreamFormat = 'json' | 'xml' | 'auto' | 'text' | 'none';

export interface UpstreamRequest {
  /** Display name used in every message, e.g. "Seerr", "Plex (Main Plex)". */
  service: string;
  baseUrl: string;
  path: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  /**
   * A JSON body; a string (XML-RPC, a form) or a Buffer (multipart, with its Content-Type in `headers`)
   * is sent as it is.
   */
  body?: unknown;
  expect?: UpstreamFormat;
  timeoutMs?: number;
  auth?: { username: string; password: string };
  /** A Unix socket to connect through instead of the URL's host (the Docker Engine API). */
  socketPath?: string;
  /** Retry transient failures; defaults to true for GET only (writes are never retried blindly). */
  retry?: boolean;
  /** Statuses the caller handles itself instead of getting an UpstreamError (e.g. Seerr's 409). */
  acceptStatus?: (status: number) => boolean;
  /** Extracts the upstream's own error sentence from an error body. */
  errorMessage?: (body: string) => string | undefined;
  /** The largest answer to read, in bytes; UPSTREAM_MAX_BODY_MB by default. */
  maxBodyBytes?: number;
}

/** An answer whose body the caller reads as it arrives (Docker's followed logs). */
export interface UpstreamStream {
  status: number;
  headers: Record<string, string>;
  body: Readable;
}

export interface UpstreamResponse<T> {
  status: number;
  headers: Record<string, string>;
  data: T;
}

/** Without a ConfigStore (a client built on its own) the schema's defaults apply. */
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BODY_MB = 64;
const RETRY_DELAYS_MS = [250, 750];
const TRANSIENT_STATUS = new Set([429, 502, 503, 504]);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The one transport policy for every upstream: timeout, retries of idempotent reads with backoff, a
 * size cap on every answer, redirects followed only to the same origin, parsing, a debug log line
 * without secrets, and failures turned into sentences naming the service.
 */
@Injectable()
export class UpstreamHttp {
  private readonly logger = new Logger(UpstreamHttp.name);

  private readonly budget: BodyBudget;

  constructor(
    private readonly http: HttpService,
    @Optional() private readonly config?: ConfigStore,
    /** Tests pass a small one; the panel's is a share of its heap. */
    @Optional() budget?: BodyBudget,
  ) {
    this.budget = budget ?? new BodyBudget();
  }

  /** UPSTREAM_TIMEOUT_MS of the panel's environment (tests start panels with their own). */
  private get defaultTimeoutMs(): number {
    return this.config?.env.upstreamTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** UPSTREAM_MAX_BODY_MB of the panel's environment. */
  private get defaultMaxBodyBytes(): number {
    return (this.config?.env.upstreamMaxBodyMb ?? DEFAULT_MAX_BODY_MB) * 2 ** 20;
  }

  async request<T>(req: UpstreamRequest): Promise<UpstreamResponse<T>> {
    const method = req.method ?? 'GET';
    const retry = req.retry ?? method === 'GET';
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once<T>(req, method);
      } catch (err) {
        const transient =
          err instanceof UpstreamError &&
          (err.kind === 'refused' ||
            err.kind === 'reset' ||
            err.kind === 'dns' ||
            TRANSIENT_STATUS.has(err.upstreamStatus ?? 0));
        if (!retry || !transient || attempt >= RETRY_DELAYS_MS.length) throw err;
        await sleep(RETRY_DELAYS_MS[attempt] * (0.8 + Math.random() * 0.4));
      }
    }
  }

  /**
   * Opens an answer that stays open (a followed log): the timeout covers only the wait for its headers,
   * `signal` ends it (the caller aborts when its own client leaves), and the body is the caller's to
   * read. An error status is read (capped) and thrown as usual; redirects are not followed.
   */
  async stream(req: UpstreamRequest, signal: AbortSignal): Promise<UpstreamStream> {
    const method = req.method ?? 'GET';
    const timeoutMs = req.timeoutMs ?? this.defaultTimeoutMs;
    const started = Date.now();
    const hop: Hop = { url: requestUrl(req), method, data: encodeBody(req.body) };
    const exchange = new AbortController();
    const end = () => exchange.abort();
    signal.addEventListener('abort', end, { once: true });
    const timer = setTimeout(end, timeoutMs);
    try {
      // No socket inactivity timeout: a followed log may be quiet for hours.
      const res = await this.send(req, hop, timeoutMs, exchange.signal, started, false);
      const headers = flatHeaders(res.headers);
      if (res.status < 200 || res.status >= 300) {
        const body = new CappedBody(req.service, this.budget, this.defaultMaxBodyBytes);
        try {
          throw statusFailure(
            req,
            res.status,
            await this.read(req, hop, res, headers, body, timeoutMs, started),
          );
        } finally {
          body.release();
        }
      }
      res.data.once('close', () => signal.removeEventListener('abort', end));
      return { status: res.status, headers, body: res.data };
    } catch (err) {
      signal.removeEventListener('abort', end);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  private async once<T>(req: UpstreamRequest, method: string): Promise<UpstreamResponse<T>> {
    const timeoutMs = req.timeoutMs ?? this.defaultTimeoutMs;
    const body = new CappedBody(req.service, this.budget, req.maxBodyBytes ?? this.defaultMaxBodyBytes);
    // One deadline for the whole exchange: the inactivity timeout misses a slow drip of bytes and
    // does not cover the body of a streamed answer.
    const signal = AbortSignal.timeout(timeoutMs + 50);
    const started = Date.now();
    let hop: Hop = { url: requestUrl(req), method, data: encodeBody(req.body) };
    try {
      for (let hops = 0; ; hops++) {
        const res = await this.send(req, hop, timeoutMs, signal, started);
        const headers = flatHeaders(res.headers);
        if (isRedirect(res.status, headers.location)) {
          res.data.destroy();
          const next = nextHop(req.service, hop.url, hop.method, res.status, headers.location, hops);
          hop = { url: next.url, method: next.method, data: next.keepBody ? hop.data : undefined };
          continue;
        }
        const text = await this.read(req, hop, res, headers, body, timeoutMs, started);
        const ok = (res.status >= 200 && res.status < 300) || req.acceptStatus?.(res.status) === true;
        if (!ok) throw statusFailure(req, res.status, text);
        // Awaited here so the body's share of the budget is given back only once it is parsed.
        const data = await parseAnswer<T>(req, text, headers['content-type'] ?? '');
        return { status: res.status, headers, data };
      }
    } finally {
      body.release();
    }
  }

  private async send(
    req: UpstreamRequest,
    hop: Hop,
    timeoutMs: number,
    signal: AbortSignal,
    started: number,
    idleTimeout = true,
  ): Promise<AxiosResponse<Readable>> {
    const config: AxiosRequestConfig<unknown> = {
      method: hop.method,
      url: hop.url.toString(),
      headers: {
        ...(hop.data !== undefined && typeof req.body !== 'string' && !Buffer.isBuffer(req.body)
          ? { 'Content-Type': 'application/json' }
          : {}),
        ...req.headers,
      },
      data: hop.data,
      auth: req.auth,
      timeout: idleTimeout ? timeoutMs : 0,
      signal,
      // A stream, read through CappedBody: axios would buffer a text answer of any size.
      responseType: 'stream',
      validateStatus: () => true,
      // Redirects are followed by `once`, and only to the same origin (see nextHop).
      maxRedirects: 0,
      socketPath: req.socketPath,
    };
    try {
      // The axios instance itself: the Observable wrapper adds a cancel token per request, and `signal`
      // already ends every exchange.
      return await this.http.axiosRef.request<Readable>(config);
    } catch (err) {
      throw this.transportFailure(req, hop, err, timeoutMs, started);
    }
  }

  private async read(
    req: UpstreamRequest,
    hop: Hop,
    res: AxiosResponse<Readable>,
    headers: Record<string, string>,
    body: CappedBody,
    timeoutMs: number,
    started: number,
  ): Promise<string> {
    const line = `${hop.method} ${req.service} ${hop.url.pathname} ${res.status}`;
    try {
      const bytes = await body.read(res.data, headers['content-length']);
      this.logger.debug(`${line} ${Date.now() - started}ms`);
      return bytes.toString('utf8').replace(/^\uFEFF/, '');
    } catch (err) {
      res.data.destroy();
      if (!(err instanceof UpstreamError)) throw this.transportFailure(req, hop, err, timeoutMs, started);
      this.logger.debug(`${line} stopped reading after ${sizeText(body.held())}`);
      throw err;
    }
  }

  private transportFailure(
    req: UpstreamRequest,
    hop: Hop,
    err: unknown,
    timeoutMs: number,
    started: number,
  ): UpstreamError {
    const code = (err as { code?: string }).code;
    this.logger.debug(
      `${hop.method} ${req.service} ${hop.url.pathname} failed after ${Date.now() - started}ms: ${code ?? 'error'}`,
    );
    return transportFailure(req.service, where(req.baseUrl), code, timeoutMs);
  }
}
