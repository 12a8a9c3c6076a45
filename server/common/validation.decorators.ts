import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

/** Composite decorators keep class-validator rules and the OpenAPI schema in step. */

interface StringOptions {
  optional?: boolean;
  maxLength?: number;
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
  };
  return applyDecorators(
    ...(options.optional
      ? [IsOptional(), ApiPropertyOptional(doc)]
      : [IsNotEmpty(), ApiProperty({ ...doc, minLength: 1 })]),
    IsString(),
    MaxLength(maxLength),
  );
}

interface IntOptions {
  optional?: boolean;
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
  };
  return applyDecorators(
    ...(options.optional ? [IsOptional(), ApiPropertyOptional(doc)] : [ApiProperty(doc)]),
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

export function DateTimeField(options: { optional?: boolean; description?: string } = {}): PropertyDecorator {
  const doc = { type: String, format: 'date-time', description: options.description };
  return applyDecorators(
    ...(options.optional ? [IsOptional(), ApiPropertyOptional(doc)] : [ApiProperty(doc)]),
    Type(() => String),
    IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 date or date-time' }),
  );
}
