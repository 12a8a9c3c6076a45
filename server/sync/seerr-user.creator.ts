import { Injectable } from '@nestjs/common';
import { SeerrClient } from '../seerr/seerr.client';
import type { SeerrQuotas } from '../seerr/seerr.types';
import type { Quota } from './sync-plan.types';
import type { WriteGate } from './write-gate';

export interface SeerrUserToCreate {
  username: string;
  email?: string | null;
  password: string;
  /** The same limit for movies and series; none leaves Seerr's default. */
  quota: Quota | null;
  /** None leaves Seerr's default permissions. */
  permissions: number | null | undefined;
}

/** Seerr's movie and series quotas, both set to one limit over one period. */
export function sameQuotas({ limit, days }: Quota): SeerrQuotas {
  return { movieQuotaLimit: limit, movieQuotaDays: days, tvQuotaLimit: limit, tvQuotaDays: days };
}

function reason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A create that failed; `seerrId` is set when the account exists but its quota or permissions do not. */
export class SeerrUserCreationFailed extends Error {
  constructor(
    readonly seerrId: number | null,
    override readonly cause: unknown,
  ) {
    super(
      seerrId === null
        ? `Seerr rejected it: ${reason(cause)}`
        : `Created as #${seerrId}, but finishing it failed: ${reason(cause)}`,
    );
    this.name = 'SeerrUserCreationFailed';
  }
}

/**
 * Creating a Seerr account, for the sync and for a manual add: create, then quota, then permissions.
 * Never retried: a retried POST /user could create the account twice.
 */
@Injectable()
export class SeerrUserCreator {
  constructor(private readonly seerr: SeerrClient) {}

  /** The new account's id; throws SeerrUserCreationFailed. */
  async create(user: SeerrUserToCreate): Promise<number> {
    const id = await this.createAccount(user);
    try {
      if (user.permissions !== null && user.permissions !== undefined)
        await this.seerr.setPermissions(id, user.permissions);
      return id;
    } catch (err) {
      throw new SeerrUserCreationFailed(id, err);
    }
  }

  /**
   * The account and its quota, not its permissions: the sync sets those for many new users at once
   * (`PermissionBatch`). Each request goes through `gate` when one is given. Throws SeerrUserCreationFailed.
   */
  async createAccount(user: SeerrUserToCreate, gate?: WriteGate): Promise<number> {
    const through = <T>(kind: string, work: () => Promise<T>) => (gate ? gate.run(kind, work) : work());
    let id: number | null = null;
    try {
      const account = { username: user.username, email: user.email ?? undefined, password: user.password };
      const created = (await through('create', () => this.seerr.createUser(account))).id;
      id = created;
      // Quota before permissions: Seerr ignores quotas on managers, so set them while the user is plain.
      // Just created as a LOCAL user, whose omitted e-mail Seerr keeps: the quota write needs no read.
      const quota = user.quota;
      if (quota)
        await through('quota', () => this.seerr.setQuotas(created, sameQuotas(quota), { email: null }));
      return created;
    } catch (err) {
      throw new SeerrUserCreationFailed(id, err);
    }
  }
}
