import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  registerDecorator,
} from 'class-validator';

/** Composite decorators keep class-validator rules and the OpenAPI schema in step. */

/**
 * An optional field may be absent. It may also be null unless `nullable: false`, for bodies where null
 * would mean nothing (a name, a URL) and must be refused with the field named.
 */
function optional(nullable: boolean | undefined): PropertyDecorator {
  return nullable === false ? ValidateIf((_o, value) => value !== undefined) : IsOptional();
}

interface StringOptions {
  optional?: boolean;
  nullable?: boolean;
  maxLength?: number;
  minLength?: number;
  /** With the sentence shown when it does not match, e.g. `must be an http:// or https:// URL`. */
  pattern?: { regex: RegExp; message: string };
  example?: string;
  description?: string;
  format?: string;
}

export function StringField(options: StringOptions = {}): PropertyDecorator {
  const maxLength = options.maxLength ?? 1000;
  const doc = {
    type: String,
    maxLength,
    example: options.example,
    description: options.description,
    format: options.format,
    pattern: options.pattern?.regex.source,
    nullable: options.optional && options.nullable === true ? true : undefined,
  };
  return applyDecorators(
    ...(options.optional
      ? [optional(options.nullable), ApiPropertyOptional({ ...doc, minLength: options.minLength })]
      : [IsNotEmpty(), ApiProperty({ ...doc, minLength: options.minLength ?? 1 })]),
    IsString(),
    ...(options.minLength !== undefined ? [MinLength(options.minLength)] : []),
    MaxLength(maxLength),
    ...(options.pattern
      ? [Matches(options.pattern.regex, { message: `$property ${options.pattern.message}` })]
      : []),
  );
}

interface IntOptions {
  optional?: boolean;
  nullable?: boolean;
  min?: number;
  max?: number;
  example?: number;
  description?: string;
  default?: number;
}

/** An integer, also from a query string (`?page=2`). */
export function IntField(options: IntOptions = {}): PropertyDecorator {
  const doc = {
    type: 'integer' as const,
    minimum: options.min,
    maximum: options.max,
    example: options.example,
    description: options.description,
    default: options.default,
    nullable: options.optional && options.nullable === true ? true : undefined,
  };
  return applyDecorators(
    ...(options.optional ? [optional(options.nullable), ApiPropertyOptional(doc)] : [ApiProperty(doc)]),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value,
    ),
    IsInt(),
    ...(options.min !== undefined ? [Min(options.min)] : []),
    ...(options.max !== undefined ? [Max(options.max)] : []),
  );
}

export function EnumField<T extends string>(
  values: readonly T[],
  options: { optional?: boolean; enumName: string; description?: string; default?: T },
): PropertyDecorator {
  const doc = {
    enum: values,
    enumName: options.enumName,
    description: options.description,
    default: options.default,
  };
  return applyDecorators(
    ...(options.optional ? [IsOptional(), ApiPropertyOptional(doc)] : [ApiProperty(doc)]),
    IsIn(values as T[], { message: `$property must be one of: ${values.join(', ')}` }),
  );
}

export function DateTimeField(
  options: { optional?: boolean; description?: string; notAfter?: string } = {},
): PropertyDecorator {
  const doc = { type: String, format: 'date-time', description: options.description };
  return applyDecorators(
    ...(options.optional ? [IsOptional(), ApiPropertyOptional(doc)] : [ApiProperty(doc)]),
    Type(() => String),
    IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 date or date-time' }),
    ...(options.notAfter ? [NotAfter(options.notAfter)] : []),
  );
}

/** The start of a range (`from`) must not come after its end (`other`), when both are given (dates or date-times). */
export function NotAfter(other: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'notAfter',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [other],
      options: { message: `$property must not be after ${other}` },
      validator: {
        validate(value: unknown, args): boolean {
          const end = (args?.object as Record<string, unknown> | undefined)?.[other];
          if (typeof value !== 'string' || typeof end !== 'string') return true;
          const [a, b] = [Date.parse(value), Date.parse(end)];
          return Number.isNaN(a) || Number.isNaN(b) || a <= b;
        },
      },
    });
}

/** A boolean, also from a query string (`?enabled=true`). */
export function BooleanField(
  options: { optional?: boolean; nullable?: boolean; description?: string; default?: boolean } = {},
): PropertyDecorator {
  const doc = {
    type: Boolean,
    description: options.description,
    default: options.default,
    nullable: options.optional && options.nullable === true ? true : undefined,
  };
  return applyDecorators(
    ...(options.optional ? [optional(options.nullable), ApiPropertyOptional(doc)] : [ApiProperty(doc)]),
    Transform(({ value }: { value: unknown }) =>
      value === 'true' ? true : value === 'false' ? false : value,
    ),
    IsBoolean({ message: '$property must be true or false' }),
  );
}
