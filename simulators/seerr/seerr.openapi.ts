import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';

/** The subset of OpenAPI 3.0 the Seerr spec uses, as far as the request validator reads it. */
export interface SpecSchema {
  [keyword: string]: unknown;
}
export interface SpecParameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required?: boolean;
  schema?: SpecSchema;
}
export interface SpecOperation {
  parameters?: SpecParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: SpecSchema }> };
  security?: Record<string, string[]>[];
}
export interface SpecDocument {
  paths: Record<string, Record<string, SpecOperation>>;
  components: { schemas: Record<string, SpecSchema> };
  security?: Record<string, string[]>[];
}

/** One documented path: its template as in the spec and as a simulator route pattern. */
export interface SpecRoute {
  template: string;
  pattern: string;
  operations: Map<string, SpecOperation>;
}

/**
 * Seerr's own OpenAPI file (seerr-team/seerr `seerr-api.yml`, reformatted by Prettier only). Next to this
 * module when run from source; from the repository root when compiled to dist/ (tsc does not copy it).
 */
export const SPEC_FILE =
  [join(__dirname, 'seerr-api.yml'), join(process.cwd(), 'simulators/seerr/seerr-api.yml')].find((file) =>
    existsSync(file),
  ) ?? join(__dirname, 'seerr-api.yml');
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

let cached: { doc: SpecDocument; routes: SpecRoute[] } | undefined;

/** Parsed once per process: the spec is ~200 kB of YAML and many simulators may run in one test run. */
export function seerrSpec(): { doc: SpecDocument; routes: SpecRoute[] } {
  if (!cached) {
    const doc = load(readFileSync(SPEC_FILE, 'utf8')) as SpecDocument;
    cached = { doc, routes: buildRoutes(doc) };
  }
  return cached;
}

function buildRoutes(doc: SpecDocument): SpecRoute[] {
  const routes = Object.entries(doc.paths).map(([template, item]) => ({
    template,
    pattern: template.replace(/\{([^}]+)\}/g, ':$1'),
    operations: new Map(
      Object.entries(item)
        .filter(([method]) => HTTP_METHODS.includes(method.toUpperCase()))
        .map(([method, op]) => [method.toUpperCase(), op]),
    ),
  }));
  return routes.sort((a, b) => (sortKey(a.pattern) > sortKey(b.pattern) ? 1 : -1));
}

/**
 * express-openapi-validator's route order: parameters sort after literals (`/:` becomes `/~`), so
 * `/request/count` is looked up before `/request/{requestId}`; the first path that matches decides.
 */
function sortKey(pattern: string): string {
  return pattern.replace(/\/:/g, '/~');
}
