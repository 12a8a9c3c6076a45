import type { ErrorObject } from 'ajv';
import type { SimRequest, SimResponse } from '../core';
import { errorsText, validatorsFor } from './seerr.ajv';
import { securityMissing, validatorError, type ValidatorErrorItem } from './seerr.errors';
import type { SpecOperation } from './seerr.openapi';
import { SEERR_BASE } from './seerr.constants';

export type QueryValue = string | number | boolean | null | string[];

/** What a request looks like after the validator: coerced parameters and the parsed body. */
export interface ValidRequest {
  query: Record<string, QueryValue>;
  params: Record<string, string | number>;
  body: Record<string, unknown>;
}

export function queryObject(query: URLSearchParams): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  for (const key of new Set(query.keys())) {
    const all = query.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

/** The request's cookies by name, values URL-decoded as cookie-parser does. */
export function cookies(req: SimRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (!(name in out)) out[name] = safeDecode(value);
  }
  return out;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function cookieNames(req: SimRequest): Set<string> {
  const header = req.headers.cookie ?? '';
  return new Set(
    header
      .split(';')
      .filter((part) => part.includes('=') && part.split('=')[1].trim() !== '')
      .map((part) => part.split('=')[0].trim()),
  );
}

function mediaType(req: SimRequest): string | undefined {
  const raw = req.headers['content-type'];
  return raw ? raw.split(';')[0].trim().toLowerCase() : undefined;
}

/**
 * express-openapi-validator after the route lookup: security presence, then the body's media type,
 * then unknown/empty query parameters, then schema checks of parameters and body (as in version 4.13.8).
 */
export function validate(
  req: SimRequest,
  template: string,
  op: SpecOperation,
  body: Record<string, unknown>,
): SimResponse | ValidRequest {
  const security = op.security ?? [{ cookieAuth: [] }, { apiKey: [] }];
  if (security.length > 0 && !req.headers['x-api-key'] && !cookieNames(req).has('connect.sid')) {
    return securityMissing(SEERR_BASE + template);
  }
  if (op.requestBody?.content) {
    const type = mediaType(req);
    if (!type || !op.requestBody.content[type]) {
      if (!type && op.requestBody.required === false) return { query: {}, params: {}, body };
      const message = type ? `unsupported media type ${type}` : 'media type not specified';
      const expressRoute = SEERR_BASE + template.replace(/\{([^}]+)\}/g, ':$1');
      return validatorError(415, message, [{ path: expressRoute, message }]);
    }
  }
  const query = queryObject(req.query);
  const known = new Set((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
  for (const [name, value] of Object.entries(query)) {
    const message = !known.has(name)
      ? `Unknown query parameter '${name}'`
      : value === ''
        ? `Empty value found for query parameter '${name}'`
        : undefined;
    if (message) return validatorError(400, message, [{ path: `/query/${name}`, message }]);
  }
  const params: Record<string, string | number> = { ...req.params };
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, v]));
  const validators = validatorsFor(`${req.method} ${template}`, op);
  const general = { query, headers, params };
  const okGeneral = validators.general(general);
  const okBody = validators.body({ query: {}, headers: {}, params: {}, cookies: {}, body });
  if (okGeneral && okBody) return { query, params, body };
  const errors = [...(validators.general.errors ?? []), ...(validators.body.errors ?? [])];
  return validatorError(400, errorsText(augment(errors)), errors.map(toItem));
}

/** Enum messages list the allowed values (express-openapi-validator's augmentAjvErrors). */
function augment(errors: ErrorObject[]): ErrorObject[] {
  for (const e of errors) {
    const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
    if (e.keyword === 'enum' && allowed) e.message = `${e.message}: ${allowed.join(', ')}`;
  }
  return errors;
}

function toItem(e: ErrorObject): ValidatorErrorItem {
  const missing = (e.params as { missingProperty?: string }).missingProperty;
  const extra = (e.params as { additionalProperty?: string }).additionalProperty;
  const path = missing
    ? `${e.instancePath}/${missing}`
    : extra
      ? `${e.instancePath}/${extra}`
      : e.instancePath || e.schemaPath;
  return { path, message: e.message ?? '', errorCode: `${e.keyword}.openapi.validation` };
}

/** express.json() runs before the validator: a malformed JSON body is a 400 on any path. */
export function parseBody(req: SimRequest): { body: Record<string, unknown> } | { error: SimResponse } {
  const type = mediaType(req);
  if (type !== 'application/json' || req.body.length === 0) return { body: {} };
  const text = req.body.toString('utf8');
  const first = /^[ \t\n\r]*([^ \t\n\r])/.exec(text)?.[1];
  try {
    if (first !== '{' && first !== '[') return { error: strictViolation(text, first) };
    return { body: JSON.parse(text) as Record<string, unknown> };
  } catch (err) {
    return { error: { status: 400, ...jsonMessage((err as Error).message) } };
  }
}

/** body-parser's strict mode: re-parse with '#' placeholders to get V8's message, then restore the text. */
function strictViolation(text: string, first: string | undefined): SimResponse {
  const index = first === undefined ? -1 : text.indexOf(first);
  const partial = index === -1 ? '' : text.slice(0, index) + '#'.repeat(text.length - index);
  try {
    JSON.parse(partial);
    return { status: 400, ...jsonMessage('strict violation') };
  } catch (err) {
    const message = (err as Error).message.replace(/#+/g, (hashes) =>
      text.substring(index, index + hashes.length),
    );
    return { status: 400, ...jsonMessage(message) };
  }
}

function jsonMessage(message: string): Pick<SimResponse, 'headers' | 'body'> {
  return {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ message }),
  };
}

export function isResponse(value: unknown): value is SimResponse {
  return typeof value === 'object' && value !== null && typeof (value as SimResponse).status === 'number';
}
