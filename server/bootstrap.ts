import { NestFactory } from '@nestjs/core';
import { readEnvironment } from './config/panel-environment';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { dirname, resolve } from 'node:path';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { loadConfig } from './config/config.loader';
import { DirectoryLock } from './config/directory-lock';
import { panelFiles, restrictPanelFiles } from './config/private-files';
import { trustProxyWarning } from './config/trust-proxy';
import { PanelLogger } from './logging/panel-logger';

export interface PanelOptions {
  configFile?: string;
  env?: NodeJS.ProcessEnv;
  logger?: PanelLogger;
  clientDir?: string;
  /** Called once with the admin password of a newly created config file. */
  onCreatedPassword?: (password: string, file: string) => void;
}

export function configFileFrom(env: NodeJS.ProcessEnv): string {
  return readEnvironment(env).configFile;
}

/** Loads and validates the configuration, then builds the app; throws ConfigError for a bad file. */
export async function createPanel(options: PanelOptions = {}): Promise<NestExpressApplication> {
  const env = options.env ?? process.env;
  const file = resolve(options.configFile ?? configFileFrom(env));
  const logger = options.logger ?? PanelLogger.fromEnv(env);
  // Before anything opens the database or touches a run: one process per config directory.
  const lock = new DirectoryLock(dirname(file), 'the panel');
  lock.acquire();
  const loaded = await loadConfig(file).catch((err: unknown) => {
    lock.release();
    throw err;
  });
  if (loaded.createdPassword) options.onCreatedPassword?.(loaded.createdPassword, file);
  for (const warning of loaded.warnings) logger.warn(warning, 'Config');
  for (const refused of restrictPanelFiles(panelFiles(file, dirname(file))))
    logger.warn(
      `${refused} is readable by other users and the panel cannot change that (chmod 600 it).`,
      'Config',
    );
  const proxyWarning = trustProxyWarning(readEnvironment(env).trustProxy);
  if (proxyWarning) logger.warn(proxyWarning, 'Security');
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ file, initial: loaded.config, env, lock }),
    { logger, bodyParser: false, abortOnError: false },
  );
  configureApp(app, { env, clientDir: options.clientDir, dataDirectory: dirname(file) });
  return app;
}
