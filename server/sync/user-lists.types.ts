import type { TimedMediaServerRead } from '../media-servers/media-servers.service';
import type { MediaServerRead, MediaUser } from '../media-servers/media-server.types';
import type { SeerrUser } from '../seerr/seerr.types';
import type { UpstreamError } from '../upstream/upstream-error';

/** A list an upstream answered before, shown (marked stale) while it cannot be read. */
export interface StaleList<T> {
  users: T[];
  read_at: string;
}

export type SeerrUsersRead =
  | { ok: true; users: SeerrUser[]; read_at: string }
  | {
      ok: false;
      error: string;
      failure: UpstreamError;
      read_at: string;
      /** This Seerr's (same URL and key) last good list, if one was read since the panel started. */
      last_good: StaleList<SeerrUser> | null;
    };

export type ServerUsersRead =
  | Extract<TimedMediaServerRead, { ok: true }>
  | (Extract<TimedMediaServerRead, { ok: false }> & {
      /** This server entry's last good list, if one was read since the panel started. */
      last_good: StaleList<MediaUser> | null;
    });

/** Every user list the Users page is made from, each read or failed on its own. */
export interface UserLists {
  servers: ServerUsersRead[];
  seerr: SeerrUsersRead;
  /** When the oldest of the lists shown was read (a stale list's own time). */
  read_at: string;
}

/** The lists a view shows: a failed read replaced by its last good list where there is one. */
export interface ShownLists {
  servers: MediaServerRead[];
  /** Null when Seerr could not be read and no earlier list of it is known. */
  seerrUsers: SeerrUser[] | null;
}

export function shownLists(lists: UserLists): ShownLists {
  const { seerr } = lists;
  return {
    servers: lists.servers.map((r) =>
      r.ok || !r.last_good ? r : { server: r.server, ok: true, users: r.last_good.users },
    ),
    seerrUsers: seerr.ok ? seerr.users : (seerr.last_good?.users ?? null),
  };
}

/** When the list shown for a read was read: its own time, or its last good list's. */
export function shownAt(read: ServerUsersRead | SeerrUsersRead): string {
  return read.ok ? read.read_at : (read.last_good?.read_at ?? read.read_at);
}
