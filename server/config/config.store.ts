import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { secretRedactor } from '../common/redact';
import { writeFileAtomic } from './atomic-file';
import type { DirectoryLock } from './directory-lock';
import { applyEnvironment, environmentOverrides } from './config.environment';
import { configSecrets } from './config-secrets';
import { readEnvironment, type PanelEnvironment } from './panel-environment';
import { ConfigError, configProblems, parseConfigText, serializeConfig } from './config.loader';
import type { PanelConfig } from './config.schema';

export const CONFIG_OPTIONS = Symbol('CONFIG_OPTIONS');

export interface ConfigOptions {
  /** Absolute path of config.json; its directory also holds the database and the JWT secret. */
  file: string;
  /** The validated content, loaded before the app is built (so a bad file stops start-up early). */
  initial: PanelConfig;
  env?: NodeJS.ProcessEnv;
  /** False only for the OpenAPI generator, which must never touch the disk. */
  persist?: boolean;
  /** The config directory's lock, taken by the entry point before the app is built; released on shutdown. */
  lock?: DirectoryLock;
}

export type ConfigMutator = (draft: PanelConfig) => void | Promise<void>;
type ConfigListener = (config: PanelConfig) => void;

/**
 * The configuration held in memory and written back to config.json. Updates run one at a time, each
 * on the result of the previous one, so concurrent edits never lose each other's changes.
 */
@Injectable()
export class ConfigStore implements OnApplicationShutdown {
  private readonly logger = new Logger(ConfigStore.name);
  private fileConfig: PanelConfig;
  private effectiveConfig: PanelConfig;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<ConfigListener>();
  private readonly environment: NodeJS.ProcessEnv;
  /** The panel's own environment variables, read through their schema. */
  readonly env: PanelEnvironment;

  constructor(@Inject(CONFIG_OPTIONS) private readonly options: ConfigOptions) {
    this.environment = options.env ?? process.env;
    this.env = readEnvironment(this.environment);
    this.fileConfig = structuredClone(options.initial);
    this.effectiveConfig = applyEnvironment(this.fileConfig, this.environment);
    this.registerSecrets();
  }

  onApplicationShutdown(): void {
    this.options.lock?.release();
  }

  get file(): string {
    return this.options.file;
  }

  get directory(): string {
    return dirname(this.options.file);
  }

  get databaseFile(): string {
    return join(this.directory, 'seedbox-panel.db');
  }

  get jwtSecretFile(): string {
    return join(this.directory, '.jwt-secret');
  }

  /** The configuration in force: the file with the environment's service variables applied. */
  get(): PanelConfig {
    return this.effectiveConfig;
  }

  /** plex.tv's base URL; overridable (PLEX_TV_URL) only so tests and the demo can use a simulator. */
  get plexTvUrl(): string {
    return this.env.plexTvUrl;
  }

  /** Environment variables currently overriding the file. */
  overrides(): string[] {
    return environmentOverrides(this.environment);
  }

  onChange(listener: ConfigListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Applies `mutate` to a copy of the file as it is on disk now (so an edit made by hand while the panel
   * runs is kept), validates it and writes it atomically. A file edited into something invalid is never
   * overwritten: the update fails with a 409 saying so.
   */
  update(mutate: ConfigMutator): Promise<PanelConfig> {
    const run = this.queue.then(async () => {
      const draft = structuredClone(this.latestFile());
      await mutate(draft);
      const problems = configProblems(draft);
      if (problems.length) {
        throw new BadRequestException({
          message: `The configuration change is not valid: ${problems.join('; ')}`,
        });
      }
      if (this.options.persist !== false) {
        writeFileAtomic(this.options.file, serializeConfig(draft), { backup: true });
      }
      this.fileConfig = draft;
      this.effectiveConfig = applyEnvironment(draft, this.environment);
      this.registerSecrets();
      for (const listener of this.listeners) {
        try {
          listener(this.effectiveConfig);
        } catch (err) {
          this.logger.error(`A configuration listener failed: ${(err as Error).message}`);
        }
      }
      return this.effectiveConfig;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The file's content now: what the panel last wrote or read, unless someone has edited it since. */
  private latestFile(): PanelConfig {
    if (this.options.persist === false) return this.fileConfig;
    let text: string;
    try {
      text = readFileSync(this.options.file, 'utf8');
    } catch {
      return this.fileConfig; // gone: the write puts the panel's version back
    }
    try {
      const onDisk = parseConfigText(text, this.options.file);
      if (serializeConfig(onDisk) !== serializeConfig(this.fileConfig)) {
        this.logger.log(`${this.options.file} was edited outside the panel; the change is kept.`);
      }
      return onDisk;
    } catch (err) {
      const problems = err instanceof ConfigError ? err.problems.join('; ') : (err as Error).message;
      throw new ConflictException(
        `${this.options.file} was changed by hand and is no longer valid (${problems}); the panel did not overwrite it. Fix the file, then try again.`,
      );
    }
  }

  /** Re-reads the file from disk and reports whether it still parses and validates. */
  checkFile(): { ok: boolean; detail: string } {
    if (this.options.persist === false) return { ok: true, detail: 'in memory' };
    try {
      parseConfigText(readFileSync(this.options.file, 'utf8'), this.options.file);
      return { ok: true, detail: `${this.options.file} is readable and valid` };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  private registerSecrets(): void {
    secretRedactor.setKnownSecrets(
      'config',
      configSecrets(this.effectiveConfig).map((s) => s.value),
    );
  }
}
