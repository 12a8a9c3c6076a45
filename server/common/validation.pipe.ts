import { BadRequestException, ValidationError, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import type { FieldErrorDto } from './error-body';

/** Flattens class-validator's tree into `a.b[0].c: message` pairs; also used for the config file. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldErrorDto[] {
  const out: FieldErrorDto[] = [];
  for (const error of errors) {
    const isIndex = /^\d+$/.test(error.property);
    const field = parent
      ? isIndex
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`
      : error.property;
    for (const constraint of Object.values(error.constraints ?? {})) {
      // class-validator writes "property must be…"; name the full path instead.
      const prefix = [`property ${error.property} `, `${error.property} `].find((p) =>
        constraint.startsWith(p),
      );
      const text = prefix ? constraint.slice(prefix.length) : constraint;
      out.push({ field, message: `${field} ${text}` });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** Distinct query strings remembered per query DTO class. */
const QUERIES_PER_CLASS = 256;

/**
 * The validation pipe, remembering the outcome for query strings: browsers poll the same few queries
 * (the torrent list every few seconds from every tab), and class-transformer and class-validator cost
 * more than the rest of such a request. Each request gets its own copy, so a handler that changes its
 * query object changes nobody else's; invalid queries are validated (and refused) every time.
 */
class QueryRememberingValidationPipe extends ValidationPipe {
  private readonly known = new WeakMap<object, Map<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype;
    if (metadata.type !== 'query' || !type || !value || typeof value !== 'object') {
      return super.transform(value, metadata);
    }
    const key = JSON.stringify(value);
    let byQuery = this.known.get(type);
    const hit = byQuery?.get(key);
    if (hit) return Object.assign(Object.create(Object.getPrototypeOf(hit) as object) as object, hit);
    const result = (await super.transform(value, metadata)) as unknown;
    if (!result || typeof result !== 'object') return result;
    if (!byQuery) this.known.set(type, (byQuery = new Map<string, object>()));
    if (byQuery.size >= QUERIES_PER_CLASS) byQuery.clear();
    byQuery.set(key, Object.assign(Object.create(Object.getPrototypeOf(result) as object) as object, result));
    return result;
  }
}

export function createValidationPipe(): ValidationPipe {
  return new QueryRememberingValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalidFields(flattenValidationErrors(errors)),
  });
}

/** The 400 of a body the DTO let through but the route refuses, in the validation pipe's shape. */
export function invalidField(field: string, message: string): BadRequestException {
  return invalidFields([{ field, message }]);
}

function invalidFields(details: { field: string; message: string }[]): BadRequestException {
  const fields = [...new Set(details.map((d) => d.field))].join(', ');
  return new BadRequestException({
    message: `Invalid request (${fields}): ${details.map((d) => d.message).join('; ')}`,
    details,
  });
}
