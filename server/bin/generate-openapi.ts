import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppModule } from '../app.module';
import type { PanelConfig } from '../config/config.schema';
import { buildOpenApiDocument } from '../openapi/openapi-document';

/**
 * Writes openapi/openapi.json from the route metadata alone. The app is built in preview mode (no
 * provider is instantiated) and never listens, so this needs no config file, database or network.
 */
async function generate(target: string): Promise<void> {
  const placeholder: PanelConfig = {
    admin: { username: 'admin', password: 'unused' },
    seerr: { url: '', api_key: '' },
    media_servers: [],
    user_settings: {},
  };
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ file: '/nonexistent/config.json', initial: placeholder, persist: false }),
    { preview: true, logger: false, abortOnError: false },
  );
  app.setGlobalPrefix('api');
  const document = buildOpenApiDocument(app);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
}

generate(resolve(process.argv[2] ?? 'openapi/openapi.json')).catch((err: unknown) => {
  process.stderr.write(`Could not generate the OpenAPI spec: ${String(err)}\n`);
  process.exit(1);
});
