import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../config/atomic-file';
import { ConfigStore } from '../config/config.store';

const VALID_ID = /^[A-Za-z0-9-]{8,100}$/;

/**
 * The one `X-Plex-Client-Identifier` of this installation. plex.tv lists every identifier it sees as a
 * device of the account, so a new one per request or per restart would flood the owner's device list;
 * it is kept in `.plex-client-id` beside config.json, made on first use (never at start-up).
 */
@Injectable()
export class PlexClientIdentifier {
  private readonly logger = new Logger(PlexClientIdentifier.name);
  private id?: string;

  constructor(private readonly config: ConfigStore) {}

  get file(): string {
    return join(this.config.directory, '.plex-client-id');
  }

  get(): string {
    this.id ??= this.load() ?? this.create();
    return this.id;
  }

  private load(): string | undefined {
    try {
      const stored = readFileSync(this.file, 'utf8').trim();
      if (VALID_ID.test(stored)) return stored;
      this.logger.warn(`${this.file} does not hold a client identifier; making a new one.`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        this.logger.warn(`Could not read ${this.file}: ${(err as Error).message}`);
    }
    return undefined;
  }

  private create(): string {
    const id = randomUUID();
    try {
      writeFileAtomic(this.file, `${id}\n`);
    } catch (err) {
      this.logger.warn(
        `Could not save the Plex client identifier to ${this.file} (${(err as Error).message}); ` +
          'plex.tv will see a new device after a restart.',
      );
    }
    return id;
  }
}
