import { HttpService } from '@nestjs/axios';
import { Injectable, Logger, Optional } from '@nestjs/common';
import { ConfigStore } from '../config/config.store';
import type { AxiosRequestConfig, AxiosResponse } from 'axios';
import { firstValueFrom } from 'rxjs';
import { transportFailure, UpstreamError } from './upstream-error';
import { parseXml } from './xml';

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
  /** A JSON body, or a string sent as is (XML-RPC). */
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
}

export interface UpstreamResponse<T> {
  status: number;
  headers: Record<string, string>;
  data: T;
}

/** Without a ConfigStore (a client built on its own) the schema's default applies. */
export const DEFAULT_TIMEOUT_MS = 10_000;
const RETRY_DELAYS_MS = [250, 750];
const TRANSIENT_STATUS = new Set([429, 502, 503, 504]);

function where(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return 'its configured address';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The one transport policy for every upstream: timeout, retries of idempotent reads with backoff,
 * parsing, a debug log line without secrets, and failures turned into sentences naming the service.
 */
@Injectable()
export class UpstreamHttp {
  private readonly logger = new Logger(UpstreamHttp.name);

  constructor(
    private readonly http: HttpService,
    @Optional() private readonly config?: ConfigStore,
  ) {}

  /** UPSTREAM_TIMEOUT_MS of the panel's environment (tests start panels with their own). */
  private get defaultTimeoutMs(): number {
    return this.config?.env.upstreamTimeoutMs ?? DEFAULT_TIMEOUT_MS;
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

  private async once<T>(req: UpstreamRequest, method: string): Promise<UpstreamResponse<T>> {
    const timeoutMs = req.timeoutMs ?? this.defaultTimeoutMs;
    const url = new URL(
      req.path.replace(/^\//, ''),
      req.baseUrl.endsWith('/') ? req.baseUrl : `${req.baseUrl}/`,
    );
    for (const [key, value] of Object.entries(req.query ?? {}))
      if (value !== undefined) url.searchParams.set(key, String(value));
    const isRaw = typeof req.body === 'string';
    const config: AxiosRequestConfig<unknown> = {
      method,
      url: url.toString(),
      headers: {
        ...(req.body !== undefined && !isRaw ? { 'Content-Type': 'application/json' } : {}),
        ...req.headers,
      },
      data: req.body === undefined ? undefined : isRaw ? req.body : JSON.stringify(req.body),
      auth: req.auth,
      timeout: timeoutMs,
      // The inactivity timeout above misses a slow drip of bytes; this bounds the whole exchange.
      signal: AbortSignal.timeout(timeoutMs + 50),
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 3,
      socketPath: req.socketPath,
    };
    const started = Date.now();
    let res: AxiosResponse<string>;
    try {
      res = await firstValueFrom(this.http.request<string>(config));
    } catch (err) {
      const code = (err as { code?: string }).code;
      this.logger.debug(
        `${method} ${req.service} ${url.pathname} failed after ${Date.now() - started}ms: ${code ?? 'error'}`,
      );
      throw transportFailure(req.service, where(req.baseUrl), code, timeoutMs);
    }
    this.logger.debug(`${method} ${req.service} ${url.pathname} ${res.status} ${Date.now() - started}ms`);
    const headers = Object.fromEntries(
      Object.entries(res.headers).map(([k, v]) => [
        k.toLowerCase(),
        Array.isArray(v) ? v.join(', ') : String(v),
      ]),
    );
    const body = typeof res.data === 'string' ? res.data : '';
    const ok = (res.status >= 200 && res.status < 300) || req.acceptStatus?.(res.status) === true;
    if (!ok) throw this.statusFailure(req, res.status, body);
    return {
      status: res.status,
      headers,
      data: await this.parse<T>(req, body, headers['content-type'] ?? ''),
    };
  }

  private statusFailure(req: UpstreamRequest, status: number, body: string): UpstreamError {
    const upstreamMessage = req.errorMessage?.(body);
    if (status === 401 || status === 403) {
      return new UpstreamError(
        req.service,
        'unauthorized',
        `${req.service} refused the panel's credentials (HTTP ${status}); check the token or key in the settings.`,
        status,
        upstreamMessage,
      );
    }
    const detail = upstreamMessage ? `: ${upstreamMessage}` : '.';
    return new UpstreamError(
      req.service,
      'status',
      `${req.service} answered HTTP ${status}${detail}`,
      status,
      upstreamMessage,
    );
  }

  private async parse<T>(req: UpstreamRequest, body: string, contentType: string): Promise<T> {
    const wanted = req.expect ?? 'json';
    const expect = wanted === 'auto' ? (/json/i.test(contentType) ? 'json' : 'xml') : wanted;
    if (expect === 'none') return undefined as T;
    if (expect === 'text') return body as T;
    const invalid = (what: string) =>
      new UpstreamError(
        req.service,
        'invalid-response',
        `${req.service} answered with something that is not valid ${what}.`,
      );
    if (expect === 'json') {
      if (/html/i.test(contentType)) throw invalid('JSON (an HTML page; is the URL right?)');
      try {
        return JSON.parse(body) as T;
      } catch {
        throw invalid('JSON');
      }
    }
    if (/html/i.test(contentType)) throw invalid('XML (an HTML page; is the URL right?)');
    try {
      return await parseXml<T>(body);
    } catch {
      throw invalid('XML');
    }
  }
}
