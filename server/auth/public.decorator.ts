import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = 'seedbox:public';
/** The OpenAPI extension the spec builder turns into `security: []`. */
export const PUBLIC_EXTENSION = 'x-public';

/** Opens a route to callers without a token, and says so in the OpenAPI spec. Everything else is denied. */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension(PUBLIC_EXTENSION, true));
