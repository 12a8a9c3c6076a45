import type { NestExpressApplication } from '@nestjs/platform-express';
import { readEnvironment } from './config/panel-environment';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AuditRoutes } from './audit/audit-routes';
import { AuditService } from './audit/audit.service';
import { auditRefusedBodies } from './audit/refused-body.audit';
import { clientAssets } from './common/client-assets';
import { PACKAGE_ROOT } from './common/version';
import { translateBodyErrors } from './common/body-errors.middleware';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { refuseDeepJson } from './common/json-depth';
import { seerrsyncAliases } from './common/seerrsync-aliases';
import { createValidationPipe } from './common/validation.pipe';
import { buildOpenApiDocument } from './openapi/openapi-document';

export interface SetupOptions {
  env?: NodeJS.ProcessEnv;
  /** Folder of the built Angular app; served on the same origin when it exists. */
  clientDir?: string;
  /** The config directory (config.json, the database), named when the disk is full. */
  dataDirectory?: string;
}

export const DEFAULT_CLIENT_DIR = join(PACKAGE_ROOT, 'dist', 'client', 'browser');

function serveClient(app: NestExpressApplication, clientDir: string): void {
  const index = join(clientDir, 'index.html');
  if (!existsSync(index)) return;
  const assets = clientAssets(clientDir);
  // API requests never look for a file on disk.
  app.use((req: Request, res: Response, next: NextFunction): void => {
    if (req.path.startsWith('/api')) next();
    else void assets(req, res, next);
  });
  // Client-side routes (/dashboard, /audit, …) all load the app shell.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/api')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}

/**
 * How a request reaches a handler and how an error leaves: the /api prefix, the JSON body limit, the
 * validation pipe and the one error shape. Shared with the controller specs, which boot one controller.
 */
export function configureRequestHandling(
  app: NestExpressApplication,
  env: NodeJS.ProcessEnv,
  dataDirectory = dirname(readEnvironment(env).configFile),
): void {
  app.setGlobalPrefix('api');
  app.use(seerrsyncAliases);
  app.useBodyParser('json', { limit: readEnvironment(env).bodyLimit, verify: refuseDeepJson });
  app.use(translateBodyErrors);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter(dataDirectory));
}

/** Everything about the HTTP surface that is not a route: shared by main, the spec script and the tests. */
export function configureApp(app: NestExpressApplication, options: SetupOptions = {}): void {
  const env = options.env ?? process.env;
  const environment = readEnvironment(env);
  app.set('trust proxy', environment.trustProxy);
  app.disable('x-powered-by');
  // API answers change with every poll; hashing each body for an ETag costs more than it saves.
  app.set('etag', false);
  configureRequestHandling(app, env, options.dataDirectory);
  app.use(auditRefusedBodies(app.get(AuditRoutes), app.get(AuditService)));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Angular components and Swagger UI set styles at run time.
          styleSrc: ["'self'", "'unsafe-inline'"],
          // Request posters are TMDB thumbnails (the links Seerr's own pages use); that host only.
          imgSrc: ["'self'", 'data:', 'https://image.tmdb.org'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      // Panels are often reached over plain HTTP on a LAN; do not pin browsers to HTTPS.
      strictTransportSecurity: false,
    }),
  );
  if (environment.corsOrigins.length) app.enableCors({ origin: environment.corsOrigins, credentials: false });
  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'Seedbox Panel API',
  });
  serveClient(app, options.clientDir ?? DEFAULT_CLIENT_DIR);
}
