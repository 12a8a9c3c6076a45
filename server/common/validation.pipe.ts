import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
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

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      const fields = [...new Set(details.map((d) => d.field))].join(', ');
      return new BadRequestException({
        message: `Invalid request (${fields}): ${details.map((d) => d.message).join('; ')}`,
        details,
      });
    },
  });
}
