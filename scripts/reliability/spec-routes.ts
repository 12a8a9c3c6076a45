import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SpecParameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: Record<string, unknown>;
}

export interface SpecRoute {
  method: string;
  /** Path template with `{name}` parameters. */
  template: string;
  operationId: string;
  tags: string[];
  isPublic: boolean;
  parameters: SpecParameter[];
  /** Resolved JSON schema of the request body, if any. */
  body?: Record<string, unknown>;
  /** Server-sent events: never awaited to the end. */
  isStream: boolean;
}

type Json = Record<string, unknown>;

const spec = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi', 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
};

/** Follows `$ref` and `allOf` so generators see the real schema. */
export function resolveSchema(schema: Json | undefined): Json | undefined {
  if (!schema) return undefined;
  if (typeof schema.$ref === 'string')
    return resolveSchema(spec.components.schemas[schema.$ref.split('/').pop() as string]);
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1) return resolveSchema(schema.allOf[0] as Json);
  return schema;
}

/** Every operation of the committed OpenAPI spec. */
export function specRoutes(): SpecRoute[] {
  return Object.entries(spec.paths).flatMap(([template, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const content = (op.requestBody as { content?: Record<string, { schema?: Json }> } | undefined)
        ?.content;
      const responses = op.responses as Record<string, { content?: Record<string, unknown> }>;
      return {
        method: method.toUpperCase(),
        template,
        operationId: op.operationId as string,
        tags: (op.tags as string[]) ?? [],
        isPublic: Array.isArray(op.security) && op.security.length === 0,
        parameters: ((op.parameters as SpecParameter[]) ?? []).map((p) => ({
          ...p,
          schema: resolveSchema(p.schema) ?? {},
        })),
        body: resolveSchema(content?.['application/json']?.schema),
        isStream: Object.values(responses).some((r) => r.content && 'text/event-stream' in r.content),
      };
    }),
  );
}

/** Valid values for required query parameters (e.g. the plex.tv token of server discovery). */
export function requiredQuery(route: SpecRoute, values: Record<string, string> = {}): string {
  const required = route.parameters.filter((p) => p.in === 'query' && p.required);
  if (!required.length) return '';
  return `?${required.map((p) => `${p.name}=${encodeURIComponent(values[p.name] ?? 'example')}`).join('&')}`;
}

/** A concrete path with each parameter replaced by `values[name]` (or a harmless default). */
export function fillPath(route: SpecRoute, values: Record<string, string> = {}): string {
  return route.template.replace(/\{([^}]+)\}/g, (_m, name: string) =>
    encodeURIComponent(values[name] ?? defaultPathValue(route, name)),
  );
}

function defaultPathValue(route: SpecRoute, name: string): string {
  const schema = route.parameters.find((p) => p.name === name)?.schema ?? {};
  if (schema.type === 'integer' || schema.type === 'number') return '1';
  if (name === 'hash') return 'a'.repeat(40);
  return 'example';
}
