import { MediaRequestStatus, MediaStatus, UserType } from './seerr.constants';
import type { SeerrMedia, SeerrRequest, SeerrSettings, SeerrUser } from './seerr.model';
import type { SeerrTitle } from './seerr.titles';

export * from './seerr.model';

/** A row with every nullable column null, as a new entity is before its fields are set. */
export function emptyUser(createdAt: string, permissions: number): Omit<SeerrUser, 'id'> {
  return {
    ...{
      email: '',
      plexUsername: null,
      jellyfinUsername: null,
      username: null,
      recoveryLinkExpirationDate: null,
    },
    ...{ userType: UserType.LOCAL, plexId: null, jellyfinUserId: null, permissions, avatar: '' },
    ...{ avatarETag: null, avatarVersion: null, movieQuotaLimit: null, movieQuotaDays: null },
    ...{
      tvQuotaLimit: null,
      tvQuotaDays: null,
      createdAt,
      updatedAt: createdAt,
      password: null,
      settings: null,
    },
  };
}

/**
 * Seerr's database as the simulator keeps it: rows in Maps by id (insertion order = id order), with an
 * e-mail index and a per-user request index kept right by the mutation methods below.
 */
export class SeerrState {
  readonly users = new Map<number, SeerrUser>();
  readonly media = new Map<number, SeerrMedia>();
  readonly requests = new Map<number, SeerrRequest>();
  readonly titles = { movie: new Map<number, SeerrTitle>(), tv: new Map<number, SeerrTitle>() };
  /** Generated passwords "mailed" by POST /user without a password (mail enabled). */
  readonly outbox: { to: string; password: string }[] = [];
  /** Signed-in sessions (`connect.sid` id → user id), from POST /auth/local. */
  readonly sessions = new Map<string, number>();
  nextUserId = 1;
  nextRequestId = 1;
  nextSettingsId = 1;
  private readonly byEmail = new Map<string, number>();
  private readonly byRequester = new Map<number, Set<number>>();

  constructor(readonly settings: SeerrSettings) {}

  /** Stores the row itself (no copy); an id of 0 or none means "next id". */
  addUser(user: Omit<SeerrUser, 'id'> & { id?: number }): SeerrUser {
    const row = user as SeerrUser;
    row.id = user.id || this.nextUserId;
    row.email = user.email.toLowerCase();
    this.nextUserId = Math.max(this.nextUserId, row.id + 1);
    this.users.set(row.id, row);
    this.byEmail.set(row.email, row.id);
    return row;
  }

  userByEmail(email: string): SeerrUser | undefined {
    const user = this.users.get(this.byEmail.get(email.toLowerCase()) ?? -1);
    return user && user.email === email.toLowerCase() ? user : undefined;
  }

  setEmail(user: SeerrUser, email: string): void {
    if (this.byEmail.get(user.email) === user.id) this.byEmail.delete(user.email);
    user.email = email.toLowerCase();
    this.byEmail.set(user.email, user.id);
  }

  addRequest(request: Omit<SeerrRequest, 'id'> & { id?: number }): SeerrRequest {
    const row: SeerrRequest = { ...request, id: request.id ?? this.nextRequestId };
    this.nextRequestId = Math.max(this.nextRequestId, row.id + 1);
    this.requests.set(row.id, row);
    let mine = this.byRequester.get(row.requestedById);
    if (!mine) this.byRequester.set(row.requestedById, (mine = new Set()));
    mine.add(row.id);
    return row;
  }

  requestCount(userId: number): number {
    return this.byRequester.get(userId)?.size ?? 0;
  }

  /** The user's requests, newest (highest id) first. */
  requestsOf(userId: number): SeerrRequest[] {
    const ids = [...(this.byRequester.get(userId) ?? [])].sort((a, b) => b - a);
    return ids.map((id) => this.requests.get(id)).filter((r): r is SeerrRequest => !!r);
  }

  /** Removing a pending request resets still-pending media to UNKNOWN (Seerr's removal hook). */
  deleteRequest(id: number): SeerrRequest | undefined {
    const request = this.requests.get(id);
    if (!request) return undefined;
    this.requests.delete(id);
    this.byRequester.get(request.requestedById)?.delete(id);
    const media = this.media.get(request.mediaId);
    if (media && request.status === MediaRequestStatus.PENDING) {
      const key = request.is4k ? 'status4k' : 'status';
      if (media[key] === MediaStatus.PENDING) media[key] = MediaStatus.UNKNOWN;
    }
    return request;
  }

  /** Deletes the user and, one by one, all of their requests; returns the removed requests. */
  deleteUser(id: number): SeerrRequest[] {
    const user = this.users.get(id);
    if (!user) return [];
    const removed = this.requestsOf(id)
      .reverse()
      .map((r) => this.deleteRequest(r.id))
      .filter((r): r is SeerrRequest => !!r);
    this.byRequester.delete(id);
    this.users.delete(id);
    if (this.byEmail.get(user.email) === id) this.byEmail.delete(user.email);
    return removed;
  }

  touch(user: SeerrUser): void {
    user.updatedAt = new Date().toISOString();
  }
}
