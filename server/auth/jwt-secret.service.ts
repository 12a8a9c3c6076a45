import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import { secretRedactor } from '../common/redact';
import { writeFileAtomic } from '../config/atomic-file';
import { ConfigStore } from '../config/config.store';

/** The key that signs access tokens: JWT_SECRET, else a random one generated once and kept beside config.json. */
@Injectable()
export class JwtSecretService implements OnModuleInit {
  private readonly logger = new Logger(JwtSecretService.name);
  private value?: string;
  private keyObject?: KeyObject;

  constructor(private readonly config: ConfigStore) {}

  get secret(): string {
    if (!this.value) throw new Error('The JWT secret is not loaded yet.');
    return this.value;
  }

  /**
   * The secret as a prepared key. jsonwebtoken first tries to read a string secret as a public key
   * (and fails) on every verify; a KeyObject skips that, which is most of the guard's cost per request.
   */
  get key(): KeyObject {
    this.keyObject ??= createSecretKey(Buffer.from(this.secret, 'utf8'));
    return this.keyObject;
  }

  onModuleInit(): void {
    const fromEnv = this.config.env.jwtSecret;
    if (fromEnv) {
      if (fromEnv.length < 32)
        this.logger.warn('JWT_SECRET is shorter than 32 characters; use a longer random value.');
      this.value = fromEnv;
    } else if (existsSync(this.config.jwtSecretFile)) {
      this.value = readFileSync(this.config.jwtSecretFile, 'utf8').trim();
    } else {
      this.value = randomBytes(48).toString('base64url');
      writeFileAtomic(this.config.jwtSecretFile, `${this.value}\n`, { mode: 0o600 });
      this.logger.log(`Generated a new JWT signing secret in ${this.config.jwtSecretFile}`);
    }
    secretRedactor.setKnownSecrets('jwt', [this.value]);
  }
}
