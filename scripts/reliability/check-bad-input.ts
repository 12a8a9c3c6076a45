import type { Figure } from './figures';
import { fillPath, resolveSchema, type SpecRoute, specRoutes } from './spec-routes';
import type { ReliabilityWorld } from './world';

type Json = Record<string, unknown>;

/** Values no route should take as valid, for strings. */
const HOSTILE_STRINGS = [
  'x'.repeat(20000),
  '../../../../etc/passwd',
  "' OR '1'='1'; DROP TABLE audit_log; --",
  '<script>alert(1)</script>',
  '\u0000\u202e💣𝕏',
  '${jndi:ldap://127.0.0.1/a}',
];
const PATH_VALUES = [
  'all',
  '..%2F..%2Fetc%2Fpasswd',
  'x'.repeat(3000),
  '💣\u0000',
  "' OR 1=1 --",
  '-1',
  '1e999',
  '0x10',
  '%2e%2e%2f%2e%2e%2f',
  'CON',
  ' ',
  'null',
  '__proto__',
  'constructor',
];

interface Attempt {
  route: SpecRoute;
  what: string;
  /** The field the mutation touched; a 400 must name it. */
  field?: string;
  path: string;
  body?: unknown;
  rawBody?: string;
}

/** Values certainly invalid for the schema (a 400 must then name the field); null only where it is not allowed. */
function wrongTypes(schema: Json): unknown[] {
  const values = wrongTypesIgnoringNull(schema);
  return schema.nullable === true ? values.filter((value) => value !== null) : values;
}

function wrongTypesIgnoringNull(schema: Json): unknown[] {
  switch (schema.type) {
    case 'integer':
    case 'number':
      return ['twelve', 1.5, -99999999999, true, null, [1], { n: 1 }];
    case 'boolean':
      return ['yes', 1, 'true ', null, [true]];
    case 'array':
      return ['not-an-array', 42, { 0: 'x' }];
    case 'object':
      return ['not-an-object', 42, [1, 2]];
    default:
      return [12345, true, ['x'], { x: 1 }, 'x'.repeat(20000)];
  }
}

function queryValues(schema: Json): string[] {
  const base = [
    '',
    'x'.repeat(5000),
    "'; --",
    '__proto__',
    '../../etc/passwd',
    '<img src=x>',
    '\n\r',
    '💣',
    '%00',
    '[object Object]',
    '__proto__',
    '../../etc/passwd',
    '<img src=x>',
    '\n\r',
  ];
  if (schema.type === 'integer' || schema.type === 'number')
    return [...base, 'abc', '1.5', '-1', '99999999999999999999'];
  if (schema.type === 'boolean') return [...base, 'maybe', '2'];
  if (Array.isArray(schema.enum)) return [...base, 'not-a-choice'];
  if (schema.format === 'date-time') return [...base, '2026-13-45T99:99:99Z', 'yesterday'];
  return base;
}

/** A value the schema accepts: its example, or one shaped by its type, enum, format and name. */
function validValue(name: string, p: Json): unknown {
  if (p.example !== undefined) return p.example;
  if (Array.isArray(p.enum)) return p.enum[0];
  if (p.type === 'integer' || p.type === 'number') return typeof p.minimum === 'number' ? p.minimum : 1;
  if (p.type === 'boolean') return false;
  if (p.type === 'array') return [];
  if (/url|uri/i.test(name)) return 'http://127.0.0.1:9';
  if (p.format === 'password' || /password/.test(name)) return 'long-enough-password';
  if (/hash/.test(name)) return 'a'.repeat(40);
  return 'Reliability1';
}

function validBody(schema: Json | undefined): Json | undefined {
  if (!schema) return undefined;
  const props = (schema.properties ?? {}) as Record<string, Json>;
  const out: Json = {};
  for (const name of (schema.required as string[]) ?? [])
    out[name] = validValue(name, resolveSchema(props[name]) ?? {});
  return out;
}

