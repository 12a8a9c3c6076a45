import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { APP_NAME, APP_VERSION } from '../common/version';
import { PUBLIC_EXTENSION } from '../auth/public.decorator';
import { ErrorBodyDto } from '../common/error-body';

export const BEARER = 'bearer';

/** Recursively sorts object keys so the committed spec diffs cleanly; arrays keep their order. */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    ) as T;
  }
  return value;
}

const ERROR_RESPONSE = {
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBodyDto' } } },
};

/** Public routes get `security: []`; every other route documents its 401. All get 400 for bad input. */
function applyAuthAndErrors(document: OpenAPIObject): void {
  for (const pathItem of Object.values(document.paths)) {
    for (const operation of Object.values(pathItem as Record<string, Record<string, unknown>>)) {
      if (!operation || typeof operation !== 'object' || !('responses' in operation)) continue;
      const responses = operation.responses as Record<string, unknown>;
      if (operation[PUBLIC_EXTENSION]) {
        operation.security = [];
        delete operation[PUBLIC_EXTENSION];
      } else {
        responses['401'] ??= { description: 'Missing, expired or revoked access token', ...ERROR_RESPONSE };
      }
      const hasInput =
        Boolean(operation.requestBody) || ((operation.parameters as unknown[]) ?? []).length > 0;
      if (hasInput)
        responses['400'] ??= {
          description: 'Invalid input; the message names each field',
          ...ERROR_RESPONSE,
        };
    }
  }
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`${APP_NAME} API`)
    .setDescription(
      'Seerr user sync and seedbox control. Every route needs a bearer access token unless marked public.',
    )
    .setVersion(APP_VERSION)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER)
    .addSecurityRequirements(BEARER)
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
    extraModels: [ErrorBodyDto],
  });
  applyAuthAndErrors(document);
  return sortKeys(document);
}
