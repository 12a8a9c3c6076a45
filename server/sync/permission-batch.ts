import type { SeerrClient } from '../seerr/seerr.client';
import { SeerrUserCreationFailed } from './seerr-user.creator';
import type { WriteGate } from './write-gate';

/**
 * Users per bulk write. Their outcomes are recorded only once it answers, so this also bounds how many
 * created accounts a killed run would leave out of its record.
 */
export const PERMISSION_CHUNK = 50;

/** What became of one new user's permissions: null when they are set. */
export type PermissionOutcome<T> = (item: T, id: number, failed: SeerrUserCreationFailed | null) => void;

/**
 * The permissions of the accounts a sync creates, set with Seerr's bulk `PUT /user` for up to
 * PERMISSION_CHUNK users with the same bits, instead of one `POST settings/permissions` per user.
 * Each user is settled when its chunk's write answers. A failed write fails exactly that chunk, each
 * user as "Created as #id, but finishing it failed: …", as a failed single write would; a user Seerr
 * leaves out of its answer failed too.
 */
export class PermissionBatch<T> {
  private readonly waiting = new Map<number, Array<{ item: T; id: number }>>();
  private readonly writes: Array<Promise<void>> = [];

  constructor(
    private readonly seerr: SeerrClient,
    private readonly gate: WriteGate | undefined,
    private readonly settle: PermissionOutcome<T>,
    private readonly chunk = PERMISSION_CHUNK,
  ) {}

  add(item: T, id: number, permissions: number): void {
    const users = this.waiting.get(permissions) ?? [];
    users.push({ item, id });
    this.waiting.set(permissions, users);
    if (users.length >= this.chunk) this.write(permissions);
  }

  /** Writes what is still waiting; resolves once every user added so far is settled. */
  async flush(): Promise<void> {
    for (const permissions of [...this.waiting.keys()]) this.write(permissions);
    await Promise.all(this.writes);
  }

  private write(permissions: number): void {
    const users = this.waiting.get(permissions) ?? [];
    this.waiting.delete(permissions);
    if (!users.length) return;
    const ids = users.map((u) => u.id);
    const put = () => this.seerr.setPermissionsOfMany(ids, permissions);
    const answer = this.gate ? this.gate.run('permissions', put) : put();
    this.writes.push(
      answer.then(
        (updated) => {
          for (const { item, id } of users) {
            const left = updated.has(id) ? null : new Error('Seerr did not set its permissions');
            this.settle(item, id, left && new SeerrUserCreationFailed(id, left));
          }
        },
        (err: unknown) => {
          for (const { item, id } of users) this.settle(item, id, new SeerrUserCreationFailed(id, err));
        },
      ),
    );
  }
}