function attempts(route: SpecRoute): Attempt[] {
  const out: Attempt[] = [];
  for (const p of route.parameters.filter((x) => x.in === 'path')) {
    for (const value of PATH_VALUES)
      out.push({
        route,
        what: `path ${p.name}`,
        path: fillPath(route, { [p.name]: decodeURIComponent(value) }),
        body: validBody(route.body),
      });
  }
  for (const p of route.parameters.filter((x) => x.in === 'query')) {
    for (const value of queryValues(p.schema)) {
      out.push({
        route,
        what: `query ${p.name}`,
        field: p.name,
        path: `${fillPath(route)}?${p.name}=${encodeURIComponent(value)}`,
        body: validBody(route.body),
      });
    }
  }
  if (route.body) {
    const props = (route.body.properties ?? {}) as Record<string, Json>;
    const valid = validBody(route.body) ?? {};
    for (const [name, raw] of Object.entries(props)) {
      for (const value of wrongTypes(resolveSchema(raw) ?? {})) {
        out.push({
          route,
          what: `body ${name}`,
          field: name,
          path: fillPath(route),
          body: { ...valid, [name]: value },
        });
      }
      // Hostile but well-typed strings: they may be valid; they must never cause a 500.
      if ((resolveSchema(raw) ?? {}).type === 'string') {
        for (const value of HOSTILE_STRINGS) {
          out.push({
            route,
            what: `hostile ${name}`,
            path: fillPath(route),
            body: { ...valid, [name]: value },
          });
        }
      }
    }
    for (const name of (route.body.required as string[]) ?? []) {
      const { [name]: _dropped, ...rest } = valid;
      out.push({ route, what: `missing ${name}`, field: name, path: fillPath(route), body: rest });
    }
    out.push({
      route,
      what: 'extra field',
      field: 'sneaky_extra',
      path: fillPath(route),
      body: { ...valid, sneaky_extra: 'x' },
    });
    out.push({ route, what: 'array body', path: fillPath(route), body: [valid] });
    out.push({ route, what: 'malformed JSON', path: fillPath(route), rawBody: '{"a": [1, 2' });
    out.push({
      route,
      what: 'huge body',
      path: fillPath(route),
      rawBody: JSON.stringify({ ...valid, blob: 'x'.repeat(3 * 1024 * 1024) }),
    });
  }
  return out;
}

/** Routes whose valid calls would end the session or restart things mid-suite are only sent invalid bodies. */
const SESSION_ENDING = new Set(['logout']);

/**
 * Thousands of invalid requests generated from the spec: wrong types, missing and extra fields, huge
 * strings, unicode, path traversal, injection strings, special hashes. None may answer 500, and every
 * 400 caused by a field must name it.
 */
export async function checkBadInput(world: ReliabilityWorld): Promise<Figure[]> {
  const routes = specRoutes().filter((r) => !r.isStream && !SESSION_ENDING.has(r.operationId));
  const all = routes.flatMap(attempts);
  let total = 0;
  let status5xx = 0;
  let unexpected5xx = 0;
  let fieldErrors = 0;
  let fieldNamed = 0;
  const problems: string[] = [];
  let n = 0;
  for (const a of all) {
    // Sign-in attempts come from many addresses so the throttle does not turn them all into 429s.
    const ip = `198.18.${Math.floor(n / 250) % 250}.${n++ % 250}`;
    const res = await world
      .request(a.route.method, a.path, a.body, { rawBody: a.rawBody, ip, timeoutMs: 15000 })
      .catch(() => undefined);
    total++;
    if (!res) {
      unexpected5xx++;
      problems.push(`${a.route.method} ${a.route.template} (${a.what}): no answer`);
      continue;
    }
    if (res.status >= 500) {
      status5xx++;
      const named = typeof res.json?.message === 'string' && res.json.statusCode === res.status;
      if (res.status === 500 || !named) {
        unexpected5xx++;
        problems.push(
          `${a.route.method} ${a.route.template} (${a.what}): ${res.status} ${res.text.slice(0, 120)}`,
        );
      }
    }
    if (res.status === 400 && a.field) {
      fieldErrors++;
      const text = `${JSON.stringify(res.json?.message ?? '')} ${JSON.stringify(res.json?.details ?? [])}`;
      if (text.includes(a.field)) fieldNamed++;
      else
        problems.push(
          `${a.route.method} ${a.route.template} (${a.what}): 400 without the field: ${text.slice(0, 120)}`,
        );
    }
  }
  if (problems.length) process.stderr.write(`bad input problems:\n  ${problems.slice(0, 20).join('\n  ')}\n`);
  return [
    { check: 'bad input', figure: 'invalid requests sent (spec-driven)', value: total, pass: total >= 1000 },
    {
      check: 'bad input',
      figure: 'answers ≥ 500 that are not a mapped upstream failure (must be 0)',
      value: unexpected5xx,
      pass: unexpected5xx === 0,
    },
    {
      check: 'bad input',
      figure: 'answers ≥ 500 in total (mapped 501/502/503/504 included)',
      value: status5xx,
      pass: true,
    },
    {
      check: 'bad input',
      figure: '400s caused by a field that name it',
      value: `${fieldNamed} / ${fieldErrors}`,
      pass: fieldNamed === fieldErrors,
    },
  ];
}
