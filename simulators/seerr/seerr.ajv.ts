import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { seerrSpec, type SpecOperation, type SpecSchema } from './seerr.openapi';

/**
 * Ajv set up as express-openapi-validator 4.13 does for requests: all errors, parameters coerced
 * from strings, bodies not coerced, `readOnly` properties rejected in bodies (and not required).
 */
function createAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: coerce, useDefaults: coerce });
  addFormats(ajv);
  ajv.removeKeyword('readOnly');
  ajv.addKeyword({
    keyword: 'readOnly',
    errors: true,
    validate: function readOnly(
      schema: unknown,
      data: unknown,
      _parent: unknown,
      cxt?: { instancePath: string; parentDataProperty: string | number },
    ): boolean {
      if (schema !== true || data === null || data === undefined) return true;
      (readOnly as { errors?: Partial<ErrorObject>[] }).errors = [
        {
          keyword: 'readOnly',
          instancePath: cxt?.instancePath ?? '',
          params: { readOnly: cxt?.parentDataProperty },
          message: 'is read-only',
        },
      ];
      return false;
    },
  });
  return ajv;
}

interface Validators {
  general: ValidateFunction;
  body: ValidateFunction;
}

let ajvs: { general: Ajv; body: Ajv; components: { schemas: Record<string, SpecSchema> } } | undefined;
const compiled = new Map<string, Validators>();

function shared() {
  ajvs ??= {
    general: createAjv(true),
    body: createAjv(false),
    components: { schemas: withoutReadOnlyRequired(seerrSpec().doc.components.schemas) },
  };
  return ajvs;
}

/** Compiled on first use per operation and kept for the process (compiling all ~200 takes ~0.5 s). */
export function validatorsFor(key: string, op: SpecOperation): Validators {
  let found = compiled.get(key);
  if (found) return found;
  const { general, body, components } = shared();
  const group = (where: string) => {
    const params = (op.parameters ?? []).filter((p) => p.in === where);
    return {
      type: 'object',
      properties: Object.fromEntries(params.map((p) => [p.name, p.schema ?? {}])),
      required: params.filter((p) => p.required).map((p) => p.name),
    };
  };
  const bodySchema = op.requestBody?.content?.['application/json']?.schema ?? {};
  found = {
    general: general.compile({
      type: 'object',
      required: ['query', 'headers', 'params'],
      properties: { query: group('query'), params: group('path'), headers: group('header') },
      components,
    }),
    body: body.compile({
      type: 'object',
      required: op.requestBody?.required ? ['body'] : [],
      properties: { body: bodySchema },
      components,
    }),
  };
  compiled.set(key, found);
  return found;
}

export function errorsText(errors: ErrorObject[]): string {
  return shared().general.errorsText(errors, { dataVar: 'request' });
}

/** readOnly properties are not required in requests (express-openapi-validator's preprocessor). */
function withoutReadOnlyRequired<T>(node: T): T {
  if (Array.isArray(node)) return node.map((n: unknown) => withoutReadOnlyRequired(n)) as T;
  if (!node || typeof node !== 'object') return node;
  const copy = Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, withoutReadOnlyRequired(v as unknown)]),
  ) as Record<string, unknown>;
  const props = copy.properties as Record<string, { readOnly?: boolean }> | undefined;
  if (props && Array.isArray(copy.required)) {
    copy.required = (copy.required as string[]).filter((name) => !props[name]?.readOnly);
  }
  return copy as T;
}
